/**
 * Numbers, amounts and dates in every shipped language, with Chromium's own CLDR data: what a citizen types on
 * their keyboard is read, what the form shows can be typed back, and dates stay in the calendar the form asks in.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { amountValue, dateValue, fromFieldValue, parseAmount } from '../../src/engine/values.js';
import { formatAmount, formatDate } from '../../src/i18n/format.js';
import { setLocale, type Locale } from '../../src/i18n/locale.js';
import { sourceLocale, targetLocales } from '../../src/i18n/generated/locale-codes.js';
import '../../components/efa-amount-field/efa-amount-field.js';
import '../../components/efa-date-field/efa-date-field.js';
import type { EfaAmountField } from '../../components/efa-amount-field/efa-amount-field.js';
import type { EfaDateField } from '../../components/efa-date-field/efa-date-field.js';
import type { FieldDef } from '../../src/engine/definition.js';

const LOCALES: Locale[] = [sourceLocale, ...targetLocales];
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC = '٠١٢٣٤٥٦٧٨٩';
const inScript = (digits: string, text: string) => text.replace(/\d/g, (digit) => digits[Number(digit)]!);

describe('numbers and dates in every shipped language', () => {
  afterEach(() => setLocale('de'));

  for (const locale of LOCALES) {
    it(`${locale}: an amount the field shows reads back as the same amount, also with ordinary spaces`, () => {
      for (const amount of ['0.50', '7.00', '1250.50', '1234567.89']) {
        const shown = amountValue.format(amount, locale);
        expect(shown, `${amount} shown in ${locale}`).to.match(/^[\d\s.,\u00a0\u202f'’]+$/);
        expect(amountValue.parse(shown, locale), `"${shown}"`).to.equal(amount);
        expect(amountValue.parse(shown.replace(/[\u00a0\u202f]/g, ' '), locale), `"${shown}" typed with spaces`).to.equal(amount);
      }
      expect(parseAmount('1250', locale)).to.equal(1250);
      expect(amountValue.parse('zwölf', locale), 'what is no amount is kept as typed').to.equal('zwölf');
    });

    it(`${locale}: digits typed on a Persian or Arabic keyboard count as digits`, () => {
      expect(parseAmount(inScript(PERSIAN, '1250'), locale)).to.equal(1250);
      expect(parseAmount(inScript(ARABIC, '1250'), locale)).to.equal(1250);
      expect(dateValue.parse({ day: inScript(PERSIAN, '27'), month: inScript(ARABIC, '3'), year: inScript(PERSIAN, '1985') })).to.equal('1985-03-27');
      const count: FieldDef = { type: 'field', kind: 'integer', name: 'kinder', label: () => 'Kinder' };
      expect(fromFieldValue(count, inScript(PERSIAN, '3'))).to.equal(3);
    });

    it(`${locale}: a date reads in the Gregorian calendar the form asks in, an amount as euros`, () => {
      const date = formatDate('1985-03-27', locale);
      const year = new Intl.NumberFormat(locale, { useGrouping: false }).format(1985);
      expect(date, `27 March 1985 in ${locale}`).to.contain(year);
      expect(formatAmount(1250.5, locale)).to.match(/€|EUR/);
    });
  }

  it('fa: the Persian way of writing an amount (۱٬۲۵۰٫۵) and the Latin one (1250.5) are both read', () => {
    expect(parseAmount('۱٬۲۵۰٫۵', 'fa')).to.equal(1250.5);
    expect(parseAmount('1250.5', 'fa')).to.equal(1250.5);
    expect(parseAmount('١٬٢٥٠٫٥', 'ar')).to.equal(1250.5);
  });

  it('fr, uk, ru: thousands typed with an ordinary space are read', () => {
    for (const locale of ['fr', 'uk', 'ru']) expect(parseAmount('1 250,50', locale), locale).to.equal(1250.5);
  });

  it('the amount field in Persian takes Persian digits and shows the amount in digits any keyboard can type', async () => {
    await setLocale('fa');
    const el = await fixture<EfaAmountField>(html`<efa-amount-field label="درآمد خالص ماهانه"></efa-amount-field>`);
    el.shadowRoot!.querySelector('input')!.focus();
    await sendKeys({ type: '۱۲۵۰٫۵' });
    expect(el.value).to.equal('1250.50');
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('input')!.value).to.equal('1,250.50');
    await expect(el).to.be.accessible();
  });

  it('the date field in Arabic takes Arabic digits', async () => {
    await setLocale('ar');
    const el = await fixture<EfaDateField>(html`<efa-date-field label="تاريخ الميلاد"></efa-date-field>`);
    el.shadowRoot!.querySelector('input')!.focus();
    for (const part of ['٢٧', '٣', '١٩٨٥']) {
      await sendKeys({ type: part });
      await sendKeys({ press: 'Tab' });
    }
    expect(el.value).to.equal('1985-03-27');
    await expect(el).to.be.accessible();
  });
});
