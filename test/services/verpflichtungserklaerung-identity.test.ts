import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaVerpflichtungserklaerung } from '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaIdentityRequestDetail } from '../../components/efa-form/events.js';
import validate from '../../src/schema/generated/verpflichtungserklaerung.js';
import { FormEngine } from '../../src/engine/form-engine.js';
import { verpflichtungserklaerungDefinition } from '../../src/services/verpflichtungserklaerung/definition.js';
import { answerError, httpAdapter } from '../../src/adapters/http.js';
import type { Adapter } from '../../src/adapters/adapter.js';
import type { AuthenticatedIdentity } from '../../src/services/common/identity.js';
import { applyIdentity } from '../../src/services/verpflichtungserklaerung/identity.js';
import { field, heading, radio, tick } from '../helpers/form-driver.js';
import { validData } from '../helpers/submission.js';
import { LOADING_MS } from '../helpers/timing.js';
import { nonceOf, signedTokenFor, tokenFor } from '../helpers/identity.js';

const IDENTITY: AuthenticatedIdentity = {
  trustLevel: 'hoch',
  source: 'DeutschlandID',
  attributes: {
    vornamen: 'Erika',
    familienname: 'Mustermann',
    geburtsdatum: '1964-08-12',
    geburtsort: 'Berlin',
    staatsangehoerigkeit: '000',
    anschrift: { strasse: 'Heidestraße', hausnummer: '17', postleitzahl: '51147', ort: 'Köln' },
  },
};
const PERSON = '/erklaerender/person';
/** The answers the identity above fills, as the submission carries them. */
const FILLED = ['vornamen', 'familienname', 'geburtsdatum', 'geburtsort', 'staatsangehoerigkeiten/0', 'anschrift/strasse', 'anschrift/hausnummer', 'anschrift/postleitzahl', 'anschrift/ort'].map(
  (name) => `${PERSON}/${name}`,
);
const ORIGIN = 'Aus Ihrer Anmeldung mit DeutschlandID – nicht änderbar';

/** The portal: answers every identity request with the identity, its token bound to the submission asked about. */
function portalAnswers(form: EventTarget, identity: AuthenticatedIdentity, requests: string[] = []): string[] {
  form.addEventListener('efa-identity-request', (event) => {
    const { submissionId, respondWith } = (event as CustomEvent<EfaIdentityRequestDetail>).detail;
    requests.push(submissionId);
    respondWith(signedTokenFor(submissionId, identity.attributes).then((token) => ({ ...identity, token })));
  });
  return requests;
}

/** Valid answers whose declaring person differs from the identity everywhere the identity speaks. */
async function answers(): Promise<Record<string, unknown>> {
  const { abgabeart: _asked, ...data } = await validData();
  return data;
}

async function formAt(page: string, template: ReturnType<typeof html>): Promise<EfaVerpflichtungserklaerung> {
  const form = await fixture<EfaVerpflichtungserklaerung>(template);
  await form.updateComplete;
  form.resumeAt(page);
  await form.updateComplete;
  return form;
}

const input = (form: EfaVerpflichtungserklaerung, pointer: string) => field(form, pointer).shadowRoot!.querySelector('input')!;
const text = (form: EfaVerpflichtungserklaerung) => form.shadowRoot!.textContent!.replace(/\s+/g, ' ');

async function send(form: EfaVerpflichtungserklaerung): Promise<void> {
  if (!heading(form).includes('Bevor Sie verbindlich absenden')) {
    form.resumeAt('warnhinweis');
    await form.updateComplete;
  }
  if (field(form, '/warnhinweisBestaetigt').value !== true) await tick(form, '/warnhinweisBestaetigt');
  form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
}

const confirmed = (form: EfaVerpflichtungserklaerung) =>
  waitUntil(() => form.shadowRoot!.querySelector('.reference'), 'the confirmation', { timeout: LOADING_MS });
const failed = (form: EfaVerpflichtungserklaerung) =>
  waitUntil(() => form.shadowRoot!.querySelector('.send-error'), 'the failure is shown', { timeout: LOADING_MS });

async function stored(form: EfaVerpflichtungserklaerung): Promise<{ id: string; data: Record<string, unknown> }> {
  const reference = form.shadowRoot!.querySelector('.reference')!.textContent!.trim();
  return (await fetch(`/api/submissions/${reference}/data`)).json();
}

describe('efa-verpflichtungserklaerung with an authenticated identity', () => {
  afterEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('shows what the identity says read-only, saying where it came from; what it did not say stays editable', async function () {
    this.timeout(60_000);
    const form = await formAt('erklaerender', html`<efa-verpflichtungserklaerung .prefill=${await answers()} .identity=${IDENTITY}></efa-verpflichtungserklaerung>`);
    expect(heading(form)).to.contain('Angaben zu Ihrer Person');
    const vornamen = field(form, `${PERSON}/vornamen`);
    expect(vornamen.value).to.equal('Erika');
    expect(input(form, `${PERSON}/vornamen`).readOnly).to.equal(true);
    expect(vornamen.shadowRoot!.getElementById('hint')!.textContent).to.equal(ORIGIN);
    expect(input(form, `${PERSON}/vornamen`).getAttribute('aria-describedby'), 'the origin is read with the field').to.contain('hint');
    expect(field(form, `${PERSON}/geburtsdatum`).value, 'a date as people read it').to.equal('12. August 1964');
    expect(field(form, `${PERSON}/staatsangehoerigkeiten/0`).value, 'a code as its label').to.match(/deutsch/i);
    expect(field(form, `${PERSON}/anschrift/ort`).value).to.equal('Köln');
    const nationalities = form.shadowRoot!.getElementById(`f${PERSON}/staatsangehoerigkeiten`.replace(/[^A-Za-z0-9]+/g, '-'))!;
    expect(nationalities.querySelector('fieldset.item button'), 'the authenticated nationality cannot be removed').to.equal(null);

    // Typing into it changes nothing, and it is still reachable by keyboard.
    input(form, `${PERSON}/vornamen`).focus();
    await sendKeys({ type: 'Mallory' });
    await form.updateComplete;
    expect(form.shadowRoot!.activeElement).to.equal(field(form, `${PERSON}/vornamen`));
    expect(input(form, `${PERSON}/vornamen`).value).to.equal('Erika');

    // What the identity did not deliver is the citizen's to give.
    expect(input(form, `${PERSON}/geburtsname`).readOnly).to.equal(false);
    expect(input(form, `${PERSON}/beruf`).readOnly).to.equal(false);
    expect(field(form, `${PERSON}/beruf`).value).to.equal('Krankenpflegerin');
    await expect(form).to.be.accessible();
  });

  it('wins over a prefill and over a draft resumed from this browser', async function () {
    this.timeout(60_000);
    const data = await answers();
    // A draft saved without the identity, with other names.
    const before = await formAt('erklaerender', html`<efa-verpflichtungserklaerung drafts="local" authority="09999000" .prefill=${data}></efa-verpflichtungserklaerung>`);
    expect(field(before, `${PERSON}/familienname`).value).to.equal('Becker');
    const saved = oneEvent(before, 'efa-draft-saved');
    input(before, `${PERSON}/beruf`).focus();
    await sendKeys({ type: 'in' });
    await saved;
    before.remove();

    const form = await fixture<EfaVerpflichtungserklaerung>(
      html`<efa-verpflichtungserklaerung drafts="local" authority="09999000" .prefill=${data} .identity=${IDENTITY}></efa-verpflichtungserklaerung>`,
    );
    await form.updateComplete;
    form.shadowRoot!.querySelector<HTMLButtonElement>('.resume button.primary')!.click();
    await form.updateComplete;
    expect(heading(form)).to.contain('Angaben zu Ihrer Person');
    expect(field(form, `${PERSON}/beruf`).value, 'the draft is there').to.equal('Krankenpflegerinin');
    expect(field(form, `${PERSON}/familienname`).value, 'the identity is too').to.equal('Mustermann');
    expect(field(form, `${PERSON}/vornamen`).value).to.equal('Erika');
  });

  it('the engine keeps locked answers through loading answers and input', () => {
    const engine = new FormEngine(verpflichtungserklaerungDefinition, validate);
    engine.lock(new Map([[`${PERSON}/familienname`, 'Mustermann']]), () => ORIGIN);
    engine.load({ erklaerender: { art: 'person', person: { familienname: 'Becker' } } });
    engine.set(`${PERSON}/familienname`, 'Mallory');
    expect(engine.submissionData()).to.have.nested.property('erklaerender.person.familienname', 'Mustermann');
    engine.lock(new Map(), () => ORIGIN);
    expect(engine.submissionData(), 'unlocked, the citizen’s own answer counts again').to.have.nested.property('erklaerender.person.familienname', 'Becker');
  });

  it('fills nothing for a declaring organisation: its person is not asked, so nothing is recorded as authenticated', async () => {
    const organisation = (await (await fetch('/test/fixtures/verpflichtungserklaerung/valid/organisation.json')).json()) as Record<string, unknown>;
    const engine = new FormEngine(verpflichtungserklaerungDefinition, validate);
    engine.load(organisation);
    applyIdentity(engine, { ...IDENTITY, token: tokenFor('id') }, undefined);
    const data = engine.submissionData();
    expect(data).not.to.have.nested.property('erklaerender.person');
    expect(data.authentifizierung).to.deep.equal({ vertrauensniveau: 'hoch', token: tokenFor('id'), quelle: 'DeutschlandID', angaben: [] });
  });

  it('binds the token to the submission at sending and records what the identity filled', async function () {
    this.timeout(60_000);
    const form = await fixture<EfaVerpflichtungserklaerung>(
      html`<efa-verpflichtungserklaerung endpoint="/api/submissions" authority="09999000" .prefill=${{ ...(await answers()), abgabeart: 'eid' }}
        .identity=${IDENTITY}></efa-verpflichtungserklaerung>`,
    );
    const requests = portalAnswers(form, IDENTITY);
    await form.updateComplete;
    expect(requests, 'an identity was given: nothing asked at the start').to.deep.equal([]);
    await send(form);
    await confirmed(form);
    const { id, data } = await stored(form);
    expect(requests, 'asked once, for this submission').to.deep.equal([id]);
    expect(validate(data), JSON.stringify(validate.errors)).to.equal(true);
    const { token, ...recorded } = data.authentifizierung as { token: string };
    expect(recorded).to.deep.equal({ vertrauensniveau: 'hoch', quelle: 'DeutschlandID', angaben: FILLED });
    expect(nonceOf(token), 'the token is bound to this submission').to.equal(id);
    expect(data).to.nested.include({ 'erklaerender.person.familienname': 'Mustermann', 'erklaerender.person.geburtsdatum': '1964-08-12', 'abgabeart': 'eid' });
    expect((data.erklaerender as { person: { staatsangehoerigkeiten: { code: string }[] } }).person.staatsangehoerigkeiten[0]!.code).to.equal('000');
  });

  it('asks the portal once at the start when it has no identity, and sends under the id it named', async function () {
    this.timeout(60_000);
    const requests: string[] = [];
    const prefill = { ...(await answers()), abgabeart: 'eid' };
    const form = document.createElement('efa-verpflichtungserklaerung');
    Object.assign(form, { endpoint: '/api/submissions', authority: '09999000', prefill });
    portalAnswers(form, IDENTITY, requests);
    const asked = oneEvent(form, 'efa-identity-request');
    document.body.append(form);
    try {
      await asked;
      await waitUntil(() => form.identity, 'the answer became the identity', { timeout: LOADING_MS });
      await send(form);
      await confirmed(form);
      const { id, data } = await stored(form);
      expect(requests, 'no second request: the token is bound to the id already').to.deep.equal([id]);
      expect(nonceOf((data.authentifizierung as { token: string }).token)).to.equal(id);
      expect(data.abgabeart, 'at level hoch the fully online mode is open').to.equal('eid');
    } finally {
      form.remove();
    }
  });

  it('without a token from the portal nothing is sent, the citizen is told, and sending again asks again', async function () {
    this.timeout(60_000);
    const form = await fixture<EfaVerpflichtungserklaerung>(
      html`<efa-verpflichtungserklaerung endpoint="/api/submissions" authority="09999000" .prefill=${{ ...(await answers()), abgabeart: 'eid' }}
        .identity=${IDENTITY}></efa-verpflichtungserklaerung>`,
    );
    await form.updateComplete;
    const error = oneEvent(form, 'efa-submit-error');
    await send(form);
    expect((await error).detail.error).to.include({ failure: 'identity' });
    await failed(form);
    expect(text(form)).to.contain('Ihre Anmeldung im Portal konnte nicht bestätigt werden').and.to.contain('Ihre Angaben sind nicht verloren');
    await expect(form).to.be.accessible();

    const requests = portalAnswers(form, IDENTITY);
    form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
    await confirmed(form);
    const { id } = await stored(form);
    expect(requests).to.deep.equal([id]);
  });

  it('with a DeutschlandID mailbox asks whether the decision may be delivered there: optional, never pre-answered, sent as answered', async function () {
    this.timeout(60_000);
    const question = '/zustimmungZumDigitalenBescheid';
    const withMailbox: AuthenticatedIdentity = { ...IDENTITY, attributes: { ...IDENTITY.attributes, postfachHandle: '3f2b7c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b' } };
    const without = await formAt('abgabe', html`<efa-verpflichtungserklaerung .prefill=${await answers()} .identity=${IDENTITY}></efa-verpflichtungserklaerung>`);
    expect(heading(without)).to.contain('Abgabe und Hinweise');
    expect(() => field(without, question), 'no mailbox, no question').to.throw();
    without.remove();

    const form = await formAt(
      'abgabe',
      html`<efa-verpflichtungserklaerung endpoint="/api/submissions" authority="09999000" .prefill=${{ ...(await answers()), abgabeart: 'eid' }}
        .identity=${withMailbox}></efa-verpflichtungserklaerung>`,
    );
    portalAnswers(form, withMailbox);
    const asked = field(form, question);
    expect(asked.textContent!.replace(/\s+/g, ' ') + asked.shadowRoot!.textContent!.replace(/\s+/g, ' ')).to.contain('Postfach bei der DeutschlandID').and.to.contain('(optional)');
    expect(asked.value, 'nothing is chosen for the citizen').to.equal(undefined);
    expect([...asked.shadowRoot!.querySelectorAll('input')].some((radio) => (radio as HTMLInputElement).checked)).to.equal(false);
    await expect(form).to.be.accessible();

    // Unanswered, nothing is submitted for it.
    expect((form as unknown as { engine: FormEngine }).engine.submissionData()).not.to.have.property('zustimmungZumDigitalenBescheid');
    expect((form as unknown as { engine: FormEngine }).engine.submissionData(), 'the mailbox itself is never an answer').not.to.have.property('postfachVorhanden');

    await radio(form, question, 1);
    expect(asked.value, 'Nein').to.equal('false');
    await send(form);
    await confirmed(form);
    const { data } = await stored(form);
    expect(validate(data), JSON.stringify(validate.errors)).to.equal(true);
    expect(data.zustimmungZumDigitalenBescheid, 'a refusal is recorded as false').to.equal(false);
    expect(data).not.to.have.property('postfachVorhanden');
  });

  it('the receiver’s refusal of changed answers names their fields, keeps everything, and sending again works', async function () {
    this.timeout(60_000);
    const receiver = httpAdapter({ endpoint: '/api/submissions' });
    let refused = false;
    // The portal's receiver as the contract describes it: a 403 identity problem first, then acceptance.
    const adapter: Adapter = {
      async submit(submission, options) {
        if (refused) return receiver.submit(submission, options);
        refused = true;
        const problem = { type: 'urn:efa-forms:problem:identity', title: 'Angaben geändert', reason: 'changed', fields: [`${PERSON}/familienname`, `${PERSON}/anschrift/ort`] };
        throw await answerError(new Response(JSON.stringify(problem), { status: 403, headers: { 'Content-Type': 'application/problem+json' } }));
      },
    };
    const form = await fixture<EfaVerpflichtungserklaerung>(
      html`<efa-verpflichtungserklaerung .adapter=${adapter} authority="09999000" .prefill=${{ ...(await answers()), abgabeart: 'eid' }}
        .identity=${IDENTITY}></efa-verpflichtungserklaerung>`,
    );
    portalAnswers(form, IDENTITY);
    await form.updateComplete;
    await send(form);
    await failed(form);
    const failure = form.shadowRoot!.querySelector('.send-error')!;
    expect(failure.textContent!.replace(/\s+/g, ' ')).to.contain('stimmen nicht mit Ihrer Anmeldung im Portal überein');
    expect([...failure.querySelectorAll('ul.changed li')].map((item) => item.textContent!.trim())).to.deep.equal([
      'Familienname',
      'Ihre Anschrift in Deutschland: Ort',
    ]);
    await expect(form).to.be.accessible();
    form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
    await confirmed(form);
    expect((await stored(form)).data).to.nested.include({ 'erklaerender.person.familienname': 'Mustermann', 'gast.familienname': 'Sharma' });
  });
});
