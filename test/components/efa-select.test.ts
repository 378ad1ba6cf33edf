import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-select/efa-select.js';
import type { EfaSelect } from '../../components/efa-select/efa-select.js';

const staaten = [
  { value: 'TR', label: 'Türkei' },
  { value: 'UA', label: 'Ukraine' },
  { value: 'VN', label: 'Vietnam' },
];

function select(el: EfaSelect): HTMLSelectElement {
  return el.shadowRoot!.querySelector('select')!;
}

describe('efa-select', () => {
  it('labels the select, starts empty and ties the hint to it', async () => {
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

  it('shows an error with a hidden "Fehler:" prefix and marks the select invalid', async () => {
    const el = await fixture<EfaSelect>(
      html`<efa-select label="Geburtsland" hint="So wie im Pass" error="Wählen Sie Ihr Geburtsland aus" .options=${staaten}></efa-select>`,
    );
    const error = el.shadowRoot!.getElementById('error')!;
    expect(error.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Fehler: Wählen Sie Ihr Geburtsland aus');
    expect(error.querySelector('.visually-hidden')!.textContent).to.equal('Fehler:');
    expect(select(el).getAttribute('aria-invalid')).to.equal('true');
    expect(select(el).getAttribute('aria-describedby')).to.equal('hint error');
    await expect(el).to.be.accessible();
  });

  it('marks optional fields', async () => {
    const el = await fixture<EfaSelect>(html`<efa-select label="Zweite Staatsangehörigkeit" optional .options=${staaten}></efa-select>`);
    expect(select(el).labels![0]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Zweite Staatsangehörigkeit (optional)');
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

  it('takes no input when disabled', async () => {
    const el = await fixture<EfaSelect>(html`<efa-select label="Geburtsland" disabled .options=${staaten}></efa-select>`);
    expect(select(el).disabled).to.equal(true);
    el.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(el.value).to.equal(undefined);
  });
});
