import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import type { EfaAufenthaltstitel } from '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import type { EfaIdentityRequestDetail } from '../../components/efa-form/events.js';
import validate from '../../src/schema/generated/aufenthaltstitel.js';
import type { AuthenticatedIdentity } from '../../src/services/common/identity.js';
import { field, heading, radio } from '../helpers/form-driver.js';
import { answers } from '../helpers/aufenthaltstitel.js';
import { LOADING_MS } from '../helpers/timing.js';
import { nonceOf, signedTokenFor } from '../helpers/identity.js';

/** The applicant as the portal's login (the online ID function of an electronic residence permit) states them. */
const IDENTITY: AuthenticatedIdentity = {
  trustLevel: 'hoch',
  source: 'DeutschlandID',
  attributes: {
    vornamen: 'Anjali',
    familienname: 'Iyer',
    geburtsdatum: '1990-02-14',
    geburtsort: 'Pune',
    staatsangehoerigkeit: '436',
    anschrift: { strasse: 'Leopoldstraße', hausnummer: '8', postleitzahl: '80802', ort: 'München' },
    postfachHandle: '3f2b7c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b',
  },
};
const FILLED = [
  '/person/vornamen',
  '/person/familienname',
  '/person/geburtsdatum',
  '/person/geburtsort',
  '/person/staatsangehoerigkeiten/0',
  '/anschrift/strasse',
  '/anschrift/hausnummer',
  '/anschrift/postleitzahl',
  '/anschrift/ort',
];
const ORIGIN = 'Aus Ihrer Anmeldung mit DeutschlandID – nicht änderbar';

/** The portal: answers every identity request with the identity, its token bound to the submission asked about. */
function portalAnswers(form: EventTarget, identity: AuthenticatedIdentity): string[] {
  const requests: string[] = [];
  form.addEventListener('efa-identity-request', (event) => {
    const { submissionId, respondWith } = (event as CustomEvent<EfaIdentityRequestDetail>).detail;
    requests.push(submissionId);
    respondWith(signedTokenFor(submissionId, identity.attributes).then((token) => ({ ...identity, token })));
  });
  return requests;
}

async function formAt(page: string, prefill: Record<string, unknown>, identity: AuthenticatedIdentity = IDENTITY): Promise<EfaAufenthaltstitel> {
  const form = await fixture<EfaAufenthaltstitel>(
    html`<efa-aufenthaltstitel endpoint="/api/submissions" authority="09999000" route=${prefill.route as string} .prefill=${prefill}
      .identity=${identity}></efa-aufenthaltstitel>`,
  );
  await form.updateComplete;
  form.resumeAt(page);
  await form.updateComplete;
  return form;
}

const input = (form: EfaAufenthaltstitel, pointer: string) => field(form, pointer).shadowRoot!.querySelector('input')!;

describe('efa-aufenthaltstitel with an authenticated identity', () => {
  afterEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('shows the applicant’s names, birth, nationality and address read-only with their origin; the rest stays editable', async function () {
    this.timeout(60_000);
    const form = await formAt('person', await answers('erwerbstaetigkeit'));
    expect(heading(form)).to.contain('Angaben zu Ihrer Person');
    for (const [pointer, value] of [
      ['/person/vornamen', 'Anjali'],
      ['/person/familienname', 'Iyer'],
      ['/person/geburtsdatum', '14. Februar 1990'],
      ['/person/geburtsort', 'Pune'],
    ]) {
      expect(field(form, pointer!).value, pointer).to.equal(value);
      expect(input(form, pointer!).readOnly, pointer).to.equal(true);
      expect(field(form, pointer!).shadowRoot!.getElementById('hint')!.textContent, pointer).to.equal(ORIGIN);
      expect(input(form, pointer!).getAttribute('aria-describedby'), 'the origin is read with the field').to.contain('hint');
    }
    expect(field(form, '/person/staatsangehoerigkeiten/0').value, 'a code as its label').to.equal('Indien');

    input(form, '/person/familienname').focus();
    await sendKeys({ type: 'Mallory' });
    await form.updateComplete;
    expect(input(form, '/person/familienname').value, 'typing changes nothing').to.equal('Iyer');
    expect(input(form, '/person/geburtsname').readOnly, 'what the identity did not say is the citizen’s').to.equal(false);
    await expect(form).to.be.accessible();

    form.resumeAt('wohnen');
    await form.updateComplete;
    expect(field(form, '/anschrift/ort').value).to.equal('München');
    expect(input(form, '/anschrift/ort').readOnly).to.equal(true);
    expect(field(form, '/anschrift/ort').shadowRoot!.getElementById('hint')!.textContent).to.equal(ORIGIN);
    expect(input(form, '/anschrift/seit').readOnly).to.equal(false);
    await expect(form).to.be.accessible();
  });

  it('fills nothing while the signed-in person applies for someone they represent, and fills again when they apply for themselves', async function () {
    this.timeout(60_000);
    const form = await formAt('antragstellung', await answers('erwerbstaetigkeit'));
    await radio(form, '/antragstellung', 1);
    form.resumeAt('person');
    await form.updateComplete;
    expect(input(form, '/person/familienname').readOnly, 'the representative is not the applicant').to.equal(false);
    expect(field(form, '/person/familienname').value, 'the applicant’s own answer').to.equal('Raghunathan');

    form.resumeAt('antragstellung');
    await form.updateComplete;
    field(form, '/antragstellung').focus();
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Tab' });
    expect(field(form, '/antragstellung').value).to.equal('selbst');
    form.resumeAt('person');
    await form.updateComplete;
    expect(input(form, '/person/familienname').readOnly).to.equal(true);
    expect(field(form, '/person/familienname').value).to.equal('Iyer');
  });

  it('records the identity in authentifizierung with a token bound to the submission, and the answer about the mailbox', async function () {
    this.timeout(60_000);
    const form = await formAt('erklaerungen', await answers('erwerbstaetigkeit'));
    const requests = portalAnswers(form, IDENTITY);
    const question = field(form, '/zustimmungZumDigitalenBescheid');
    expect(question.value, 'never pre-answered').to.equal(undefined);
    await expect(form).to.be.accessible();
    await radio(form, '/zustimmungZumDigitalenBescheid', 0);
    expect(question.value, 'Ja').to.equal('true');

    form.resumeAt('review');
    await form.updateComplete;
    form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
    await waitUntil(() => form.shadowRoot!.querySelector('.reference'), 'the confirmation', { timeout: LOADING_MS });
    const reference = form.shadowRoot!.querySelector('.reference')!.textContent!.trim();
    const { id, data } = await (await fetch(`/api/submissions/${reference}/data`)).json();
    expect(validate(data), JSON.stringify(validate.errors)).to.equal(true);
    expect(requests, 'asked once, for this submission').to.deep.equal([id]);
    const { token, ...recorded } = data.authentifizierung as { token: string };
    expect(recorded).to.deep.equal({ vertrauensniveau: 'hoch', quelle: 'DeutschlandID', angaben: FILLED });
    expect(nonceOf(token)).to.equal(id);
    expect(data).to.nested.include({ 'person.familienname': 'Iyer', 'anschrift.ort': 'München', zustimmungZumDigitalenBescheid: true });
    expect(data).not.to.have.property('postfachVorhanden');
  });
});
