import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-text-field/efa-text-field.js';
import type { EfaTextField } from '../../components/efa-text-field/efa-text-field.js';

function input(el: EfaTextField): HTMLInputElement {
  return el.shadowRoot!.querySelector('input')!;
}

describe('efa-text-field', () => {
  it('labels the input and ties the hint to it', async () => {
    const el = await fixture<EfaTextField>(
      html`<efa-text-field label="Familienname" hint="Wie im Pass" autocomplete="family-name"></efa-text-field>`,
    );
    const control = input(el);
    expect(control.labels?.[0]?.textContent?.trim()).to.equal('Familienname');
    expect(control.getAttribute('aria-describedby')).to.equal('hint');
    expect(control.getAttribute('aria-invalid')).to.equal('false');
    expect(control.autocomplete).to.equal('family-name');
    await expect(el).to.be.accessible();
  });

  it('shows an error with a hidden "Fehler:" prefix and marks the input invalid', async () => {
    const el = await fixture<EfaTextField>(
      html`<efa-text-field label="Familienname" hint="Wie im Pass" error="Geben Sie Ihren Familiennamen ein"></efa-text-field>`,
    );
    const control = input(el);
    const error = el.shadowRoot!.getElementById('error')!;
    expect(error.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Fehler: Geben Sie Ihren Familiennamen ein');
    expect(error.querySelector('.visually-hidden')!.textContent).to.equal('Fehler:');
    expect(control.getAttribute('aria-invalid')).to.equal('true');
    expect(control.getAttribute('aria-describedby')).to.equal('hint error');
    expect(el.hasAttribute('invalid')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('marks optional fields', async () => {
    const el = await fixture<EfaTextField>(html`<efa-text-field label="Telefon" optional></efa-text-field>`);
    expect(input(el).labels![0]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Telefon (optional)');
  });

  it('reports typing as input and leaving after a change as change', async () => {
    // The element itself is the fixture (a plain wrapper would wait for an animation frame a background tab never gets).
    const field = await fixture<EfaTextField>(html`<efa-text-field label="Vorname"></efa-text-field>`);
    const after = document.createElement('button');
    after.textContent = 'weiter';
    field.after(after);
    const inputs: string[] = [];
    let changes = 0;
    field.addEventListener('input', () => inputs.push(field.value ?? ''));
    field.addEventListener('change', () => (changes += 1));
    field.focus();
    await sendKeys({ type: 'Ada' });
    expect(inputs).to.deep.equal(['A', 'Ad', 'Ada']);
    expect(changes, 'no change while typing').to.equal(0);
    const changed = oneEvent(field, 'change');
    await sendKeys({ press: 'Tab' });
    await changed;
    expect(changes).to.equal(1);
    // Leaving again without a change says nothing.
    field.focus();
    await sendKeys({ press: 'Tab' });
    expect(changes).to.equal(1);
  });

  it('never lets the browser validate (no native bubbles)', async () => {
    const el = await fixture<EfaTextField>(html`<efa-text-field label="E-Mail" type="email"></efa-text-field>`);
    const control = input(el);
    expect(control.required).to.equal(false);
    expect(control.type).to.equal('email');
  });
});
