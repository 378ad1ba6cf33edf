import type { PropertyValues } from 'lit';
import { define } from '../define.js';
import type { EfaForm } from '../efa-form/efa-form.js';
import { EfaIdentityForm, type ApplyIdentity } from '../efa-form/identity-form.js';
import type { FormEngine } from '../../src/engine/form-engine.js';
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
 * The `identity` property takes the identity the portal authenticated (`efa-identity-request` asks the portal for
 * it): while the signed-in person applies for themselves it fills the applicant's names, birth date and place,
 * nationality and address, read-only with their origin (src/services/aufenthaltstitel/identity-fields.ts), and the
 * submission records it in `authentifizierung`. Everything else is the form shell's.
 *
 * @event efa-identity-request - The form needs the applicant's identity from the portal (see the form shell's
 * identity handling, components/efa-form/identity-form.ts).
 */
export class EfaAufenthaltstitel extends EfaIdentityForm {
  static override properties = { ...EfaIdentityForm.properties, route: {} };

  /** The route, when the portal links to one; otherwise the first step asks. */
  declare route: string | undefined;

  constructor() {
    super();
    this.spec = aufenthaltstitel as EfaForm['spec'];
  }

  protected override async loadIdentity(): Promise<ApplyIdentity> {
    return (await import('../../src/services/aufenthaltstitel/identity.js')).applyIdentity;
  }

  /** Whether the identity is the applicant's depends on whom the application is for. */
  protected override identityScope(engine: FormEngine): unknown {
    return engine.visibleValue('/antragstellung');
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
