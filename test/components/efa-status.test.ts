import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-status/efa-status.js';
import type { EfaStatus } from '../../components/efa-status/efa-status.js';
import { getLocale } from '../../src/i18n/locale.js';
import { envelope, validData } from '../helpers/submission.js';
import { paymentNavigation } from '../../components/efa-form/payment.js';
import { RETURN_PARAMETER, keepPaymentHandle } from '../../components/efa-form/payment-handle.js';
import type { AuthenticatedIdentity } from '../../src/services/common/identity.js';
import type { EfaIdentityRequestDetail } from '../../src/services/common/identity-form.js';
import { signedTokenFor } from '../helpers/identity.js';

interface Receipt {
  reference: string;
  accessCode: string;
}

/** A stored submission and the receipt its sender got (reference and the one-time access code). */
async function submitted(): Promise<Receipt> {
  const response = await fetch('/api/submissions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(envelope(await validData())),
  });
  expect(response.status).to.equal(201);
  return (await response.json()) as Receipt;
}

/** Writes to the case as the office does (the clerks' API, open without sign-in in the test server). */
async function officeWrites(reference: string, type: string, data: Record<string, unknown>): Promise<string> {
  const id = crypto.randomUUID();
  const response = await fetch(`/clerks/cases/${reference}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id, type, data }),
  });
  expect(response.status, await response.clone().text()).to.equal(201);
  return id;
}

async function officeReads(reference: string): Promise<{ status: string; messages: { type: string; from: string; data: Record<string, unknown> }[] }> {
  return (await fetch(`/clerks/cases/${reference}/messages`)).json();
}

const root = (el: EfaStatus) => el.shadowRoot!;
const title = (el: EfaStatus) => root(el).querySelector('h2')!.textContent!.trim();
const text = (el: EfaStatus) => root(el).querySelector('.panel')!.textContent!.replace(/\s+/g, ' ');
const byName = <T extends HTMLElement>(el: EfaStatus, name: string) => root(el).querySelector<T & { value: unknown; error: string }>(`[name="${name}"]`)!;
const button = (el: EfaStatus, label: string) =>
  [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === label) as HTMLButtonElement;

/** Types into a field of the element as a keyboard user does. */
async function typeInto(el: EfaStatus, name: string, value: string): Promise<void> {
  byName(el, name).focus();
  await sendKeys({ type: value });
}

async function openWith(el: EfaStatus, { reference, accessCode }: Receipt): Promise<void> {
  await typeInto(el, 'reference', reference.toLowerCase());
  await typeInto(el, 'accessCode', accessCode.replace(/-/g, ' ').toLowerCase());
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => title(el).includes(reference), 'the case opens', { timeout: 10_000 }).catch(() => {
    throw new Error(`The case did not open; the element shows: ${text(el)}`);
  });
}

function pdfFile(name: string): File {
  return new File([new TextEncoder().encode('%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n%%EOF\n')], name, { type: 'application/pdf' });
}

/** An eID declaration sent with a token the test portal signed for the person `sub`; answers the receipt. */
async function submittedWithIdentity(sub: string): Promise<Receipt> {
  const data = (await (await fetch('/test/fixtures/verpflichtungserklaerung/valid/eid.json')).json()) as Record<string, any>;
  const env = envelope(data);
  data.authentifizierung.token = await signedTokenFor(env.id, {}, 'hoch', sub);
  env.data = data;
  const response = await fetch('/api/submissions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(env) });
  expect(response.status, await response.clone().text()).to.equal(201);
  return (await response.json()) as Receipt;
}

const SIGNED_IN: AuthenticatedIdentity = { trustLevel: 'hoch', source: 'DeutschlandID', attributes: { vornamen: 'Katarzyna', familienname: 'Nowak' } };

/**
 * The portal's part on the page: answers the element's `efa-identity-request` as `answer` says (a token for the
 * nonce asked for, by default for `sub`); the nonces asked for are collected. Remove it with `stop`.
 */
function portalAnswers(answer: (nonce: string) => Promise<AuthenticatedIdentity> | undefined): { nonces: string[]; stop(): void } {
  const nonces: string[] = [];
  const listener = (event: Event) => {
    const detail = (event as CustomEvent<EfaIdentityRequestDetail>).detail;
    nonces.push(detail.submissionId);
    const identity = answer(detail.submissionId);
    if (identity) detail.respondWith(identity);
  };
  document.addEventListener('efa-identity-request', listener);
  return { nonces, stop: () => document.removeEventListener('efa-identity-request', listener) };
}

const tokenFor = (sub: string) => async (nonce: string) => ({ ...SIGNED_IN, token: await signedTokenFor(nonce, {}, 'hoch', sub) });

async function placeSignedIn(): Promise<EfaStatus> {
  const el = await fixture<EfaStatus>(html`<efa-status endpoint="/api" lang="de" .identity=${SIGNED_IN}></efa-status>`);
  await waitUntil(() => getLocale() === 'de', 'the element speaks German', { timeout: 10_000 });
  await el.updateComplete;
  return el;
}

/** Moves the focus with Tab until `target` has it (at most `limit` presses). */
async function tabTo(el: EfaStatus, target: HTMLElement, limit = 10): Promise<void> {
  for (let i = 0; i < limit && root(el).activeElement !== target; i += 1) await sendKeys({ press: 'Tab' });
  expect(root(el).activeElement, `Tab reaches “${target.textContent!.trim()}”`).to.equal(target);
}

async function place(lang = 'de'): Promise<EfaStatus> {
  const el = await fixture<EfaStatus>(html`<efa-status endpoint="/api" lang=${lang}></efa-status>`);
  await waitUntil(() => getLocale() === lang, `the element speaks "${lang}"`, { timeout: 10_000 });
  await el.updateComplete;
  return el;
}

afterEach(() => sessionStorage.clear());

describe('efa-status', () => {
  it('opens a case only with the matching access code, says so politely, and is accessible', async () => {
    const receipt = await submitted();
    const el = await place();
    await expect(el).to.be.accessible();

    button(el, 'Vorgang öffnen').click();
    await waitUntil(() => byName(el, 'reference').error !== '', 'the empty fields are marked');
    expect(byName(el, 'reference').error).to.equal('Geben Sie die Vorgangsnummer ein.');
    expect(byName(el, 'accessCode').error).to.equal('Geben Sie den Zugangscode ein.');

    await typeInto(el, 'reference', receipt.reference);
    await typeInto(el, 'accessCode', 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).activeElement?.classList.contains('failure'), 'the refusal is shown and takes the focus');
    expect(root(el).querySelector('.failure')!.textContent).to.contain('passen nicht zusammen');
    expect(byName(el, 'reference').value, 'what was typed stays').to.equal(receipt.reference);
    await expect(el).to.be.accessible();

    const other = await submitted();
    byName(el, 'accessCode').value = '';
    await typeInto(el, 'accessCode', other.accessCode);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).activeElement?.classList.contains('failure'), 'another case’s code opens nothing');
    expect(title(el)).not.to.contain(receipt.reference);

    byName(el, 'reference').value = '';
    byName(el, 'accessCode').value = '';
    await openWith(el, receipt);
    expect(title(el)).to.contain(receipt.reference);
    expect(text(el)).to.contain('Stand: Eingegangen');
    expect(text(el)).to.contain('Sobald die Behörde Ihnen schreibt');
    expect(root(el).activeElement, 'the case heading takes the focus').to.equal(root(el).querySelector('h2'));
    await expect(el).to.be.accessible();
  });

  it('lets the citizen upload requested documents, pick a slot and answer a hearing; the office sees each answer', async () => {
    const receipt = await submitted();
    const request = await officeWrites(receipt.reference, 'unterlagenanforderung', {
      unterlagen: [{ zweck: 'reisepass' }, { zweck: 'einkommensnachweise', hinweis: 'Die letzten drei Monate' }],
      frist: '2026-12-20',
    });
    const offer = await officeWrites(receipt.reference, 'terminangebot', {
      termine: [
        { id: crypto.randomUUID(), beginn: '2026-12-10T09:00:00+01:00', ende: '2026-12-10T09:30:00+01:00', ort: 'Raum 2.14' },
        { id: crypto.randomUUID(), beginn: '2026-12-11T14:00:00+01:00', ende: '2026-12-11T14:30:00+01:00', ort: 'Raum 2.14' },
      ],
    });
    const hearing = await officeWrites(receipt.reference, 'anhoerung', {
      gegenstand: 'Die Behörde beabsichtigt, den Antrag abzulehnen.',
      frist: '2026-12-31',
      rechtsgrundlage: '§ 28 Abs. 1 VwVfG',
    });
    await officeWrites(receipt.reference, 'statusaenderung', { status: 'unterlagen-fehlen' });
    const el = await place();
    await openWith(el, receipt);
    expect(text(el)).to.contain('Stand: Unterlagen fehlen');
    expect(root(el).querySelectorAll('form.answer').length, 'three messages wait for an answer').to.equal(3);
    await expect(el).to.be.accessible();

    // Documents: nothing chosen → a message at the field; then one file for one of the two purposes.
    button(el, 'Unterlagen senden').click();
    await waitUntil(() => byName(el, `${request}:datei-reisepass`).error !== '', 'no file is marked');
    const upload = byName(el, `${request}:datei-reisepass`);
    const input = upload.shadowRoot!.querySelector('input')!;
    const transfer = new DataTransfer();
    transfer.items.add(pdfFile('Reisepass.pdf'));
    input.files = transfer.files;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => ((upload.value as File[] | undefined) ?? []).length === 1, 'the file is taken');
    button(el, 'Unterlagen senden').click();
    await waitUntil(() => root(el).querySelectorAll('form.answer').length === 2, 'the request is answered', { timeout: 10_000 });
    expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('eingegangen');

    // Appointment: the second slot, by keyboard.
    const slots = byName(el, `${offer}:termin`);
    slots.focus();
    await sendKeys({ press: 'ArrowDown' });
    button(el, 'Antwort senden').click();
    await waitUntil(() => root(el).querySelectorAll('form.answer').length === 1, 'the offer is answered', { timeout: 10_000 });

    // Hearing: free text.
    await typeInto(el, `${hearing}:aeusserung`, 'Mein Einkommen ist seit November höher; der Nachweis folgt.');
    button(el, 'Äußerung senden').click();
    await waitUntil(() => root(el).querySelectorAll('form.answer').length === 0, 'the hearing is answered', { timeout: 10_000 });
    await expect(el).to.be.accessible();

    const seen = await officeReads(receipt.reference);
    const answers = seen.messages.filter((m) => m.from === 'citizen');
    expect(answers.map((m) => m.type)).to.deep.equal(['unterlagennachreichung', 'terminantwort', 'anhoerungsantwort']);
    expect((answers[0]!.data.anlagen as { zweck: string; dateiname: string }[]).map((a) => [a.zweck, a.dateiname])).to.deep.equal([['reisepass', 'Reisepass.pdf']]);
    const accepted = (seen.messages.find((m) => m.type === 'terminangebot')!.data.termine as { id: string }[])[1]!.id;
    expect(answers[1]!.data).to.include({ antwort: 'angenommen', termin: accepted });
    expect(answers[2]!.data.aeusserung).to.contain('November');
  });

  it('announces news from the office, keeps the case open across a reload of the tab, and closes it', async () => {
    const receipt = await submitted();
    const el = await place();
    await openWith(el, receipt);
    await officeWrites(receipt.reference, 'zahlungsaufforderung', {
      betrag: '29.00',
      zweck: 'Gebühr für die Verpflichtungserklärung',
      faelligAm: '2026-12-17',
      zahlungslink: 'https://zahlung.example.de/vorgang/1',
    });
    button(el, 'Auf Neuigkeiten prüfen').click();
    await waitUntil(() => root(el).querySelector('[role="status"]')!.textContent!.includes('eine neue Nachricht'), 'the news is announced');
    expect(text(el)).to.contain('Eine Gebühr ist zu zahlen');
    expect(text(el)).to.contain('29,00 €');

    // Another element on a page with the reference (e.g. after a reload) finds the tab's open case.
    const again = await fixture<EfaStatus>(html`<efa-status endpoint="/api" reference=${receipt.reference}></efa-status>`);
    await waitUntil(() => title(again).includes(receipt.reference), 'the tab’s case opens without the code');

    button(again, 'Vorgang schließen').click();
    await waitUntil(() => root(again).querySelector('form:not(.answer)'), 'back to the sign-in');
    const token = await fetch(`/api/cases/${receipt.reference}/messages`);
    expect(token.status, 'without a token nothing is read').to.equal(401);
    button(el, 'Auf Neuigkeiten prüfen').click();
    await waitUntil(() => root(el).querySelector('.failure'), 'the closed token is refused');
    expect(text(el)).to.contain('abgelaufen');
  });

  it('takes an address for “there is news” e-mails, politely refuses a wrong one, and withdraws it', async () => {
    const receipt = await submitted();
    const el = await place();
    await openWith(el, receipt);
    await typeInto(el, 'noticeAddress', 'anna-at-example.org');
    button(el, 'Hinweise bestellen').click();
    await waitUntil(() => byName(el, 'noticeAddress').error !== '', 'the wrong address is marked');
    expect(byName(el, 'noticeAddress').error).to.contain('name@beispiel.de');
    expect(byName(el, 'noticeAddress').value, 'what was typed stays').to.equal('anna-at-example.org');
    await expect(el).to.be.accessible();

    byName(el, 'noticeAddress').value = '';
    await typeInto(el, 'noticeAddress', 'anna@example.org');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(el).includes('einen Hinweis an anna@example.org'), 'the address is taken');

    // Another look at the case (a new element, the same tab) finds it at the office.
    const again = await fixture<EfaStatus>(html`<efa-status endpoint="/api" reference=${receipt.reference}></efa-status>`);
    await waitUntil(() => text(again).includes('einen Hinweis an anna@example.org'), 'the office keeps the address');
    button(again, 'Hinweise abbestellen').click();
    await waitUntil(() => byName(again, 'noticeAddress'), 'withdrawn: the field is back');
    expect(root(again).querySelector('[role="status"]')!.textContent).to.contain('keine Hinweise');
    await expect(again).to.be.accessible();
  });

  it('lets the citizen pay the fee later from here, and shows how the payment ended on the way back', async () => {
    const api = '/paying-receiver/api';
    const pageUrl = window.location.href;
    const browserNavigation = paymentNavigation.to;
    let sentTo: string | undefined;
    paymentNavigation.to = (url) => (sentTo = url);
    try {
      const sent = await fetch(`${api}/submissions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(envelope(await validData())),
      });
      const receipt = (await sent.json()) as Receipt;
      const el = await fixture<EfaStatus>(html`<efa-status endpoint=${api} lang="de"></efa-status>`);
      await openWith(el, receipt);
      await waitUntil(() => root(el).querySelector('.payment h2')?.textContent === 'Gebühr bezahlen', 'the fee is offered');
      expect(text(el)).to.contain('29,00 €');
      await expect(el).to.be.accessible();
      button(el, 'Jetzt online bezahlen').click();
      await waitUntil(() => sentTo, 'the browser is sent to the payment service');

      // The citizen pays on the service's page, which sends the browser back to this page.
      await fetch(sentTo!, { method: 'POST', mode: 'no-cors', body: new URLSearchParams({ choice: 'pay' }) });
      const back = new URL(pageUrl);
      back.searchParams.set(RETURN_PARAMETER, receipt.reference);
      history.replaceState(null, '', back);
      const returned = await fixture<EfaStatus>(html`<efa-status endpoint=${api} lang="de"></efa-status>`);
      await waitUntil(() => root(returned).querySelector('.payment h2')?.textContent === 'Gebühr bezahlt', 'the payment is booked', { timeout: 10_000 });
      expect(title(returned), 'the case is open again').to.contain(receipt.reference);
      expect(root(returned).querySelector('.payment-reference')!.textContent!.trim()).to.not.equal('');
      await expect(returned).to.be.accessible();
    } finally {
      paymentNavigation.to = browserNavigation;
      history.replaceState(null, '', pageUrl);
      keepPaymentHandle(undefined);
    }
  });

  it('offers no sign-in with the identity where the portal gives none', async () => {
    const el = await place();
    expect(button(el, 'Meine Anträge öffnen')).to.equal(undefined);
    expect(text(el)).to.not.contain('Mit Ihrer Anmeldung öffnen');
  });

  it('opens the cases the signed-in person sent with their identity, without reference and code, by keyboard', async () => {
    const sub = `status-${crypto.randomUUID()}`;
    const first = await submittedWithIdentity(sub);
    const second = await submittedWithIdentity(sub);
    const portal = portalAnswers(tokenFor(sub));
    try {
      const el = await placeSignedIn();
      expect(text(el)).to.contain('Sie sind im Portal mit DeutschlandID angemeldet');
      expect(byName(el, 'accessCode'), 'reference and code remain the other way in').to.exist;
      await expect(el).to.be.accessible();

      await tabTo(el, button(el, 'Meine Anträge öffnen'));
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => title(el) === 'Ihre Anträge', 'the person’s cases are listed', { timeout: 10_000 }).catch(() => {
        throw new Error(`No list; the element shows: ${text(el)}`);
      });
      expect(portal.nonces.length, 'the portal was asked once').to.equal(1);
      const listed = [...root(el).querySelectorAll('.cases button')].map((b) => b.textContent!.trim());
      expect(listed).to.deep.equal([`Vorgang ${second.reference} öffnen`, `Vorgang ${first.reference} öffnen`]);
      expect(text(el)).to.contain('Verpflichtungserklärung');
      expect(root(el).activeElement, 'the list’s heading takes the focus').to.equal(root(el).querySelector('h2'));
      await expect(el).to.be.accessible();

      await tabTo(el, button(el, `Vorgang ${first.reference} öffnen`));
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => title(el).includes(first.reference), 'the chosen case opens', { timeout: 10_000 });
      expect(text(el)).to.contain('Stand: Eingegangen');
      await expect(el).to.be.accessible();
    } finally {
      portal.stop();
    }
  });

  it('opens the cases once with a token the portal signed ahead, then asks the portal for a new one', async () => {
    const sub = `status-${crypto.randomUUID()}`;
    const mine = await submittedWithIdentity(sub);
    const portal = portalAnswers(tokenFor(sub));
    try {
      const ahead = { ...SIGNED_IN, token: await signedTokenFor(crypto.randomUUID(), {}, 'hoch', sub) };
      const el = await fixture<EfaStatus>(html`<efa-status endpoint="/api" lang="de" .identity=${ahead}></efa-status>`);
      button(el, 'Meine Anträge öffnen').click();
      await waitUntil(() => title(el).includes(mine.reference), 'the case opens with the token given', { timeout: 10_000 });
      expect(portal.nonces, 'the portal was not asked').to.deep.equal([]);

      button(el, 'Vorgang schließen').click();
      await waitUntil(() => button(el, 'Meine Anträge öffnen'), 'back to the sign-in');
      button(el, 'Meine Anträge öffnen').click();
      await waitUntil(() => title(el).includes(mine.reference), 'the case opens again', { timeout: 10_000 });
      expect(portal.nonces.length, 'the spent token is not sent again: the portal signs a new one').to.equal(1);
    } finally {
      portal.stop();
    }
  });

  it('opens nothing for another person, a case sent without the identity, a portal that gives no token, or a token the receiver refuses', async () => {
    const withoutIdentity = await submitted();
    const mine = await submittedWithIdentity(`status-${crypto.randomUUID()}`);
    const failure = async (el: EfaStatus) => {
      button(el, 'Meine Anträge öffnen').click();
      await waitUntil(() => root(el).activeElement?.classList.contains('failure'), 'the refusal is shown and takes the focus', { timeout: 10_000 });
      expect(title(el), 'no case opens').to.equal('Ihr Antrag: Stand und Nachrichten');
      expect(text(el)).to.not.contain(mine.reference);
      expect(text(el)).to.not.contain(withoutIdentity.reference);
      return root(el).querySelector('.failure')!.textContent!;
    };

    let portal = portalAnswers(tokenFor(`status-${crypto.randomUUID()}`));
    try {
      const el = await placeSignedIn();
      expect(await failure(el), 'another person has no case here').to.contain('noch kein Antrag gesendet');
      await expect(el).to.be.accessible();
    } finally {
      portal.stop();
    }

    portal = portalAnswers(() => undefined);
    try {
      expect(await failure(await placeSignedIn()), 'the portal gave no token').to.contain('ließ sich nicht bestätigen');
    } finally {
      portal.stop();
    }

    // A token for another nonce (one taken from an earlier request, say) is refused by the receiver.
    portal = portalAnswers(async () => ({ ...SIGNED_IN, token: await signedTokenFor(crypto.randomUUID(), {}, 'hoch', `status-${crypto.randomUUID()}`) }));
    try {
      expect(await failure(await placeSignedIn()), 'the receiver refused the token').to.contain('ließ sich nicht bestätigen');
    } finally {
      portal.stop();
    }
  });

  it('speaks English', async () => {
    const receipt = await submitted();
    await officeWrites(receipt.reference, 'statusaenderung', { status: 'in-bearbeitung' });
    const el = await place('en');
    expect(title(el)).to.not.equal('Ihr Antrag: Stand und Nachrichten');
    await openWith(el, receipt);
    expect(text(el)).to.not.contain('Stand:');
    await expect(el).to.be.accessible();
  });
});
