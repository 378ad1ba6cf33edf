import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/efa-form/efa-form.js';
import type { EfaForm } from '../../components/efa-form/efa-form.js';
import type { EfaSubmitDetail } from '../../src/adapters/event.js';
import { completeAnswers, engineTestSpec } from '../fixtures/engine-test-definition.js';
import { field, heading, next, radio, type } from '../helpers/form-driver.js';
import { LOADING_MS } from '../helpers/timing.js';

/** A portal page with the built `<efa-verpflichtungserklaerung>` (run `npm run build` first), attributes from its query. */
const PAGE = new URL('../fixtures/session/page.html', import.meta.url).href;
const ELSEWHERE = new URL('../fixtures/session/elsewhere.html', import.meta.url).href;

const loaded = (frame: HTMLIFrameElement) => new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));

async function open(query = ''): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = `${PAGE}${query}`;
  document.body.append(frame);
  await loaded(frame);
  return frame;
}

function formIn(frame: HTMLIFrameElement): EfaForm {
  return frame.contentDocument!.querySelector('efa-verpflichtungserklaerung') as unknown as EfaForm;
}

async function shows(frame: HTMLIFrameElement, title: string): Promise<EfaForm> {
  await waitUntil(() => formIn(frame)?.shadowRoot && heading(formIn(frame)).endsWith(title), `the form shows "${title}"`, { timeout: LOADING_MS });
  return formIn(frame);
}

/** From the start page to the first step with text fields, answering the questions on the way. */
async function toPersonStep(frame: HTMLIFrameElement): Promise<EfaForm> {
  const form = await shows(frame, 'Verpflichtungserklärung abgeben');
  await next(form);
  await radio(form, '/erklaerender/art', 0);
  await radio(form, '/bezugSozialleistungen', 1);
  await next(form);
  await shows(frame, 'Angaben zu Ihrer Person');
  await type(form, '/erklaerender/person/familienname', 'Demir');
  return form;
}

/** Whether leaving the page would ask first: what the browser does before unloading, asked of the page's listeners. */
function asksBeforeLeaving(win: Window): boolean {
  const event = win.document.createEvent('BeforeUnloadEvent');
  event.initEvent('beforeunload', false, true);
  win.dispatchEvent(event);
  return event.defaultPrevented;
}

const keptKeys = () => Object.keys(sessionStorage).filter((key) => key.startsWith('efa-forms:'));

describe('efa-form keeps the answers in the tab', () => {
  beforeEach(() => sessionStorage.clear());
  // The test runner may open the next test file in this tab: nothing of these forms stays for it.
  after(() => sessionStorage.clear());
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('keeps nothing the citizen did not do: a form only opened and reloaded leaves no memory to hide a stored draft', async () => {
    const frame = await open();
    const form = await shows(frame, 'Verpflichtungserklärung abgeben');
    // A portal hands over its settings once the element is there (the WordPress plugin does): the form applies them.
    (form as unknown as { config: object }).config = { gebuehr: 29 };
    await form.updateComplete;
    const again = loaded(frame);
    frame.contentWindow!.location.reload();
    await again;
    await shows(frame, 'Verpflichtungserklärung abgeben');
    expect(keptKeys(), 'the element’s own presets on load (the portal identity’s) are not the citizen’s answers').to.deep.equal([]);
  });

  it('brings answers and step back after a real reload and after Back from another page, without asking', async () => {
    const frame = await open();
    const url = frame.contentWindow!.location.href;
    const form = await toPersonStep(frame);
    expect(asksBeforeLeaving(frame.contentWindow!), 'the tab keeps everything: leaving is free').to.equal(false);

    frame.contentWindow!.location.reload();
    await loaded(frame);
    let again = await shows(frame, 'Angaben zu Ihrer Person');
    expect(again).not.to.equal(form);
    await waitUntil(() => field(again, '/erklaerender/person/familienname').value === 'Demir', 'the name is back', { timeout: LOADING_MS });
    expect(again.shadowRoot!.querySelector('.resume'), 'no offer to resume: it is simply there').to.equal(null);
    expect(again.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent).to.contain('Angaben zu Ihrer Person');
    expect(frame.contentWindow!.location.href, 'the URL is the page’s own').to.equal(url);

    // Back inside the form still leads to the earlier step, with its answer.
    const popped = oneEvent(frame.contentWindow!, 'popstate');
    frame.contentWindow!.history.back();
    await popped;
    await shows(frame, 'Wer gibt die Erklärung ab?');
    expect(field(again, '/erklaerender/art').value).to.equal('person');

    // Away to another page of the portal and Back: the page loads anew, the answers come back.
    frame.contentWindow!.history.forward();
    await shows(frame, 'Angaben zu Ihrer Person');
    frame.contentWindow!.location.href = ELSEWHERE;
    await loaded(frame);
    frame.contentWindow!.history.back();
    await loaded(frame);
    again = await shows(frame, 'Angaben zu Ihrer Person');
    await waitUntil(() => field(again, '/erklaerender/person/familienname').value === 'Demir', 'the name is back after Back', { timeout: LOADING_MS });
  });

  it('brings back the language chosen in the form with the answers', async () => {
    const frame = await open('?languages=de%20en');
    const form = await toPersonStep(frame);
    const choice = form.shadowRoot!.querySelector<HTMLSelectElement>('#efa-language')!;
    choice.value = 'en';
    choice.dispatchEvent(new Event('change'));
    await shows(frame, 'About you');

    frame.contentWindow!.location.reload();
    await loaded(frame);
    const again = await shows(frame, 'About you');
    await waitUntil(() => field(again, '/erklaerender/person/familienname').value === 'Demir', 'the name is back', { timeout: LOADING_MS });
    expect(again.shadowRoot!.querySelector<HTMLSelectElement>('#efa-language')!.value).to.equal('en');
  });

  it('starts afresh on a page opened anew (a link to it), as a new visit should', async () => {
    const frame = await open();
    await toPersonStep(frame);
    // Another address of the same form (a link to the very page shown counts as a reload in Chromium).
    frame.contentWindow!.location.href = `${PAGE}?drafts=tab`;
    await loaded(frame);
    const form = await shows(frame, 'Verpflichtungserklärung abgeben');
    // The entry is marked once the memory was asked: after a restore it would name the step restored.
    const entryPage = () => (frame.contentWindow!.history.state as { 'efa-forms'?: Record<string, { page: string }> })?.['efa-forms']?.[form.localName]?.page;
    await waitUntil(() => entryPage() !== undefined, 'the form has marked its history entry', { timeout: LOADING_MS });
    expect(entryPage()).to.equal('start');
    expect(heading(form)).to.contain('Verpflichtungserklärung abgeben');
  });

  it('with drafts="none" keeps nothing, and leaving with answers asks first', async () => {
    const frame = await open('?drafts=none');
    await toPersonStep(frame);
    // What the browser fires as the page goes (reload, a link): where a memory was, it would be written now.
    frame.contentWindow!.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(keptKeys()).to.deep.equal([]);
    expect(asksBeforeLeaving(frame.contentWindow!)).to.equal(true);
  });
});

describe('efa-form tab memory in the page', () => {
  beforeEach(() => sessionStorage.clear());
  after(() => sessionStorage.clear());

  const form = () =>
    fixture<EfaForm>(html`<efa-form .spec=${engineTestSpec} .prefill=${completeAnswers} adapter="event" authority="09999000"></efa-form>`);

  it('is deleted once the answers are sent', async () => {
    const el = await form();
    await type(el, '/telefon', '0611 123');
    await waitUntil(() => keptKeys().length === 1, 'the answers are kept', { timeout: LOADING_MS });
    expect(JSON.parse(sessionStorage.getItem(keptKeys()[0]!)!).answers.telefon).to.equal('0611 123');
    await next(el);
    await next(el);
    el.addEventListener('efa-submit', (e) => (e as CustomEvent<EfaSubmitDetail>).detail.respondWith!(Promise.resolve({ reference: 'T-4' })));
    const submitted = oneEvent(el, 'efa-submitted');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
    await submitted;
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(keptKeys()).to.deep.equal([]);
    expect(asksBeforeLeaving(window)).to.equal(false);
  });

  it('asks before leaving while an upload is chosen, which no memory keeps', async () => {
    const el = await form();
    await next(el);
    expect(asksBeforeLeaving(window)).to.equal(false);
    const upload = field(el, '/nachweise');
    await (upload as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const input = upload.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['%PDF-1.4'], 'gehalt.pdf', { type: 'application/pdf' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => asksBeforeLeaving(window), 'leaving asks first', { timeout: LOADING_MS });
    el.remove();
    expect(asksBeforeLeaving(window), 'a form taken off the page asks no more').to.equal(false);
  });
});
