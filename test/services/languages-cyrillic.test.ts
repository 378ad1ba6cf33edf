import { expect } from '@open-wc/testing';
import { LANGUAGE_GROUPS, walkLanguages } from '../helpers/languages-walk.js';

walkLanguages(LANGUAGE_GROUPS['cyrillic']);

describe('the language walks', () => {
  it('cover every shipped language after German and English', async () => {
    const { targetLocales } = await import('../../src/i18n/generated/locale-codes.js');
    const walked = Object.values(LANGUAGE_GROUPS).flat();
    expect([...walked].sort()).to.deep.equal(targetLocales.filter((locale) => locale !== 'en').sort());
  });
});
