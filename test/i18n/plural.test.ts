import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { plural, type PluralMessages } from '../../src/i18n/plural.js';
import { setLocale } from '../../src/i18n/locale.js';
import '../../components/efa-textarea/efa-textarea.js';
import type { EfaTextarea } from '../../components/efa-textarea/efa-textarea.js';

// Each message names its category, so the test sees which form a count gets in a language.
const byCategory: PluralMessages = {
  zero: () => 'zero',
  one: () => 'one',
  two: () => 'two',
  few: () => 'few',
  many: () => 'many',
  other: () => 'other',
};
const forms = (locale: string, counts: number[]) => counts.map((count) => plural(count, byCategory, locale));

describe('counted messages take the form the language needs', () => {
  afterEach(() => setLocale('de'));

  it('German and English: one and other', () => {
    expect(forms('de', [0, 1, 2, 5, 21])).to.deep.equal(['other', 'one', 'other', 'other', 'other']);
    expect(forms('en', [0, 1, 2, 5, 21])).to.deep.equal(['other', 'one', 'other', 'other', 'other']);
  });

  it('Russian and Ukrainian: 1 and 21 one, 2–4 few, 5–20 many', () => {
    for (const locale of ['ru', 'uk']) {
      expect(forms(locale, [1, 2, 4, 5, 11, 21, 22, 25])).to.deep.equal(['one', 'few', 'few', 'many', 'many', 'one', 'few', 'many']);
    }
  });

  it('Arabic: all six forms', () => {
    expect(forms('ar', [0, 1, 2, 3, 11, 100])).to.deep.equal(['zero', 'one', 'two', 'few', 'many', 'other']);
  });

  it('the character count of a text field speaks English singular and plural', async () => {
    await setLocale('en');
    const el = await fixture<EfaTextarea>(html`<efa-textarea label="Reason" maxlength="3"></efa-textarea>`);
    el.focus();
    await sendKeys({ type: 'ab' });
    await el.updateComplete;
    const count = () => el.shadowRoot!.querySelector('.count')!.textContent!.trim();
    expect(count()).to.equal('You have 1 character remaining');
    await sendKeys({ type: 'cde' });
    await el.updateComplete;
    expect(count()).to.equal('You have 2 characters too many');
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(count()).to.equal('You have 1 character too many');
  });
});
