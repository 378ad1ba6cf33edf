import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-textarea/efa-textarea.js';
import type { EfaTextarea } from '../../components/efa-textarea/efa-textarea.js';
import { runFieldConformance } from '../helpers/field-conformance.js';

function textarea(el: EfaTextarea): HTMLTextAreaElement {
  return el.shadowRoot!.querySelector('textarea')!;
}

function text(el: EfaTextarea, selector: string): string {
  return el.shadowRoot!.querySelector(selector)!.textContent!.trim();
}

describe('efa-textarea', () => {
  runFieldConformance('efa-textarea', {
    value: 'Besuch der Familie',
    shows: (el) => textarea(el).value,
    showsValue: 'Besuch der Familie',
    entries: ['Besuch der Familie'],
    userFills: async (el) => {
      el.focus();
      await sendKeys({ type: 'Ja' });
    },
    filledValue: 'Ja',
    restoredValue: 'Besuch der Familie',
    autocomplete: 'off',
  });

  it('reports typing, line breaks included, as input', async () => {
    const el = await fixture<EfaTextarea>(html`<efa-textarea label="Begründung"></efa-textarea>`);
    const inputs: string[] = [];
    el.addEventListener('input', () => inputs.push(el.value ?? ''));
    el.focus();
    await sendKeys({ type: 'Ja' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'gut' });
    expect(inputs).to.deep.equal(['J', 'Ja', 'Ja\n', 'Ja\ng', 'Ja\ngu', 'Ja\ngut']);
    expect(el.shadowRoot!.querySelector('.count'), 'no count without maxlength').to.equal(null);
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

});
