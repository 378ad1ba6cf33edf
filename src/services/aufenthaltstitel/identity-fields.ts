import type { IdentityFields } from '../common/identity.js';

/**
 * What an authenticated identity fills in the application for a residence permit: the applicant's own data, and
 * only when they apply for themselves (`identityIsApplicants`); a parent, guardian or employer who applies for
 * someone else is not the person these fields describe, so their identity fills nothing. The first nationality
 * is the one the identity names; more may follow.
 */
export const aufenthaltstitelIdentityFields: IdentityFields = {
  '/person/vornamen': 'vornamen',
  '/person/familienname': 'familienname',
  '/person/geburtsname': 'geburtsname',
  '/person/geburtsdatum': 'geburtsdatum',
  '/person/geburtsort': 'geburtsort',
  '/person/staatsangehoerigkeiten/0': 'staatsangehoerigkeit',
  '/anschrift/strasse': 'anschrift/strasse',
  '/anschrift/hausnummer': 'anschrift/hausnummer',
  '/anschrift/postleitzahl': 'anschrift/postleitzahl',
  '/anschrift/ort': 'anschrift/ort',
};

/** Whether the signed-in person is the applicant: they apply for themselves (`antragstellung` `selbst`). */
export function identityIsApplicants(data: { antragstellung?: unknown }): boolean {
  return data.antragstellung === 'selbst';
}
