import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-amount-field/efa-amount-field.js';
import type { EfaAmountField } from '../../components/efa-amount-field/efa-amount-field.js';
import { parseAmount } from '../../src/engine/values.js';
import { setLocale } from '../../src/i18n/locale.js';
import { runFieldConformance } from '../helpers/field-conformance.js';

function input(el: EfaAmountField): HTMLInputElement {
  return el.shadowRoot!.querySelector('input')!;
}

async function type(el: EfaAmountField, text: string): Promise<void> {
  el.focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

describe('efa-amount-field', () => {
  runFieldConformance('efa-amount-field', {
    value: '1250.50',
    shows: (el) => input(el).value,
    showsValue: '1.250,50',
    entries: ['1250.50'],
    userFills: (el) => type(el, '12,5'),
    filledValue: '12.50',
    restoredValue: '1250.50',
    autocomplete: 'off',
  });

  afterEach(() => setLocale('de'));

  it('labels the input, names the currency once and ties the hint to it', async () => {
    const el = await fixture<EfaAmountField>(html`<efa-amount-field label="Monatliches Nettoeinkommen" hint="Nach Steuern"></efa-amount-field>`);
    const control = input(el);
    expect(control.labels![0]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Monatliches Nettoeinkommen in Euro');
    const currency = el.shadowRoot!.querySelector('[part="currency"]')!;
    expect(currency.textContent).to.equal('€');
    expect(currency.getAttribute('aria-hidden'), 'the label already says "in Euro"').to.equal('true');
    expect(control.inputMode).to.equal('decimal');
    expect(control.getAttribute('aria-describedby')).to.equal('hint');
    expect(control.getAttribute('aria-invalid')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('reads amounts the German way', () => {
    expect(parseAmount('1.250,50', 'de')).to.equal(1250.5);
    expect(parseAmount('1250,5', 'de')).to.equal(1250.5);
    expect(parseAmount('1250', 'de')).to.equal(1250);
    expect(parseAmount(' 1.250 € ', 'de')).to.equal(1250);
    expect(parseAmount('1.234.567,89', 'de')).to.equal(1234567.89);
    expect(parseAmount('-20,00', 'de')).to.equal(-20);
    expect(parseAmount('1.5', 'de'), 'a dot is no decimal separator in German').to.equal(undefined);
    expect(parseAmount('12,345', 'de'), 'more than cents').to.equal(undefined);
    expect(parseAmount('1250,', 'de')).to.equal(undefined);
    expect(parseAmount('zwölf', 'de')).to.equal(undefined);
  });

  it('reads amounts the English way', () => {
    expect(parseAmount('1,250.50', 'en')).to.equal(1250.5);
    expect(parseAmount('1250.5', 'en')).to.equal(1250.5);
    expect(parseAmount('€1,250', 'en')).to.equal(1250);
    expect(parseAmount('1.250,50', 'en')).to.equal(undefined);
    expect(parseAmount('1,5', 'en')).to.equal(undefined);
  });

  it('reports a number while typing, reformats only when the user leaves', async () => {
    const el = await fixture<EfaAmountField>(html`<efa-amount-field label="Nettoeinkommen"></efa-amount-field>`);
    el.after(Object.assign(document.createElement('button'), { textContent: 'weiter' }));
    const values: Array<number | string | undefined> = [];
    el.addEventListener('input', () => values.push(el.value));
    await type(el, '1250,5');
    expect(values).to.deep.equal(['1.00', '12.00', '125.00', '1250.00', '1250,', '1250.50']);
    expect(input(el).value, 'never reformatted while focused').to.equal('1250,5');
    const changed = oneEvent(el, 'change');
    await sendKeys({ press: 'Tab' });
    await changed;
    await el.updateComplete;
    expect(input(el).value).to.equal('1.250,50');
    expect(el.value).to.equal('1250.50');
  });

  it('keeps text that is not an amount, as typed', async () => {
    const el = await fixture<EfaAmountField>(html`<efa-amount-field label="Nettoeinkommen"></efa-amount-field>`);
    el.after(Object.assign(document.createElement('button'), { textContent: 'weiter' }));
    await type(el, '1.5');
    expect(el.value).to.equal('1.5');
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(input(el).value).to.equal('1.5');
    input(el).focus();
    input(el).select();
    await sendKeys({ press: 'Backspace' });
    expect(el.value, 'empty is no value').to.equal(undefined);
  });

  it('reads and shows amounts the English way when the locale is English', async () => {
    await setLocale('en');
    const el = await fixture<EfaAmountField>(html`<efa-amount-field label="Net income"></efa-amount-field>`);
    el.after(Object.assign(document.createElement('button'), { textContent: 'next' }));
    const amount = el.shadowRoot!.querySelector('.amount')!;
    expect(amount.firstElementChild!.getAttribute('part'), 'the € goes before the amount').to.equal('currency');
    await type(el, '1,250.5');
    expect(el.value).to.equal('1250.50');
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(input(el).value).to.equal('1,250.50');
  });

  it('shows a value set from outside formatted for the active locale', async () => {
    const el = await fixture<EfaAmountField>(html`<efa-amount-field label="Nettoeinkommen" .value=${'2000.00'}></efa-amount-field>`);
    const amount = el.shadowRoot!.querySelector('.amount')!;
    expect(input(el).value).to.equal('2.000,00');
    expect(amount.lastElementChild!.getAttribute('part'), 'the € goes after the amount').to.equal('currency');
    await setLocale('en');
    await el.updateComplete;
    expect(input(el).value).to.equal('2,000.00');
    el.value = 'zwölf';
    await el.updateComplete;
    expect(input(el).value, 'text is shown as it is').to.equal('zwölf');
    el.value = undefined;
    await el.updateComplete;
    expect(input(el).value).to.equal('');
  });

});
