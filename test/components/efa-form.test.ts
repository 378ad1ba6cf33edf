import { LOADING_MS } from '../helpers/timing.js';
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-form/efa-form.js';
import type { EfaForm } from '../../components/efa-form/efa-form.js';
import type { ServiceSpec } from '../../src/services/service.js';
import type { EfaSubmitDetail } from '../../src/adapters/event.js';
import { SubmitError, type Receipt } from '../../src/adapters/adapter.js';
import validate from '../generated/engine-test.js';
import { definition } from '../fixtures/engine-test-definition.js';
import { getLocale, setLocale } from '../../src/i18n/locale.js';

const spec: ServiceSpec = {
  service: 'verpflichtungserklaerung',
  definition,
  loadValidator: async () => validate,
  title: () => 'Testdienst',
  nextSteps: () => [{ kind: 'paragraph', text: 'Wir melden uns bei Ihnen.' }],
};

async function form(adapter = 'event'): Promise<EfaForm> {
  return fixture<EfaForm>(html`<efa-form .spec=${spec} adapter=${adapter} authority="09999000" lang="de"></efa-form>`);
}

function $(el: EfaForm, selector: string): HTMLElement {
  const found = el.shadowRoot!.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

function activeId(el: EfaForm): string | undefined {
  return el.shadowRoot!.activeElement?.id;
}

async function typeInto(el: EfaForm, id: string, text: string): Promise<void> {
  $(el, `#${id}`).focus();
  await sendKeys({ type: text });
}

async function fillFirstStep(el: EfaForm): Promise<void> {
  await typeInto(el, 'f-name', 'Ada Lovelace');
  await typeInto(el, 'f-plz', '10115');
  $(el, '#f-art').focus();
  await sendKeys({ press: 'Space' });
  await el.updateComplete;
}


const complete = {
  name: 'Ada',
  plz: '10115',
  art: 'person',
  personen: [{ vorname: 'Ada', geburtsdatum: '1985-03-27' }],
  staatsangehoerigkeiten: [{ code: '000', listURI: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit', listVersionID: '2021-02-19' }],
  zustimmung: true,
};

/** Complete answers, then on to the review page. */
async function toReview(el: EfaForm): Promise<void> {
  el.prefill = complete;
  await el.updateComplete;
  $(el, 'button.primary').click();
  await el.updateComplete;
  $(el, 'button.primary').click();
  await el.updateComplete;
  expect($(el, 'h2').textContent).to.contain('Prüfen Sie Ihre Angaben');
}

describe('efa-form (the shell)', () => {
  afterEach(() => setLocale('de'));

  it('speaks its own lang, else the page\'s, and re-renders when either changes', async () => {
    const heading = (el: EfaForm) => $(el, 'h2').textContent!.replace(/\s+/g, ' ').trim();
    const pageLang = document.documentElement.lang;
    const el = await form();
    el.removeAttribute('lang');
    el.setAttribute('lang', 'en');
    await waitUntil(() => heading(el).startsWith('Step 1 of 3'), 'English after lang="en"', { timeout: LOADING_MS });
    expect($(el, 'button.primary').textContent!.trim()).to.equal('Continue');
    await expect(el).to.be.accessible();
    el.removeAttribute('lang');
    await waitUntil(() => heading(el).startsWith('Schritt 1 von 3'), 'back to the page language (German)', { timeout: LOADING_MS });
    document.documentElement.lang = 'en-GB';
    await waitUntil(() => heading(el).startsWith('Step 1 of 3'), 'follows <html lang>', { timeout: LOADING_MS });
    document.documentElement.lang = pageLang;
  });

  it('starts on the first step without any error, progress shown, accessible', async () => {
    const el = await form();
    expect($(el, 'h2').textContent!.replace(/\s+/g, ' ').trim()).to.equal('Schritt 1 von 3 Angaben');
    expect(el.shadowRoot!.querySelector('.error-summary')).to.equal(null);
    expect(el.shadowRoot!.querySelectorAll('[invalid]')).to.have.length(0);
    expect($(el, '#f-telefon').hasAttribute('optional')).to.equal(true);
    expect($(el, '#f-name').hasAttribute('optional')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('on "Weiter" with gaps: a focused error summary whose links move focus to the fields', async () => {
    const el = await form();
    $(el, 'button.primary').click();
    await el.updateComplete;
    const summary = $(el, '.error-summary');
    expect(el.shadowRoot!.activeElement).to.equal(summary);
    const links = [...summary.querySelectorAll('a')];
    expect(links.map((a) => a.textContent!.trim())).to.deep.equal([
      'Geben Sie Ihren Namen ein.',
      'Füllen Sie das Feld „Postleitzahl“ aus.',
      'Wählen Sie bei „Wer erklärt?“ eine Antwort aus.',
    ]);
    links[1]!.click();
    expect(activeId(el)).to.equal('f-plz');
    expect(location.hash, 'the host page URL is left alone').to.equal('');
    expect(($(el, '#f-plz') as HTMLElement & { error: string }).error).to.equal('Füllen Sie das Feld „Postleitzahl“ aus.');
    await expect(el).to.be.accessible();
  });

  it('validates a field when it is left after a change, not while typing', async () => {
    const el = await form();
    await typeInto(el, 'f-plz', '123');
    await el.updateComplete;
    expect($(el, '#f-plz').hasAttribute('invalid')).to.equal(false);
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(($(el, '#f-plz') as HTMLElement & { error: string }).error).to.equal('Geben Sie eine Postleitzahl mit 5 Ziffern ein.');
  });

  it('goes through the steps by keyboard, reviews, changes an answer and sends through the event adapter', async () => {
    const el = await form();
    await fillFirstStep(el);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($(el, 'h2').textContent).to.contain('Schritt 2 von 3');
    expect(el.shadowRoot!.activeElement, 'focus moves to the new step heading').to.equal($(el, 'h2'));

    // Repeated group: add a person, hear it, remove it again.
    $(el, 'button[data-add]').click();
    await el.updateComplete;
    expect($(el, '[aria-live="polite"]').textContent).to.equal('Person 2 hinzugefügt');
    expect(activeId(el)).to.equal('f-personen-1-vorname');
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('fieldset.item button')].find((b) => b.textContent!.includes('Person 2 entfernen'))!.click();
    await el.updateComplete;
    expect($(el, '[aria-live="polite"]').textContent).to.equal('Person 2 entfernt');
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'button[data-add]'));

    await typeInto(el, 'f-personen-0-vorname', 'Ada');
    const date = $(el, '#f-personen-0-geburtsdatum');
    date.focus();
    await sendKeys({ type: '27' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '3' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '1985' });
    await typeInto(el, 'f-staatsangehoerigkeiten-0', 'Deutschland');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    $(el, '#f-zustimmung').focus();
    await sendKeys({ press: 'Space' });
    $(el, 'button.primary').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.error-summary'), 'step 2 complete').to.equal(null);

    // Review page
    expect($(el, 'h2').textContent).to.contain('Prüfen Sie Ihre Angaben');
    const rows = [...el.shadowRoot!.querySelectorAll('.summary-list .row')].map((r) => [
      r.querySelector('dt')!.textContent!.trim(),
      r.querySelector('dd')!.textContent!.trim(),
    ]);
    expect(rows).to.deep.include(['Name', 'Ada Lovelace']);
    expect(rows).to.deep.include(['Geburtsdatum', '27. März 1985']);
    expect(rows).to.deep.include(['Staatsangehörigkeit', 'Deutschland']);
    await expect(el).to.be.accessible();

    const change = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.link')].find((b) => b.textContent!.includes('Postleitzahl'))!;
    expect(change.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Ändern Postleitzahl');
    change.click();
    await el.updateComplete;
    expect(activeId(el)).to.equal('f-plz');
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '7' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($(el, 'h2').textContent, 'back to the review after a change').to.contain('Prüfen Sie Ihre Angaben');

    // Sending: the host answers through the event.
    let detail: EfaSubmitDetail | undefined;
    el.addEventListener('efa-submit', (e) => {
      detail = (e as CustomEvent<EfaSubmitDetail>).detail;
      detail.respondWith!(Promise.resolve<Receipt>({ reference: 'VE-2026-ABCDEF' }));
    });
    const submitted = oneEvent(el, 'efa-submitted');
    $(el, 'button.primary').click();
    await submitted;
    await el.updateComplete;
    expect(detail!.submission.data).to.deep.include({ name: 'Ada Lovelace', plz: '10117', art: 'person', zustimmung: true });
    expect(detail!.submission).to.include({ service: 'verpflichtungserklaerung', authority: '09999000', locale: 'de', schemaVersion: '1.0.0' });
    expect($(el, '.reference').textContent).to.equal('VE-2026-ABCDEF');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.confirmation h2'));
    await expect(el).to.be.accessible();
  });

  it('keeps everything after a failed send, says why, and retries with the same submission id', async () => {
    const el = await form();
    await toReview(el);

    const ids: string[] = [];
    let fail = true;
    el.addEventListener('efa-submit', (e) => {
      const { submission, respondWith } = (e as CustomEvent<EfaSubmitDetail>).detail;
      ids.push(submission.id);
      respondWith!(fail ? Promise.reject(new Error('offline')) : Promise.resolve({ reference: 'VE-2026-RETRY2' }));
    });
    const failed = oneEvent(el, 'efa-submit-error');
    $(el, 'button.primary').click();
    const { detail } = await failed;
    expect(detail.error.failure).to.equal('host');
    await el.updateComplete;
    const message = $(el, '.send-error');
    expect(el.shadowRoot!.activeElement).to.equal(message);
    expect(message.textContent).to.contain('Ihre Angaben sind nicht verloren');
    expect($(el, 'button.primary').textContent!.trim()).to.equal('Erneut senden');
    expect(($(el, 'button.link') as HTMLElement).closest('.row')!.querySelector('dd')!.textContent!.trim(), 'answers kept').to.equal('Ada');

    fail = false;
    $(el, 'button.primary').click();
    await waitUntil(() => el.shadowRoot!.querySelector('.reference'), 'the confirmation appears', { timeout: LOADING_MS });
    expect(ids).to.have.length(2);
    expect(ids[0]).to.equal(ids[1]);
  });

  it('takes the receiver\'s field errors back to the step and the field', async () => {
    const el = await form();
    el.adapter = {
      submit: async () => {
        throw new SubmitError('validation', 'Die Einreichung ist fehlerhaft.', {
          fieldErrors: [{ instancePath: '/plz', keyword: 'pattern', params: {} }],
        });
      },
    };
    await toReview(el);
    $(el, 'button.primary').click();
    await waitUntil(() => el.shadowRoot!.querySelector('.error-summary'), 'the error summary appears', { timeout: LOADING_MS });
    await el.updateComplete;
    expect($(el, 'h2[tabindex]').textContent).to.contain('Schritt 1 von 3');
    expect([...el.shadowRoot!.querySelectorAll('.error-summary a')].map((a) => a.textContent!.trim())).to.deep.equal([
      'Geben Sie eine Postleitzahl mit 5 Ziffern ein.',
    ]);
    expect(($(el, '#f-plz') as HTMLElement & { error: string }).error).to.equal('Geben Sie eine Postleitzahl mit 5 Ziffern ein.');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.error-summary'));
  });

  it('sends once however often the button is pressed while sending', async () => {
    const el = await form();
    await toReview(el);
    let calls = 0;
    let answer: (receipt: Receipt) => void = () => {};
    el.addEventListener('efa-submit', (e) => {
      calls += 1;
      (e as CustomEvent<EfaSubmitDetail>).detail.respondWith!(new Promise<Receipt>((resolve) => (answer = resolve)));
    });
    const button = $(el, 'button.primary');
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.textContent!.trim()).to.equal('Wird gesendet …');
    button.click();
    button.click();
    // The adapter loads on first use: answer only once the submission has been handed over.
    await waitUntil(() => calls > 0, 'the submission is handed over', { timeout: LOADING_MS });
    button.click();
    await aTimeout(20);
    answer({ reference: 'VE-2026-ONCE22' });
    await waitUntil(() => el.shadowRoot!.querySelector('.reference'), 'the confirmation appears', { timeout: LOADING_MS });
    expect(calls).to.equal(1);
  });
});

// Through the `http` adapter to the test server's stand-in for the receiver contract
// (test/helpers/contract-receiver.js): it gives the 409 and 413 of the contract and accepts the test service.
describe('efa-form sending: never frozen, never hanging, never silently dropped', () => {
  afterEach(() => setLocale('de'));

  /** Counts the form's POSTs to `path` (the requests still go out: nothing is answered in their place). */
  function countPosts(path: string): { readonly count: number; restore(): void } {
    const original = window.fetch;
    let count = 0;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST' && String(input).startsWith(path)) count += 1;
      return original(input, init);
    };
    return {
      get count() {
        return count;
      },
      restore: () => (window.fetch = original),
    };
  }

  async function httpForm(endpoint: string, lang = 'de'): Promise<EfaForm> {
    const el = await fixture<EfaForm>(html`<efa-form .spec=${spec} endpoint=${endpoint} authority="09999000" lang=${lang}></efa-form>`);
    await waitUntil(() => getLocale() === lang, `the form speaks "${lang}"`, { timeout: LOADING_MS });
    return el;
  }

  const text = (el: Element) => el.textContent!.replace(/\s+/g, ' ').trim();

  /** Complete answers with these files as "Nachweise", then on to the review page. */
  async function toReviewWithFiles(el: EfaForm, files: File[]): Promise<void> {
    el.prefill = complete;
    await el.updateComplete;
    $(el, 'button.primary').click();
    await el.updateComplete;
    const upload = $(el, '#f-nachweise') as HTMLElement & { value: File[] };
    upload.value = files;
    upload.dispatchEvent(new Event('input'));
    $(el, 'button.primary').click();
    await el.updateComplete;
    expect($(el, 'h2').textContent).to.contain('Prüfen Sie Ihre Angaben');
  }

  it('five clicks in the same moment send one POST', async () => {
    const el = await httpForm('/contract/submissions');
    await toReview(el);
    const posts = countPosts('/contract/submissions');
    try {
      const button = $(el, 'button.primary');
      for (let i = 0; i < 5; i += 1) button.click();
      await waitUntil(() => el.shadowRoot!.querySelector('.reference'), 'the confirmation appears', { timeout: LOADING_MS });
      expect(posts.count).to.equal(1);
    } finally {
      posts.restore();
    }
  });

  it('shows that it is sending, cancels a hanging send at once and keeps every answer', async () => {
    const el = await httpForm('/contract/submissions?hang');
    await toReview(el);
    const ids: string[] = [];
    el.addEventListener('efa-submit', (e) => ids.push((e as CustomEvent<EfaSubmitDetail>).detail.submission.id));
    $(el, 'button.primary').click();
    await waitUntil(() => ids.length === 1, 'the submission is handed to the adapter', { timeout: LOADING_MS });
    await el.updateComplete;
    expect(text($(el, '.send-progress'))).to.contain('Ihre Angaben werden gesendet');
    expect(text($(el, 'button.primary'))).to.equal('Wird gesendet …');
    const cancel = $(el, 'button.secondary');
    expect(text(cancel)).to.equal('Senden abbrechen');
    await expect(el).to.be.accessible();

    const failed = oneEvent(el, 'efa-submit-error');
    cancel.click();
    expect((await failed).detail.error.failure).to.equal('aborted');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.send-error'));
    expect(text($(el, '.send-error'))).to.contain('Das Senden wurde abgebrochen. Ihre Angaben sind nicht verloren.');
    expect(el.shadowRoot!.querySelector('.send-progress')!.textContent!.trim()).to.equal('');
    expect(text($(el, '.summary-list dd')), 'answers kept').to.equal('Ada');

    el.endpoint = '/contract/submissions';
    $(el, 'button.primary').click();
    await waitUntil(() => el.shadowRoot!.querySelector('.reference'), 'sent on the second try', { timeout: LOADING_MS });
    expect(ids).to.have.length(2);
    expect(ids[1], 'the same submission id: nothing can arrive twice').to.equal(ids[0]);
  });

  const changedResend = {
    de: {
      heading: 'frühere Fassung',
      reference: /Vorgangsnummer (VE-2026-[0-9A-F]{6})/,
      kept: 'Ihre Angaben hier sind nicht verloren.',
      button: 'Korrektur als neue Einreichung senden',
    },
    en: {
      heading: 'earlier version',
      reference: /reference number (VE-2026-[0-9A-F]{6})/,
      kept: 'Your answers here have not been lost.',
      button: 'Send the correction as a new submission',
    },
  };
  for (const [lang, expected] of Object.entries(changedResend)) {
    it(`a correction after a lost answer: told in "${lang}" that the earlier version arrived, and sent as a new submission`, async () => {
      const el = await httpForm('/contract/submissions?lose-answer', lang);
      el.prefill = complete;
      await el.updateComplete;
      $(el, 'button.primary').click();
      await el.updateComplete;
      $(el, 'button.primary').click();
      await el.updateComplete;
      const ids: string[] = [];
      el.addEventListener('efa-submit', (e) => ids.push((e as CustomEvent<EfaSubmitDetail>).detail.submission.id));
      $(el, 'button.primary').click();
      await waitUntil(() => el.shadowRoot!.querySelector('.send-error'), 'the lost answer is reported', { timeout: LOADING_MS });

      // The citizen corrects the name and sends again: the office holds the first version under this id.
      el.endpoint = '/contract/submissions';
      $(el, 'button.link').click();
      await el.updateComplete;
      await sendKeys({ type: ' King' });
      $(el, 'button.primary').click();
      await el.updateComplete;
      $(el, 'button.primary').click();
      await waitUntil(() => el.shadowRoot!.querySelector('.send-error h3')?.textContent?.includes(expected.heading), 'the changed resend is told', {
        timeout: LOADING_MS,
      });
      await el.updateComplete;
      const message = text($(el, '.send-error'));
      const earlier = expected.reference.exec(message)?.[1];
      expect(earlier, message).to.be.a('string');
      expect(message).to.contain(expected.kept);
      expect(el.shadowRoot!.activeElement).to.equal($(el, '.send-error'));
      expect(text($(el, '.summary-list dd')), 'the correction is kept').to.contain('King');
      expect(text($(el, 'button.primary'))).to.equal(expected.button);
      await expect(el).to.be.accessible();

      $(el, 'button.primary').click();
      await waitUntil(() => el.shadowRoot!.querySelector('.reference'), 'the correction is confirmed', { timeout: LOADING_MS });
      expect(text($(el, '.reference'))).to.not.equal(earlier);
      expect(ids).to.have.length(3);
      expect(ids[1]).to.equal(ids[0]);
      expect(ids[2], 'the correction has its own id').to.not.equal(ids[0]);
    });
  }

  it('does not send what is larger than the endpoint takes, and names the files to remove or shrink', async () => {
    const el = await httpForm('/contract/submissions');
    el.maxRequestSize = 0.05;
    const big = new File([new Uint8Array(40_000)], 'kontoauszug.pdf', { type: 'application/pdf' });
    const small = new File([new Uint8Array(15_000)], 'pass.pdf', { type: 'application/pdf' });
    await toReviewWithFiles(el, [small, big]);
    const posts = countPosts('/contract/submissions');
    try {
      $(el, 'button.primary').click();
      await waitUntil(() => el.shadowRoot!.querySelector('.send-error'), 'the size is told', { timeout: LOADING_MS });
      await el.updateComplete;
      expect(posts.count, 'nothing sent').to.equal(0);
    } finally {
      posts.restore();
    }
    expect(text($(el, '.send-error'))).to.contain('zu groß zum Senden');
    expect([...el.shadowRoot!.querySelectorAll('.shrink li')].map(text)).to.deep.equal(['kontoauszug.pdf (39 kB)']);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.send-error'));
    await expect(el).to.be.accessible();
  });

  it('a 413 from the receiver says "too large" with its limit, not "try again later"', async () => {
    const el = await httpForm('/contract/submissions?limit=200000');
    const scan = new File([new Uint8Array(300_000)], 'scan.jpg', { type: 'image/jpeg' });
    await toReviewWithFiles(el, [scan]);
    $(el, 'button.primary').click();
    await waitUntil(() => el.shadowRoot!.querySelector('.send-error'), 'the refusal is told', { timeout: LOADING_MS });
    await el.updateComplete;
    const message = text($(el, '.send-error'));
    expect(message).to.contain('Die Behörde nimmt höchstens 195 kB an.');
    expect(message).to.not.contain('später');
    expect([...el.shadowRoot!.querySelectorAll('.shrink li')].map(text)).to.deep.equal(['scan.jpg (293 kB)']);
    await expect(el).to.be.accessible();
  });
});
