/**
 * For Node tests that drive Chromium with puppeteer: fills the Verpflichtungserklärung on a page (answers
 * prefilled from the valid fixture einfach.json), walks to the warning page, confirms it and presses "send".
 * Returns the events the element emitted and what the citizen sees afterwards.
 */
import { readFileSync } from 'node:fs';

const { abgabeart: _byTheForm, warnhinweisBestaetigt: _onItsPage, ...answers } = JSON.parse(
  readFileSync('test/fixtures/verpflichtungserklaerung/valid/einfach.json', 'utf8'),
);

export function walkAndSend(tab) {
  return tab.evaluate(async (prefill) => {
    const until = async (condition, what) => {
      for (const started = performance.now(); !condition(); await new Promise((r) => setTimeout(r, 50))) {
        if (performance.now() - started > 20_000) throw new Error(`waited in vain for ${what}`);
      }
    };
    await customElements.whenDefined('efa-verpflichtungserklaerung');
    const form = document.querySelector('efa-verpflichtungserklaerung');
    form.prefill = { ...prefill, abgabeart: 'vor-ort' };
    const events = [];
    for (const type of ['efa-submit', 'efa-submitted', 'efa-submit-error']) {
      form.addEventListener(type, (event) => events.push({ type, failure: event.detail.error?.failure }));
    }
    const heading = () => form.shadowRoot.querySelector('h2')?.textContent ?? '';
    const next = async () => {
      const before = heading();
      form.shadowRoot.querySelector('button.primary').click();
      await form.updateComplete;
      const errors = form.shadowRoot.querySelector('.error-summary');
      if (errors) throw new Error(`errors on "${before}": ${errors.textContent}`);
      await until(() => heading() !== before, `leaving "${before}"`);
    };
    await form.updateComplete;
    while (!heading().includes('Prüfen Sie Ihre Angaben')) await next();
    await next();
    await until(() => form.shadowRoot.getElementById('f-warnhinweisBestaetigt'), 'the warning');
    form.shadowRoot.getElementById('f-warnhinweisBestaetigt').shadowRoot.querySelector('input').click();
    await form.updateComplete;
    form.shadowRoot.querySelector('button.primary').click();
    await until(() => events.some((e) => e.type !== 'efa-submit'), 'the outcome of sending');
    await form.updateComplete;
    return {
      events,
      reference: form.shadowRoot.querySelector('.reference')?.textContent.trim(),
      sendError: form.shadowRoot.querySelector('.send-error')?.textContent.replace(/\s+/g, ' ').trim(),
    };
  }, answers);
}
