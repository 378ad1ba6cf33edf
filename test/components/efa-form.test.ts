import { LOADING_MS } from '../helpers/timing.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-form/efa-form.js';
import type { EfaForm } from '../../components/efa-form/efa-form.js';
import type { ServiceSpec } from '../../src/services/service.js';
import type { EfaSubmitDetail } from '../../src/adapters/event.js';
import { SubmitError, type Receipt } from '../../src/adapters/adapter.js';
import validate from '../generated/engine-test.js';
import { completeAnswers, definition } from '../fixtures/engine-test-definition.js';
import { setLocale } from '../../src/i18n/locale.js';
import { accessibilityTree, findAll } from '../helpers/accessibility-tree.js';
import type { FormDefinition } from '../../src/engine/definition.js';

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


/** Complete answers, then on to the review page. */
async function toReview(el: EfaForm): Promise<void> {
  el.prefill = completeAnswers;
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
    expect(el.shadowRoot!.querySelectorAll(':state(invalid)')).to.have.length(0);
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

  it('what a screen reader gets: names with their spaces, the summary once (focused, no live region)', async () => {
    const el = await form();
    let tree = await accessibilityTree();
    expect(findAll(tree, (n) => n.role === 'heading').map((n) => n.name)).to.deep.equal(['Schritt 1 von 3 Angaben']);
    expect(findAll(tree, (n) => n.role === 'textbox').map((n) => n.name)).to.deep.equal(['Name', 'Postleitzahl', 'Telefon (optional)']);
    $(el, 'button.primary').click();
    await el.updateComplete;
    tree = await accessibilityTree();
    const [summary] = findAll(tree, (n) => n.focused === true);
    expect(summary).to.include({ role: 'group', name: 'Es gibt ein Problem' });
    expect(summary!.description).to.contain('Geben Sie Ihren Namen ein.').and.contain('Wählen Sie bei „Wer erklärt?“ eine Antwort aus.');
    expect(findAll(tree, (n) => n.role === 'alert' || (n.live !== undefined && n.live !== 'off')), 'only the empty announcer is live').to.have.length(1);
    expect(findAll(tree, (n) => n.role === 'textbox' && n.name === 'Name')[0]!.description).to.equal('Fehler: Geben Sie Ihren Namen ein.');
    await expect(el).to.be.accessible();
  });

  it('a fixed warning is text of its step; one that appears after an answer is announced once', async () => {
    const [eins, ...rest] = definition.steps;
    const warned: FormDefinition = {
      ...definition,
      steps: [
        {
          ...eins!,
          children: [
            { type: 'content', blocks: () => [{ kind: 'warning', text: 'Sie haften fünf Jahre.' }] },
            ...eins!.children,
            {
              type: 'content',
              when: ({ get }) => get('/art') === 'firma',
              blocks: () => [{ kind: 'warning', text: 'Eine Firma braucht einen Registerauszug.' }],
            },
          ],
        },
        ...rest,
      ],
    };
    const el = await fixture<EfaForm>(html`<efa-form .spec=${{ ...spec, definition: warned }} adapter="event" lang="de"></efa-form>`);
    await el.updateComplete;
    const announcer = $(el, '[aria-live]');
    expect(el.shadowRoot!.querySelectorAll('[role="status"], [role="alert"]'), 'no warning is a live region').to.have.length(0);
    expect($(el, '.warning').textContent!.replace(/\s+/g, ' ').trim()).to.equal('! Wichtig: Sie haften fünf Jahre.');
    expect(announcer.textContent!.trim(), 'the fixed warning is not announced').to.equal('');
    $(el, '#f-art').focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(announcer.textContent!.trim()).to.equal('Wichtig: Eine Firma braucht einen Registerauszug.');
    expect(el.shadowRoot!.querySelectorAll('[role="status"], [role="alert"]')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('validates a field when it is left after a change, not while typing', async () => {
    const el = await form();
    await typeInto(el, 'f-plz', '123');
    await el.updateComplete;
    expect($(el, '#f-plz').matches(':state(invalid)')).to.equal(false);
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(($(el, '#f-plz') as HTMLElement & { error: string }).error).to.equal('Geben Sie eine Postleitzahl mit 5 Ziffern ein.');
    expect($(el, '#f-plz').matches(':state(invalid)')).to.equal(true);
  });

  it('goes through the steps by keyboard, reviews, changes an answer and sends through the event adapter', async () => {
    const el = await form();
    await fillFirstStep(el);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($(el, 'h2').textContent).to.contain('Schritt 2 von 3');
    expect(el.shadowRoot!.activeElement, 'focus moves to the new step heading').to.equal($(el, 'h2'));

    // "Zurück" to the first step, whose page has no "Zurück": the focused button vanishes, so the step is also announced.
    $(el, '.actions button.secondary').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'h2'));
    expect($(el, '[aria-live="polite"]').textContent).to.equal('Schritt 1 von 3 Angaben');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($(el, 'h2').textContent).to.contain('Schritt 2 von 3');
    expect($(el, '[aria-live="polite"]').textContent, 'focus alone announces a step forward').to.equal('');

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
    expect($(el, '[aria-live="polite"]').textContent, 'the pressed button is gone: the review is announced as well as focused').to.equal(
      'Schritt 3 von 3 Prüfen Sie Ihre Angaben',
    );
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
    expect($(el, '[aria-live]').textContent!.trim(), 'the step of the field is announced').to.equal('Schritt 1 von 3 Angaben');
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
    let calls = 0;
    let answer: (receipt: Receipt) => void = () => {};
    // An adapter object: nothing loads between a press and the hand-over, so a second sending would be handed over
    // within the microtasks that follow the press.
    el.adapter = {
      submit: () => {
        calls += 1;
        return new Promise<Receipt>((resolve) => (answer = resolve));
      },
    };
    await toReview(el);
    const button = $(el, 'button.primary');
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.textContent!.trim()).to.equal('Wird gesendet …');
    button.click();
    button.click();
    await waitUntil(() => calls > 0, 'the submission is handed over', { timeout: LOADING_MS });
    button.click();
    // One task later every microtask the presses started has run.
    await new Promise((resolve) => setTimeout(resolve));
    expect(calls).to.equal(1);
    answer({ reference: 'VE-2026-ONCE22' });
    await waitUntil(() => el.shadowRoot!.querySelector('.reference'), 'the confirmation appears', { timeout: LOADING_MS });
    expect(calls).to.equal(1);
  });
});
