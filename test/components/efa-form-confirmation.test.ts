import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-form/efa-form.js';
import type { EfaForm } from '../../components/efa-form/efa-form.js';
import type { ServiceSpec } from '../../src/services/service.js';
import type { EfaSubmitDetail } from '../../src/adapters/event.js';
import type { FormDefinition, Node } from '../../src/engine/definition.js';
import { FormEngine } from '../../src/engine/form-engine.js';
import validate from '../generated/engine-test.js';
import { definition } from '../fixtures/engine-test-definition.js';

/** The test definition with its consent moved to a confirmation step after the review page. */
const isConsent = (node: Node) => node.type === 'field' && node.name === 'zustimmung';
const [eins, zwei] = definition.steps as [FormDefinition['steps'][number], FormDefinition['steps'][number]];
const withConfirmation: FormDefinition = {
  ...definition,
  steps: [
    eins,
    { ...zwei, children: zwei.children.filter((node) => !isConsent(node)) },
    {
      id: 'bestaetigen',
      title: () => 'Bevor Sie senden',
      confirmation: { submitLabel: () => 'Verbindlich senden' },
      children: [{ type: 'content', blocks: () => [{ kind: 'warning', text: 'Das ist verbindlich.' }] }, ...zwei.children.filter(isConsent)],
    },
  ],
};

const spec: ServiceSpec = {
  service: 'verpflichtungserklaerung',
  definition: withConfirmation,
  loadValidator: async () => validate,
  title: () => 'Testdienst',
  nextSteps: () => [{ kind: 'paragraph', text: 'Wir melden uns bei Ihnen.' }],
};

const answers = {
  name: 'Ada',
  plz: '10115',
  art: 'person',
  personen: [{ vorname: 'Ada', geburtsdatum: '1985-03-27' }],
  staatsangehoerigkeiten: [{ code: '000', listURI: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit', listVersionID: '2021-02-19' }],
};

const $ = (el: EfaForm, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)!;
const headingOf = (el: EfaForm) => $(el, 'h2').textContent!.replace(/\s+/g, ' ').trim();

async function click(el: EfaForm, selector: string): Promise<void> {
  $(el, selector).click();
  await el.updateComplete;
}

describe('efa-form with a confirmation step', () => {
  it('shows the confirmation after the review, sends only from it once confirmed, never on Enter', async () => {
    const el = await fixture<EfaForm>(html`<efa-form .spec=${spec} adapter="event" lang="de"></efa-form>`);
    el.prefill = answers;
    await el.updateComplete;
    await click(el, 'button.primary');
    expect(headingOf(el)).to.equal('Schritt 2 von 4 Personen');
    await click(el, 'button.primary');
    expect(headingOf(el)).to.equal('Schritt 3 von 4 Prüfen Sie Ihre Angaben');
    expect(el.shadowRoot!.textContent, 'the confirmation is not part of the review').not.to.contain('Ich stimme zu');
    expect($(el, 'button.primary').textContent!.trim()).to.equal('Weiter');

    await click(el, 'button.primary');
    expect(headingOf(el)).to.equal('Schritt 4 von 4 Bevor Sie senden');
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'h2'));
    expect($(el, 'button.primary').textContent!.trim()).to.equal('Verbindlich senden');
    await expect(el).to.be.accessible();

    let sent = 0;
    el.addEventListener('efa-submit', (e) => {
      sent += 1;
      (e as CustomEvent<EfaSubmitDetail>).detail.respondWith!(Promise.resolve({ reference: 'T-1' }));
    });
    await click(el, 'button.primary');
    expect(el.shadowRoot!.querySelectorAll('.error-summary li').length, 'unconfirmed: an error, nothing sent').to.equal(1);
    expect(sent).to.equal(0);

    $(el, '#f-zustimmung').focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(sent, 'Enter does not send from the confirmation').to.equal(0);

    await click(el, 'button.secondary');
    expect(headingOf(el), 'back leads to the review').to.equal('Schritt 3 von 4 Prüfen Sie Ihre Angaben');
    await click(el, 'button.primary');
    expect(($(el, '#f-zustimmung') as HTMLElement & { value: unknown }).value, 'confirmed again each time').not.to.equal(true);
    $(el, '#f-zustimmung').focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;

    const submitted = oneEvent(el, 'efa-submitted');
    $(el, 'button.primary').click();
    const { detail } = await submitted;
    expect(sent).to.equal(1);
    expect(detail.submission.data.zustimmung).to.equal(true);
    await el.updateComplete;
    expect($(el, '.reference').textContent).to.equal('T-1');
  });
});

describe('a confirmation step and the browser history', () => {
  async function travel(el: EfaForm, direction: 'back' | 'forward'): Promise<void> {
    const popped = oneEvent(window, 'popstate');
    history[direction]();
    await popped;
    await el.updateComplete;
  }

  it('asks for the confirmation again when Back and Forward lead to it', async () => {
    // The entry the form is mounted on; Back goes no further than the review page.
    history.pushState({ host: 'page' }, '');
    const el = await fixture<EfaForm>(html`<efa-form .spec=${spec} adapter="event" lang="de"></efa-form>`);
    el.prefill = answers;
    await el.updateComplete;
    await click(el, 'button.primary');
    await click(el, 'button.primary');
    await click(el, 'button.primary');
    expect(headingOf(el)).to.equal('Schritt 4 von 4 Bevor Sie senden');
    $(el, '#f-zustimmung').focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(($(el, '#f-zustimmung') as HTMLElement & { value: unknown }).value).to.equal(true);

    await travel(el, 'back');
    expect(headingOf(el)).to.equal('Schritt 3 von 4 Prüfen Sie Ihre Angaben');
    await travel(el, 'forward');
    expect(headingOf(el)).to.equal('Schritt 4 von 4 Bevor Sie senden');
    expect(($(el, '#f-zustimmung') as HTMLElement & { value: unknown }).value, 'confirmed again each time').not.to.equal(true);
  });
});

describe('fixed answers', () => {
  it('count whatever the condition, survive loading answers and stay out of drafts', () => {
    const engine = new FormEngine(definition, validate);
    engine.preset('/art', 'firma');
    engine.load({ name: 'Ada' });
    expect(engine.submissionData()).to.include({ name: 'Ada', art: 'firma' });
    expect(engine.answers(), 'not a typed answer').to.deep.equal({ name: 'Ada' });
    engine.preset('/art', undefined);
    expect(engine.submissionData().art, 'withdrawn').to.equal(undefined);
  });
});

/** Sent from the review page through the event adapter, whose answer is `receipt`: the confirmation page. */
async function confirmed(receipt: { reference: string; accessCode?: string }, lang = 'de'): Promise<EfaForm> {
  const el = await fixture<EfaForm>(html`<efa-form .spec=${{ ...spec, definition }} adapter="event" lang=${lang}></efa-form>`);
  el.prefill = { ...answers, zustimmung: true };
  el.addEventListener('efa-submit', (e) => (e as CustomEvent<EfaSubmitDetail>).detail.respondWith!(Promise.resolve(receipt)));
  el.resumeAt('review', '');
  await el.updateComplete;
  const submitted = oneEvent(el, 'efa-submitted');
  $(el, 'button.primary').click();
  await submitted;
  await el.updateComplete;
  return el;
}

describe('the printed summary', () => {
  it('is German for the authority, with the language the form was used in beside it', async () => {
    const el = await confirmed({ reference: 'T-2' }, 'en');
    await waitUntil(() => $(el, '.printable h2')?.textContent!.trim() === 'Summary of your answers', 'in English');
    const print = $(el, '.confirmation .actions button');
    expect(print.textContent!.trim()).to.equal('Print summary (in German)');
    let printed: { heading: string; text: string; alongside: string[] } | undefined;
    const browserPrint = window.print;
    window.print = () => {
      const section = $(el, '.printable');
      printed = {
        heading: section.querySelector('h2')!.textContent!.trim(),
        text: section.textContent!.replace(/\s+/g, ' '),
        alongside: [...section.querySelectorAll('.alongside')].map((node) => `${node.getAttribute('lang')}: ${node.textContent!.trim()}`),
      };
    };
    try {
      print.click();
      await waitUntil(() => printed, 'printed');
    } finally {
      window.print = browserPrint;
    }
    expect(printed!.heading).to.equal('Ihre Angaben im Überblick');
    expect(printed!.text).to.contain('27. März 1985');
    expect(printed!.alongside).to.include('en: March 27, 1985');
    await waitUntil(() => $(el, '.printable h2').textContent!.trim() === 'Summary of your answers', 'back in English');
    expect(el.shadowRoot!.querySelector('.alongside'), 'only while printing').to.equal(null);
  });
});

describe('the access code on the confirmation page', () => {
  it('stands beside the reference, says what it is for and to keep it secret, and is printed with it', async () => {
    const el = await confirmed({ reference: 'T-3', accessCode: '7KQ2-M9XD-4F7K-2QAB-CDEF-GH12' });
    const code = $(el, '.confirmation .panel .access-code');
    expect(code.textContent).to.equal('7KQ2-M9XD-4F7K-2QAB-CDEF-GH12');
    expect(code.closest('.actions, .no-print'), 'not hidden when printing').to.equal(null);
    const note = $(el, '.access-note').textContent!.replace(/\s+/g, ' ');
    expect(note).to.contain('online sehen, wie weit Ihr Antrag ist');
    expect(note).to.contain('Geben Sie ihn niemandem weiter');
    await expect(el).to.be.accessible();
  });

  it('is translated, and left out when the back end gives none', async () => {
    const english = await confirmed({ reference: 'T-4', accessCode: '7KQ2-M9XD-4F7K-2QAB-CDEF-GH12' }, 'en');
    await waitUntil(() => $(english, '.access-note')?.textContent!.includes('Do not give it to anyone'), 'in English');
    const without = await confirmed({ reference: 'T-5' });
    expect($(without, '.reference').textContent).to.equal('T-5');
    expect(without.shadowRoot!.querySelector('.access-code')).to.equal(null);
    expect(without.shadowRoot!.querySelector('.access-note')).to.equal(null);
  });
});
