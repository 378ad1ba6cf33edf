/** What an authority can set for the residence permit through the element's `config` property. */
import type { DataProtectionConfig } from '../common/data-protection.js';
import type { OnlineAbgabeConfig } from '../common/identity.js';

/** `onlineAbgabe.identifikationsbericht`: see `OnlineAbgabeConfig`. */
export interface AufenthaltstitelConfig extends OnlineAbgabeConfig {
  /** Who the authority is for the data-protection notice (Art. 13 DSGVO). */
  datenschutz?: DataProtectionConfig;
  dokumente?: {
    /**
     * Purpose codes (schemas/codelists/dokumentzweck.json, not `weitere`) of the documents this authority wants
     * uploaded with the application wherever the answers call for them; all others stay optional.
     */
    pflicht?: readonly string[];
  };
}
