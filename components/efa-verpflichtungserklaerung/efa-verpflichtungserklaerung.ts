import { define } from '../define.js';
import { EfaForm } from '../efa-form/efa-form.js';
import { verpflichtungserklaerung } from '../../src/services/verpflichtungserklaerung/spec.js';
import type { VerpflichtungserklaerungConfig } from '../../src/services/verpflichtungserklaerung/config.js';

/**
 * @summary The Verpflichtungserklärung (§§ 66–68 AufenthG): a host's formal obligation to cover a foreign
 * guest's living costs, from the start page to the confirmation with the reference number.
 *
 * Attributes and events are those of the form shell (`endpoint`, `adapter`, `authority`, `lang`;
 * `efa-step-change`, `efa-submit`, `efa-submitted`, `efa-submit-error`). The `config` property takes a
 * `VerpflichtungserklaerungConfig`: the fee and the creditworthiness tables of the authority.
 */
export class EfaVerpflichtungserklaerung extends EfaForm {
  declare config: VerpflichtungserklaerungConfig | undefined;

  constructor() {
    super();
    this.spec = verpflichtungserklaerung as EfaForm['spec'];
  }
}

define('efa-verpflichtungserklaerung', EfaVerpflichtungserklaerung);

declare global {
  interface HTMLElementTagNameMap {
    'efa-verpflichtungserklaerung': EfaVerpflichtungserklaerung;
  }
}
