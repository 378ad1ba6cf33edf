import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-select/efa-select.js';
import type { EfaSelect } from '../../components/efa-select/efa-select.js';
import { runFieldConformance } from '../helpers/field-conformance.js';

const staaten = [
  { value: 'TR', label: 'Türkei' },
  { value: 'UA', label: 'Ukraine' },
  { value: 'VN', label: 'Vietnam' },
];

function select(el: EfaSelect): HTMLSelectElement {
  return el.shadowRoot!.querySelector('select')!;
}

describe('efa-select', () => {
  runFieldConformance('efa-select', {
    props: { options: staaten },
    value: 'UA',
    shows: (el) => select(el).value,
    showsValue: 'UA',
    entries: ['UA'],
    userFills: async (el) => {
      el.focus();
      await sendKeys({ press: 'ArrowDown' });
    },
    filledValue: 'TR',
    restoredValue: 'UA',
    autocomplete: 'country',
  });

  it('starts empty, with a first option that asks to choose', async () => {
    const el = await fixture<EfaSelect>(html`<efa-select label="Geburtsland" hint="So wie im Pass" .options=${staaten}></efa-select>`);
    const control = select(el);
    expect(control.labels![0]!.textContent!.trim()).to.equal('Geburtsland');
    expect([...control.options].map((o) => [o.value, o.textContent])).to.deep.equal([
      ['', 'Bitte auswählen'],
      ['TR', 'Türkei'],
      ['UA', 'Ukraine'],
      ['VN', 'Vietnam'],
    ]);
    expect(control.value).to.equal('');
    expect(control.getAttribute('aria-describedby')).to.equal('hint');
    expect(control.getAttribute('aria-invalid')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('reports a pick with the keyboard as input and leaving as change', async () => {
    const el = await fixture<EfaSelect>(html`<efa-select label="Geburtsland" .options=${staaten}></efa-select>`);
    el.after(Object.assign(document.createElement('button'), { textContent: 'weiter' }));
    const values: Array<string | undefined> = [];
    let changes = 0;
    el.addEventListener('input', () => values.push(el.value));
    el.addEventListener('change', () => (changes += 1));
    el.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(values).to.deep.equal(['TR', 'UA', 'TR', undefined]);
    expect(changes, 'no change while picking').to.equal(0);
    const changed = oneEvent(el, 'change');
    await sendKeys({ press: 'Tab' });
    await changed;
    expect(changes).to.equal(1);
  });

  it('shows a value set from outside, also when the options arrive later', async () => {
    const el = await fixture<EfaSelect>(html`<efa-select label="Geburtsland" .value=${'UA'}></efa-select>`);
    el.options = staaten;
    await el.updateComplete;
    expect(select(el).value).to.equal('UA');
    el.value = undefined;
    await el.updateComplete;
    expect(select(el).value).to.equal('');
  });

});
