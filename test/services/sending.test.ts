import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { getLocale, setLocale } from '../../src/i18n/locale.js';
import '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaVerpflichtungserklaerung } from '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaSubmitDetail } from '../../src/adapters/event.js';
import { field, heading, next, tick } from '../helpers/form-driver.js';
import { queueFaults, validData } from '../helpers/submission.js';

/**
 * Issue 17, sending end to end: the Verpflichtungserklärung through the `http` adapter to the real receiver
 * (server/) on the test server's origin, with its fault injection. `/small-receiver/api/…` is a second real
 * receiver whose upload limit is 200,000 bytes (web-test-runner.config.js), so that a 413 needs no 30 MB file.
 */
const REVIEW = { de: 'Prüfen Sie Ihre Angaben', en: 'Check your answers' };
const DOCUMENTS = { de: 'Nachweise', en: 'Documents' };
type Lang = keyof typeof REVIEW;

const text = (el: Element | ShadowRoot) => el.textContent!.replace(/\s+/g, ' ').trim();
const $ = (form: EfaVerpflichtungserklaerung, selector: string) => form.shadowRoot!.querySelector<HTMLElement>(selector)!;
const primary = (form: EfaVerpflichtungserklaerung) => $(form, 'button.primary') as HTMLButtonElement;

async function declaration(lang: Lang = 'de', endpoint = '/api/submissions'): Promise<EfaVerpflichtungserklaerung> {
  const { abgabeart: _byTheForm, warnhinweisBestaetigt: _onItsPage, ...answers } = await validData();
  const form = await fixture<EfaVerpflichtungserklaerung>(
    html`<efa-verpflichtungserklaerung adapter="http" endpoint=${endpoint} authority="09999000" lang=${lang} .prefill=${answers}></efa-verpflichtungserklaerung>`,
  );
  await waitUntil(() => getLocale() === lang && heading(form).includes(lang === 'de' ? 'Schritt' : 'Step'), `the form speaks "${lang}"`, { timeout: 10_000 });
  return form;
}

/** Through every step to the binding send, uploading `files` on the documents step. */
async function toSend(form: EfaVerpflichtungserklaerung, lang: Lang = 'de', files: File[] = []): Promise<void> {
  while (!heading(form).includes(REVIEW[lang])) {
    if (heading(form).includes(DOCUMENTS[lang]) && files.length) {
      const upload = field(form, '/nachweise');
      upload.value = files;
      upload.dispatchEvent(new Event('input'));
      await form.updateComplete;
    }
    await next(form);
  }
  await next(form);
  await tick(form, '/warnhinweisBestaetigt');
}

/** Counts the form's POSTs to `path`; the requests still go out, nothing is answered in their place. */
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

const submissionIds = (form: EfaVerpflichtungserklaerung): string[] => {
  const ids: string[] = [];
  form.addEventListener('efa-submit', (e) => ids.push((e as CustomEvent<EfaSubmitDetail>).detail.submission.id));
  return ids;
};

describe('sending to the real receiver: never frozen, never hanging, never silently dropped', function () {
  this.timeout(90_000);
  afterEach(() => setLocale('de'));

  it('five clicks in the same moment send one POST', async () => {
    const form = await declaration();
    await toSend(form);
    const posts = countPosts('/api/submissions');
    try {
      const button = primary(form);
      for (let i = 0; i < 5; i += 1) button.click();
      await waitUntil(() => form.shadowRoot!.querySelector('.reference'), 'the confirmation appears', { timeout: 30_000 });
      expect(posts.count).to.equal(1);
    } finally {
      posts.restore();
    }
  });

  it('shows that it is sending, cancels a hanging send at once and keeps every answer', async () => {
    const form = await declaration();
    await toSend(form);
    const ids = submissionIds(form);
    await queueFaults('hang');
    primary(form).click();
    await waitUntil(() => ids.length === 1, 'the submission is handed to the adapter', { timeout: 10_000 });
    await form.updateComplete;
    expect(text($(form, '.send-progress'))).to.contain('Ihre Angaben werden gesendet');
    expect(text(primary(form))).to.equal('Wird gesendet …');
    const cancel = $(form, 'button.secondary');
    expect(text(cancel)).to.equal('Senden abbrechen');
    await expect(form).to.be.accessible();

    const failed = oneEvent(form, 'efa-submit-error');
    cancel.click();
    expect((await failed).detail.error.failure).to.equal('aborted');
    await form.updateComplete;
    expect(form.shadowRoot!.activeElement).to.equal($(form, '.send-error'));
    expect(text($(form, '.send-error'))).to.contain('Das Senden wurde abgebrochen. Ihre Angaben sind nicht verloren.');
    expect(text($(form, '.send-progress'))).to.equal('');

    primary(form).click();
    await waitUntil(() => form.shadowRoot!.querySelector('.reference'), 'sent on the second try', { timeout: 30_000 });
    expect(ids).to.have.length(2);
    expect(ids[1], 'the same submission id: nothing can arrive twice').to.equal(ids[0]);
    const reference = text($(form, '.reference'));
    const stored = await (await fetch(`/api/submissions/${reference}/data`)).json();
    expect(stored.data.erklaerender.person.familienname, 'the answers arrived').to.equal('Becker');
  });

  const changedResend = {
    de: {
      told: 'Eine frühere Fassung ist schon angekommen',
      reference: /Vorgangsnummer (\S+) eingegangen/,
      kept: 'Ihre Angaben hier sind nicht verloren.',
      button: 'Korrektur als neue Einreichung senden',
      occupation: 'Beruf',
    },
    en: {
      told: 'An earlier version has already arrived',
      reference: /reference number (\S+)\./,
      kept: 'Your answers here have not been lost.',
      button: 'Send the correction as a new submission',
      occupation: 'Occupation',
    },
  };
  for (const [lang, expected] of Object.entries(changedResend) as [Lang, (typeof changedResend)[Lang]][]) {
    it(`a correction after a lost answer: told in "${lang}" that the earlier version arrived, and sent as a new submission`, async () => {
      const form = await declaration(lang);
      await toSend(form, lang);
      const ids = submissionIds(form);

      // Stored, then the answer is lost (500), and every retry fails before storing.
      await queueFaults('fail-after-store', 'fail-before-store', 'fail-before-store', 'fail-before-store');
      primary(form).click();
      await waitUntil(() => form.shadowRoot!.querySelector('.send-error'), 'the failed send is told', { timeout: 30_000 });

      // The citizen goes back and corrects the occupation.
      $(form, 'button.secondary').click();
      await waitUntil(() => heading(form).includes(REVIEW[lang]), 'back on the review');
      const change = [...form.shadowRoot!.querySelectorAll<HTMLButtonElement>('.change button')].find((b) => b.textContent!.includes(expected.occupation))!;
      change.click();
      await waitUntil(() => !heading(form).includes(REVIEW[lang]), 'the step with the occupation');
      const input = field(form, '/erklaerender/person/beruf').shadowRoot!.querySelector('input')!;
      input.focus();
      input.select();
      await sendKeys({ type: 'Pflegedienstleiterin' });
      await next(form);
      await next(form);
      await tick(form, '/warnhinweisBestaetigt');
      primary(form).click();
      await waitUntil(() => text(form.shadowRoot!).includes(expected.told), 'the 409 is told', { timeout: 30_000 });
      await form.updateComplete;

      const message = text($(form, '.send-error'));
      const earlier = expected.reference.exec(message)?.[1];
      expect(earlier, message).to.match(/^[A-Z0-9-]+$/);
      expect(message).to.contain(expected.kept);
      expect(form.shadowRoot!.activeElement).to.equal($(form, '.send-error'));
      const first = await (await fetch(`/api/submissions/${earlier}/data`)).json();
      expect(first.data.erklaerender.person.beruf, 'the office holds the first version').to.equal('Krankenpflegerin');
      expect(text(primary(form))).to.equal(expected.button);
      await expect(form).to.be.accessible();

      primary(form).click();
      await waitUntil(() => form.shadowRoot!.querySelector('.reference'), 'the correction is confirmed', { timeout: 30_000 });
      const reference = text($(form, '.reference'));
      expect(reference).to.not.equal(earlier);
      const corrected = await (await fetch(`/api/submissions/${reference}/data`)).json();
      expect(corrected.data.erklaerender.person.beruf).to.equal('Pflegedienstleiterin');
      expect(ids).to.have.length(3);
      expect(ids[1], 'the retry keeps its id').to.equal(ids[0]);
      expect(ids[2], 'the correction has its own id').to.not.equal(ids[0]);
      expect(corrected.id).to.equal(ids[2]);
    });
  }

  // A JPEG's first bytes, so that only the size can be the receiver's reason to refuse.
  const jpeg = (name: string, bytes: number) => {
    const content = new Uint8Array(bytes);
    content.set([0xff, 0xd8, 0xff, 0xe0]);
    return new File([content], name, { type: 'image/jpeg' });
  };

  it('does not send what is larger than the endpoint takes, and names the files to remove or shrink', async () => {
    const form = await declaration();
    form.maxRequestSize = 0.05;
    await toSend(form, 'de', [jpeg('pass.jpg', 15_000), jpeg('kontoauszug.jpg', 40_000)]);
    const posts = countPosts('/api/submissions');
    try {
      primary(form).click();
      await waitUntil(() => form.shadowRoot!.querySelector('.send-error'), 'the size is told', { timeout: 10_000 });
      await form.updateComplete;
      expect(posts.count, 'nothing sent').to.equal(0);
    } finally {
      posts.restore();
    }
    expect(text($(form, '.send-error'))).to.contain('zu groß zum Senden');
    expect([...form.shadowRoot!.querySelectorAll('.shrink li')].map(text)).to.deep.equal(['kontoauszug.jpg (39 kB)']);
    expect(form.shadowRoot!.activeElement).to.equal($(form, '.send-error'));
    await expect(form).to.be.accessible();
  });

  it('a 413 from the receiver says "too large" with its limit, not "try again later", and keeps the answers', async () => {
    const form = await declaration('de', '/small-receiver/api/submissions');
    await toSend(form, 'de', [jpeg('scan.jpg', 300_000)]);
    primary(form).click();
    await waitUntil(() => form.shadowRoot!.querySelector('.send-error'), 'the refusal is told', { timeout: 30_000 });
    await form.updateComplete;
    const message = text($(form, '.send-error'));
    expect(message).to.contain('Die Behörde nimmt höchstens 195 kB an.');
    expect(message).to.not.contain('später');
    expect([...form.shadowRoot!.querySelectorAll('.shrink li')].map(text)).to.deep.equal(['scan.jpg (293 kB)']);
    expect(text(primary(form)), 'the citizen can still send once the file is smaller').to.not.equal('');
    await expect(form).to.be.accessible();
  });
});
