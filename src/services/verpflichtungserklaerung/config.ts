/** What an authority can set for the Verpflichtungserklärung through the element's `config` property. */
import type { CreditworthinessConfig } from '../../rules/creditworthiness.js';
import type { DataProtectionConfig } from '../common/data-protection.js';
import { formatAmount } from '../../i18n/format.js';
import { getLocale } from '../../i18n/locale.js';
import { GEBUEHREN } from '../../rules/legal-parameters.js';
import type { OnlineAbgabeConfig, TrustLevel } from '../common/identity.js';

export interface VerpflichtungserklaerungConfig extends OnlineAbgabeConfig {
  /** Fee per declaration in euros; default 29 € (§ 47 Abs. 1 Nr. 12 AufenthV). */
  gebuehr?: number;
  /** Parameter tables of the creditworthiness self-check (§ 850c ZPO, Regelbedarf) and the need shares. */
  bonitaet?: CreditworthinessConfig;
  /** Who the authority is for the data-protection notice (Art. 13 DSGVO): controller, officer, supervisor, retention. */
  datenschutz?: DataProtectionConfig;
  /**
   * The fully online declaration (electronic, § 68 Abs. 2 AufenthG): offered only when the portal established the
   * signer's identity (the element's `identity`) at least at `mindestVertrauensniveau`; default `hoch`, the
   * online ID function. Below it, the form explains that the declaration is signed at the office.
   * `identifikationsbericht`: see `OnlineAbgabeConfig`.
   */
  onlineAbgabe?: { mindestVertrauensniveau?: TrustLevel; identifikationsbericht?: boolean };
}

/** The fee as the user reads it, e.g. "29,00 €". */
export function feeOf(config: VerpflichtungserklaerungConfig | undefined): string {
  return formatAmount(config?.gebuehr ?? GEBUEHREN.verpflichtungserklaerung, getLocale());
}
