/** The residence-permit routes not walked in aufenthaltstitel.test.ts, in German and English, axe on every step. */
import '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import { setLocale } from '../../src/i18n/locale.js';
import { ROUTES, walks } from '../helpers/aufenthaltstitel.js';

describe('efa-aufenthaltstitel: routes walked', () => {
  after(() => setLocale('de'));
  walks(ROUTES.slice(4));
});
