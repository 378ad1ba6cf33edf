import type { PropertyValues } from 'lit';
import { define } from '../define.js';
import { EfaForm } from '../efa-form/efa-form.js';
import { verpflichtungserklaerung } from '../../src/services/verpflichtungserklaerung/spec.js';
import type { VerpflichtungserklaerungConfig } from '../../src/services/verpflichtungserklaerung/config.js';
import { authenticationRecord, type AuthenticatedIdentity } from '../../src/services/common/identity.js';

/**
 * @summary The Verpflichtungserklärung (§§ 66–68 AufenthG): a host's formal obligation to cover a foreign
 * guest's living costs, from the start page to the confirmation with the reference number.
 *
 * Attributes and events are those of the form shell (`endpoint`, `adapter`, `authority`, `lang`;
 * `efa-step-change`, `efa-submit`, `efa-submitted`, `efa-submit-error`). The `config` property takes a
 * `VerpflichtungserklaerungConfig`: the fee, the creditworthiness tables and the data-protection details of
 * the authority. The `identity` property takes the signer's identity as the portal authenticated it.
 */
export class EfaVerpflichtungserklaerung extends EfaForm {
  static override properties = { ...EfaForm.properties, identity: { attribute: false } };

  declare config: VerpflichtungserklaerungConfig | undefined;
  /**
   * The signer's identity as the host portal authenticated it (`{ trustLevel: 'substanziell' | 'hoch', token }`).
   * It is recorded in the submission (`authentifizierung`) for the receiver to verify; only at level `hoch`
   * (the online ID function) is the declaration offered fully online. Without it the form prepares the
   * declaration for signing at the office.
   */
  declare identity: AuthenticatedIdentity | undefined;

  constructor() {
    super();
    this.spec = verpflichtungserklaerung as EfaForm['spec'];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.engine && (changed.has('identity') || changed.has('spec'))) {
      this.engine.preset('/authentifizierung', authenticationRecord(this.identity));
    }
  }
}

define('efa-verpflichtungserklaerung', EfaVerpflichtungserklaerung);

declare global {
  interface HTMLElementTagNameMap {
    'efa-verpflichtungserklaerung': EfaVerpflichtungserklaerung;
  }
}
