import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-date-field/efa-date-field.js';
import type { EfaDateField } from '../../components/efa-date-field/efa-date-field.js';
import { dateValue } from '../../src/engine/values.js';
import { runFieldConformance } from '../helpers/field-conformance.js';

function inputs(el: EfaDateField): HTMLInputElement[] {
  return [...el.shadowRoot!.querySelectorAll('input')];
}

/** Types 5, Tab, 3, Tab, 1990: the 5th of March 1990, part by part as a user does. */
async function typeDate(el: EfaDateField): Promise<void> {
  el.focus();
  await sendKeys({ type: '5' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: '3' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: '1990' });
}

describe('efa-date-field', () => {
  runFieldConformance('efa-date-field', {
    value: '2007-03-27',
    shows: (el) => inputs(el).map((input) => input.value),
    showsValue: ['27', '03', '2007'],
    entries: ['2007-03-27'],
    // Moving from part to part inside the field: the suite checks that this reports no change.
    userFills: typeDate,
    filledValue: '1990-03-05',
    restoredValue: '2007-03-27',
  });

  it('groups day, month and year in a fieldset whose legend is the label', async () => {
    const el = await fixture<EfaDateField>(
      html`<efa-date-field label="Geburtsdatum" hint="Zum Beispiel 27 3 2007"></efa-date-field>`,
    );
    const fieldset = el.shadowRoot!.querySelector('fieldset')!;
    expect(fieldset.querySelector('legend')!.textContent!.trim()).to.equal('Geburtsdatum');
    expect(fieldset.hasAttribute('aria-describedby'), 'described at each input, where a screen reader reads it').to.equal(false);
    expect(inputs(el).map((input) => input.getAttribute('aria-describedby'))).to.deep.equal(['hint', 'hint', 'hint']);
    expect(inputs(el).map((input) => input.labels![0]!.textContent!.trim())).to.deep.equal(['Tag', 'Monat', 'Jahr']);
    for (const input of inputs(el)) {
      expect(input.inputMode).to.equal('numeric');
      expect(input.getAttribute('aria-invalid')).to.equal('false');
      expect(input.hasAttribute('autocomplete'), 'no autocomplete unless it is a birthday').to.equal(false);
    }
    await expect(el).to.be.accessible();
  });

  it('offers birthday autofill for each part', async () => {
    const el = await fixture<EfaDateField>(html`<efa-date-field label="Geburtsdatum" autocomplete="bday"></efa-date-field>`);
    expect(inputs(el).map((input) => input.autocomplete)).to.deep.equal(['bday-day', 'bday-month', 'bday-year']);
  });

  it('reports an ISO date once all parts are typed, without rewriting what the user typed', async () => {
    const el = await fixture<EfaDateField>(html`<efa-date-field label="Geburtsdatum"></efa-date-field>`);
    const values: Array<string | undefined> = [];
    el.addEventListener('input', () => values.push(el.value));
    await typeDate(el);
    expect(values).to.deep.equal(['--5', '-3-5', '1-03-05', '19-03-05', '199-03-05', '1990-03-05']);
    await el.updateComplete;
    expect(inputs(el).map((input) => input.value)).to.deep.equal(['5', '3', '1990']);
  });

  it('keeps incomplete or non-numeric parts as typed and is empty when all parts are', async () => {
    const el = await fixture<EfaDateField>(html`<efa-date-field label="Geburtsdatum"></efa-date-field>`);
    const [day, , year] = inputs(el);
    day!.focus();
    await sendKeys({ type: '3' });
    year!.focus();
    await sendKeys({ type: '2020' });
    expect(el.value).to.equal('2020--3');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'März' });
    expect(el.value).to.equal('2020-März-3');
    for (const input of inputs(el)) {
      input.focus();
      input.select();
      await sendKeys({ press: 'Backspace' });
    }
    expect(el.value).to.equal(undefined);
  });

  it('builds the value from the parts', () => {
    expect(dateValue.parse({ day: '27', month: '3', year: '2007' })).to.equal('2007-03-27');
    expect(dateValue.parse({ day: ' 1 ', month: '12', year: '1999' })).to.equal('1999-12-01');
    expect(dateValue.parse({ day: '27', month: '3', year: '07' }), 'the schema flags a short year').to.equal('07-03-27');
    expect(dateValue.parse({ day: '27', month: '', year: '2007' })).to.equal('2007--27');
    expect(dateValue.parse({ day: '', month: '', year: '' })).to.equal(undefined);
  });

  it('shows a value set from outside in the parts', async () => {
    const el = await fixture<EfaDateField>(html`<efa-date-field label="Geburtsdatum" .value=${'2007-03-27'}></efa-date-field>`);
    expect(inputs(el).map((input) => input.value)).to.deep.equal(['27', '03', '2007']);
    el.value = '2020--3';
    await el.updateComplete;
    expect(inputs(el).map((input) => input.value)).to.deep.equal(['3', '', '2020']);
    el.value = undefined;
    await el.updateComplete;
    expect(inputs(el).map((input) => input.value)).to.deep.equal(['', '', '']);
  });

});
