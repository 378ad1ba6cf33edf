import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-textarea/efa-textarea.js';
import type { EfaTextarea } from '../../components/efa-textarea/efa-textarea.js';

function textarea(el: EfaTextarea): HTMLTextAreaElement {
  return el.shadowRoot!.querySelector('textarea')!;
}

function text(el: EfaTextarea, selector: string): string {
  return el.shadowRoot!.querySelector(selector)!.textContent!.trim();
}

describe('efa-textarea', () => {
  it('labels the textarea and ties the hint to it', async () => {
    const el = await fixture<EfaTextarea>(html`<efa-textarea label="Begründung" hint="Warum kommt Ihr Gast?"></efa-textarea>`);
    const control = textarea(el);
    expect(control.labels![0]!.textContent!.trim()).to.equal('Begründung');
    expect(control.getAttribute('aria-describedby')).to.equal('hint');
    expect(control.getAttribute('aria-invalid')).to.equal('false');
    expect(el.shadowRoot!.querySelector('.count'), 'no count without maxlength').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows an error with a hidden "Fehler:" prefix and marks the textarea invalid', async () => {
    const el = await fixture<EfaTextarea>(
      html`<efa-textarea label="Begründung" hint="Warum kommt Ihr Gast?" maxlength="200" error="Geben Sie eine Begründung ein"></efa-textarea>`,
    );
    const control = textarea(el);
    const error = el.shadowRoot!.getElementById('error')!;
    expect(error.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Fehler: Geben Sie eine Begründung ein');
    expect(error.querySelector('.visually-hidden')!.textContent).to.equal('Fehler:');
    expect(control.getAttribute('aria-invalid')).to.equal('true');
    expect(control.getAttribute('aria-describedby')).to.equal('hint error limit');
    await expect(el).to.be.accessible();
  });

  it('marks optional fields', async () => {
    const el = await fixture<EfaTextarea>(html`<efa-textarea label="Anmerkungen" optional></efa-textarea>`);
    expect(textarea(el).labels![0]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Anmerkungen (optional)');
  });

  it('reports typing as input and leaving after a change as change', async () => {
    const el = await fixture<EfaTextarea>(html`<efa-textarea label="Begründung"></efa-textarea>`);
    // A Lit fixture, not a <div> one: a div fixture waits for an animation frame, which a background tab never gets.
    el.after(Object.assign(document.createElement('button'), { textContent: 'weiter' }));
    const inputs: string[] = [];
    let changes = 0;
    el.addEventListener('input', () => inputs.push(el.value ?? ''));
    el.addEventListener('change', () => (changes += 1));
    el.focus();
    await sendKeys({ type: 'Ja' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'gut' });
    expect(inputs).to.deep.equal(['J', 'Ja', 'Ja\n', 'Ja\ng', 'Ja\ngu', 'Ja\ngut']);
    expect(changes, 'no change while typing').to.equal(0);
    const changed = oneEvent(el, 'change');
    await sendKeys({ press: 'Tab' });
    await changed;
    expect(changes).to.equal(1);
  });

  it('counts the characters left and announces them only once typing pauses', async () => {
    const el = await fixture<EfaTextarea>(html`<efa-textarea label="Begründung" maxlength="10"></efa-textarea>`);
    const live = el.shadowRoot!.querySelector('[aria-live="polite"]')!;
    expect(textarea(el).getAttribute('aria-describedby')).to.equal('limit');
    expect(text(el, '#limit')).to.equal('Sie können bis zu 10 Zeichen eingeben');
    expect(text(el, '.count')).to.equal('Sie haben noch 10 Zeichen');
    expect(el.shadowRoot!.querySelector('.count')!.getAttribute('aria-hidden'), 'the live region speaks, not the count').to.equal('true');

    el.focus();
    await sendKeys({ type: 'Hallo' });
    await el.updateComplete;
    expect(text(el, '.count')).to.equal('Sie haben noch 5 Zeichen');
    expect(live.textContent!.trim(), 'nothing announced while typing').to.equal('');
    // Announced once typing has paused (about a second; timers in a background test tab may run late).
    await waitUntil(() => live.textContent!.trim() === 'Sie haben noch 5 Zeichen', 'announced after the pause', { timeout: 5000 });

    await sendKeys({ type: ' Welt' });
    await el.updateComplete;
    expect(text(el, '.count')).to.equal('Sie haben noch 0 Zeichen');
    expect(live.textContent!.trim(), 'still the last announcement').to.equal('Sie haben noch 5 Zeichen');
    await waitUntil(() => live.textContent!.trim() === 'Sie haben noch 0 Zeichen', 'announced after the pause', { timeout: 5000 });
  });

  it('lets the user type past the limit and says by how much', async () => {
    const el = await fixture<EfaTextarea>(html`<efa-textarea label="Begründung" maxlength="4"></efa-textarea>`);
    el.focus();
    await sendKeys({ type: 'abc' });
    await el.updateComplete;
    expect(text(el, '.count')).to.equal('Sie haben noch 1 Zeichen');
    await sendKeys({ type: 'def' });
    await el.updateComplete;
    expect(el.value, 'nothing typed is cut off').to.equal('abcdef');
    expect(text(el, '.count')).to.equal('Sie haben 2 Zeichen zu viel');
    expect(el.shadowRoot!.querySelector('.count')!.classList.contains('over')).to.equal(true);
    expect(textarea(el).classList.contains('over')).to.equal(true);
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(text(el, '.count')).to.equal('Sie haben 1 Zeichen zu viel');
  });

  it('counts characters as the schema does: an emoji is one', async () => {
    const el = await fixture<EfaTextarea>(html`<efa-textarea label="Begründung" maxlength="5" .value=${'Hi 👋'}></efa-textarea>`);
    expect(text(el, '.count')).to.equal('Sie haben noch 1 Zeichen');
  });

  it('shows a value set from outside', async () => {
    const el = await fixture<EfaTextarea>(html`<efa-textarea label="Begründung" .value=${'Besuch'}></efa-textarea>`);
    expect(textarea(el).value).to.equal('Besuch');
    el.value = undefined;
    await el.updateComplete;
    expect(textarea(el).value).to.equal('');
  });

  it('takes no input when disabled', async () => {
    const el = await fixture<EfaTextarea>(html`<efa-textarea label="Begründung" disabled .value=${'Besuch'}></efa-textarea>`);
    expect(textarea(el).disabled).to.equal(true);
    el.focus();
    await sendKeys({ type: 'x' });
    expect(el.value).to.equal('Besuch');
  });
});
