import { define } from '../define.js';
import type { EfaForm } from '../efa-form/efa-form.js';
import { EfaIdentityForm, type ApplyIdentity } from '../efa-form/identity-form.js';
import { verpflichtungserklaerung } from '../../src/services/verpflichtungserklaerung/spec.js';
import type { VerpflichtungserklaerungConfig } from '../../src/services/verpflichtungserklaerung/config.js';

/**
 * @summary The Verpflichtungserklärung (§§ 66–68 AufenthG): a host's formal obligation to cover a foreign
 * guest's living costs, from the start page to the confirmation with the reference number.
 *
 * Attributes and events are those of the form shell (`endpoint`, `adapter`, `authority`, `lang`;
 * `efa-step-change`, `efa-submit`, `efa-submitted`, `efa-submit-error`). The `config` property takes a
 * `VerpflichtungserklaerungConfig`: the fee, the creditworthiness tables, the data-protection details of
 * the authority and the level of identity the fully online declaration needs. The `identity` property takes the
 * signer's identity as the portal authenticated it (`efa-identity-request` asks the portal for it); the declaration
 * is offered fully online only at the level `config.onlineAbgabe.mindestVertrauensniveau` (default `hoch`, the
 * online ID function). Without it the form prepares the declaration for signing at the office.
 *
 * @event efa-identity-request - The form needs the signer's identity from the portal (see the form shell's
 * identity handling, components/efa-form/identity-form.ts).
 */
export class EfaVerpflichtungserklaerung extends EfaIdentityForm {
  declare config: VerpflichtungserklaerungConfig | undefined;

  constructor() {
    super();
    this.spec = verpflichtungserklaerung as EfaForm['spec'];
  }

  protected override async loadIdentity(): Promise<ApplyIdentity> {
    const { applyIdentity } = await import('../../src/services/verpflichtungserklaerung/identity.js');
    return (engine, identity, config) => applyIdentity(engine, identity, config as VerpflichtungserklaerungConfig | undefined);
  }
}

define('efa-verpflichtungserklaerung', EfaVerpflichtungserklaerung);

declare global {
  interface HTMLElementTagNameMap {
    'efa-verpflichtungserklaerung': EfaVerpflichtungserklaerung;
  }
}
