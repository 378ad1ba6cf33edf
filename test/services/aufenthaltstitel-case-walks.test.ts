/** The cases the law treats apart not walked in aufenthaltstitel-cases.test.ts, in German and English, axe on every step. */
import '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import { setLocale } from '../../src/i18n/locale.js';
import { CASES, walks } from '../helpers/aufenthaltstitel.js';

describe('efa-aufenthaltstitel: cases walked', () => {
  after(() => setLocale('de'));
  walks(CASES.slice(2));
});
