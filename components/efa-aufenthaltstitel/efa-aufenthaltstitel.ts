import type { PropertyValues } from 'lit';
import { define } from '../define.js';
import { EfaForm } from '../efa-form/efa-form.js';
import { aufenthaltstitel } from '../../src/services/aufenthaltstitel/spec.js';

/**
 * @summary The application for a residence permit (Aufenthaltstitel), one element for every route.
 *
 * Without `route` the first step asks, in plain words, why the person wants to live in Germany; with it
 * (`erwerbstaetigkeit`, `ausbildung`, `familie`, `niederlassung`, `humanitaer`, `schutz-24`,
 * `nebenbestimmungen`, `aufenthaltskarte`, `anerkennung` (§ 16d AufenthG), `forschung` (§ 18d), `ict-karte`
 * (§§ 19, 19b), `arbeitsplatzsuche` (§ 20), `bleiberecht` (§§ 25a, 25b), `beschaeftigungserlaubnis` (work or
 * training with a Duldung or Aufenthaltsgestattung), `neue-karte` (new card for an unchanged title, § 45c
 * AufenthV), `beschleunigtes-fachkraefteverfahren` (an employer applies for a skilled worker abroad, § 81a
 * AufenthG)) that question is skipped. Everything else is the form shell's.
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
  }
}

define('efa-aufenthaltstitel', EfaAufenthaltstitel);

declare global {
  interface HTMLElementTagNameMap {
    'efa-aufenthaltstitel': EfaAufenthaltstitel;
  }
}
