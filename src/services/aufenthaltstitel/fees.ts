/**
 * The fee a residence-permit application usually costs, from the route and answers given so far. The amounts are
 * `GEBUEHREN` in src/rules/legal-parameters.ts; their sources: AufenthV §§ 44, 44a, 45, 47, 50, 52 and PAuswGebV § 1 as consolidated on 19 Aug 2026 (kmein/gesetze),
 * checked on 2 Dec 2026. It is a notice, not a bill: reductions and exemptions in the individual case (§§ 52, 53
 * AufenthV, e.g. public scholarships) are the office's to decide, and so is the higher § 44 Nr. 1 fee for the
 * settlement permit of highly qualified people (§ 18c Abs. 3), which the form does not tell apart.
 */
import { msg } from '@lit/localize';
import type { Text } from '../../engine/definition.js';
import { ageOn, isIsoDate } from '../common/answers.js';
import { GEBUEHREN } from '../../rules/legal-parameters.js';

export interface Fee {
  /** In euros; 0 where the law exempts the person. */
  euros: number;
  /** The provision, as the user reads it. */
  basis: Text;
  /** Whether § 50 Abs. 1 AufenthV (half for minors) has been applied. */
  halvedForMinor: boolean;
}


/** Protection statuses exempt from the § 45 Nr. 1 and 2 fees (§ 52 Abs. 3 Nr. 2 AufenthV). */
const EXEMPT_PROTECTION = ['asylberechtigung', 'fluechtlingsschutz', 'subsidiaerer-schutz'];

export function usualFee(get: (pointer: string) => unknown, today: string): Fee | undefined {
  const route = get('/route');
  const zweck = get('/zweck');
  const birth = get('/person/geburtsdatum');
  const age = isIsoDate(birth) && birth < today ? ageOn(birth, today) : undefined;
  const fee = (euros: number, basis: Text): Fee => ({ euros, basis, halvedForMinor: false });

  let result: Fee | undefined;
  if (route === 'aufenthaltskarte') {
    // § 50 does not apply to § 47 Abs. 3; the Personalausweis fee has its own rate for people under 24.
    if (age === undefined) return undefined;
    return age < 24
      ? fee(GEBUEHREN.karteUnter24, () => msg('§ 47 Abs. 3 AufenthV mit § 1 Abs. 1 Nr. 1 PAuswGebV'))
      : fee(GEBUEHREN.karte, () => msg('§ 47 Abs. 3 AufenthV mit § 1 Abs. 1 Nr. 2 PAuswGebV'));
  }
  if (route === 'niederlassung') {
    result =
      zweck === 'daueraufenthalt-eu'
        ? fee(GEBUEHREN.daueraufenthaltEu, () => msg('§ 44a AufenthV'))
        : fee(GEBUEHREN.niederlassungserlaubnis, () => msg('§ 44 Nr. 3 AufenthV'));
  } else if (route === 'nebenbestimmungen') {
    if (zweck === 'beschaeftigung-erlauben') return fee(0, () => msg('§ 47 Abs. 2 AufenthV'));
    result = fee(GEBUEHREN.auflage, () => msg('§ 47 Abs. 1 Nr. 3 AufenthV'));
  } else if (typeof zweck === 'string' && EXEMPT_PROTECTION.includes(zweck)) {
    return fee(0, () => msg('§ 52 Abs. 3 AufenthV'));
  } else if (get('/antragsart') === 'verlaengerung') {
    result = fee(GEBUEHREN.verlaengerung, () => msg('§ 45 Nr. 2 AufenthV'));
  } else if (get('/antragsart') === 'ersterteilung') {
    result =
      get('/aufenthaltstitelAktuell/art') === 'aufenthaltserlaubnis'
        ? fee(GEBUEHREN.zweckwechsel, () => msg('§ 45 Nr. 3 AufenthV'))
        : fee(GEBUEHREN.ersterteilung, () => msg('§ 45 Nr. 1 AufenthV'));
  }
  if (result && age !== undefined && age < 18) return { ...result, euros: result.euros / 2, halvedForMinor: true };
  return result;
}
