import type { IdentityFields } from '../common/identity.js';

/**
 * What an authenticated identity fills in the Verpflichtungserklärung: the declaring person's own data. (A
 * declaring organisation is represented by the person who logged in; their data is not asked for, so nothing
 * is filled there.) The first nationality is the one the identity names; more may follow.
 */
export const verpflichtungserklaerungIdentityFields: IdentityFields = {
  '/erklaerender/person/vornamen': 'vornamen',
  '/erklaerender/person/familienname': 'familienname',
  '/erklaerender/person/geburtsname': 'geburtsname',
  '/erklaerender/person/geburtsdatum': 'geburtsdatum',
  '/erklaerender/person/geburtsort': 'geburtsort',
  '/erklaerender/person/staatsangehoerigkeiten/0': 'staatsangehoerigkeit',
  '/erklaerender/person/anschrift/strasse': 'anschrift/strasse',
  '/erklaerender/person/anschrift/hausnummer': 'anschrift/hausnummer',
  '/erklaerender/person/anschrift/postleitzahl': 'anschrift/postleitzahl',
  '/erklaerender/person/anschrift/ort': 'anschrift/ort',
};
