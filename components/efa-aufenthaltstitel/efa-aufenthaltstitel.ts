import type { PropertyValues } from 'lit';
import { define } from '../define.js';
import { EfaForm } from '../efa-form/efa-form.js';
import { aufenthaltstitel } from '../../src/services/aufenthaltstitel/spec.js';
import type { AufenthaltstitelConfig } from '../../src/services/aufenthaltstitel/config.js';
import { REQUIRABLE_PURPOSES } from '../../src/services/aufenthaltstitel/documents.js';

/**
 * @summary The application for a residence permit (Aufenthaltstitel), one element for every route.
 *
 * Without `route` the first step asks, in plain words, why the person wants to live in Germany; with it
 * (`erwerbstaetigkeit`, `ausbildung`, `familie`, `niederlassung`, `humanitaer`, `schutz-24`,
 * `nebenbestimmungen`, `aufenthaltskarte`, `anerkennung` (§ 16d AufenthG), `forschung` (§ 18d), `ict-karte`
 * (§§ 19, 19b), `arbeitsplatzsuche` (§ 20), `bleiberecht` (§§ 25a, 25b), `beschaeftigungserlaubnis` (work or
 * training with a Duldung or Aufenthaltsgestattung), `neue-karte` (new card for an unchanged title, § 45c
 * AufenthV), `beschleunigtes-fachkraefteverfahren` (an employer applies for a skilled worker abroad, § 81a
 * AufenthG)) that question is skipped. `config.dokumente.pflicht` (purpose codes of
 * schemas/codelists/dokumentzweck.json) makes those uploads required wherever the answers call for them.
 * Everything else is the form shell's.
 */
export class EfaAufenthaltstitel extends EfaForm {
  static override properties = { ...EfaForm.properties, route: {} };

  /** The route, when the portal links to one; otherwise the first step asks. */
  declare route: string | undefined;

  constructor() {
    super();
    this.spec = aufenthaltstitel as EfaForm['spec'];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.engine && this.route && (changed.has('route') || changed.has('spec'))) this.engine.preset('/route', this.route);
    if (this.engine && (changed.has('config') || changed.has('spec'))) this.engine.preset('/nachweise/pflichtdokumente', this.requiredDocuments());
  }

  /** The authority's required documents; a code the form does not know is a mistake of the page, named in the console. */
  private requiredDocuments(): string[] | undefined {
    const codes = (this.config as AufenthaltstitelConfig | undefined)?.dokumente?.pflicht ?? [];
    const unknown = codes.filter((code) => !REQUIRABLE_PURPOSES.includes(code));
    if (unknown.length > 0) console.warn(`efa-aufenthaltstitel: config.dokumente.pflicht names no document purpose: ${unknown.join(', ')}`);
    const known = [...new Set(codes.filter((code) => REQUIRABLE_PURPOSES.includes(code)))];
    return known.length > 0 ? known : undefined;
  }
}

define('efa-aufenthaltstitel', EfaAufenthaltstitel);

declare global {
  interface HTMLElementTagNameMap {
    'efa-aufenthaltstitel': EfaAufenthaltstitel;
  }
}
