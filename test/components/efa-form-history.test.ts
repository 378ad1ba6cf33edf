import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/efa-form/efa-form.js';
import type { EfaForm } from '../../components/efa-form/efa-form.js';
import type { EfaSubmitDetail } from '../../src/adapters/event.js';
import { completeAnswers, engineTestSpec } from '../fixtures/engine-test-definition.js';
import { heading, next } from '../helpers/form-driver.js';

/**
 * Back and Forward of the browser, driven through `history.back()` / `history.forward()` in the test page itself.
 * Each test first pushes two entries of the "host page": one standing for the page before the form, one the form
 * is mounted on. Nothing goes back beyond them, so the test page is never left.
 */
async function travel(el: EfaForm, direction: 'back' | 'forward'): Promise<void> {
  const popped = oneEvent(window, 'popstate');
  history[direction]();
  await popped;
  await el.updateComplete;
}

function form(id = ''): Promise<EfaForm> {
  return fixture<EfaForm>(
    html`<efa-form id=${id} .spec=${engineTestSpec} .prefill=${completeAnswers} adapter="event" authority="09999000"></efa-form>`,
  );
}

/** Ours in the current history entry, for the form with that key (its id, else its tag). */
function ours(key = 'efa-form'): { page: string; journey: string } | undefined {
  return (history.state as { 'efa-forms'?: Record<string, { page: string; journey: string }> })?.['efa-forms']?.[key];
}

async function send(el: EfaForm): Promise<void> {
  el.addEventListener('efa-submit', (e) => (e as CustomEvent<EfaSubmitDetail>).detail.respondWith!(Promise.resolve({ reference: 'T-3' })));
  const submitted = oneEvent(el, 'efa-submitted');
  el.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
  await submitted;
  await el.updateComplete;
}

const announced = (el: EfaForm) => el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!.trim();

describe('efa-form and the browser history', () => {
  let url: string;
  beforeEach(() => {
    url = location.href;
    history.pushState({ host: 'before the form' }, '');
    history.pushState({ host: 'the form page', filter: ['a', 'b'] }, '');
    sessionStorage.clear();
  });
  // The test runner may open the next test file in this tab: nothing of these forms stays for it.
  after(() => sessionStorage.clear());

  it('moves between the steps on Back and Forward, keeping the URL and the page’s own state', async () => {
    const el = await form();
    expect(ours()?.page, 'the entry the form is on').to.equal('eins');

    expect(await next(el)).to.equal('Schritt 2 von 3 Personen');
    expect(await next(el)).to.equal('Schritt 3 von 3 Prüfen Sie Ihre Angaben');
    expect(ours()?.page).to.equal('review');
    expect(history.state).to.deep.include({ host: 'the form page', filter: ['a', 'b'] });
    expect(location.href, 'no hash, no query').to.equal(url);

    await travel(el, 'back');
    expect(heading(el)).to.equal('Schritt 2 von 3 Personen');
    expect(announced(el), 'the step is said').to.equal('Schritt 2 von 3 Personen');
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('h2'));
    await travel(el, 'back');
    expect(heading(el)).to.equal('Schritt 1 von 3 Angaben');
    await travel(el, 'forward');
    expect(heading(el)).to.equal('Schritt 2 von 3 Personen');
    expect(history.state).to.deep.include({ host: 'the form page', filter: ['a', 'b'] });

    // The form's own "Zurück" is a move like any other: Back returns to where it was pressed.
    [...el.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent!.trim() === 'Zurück')!.click();
    await el.updateComplete;
    expect(heading(el)).to.equal('Schritt 1 von 3 Angaben');
    await travel(el, 'back');
    expect(heading(el)).to.equal('Schritt 2 von 3 Personen');
    expect(location.href).to.equal(url);
  });

  it('leaves from the first step as the page would without the form', async () => {
    const el = await form();
    await next(el);
    await travel(el, 'back');
    await travel(el, 'back');
    expect(history.state, 'the entry before the form').to.deep.equal({ host: 'before the form' });
    expect(heading(el), 'the form is left alone').to.equal('Schritt 1 von 3 Angaben');
  });

  it('after sending, Back passes over the form’s pages and never shows the sent answers again', async () => {
    const el = await form();
    await next(el);
    await next(el);
    await send(el);
    expect(ours()?.page).to.equal('done');

    // Back lands on the step entries, which the form passes over one by one until the entry before the form.
    history.back();
    await waitUntil(() => (history.state as { host?: string })?.host === 'before the form', 'Back went on to the page before the form');
    expect(el.shadowRoot!.querySelector('.reference')?.textContent, 'the confirmation stays').to.equal('T-3');
    expect(el.shadowRoot!.querySelector('form'), 'no step of the sent form').to.equal(null);
  });

  it('passes over the pages of an earlier filling-in whose answers are gone (a reload without the tab memory)', async () => {
    history.pushState({ 'efa-forms': { 'efa-form': { journey: 'earlier', page: 'zwei' } } }, '');
    history.pushState({ host: 'the form page again' }, '');
    const el = await form();
    expect(ours()?.journey).not.to.equal('earlier');
    history.back();
    await waitUntil(() => (history.state as { host?: string })?.host === 'the form page', 'Back went on past the earlier page');
    expect(heading(el), 'nothing of the earlier answers is shown').to.equal('Schritt 1 von 3 Angaben');
  });

  it('keeps two forms apart: each goes back through its own pages', async () => {
    const [a, b] = await Promise.all([form('erste'), form('zweite')]);
    await next(a);
    await next(b);
    expect(ours('erste')?.page).to.equal('zwei');
    expect(ours('zweite')?.page).to.equal('zwei');

    await travel(b, 'back');
    expect(heading(b)).to.equal('Schritt 1 von 3 Angaben');
    expect(heading(a), 'the other form stays').to.equal('Schritt 2 von 3 Personen');
    await travel(a, 'back');
    expect(heading(a)).to.equal('Schritt 1 von 3 Angaben');
    expect(heading(b)).to.equal('Schritt 1 von 3 Angaben');
  });

  it('keeps two forms apart after one was sent: Back still leads through the other’s pages', async () => {
    const [a, b] = await Promise.all([form('erste'), form('zweite')]);
    await next(a);
    await next(b);
    await next(a);
    await send(a);
    await next(b);
    expect(heading(b)).to.equal('Schritt 3 von 3 Prüfen Sie Ihre Angaben');

    await travel(b, 'back');
    expect(heading(b)).to.equal('Schritt 2 von 3 Personen');
    // The entry before changes nothing but the sent form's page: Back passes over it, on to the other form's first step.
    history.back();
    await waitUntil(() => heading(b) === 'Schritt 1 von 3 Angaben', 'the other form is back on its first step');
    expect(a.shadowRoot!.querySelector('.reference')?.textContent, 'the sent form keeps its confirmation').to.equal('T-3');
    expect(ours('zweite')?.page).to.equal('eins');
  });
});
