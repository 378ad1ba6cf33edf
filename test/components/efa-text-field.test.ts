import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-text-field/efa-text-field.js';
import type { EfaTextField } from '../../components/efa-text-field/efa-text-field.js';
import { runFieldConformance } from '../helpers/field-conformance.js';

function input(el: EfaTextField): HTMLInputElement {
  return el.shadowRoot!.querySelector('input')!;
}

describe('efa-text-field', () => {
  runFieldConformance('efa-text-field', {
    value: 'Yılmaz',
    shows: (el) => input(el).value,
    showsValue: 'Yılmaz',
    entries: ['Yılmaz'],
    userFills: async (el) => {
      el.focus();
      await sendKeys({ type: 'Ada' });
    },
    filledValue: 'Ada',
    restoredValue: 'Yılmaz',
    autocomplete: 'family-name',
  });

  it('reports every keystroke as input', async () => {
    const el = await fixture<EfaTextField>(html`<efa-text-field label="Vorname"></efa-text-field>`);
    const inputs: string[] = [];
    el.addEventListener('input', () => inputs.push(el.value ?? ''));
    el.focus();
    await sendKeys({ type: 'Ada' });
    expect(inputs).to.deep.equal(['A', 'Ad', 'Ada']);
  });

  it('never lets the browser validate: an e-mail the schema will refuse still submits a host form', async () => {
    // fixtureSync: `fixture` waits a frame for a plain element, and a page in the background gets none.
    const form = fixtureSync<HTMLFormElement>(html`<form><efa-text-field label="E-Mail" name="email" type="email"></efa-text-field></form>`);
    const el = form.querySelector('efa-text-field')!;
    await el.updateComplete;
    expect(input(el).type, 'the e-mail keyboard').to.equal('email');
    el.focus();
    await sendKeys({ type: 'kein-at-zeichen' });
    await el.updateComplete;
    expect(form.checkValidity(), 'the native e-mail check does not reach the host form').to.equal(true);
    let submitted: FormData | undefined;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted = new FormData(form);
    });
    form.requestSubmit();
    expect(submitted?.get('email')).to.equal('kein-at-zeichen');
  });
});
