import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-status/efa-status.js';
import type { EfaStatus } from '../../components/efa-status/efa-status.js';
import { CaseError, type CaseBackend, type CaseMessage, type CaseView, type IdentityCase } from '../../components/efa-status/case-api.js';
import validateMessage from '../../src/schema/generated/return/nachricht.js';
import { getLocale } from '../../src/i18n/locale.js';

/** A message as schemas/return/nachricht.schema.json has it; the test fails on any other. */
function checked(message: CaseMessage): CaseMessage {
  const valid = validateMessage(message);
  expect(valid, `${message.type} follows nachricht.schema.json: ${JSON.stringify(validateMessage.errors)}`).to.equal(true);
  return message;
}

interface StoredCase {
  accessCode: string;
  status: string;
  messages: CaseMessage[];
  files: Map<string, File>;
}

/**
 * A portal's own back end for `<efa-status>`, held in memory: one case per reference, opened with its access
 * code; every message it serves or takes follows the return channel's schema. `refuseNextReply` makes the next
 * answer fail as a back end that did not take it.
 */
class PortalCases implements CaseBackend {
  readonly cases = new Map<string, StoredCase>();
  private readonly tokens = new Map<string, string>();
  /** The ids of every answer the element tried to send, taken or not. */
  readonly replyIds: string[] = [];
  refuseNextReply = false;

  file(reference: string, accessCode: string): void {
    this.cases.set(reference, { accessCode, status: 'eingegangen', messages: [], files: new Map() });
  }

  officeWrites(reference: string, type: CaseMessage['type'], data: Record<string, unknown>): string {
    const stored = this.cases.get(reference)!;
    const message = checked({ id: crypto.randomUUID(), caseReference: reference, createdAt: new Date().toISOString(), from: 'office', type, data });
    stored.messages.push(message);
    if (type === 'statusaenderung') stored.status = String(data.status);
    return message.id;
  }

  async open(reference: string, accessCode: string): Promise<string> {
    if (this.cases.get(reference)?.accessCode !== accessCode.replace(/[\s-]/g, '').toUpperCase()) throw new CaseError('access-denied');
    const token = crypto.randomUUID();
    this.tokens.set(token, reference);
    return token;
  }

  /** This portal opens no case with an identity. */
  async openWithIdentity(): Promise<IdentityCase[]> {
    throw new CaseError('identity-refused');
  }

  async read(reference: string, token: string): Promise<CaseView> {
    const stored = this.caseOf(reference, token);
    return { reference, status: stored.status, messages: stored.messages.map((m) => checked(structuredClone(m))) };
  }

  async reply(token: string, answer: CaseMessage, files: ReadonlyMap<string, File>): Promise<void> {
    const stored = this.caseOf(answer.caseReference, token);
    this.replyIds.push(answer.id);
    if (this.refuseNextReply) {
      this.refuseNextReply = false;
      throw new CaseError('refused');
    }
    checked(answer);
    const attached = ((answer.data.anlagen as { id: string }[] | undefined) ?? []).map((a) => a.id);
    expect([...files.keys()], 'one file for each attachment the answer names').to.deep.equal(attached);
    if (stored.messages.some((m) => m.id === answer.id)) return;
    stored.messages.push(answer);
    for (const [id, file] of files) stored.files.set(id, file);
  }

  /** This portal sends no "there is news" e-mails (`read` offers none). */
  async setNoticeAddress(): Promise<void> {
    throw new CaseError('refused');
  }

  async close(_reference: string, token: string): Promise<void> {
    this.tokens.delete(token);
  }

  private caseOf(reference: string, token: string): StoredCase {
    if (this.tokens.get(token) !== reference) throw new CaseError('signed-out');
    return this.cases.get(reference)!;
  }
}

const REFERENCE = 'VE-2026-4F7K2Q';
const ACCESS_CODE = '7KQ2M9XD4TPAR3HW8ZNFQ1VC';

const root = (el: EfaStatus) => el.shadowRoot!;
const title = (el: EfaStatus) => root(el).querySelector('h2')!.textContent!.trim();
const text = (el: EfaStatus) => root(el).querySelector('.panel')!.textContent!.replace(/\s+/g, ' ');
const byName = <T extends HTMLElement>(el: EfaStatus, name: string) => root(el).querySelector<T & { value: unknown; error: string }>(`[name="${name}"]`)!;
const button = (el: EfaStatus, label: string) =>
  [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === label) as HTMLButtonElement;
const failureShown = (el: EfaStatus) => root(el).activeElement?.classList.contains('failure') === true;

async function typeInto(el: EfaStatus, name: string, value: string): Promise<void> {
  byName(el, name).focus();
  await sendKeys({ type: value });
}

function pdfFile(name: string): File {
  return new File([new TextEncoder().encode('%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n%%EOF\n')], name, { type: 'application/pdf' });
}

afterEach(() => sessionStorage.clear());

describe('efa-status with a portal’s own back end', () => {
  it('opens, shows a document request, takes an upload as the answer and shows it; refusals read as the element’s messages', async () => {
    const backend = new PortalCases();
    backend.file(REFERENCE, ACCESS_CODE);
    const request = backend.officeWrites(REFERENCE, 'unterlagenanforderung', { unterlagen: [{ zweck: 'reisepass' }], frist: '2026-12-20' });
    backend.officeWrites(REFERENCE, 'statusaenderung', { status: 'unterlagen-fehlen' });

    const el = await fixture<EfaStatus>(html`<efa-status lang="de" .backend=${backend}></efa-status>`);
    await waitUntil(() => getLocale() === 'de', 'the element speaks German', { timeout: 10_000 });
    await el.updateComplete;

    // A wrong code: the back end's access-denied, worded as for the receiver.
    await typeInto(el, 'reference', REFERENCE.toLowerCase());
    await typeInto(el, 'accessCode', 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => failureShown(el), 'the refusal is shown and takes the focus');
    expect(root(el).querySelector('.failure')!.textContent).to.contain('Vorgangsnummer und Zugangscode passen nicht zusammen');
    await expect(el).to.be.accessible();

    byName(el, 'accessCode').value = '';
    await typeInto(el, 'accessCode', '7kq2-m9xd-4tpa-r3hw-8znf-q1vc');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => title(el).includes(REFERENCE), 'the case opens', { timeout: 10_000 }).catch(() => {
      throw new Error(`The case did not open; the element shows: ${text(el)}`);
    });
    expect(text(el)).to.contain('Stand: Unterlagen fehlen');
    expect(text(el)).to.contain('Die Behörde bittet um Unterlagen');
    expect(root(el).querySelectorAll('form.answer').length, 'the request waits for an answer').to.equal(1);
    await expect(el).to.be.accessible();

    const upload = byName(el, `${request}:datei-reisepass`);
    const input = upload.shadowRoot!.querySelector('input')!;
    const transfer = new DataTransfer();
    transfer.items.add(pdfFile('Reisepass.pdf'));
    input.files = transfer.files;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => ((upload.value as File[] | undefined) ?? []).length === 1, 'the file is taken');

    // The back end does not take the first try: the element says so and keeps the answer to send again.
    backend.refuseNextReply = true;
    button(el, 'Unterlagen senden').click();
    await waitUntil(() => failureShown(el), 'the refusal is shown and takes the focus');
    expect(root(el).querySelector('.failure')!.textContent).to.contain('Die Behörde hat die Angaben nicht angenommen');
    expect(root(el).querySelectorAll('form.answer').length, 'the request still waits').to.equal(1);
    await expect(el).to.be.accessible();

    button(el, 'Unterlagen senden').click();
    await waitUntil(() => root(el).querySelectorAll('form.answer').length === 0, 'the request is answered', { timeout: 10_000 });
    expect(root(el).querySelector('.failure'), 'the refusal is gone').to.equal(null);
    expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('Ihre Antwort ist bei der Behörde eingegangen');
    expect(text(el)).to.contain('Sie haben Unterlagen gesendet');
    expect(text(el)).to.contain('Reisepass.pdf');
    await expect(el).to.be.accessible();

    const stored = backend.cases.get(REFERENCE)!;
    const answer = stored.messages.find((m) => m.from === 'citizen')!;
    expect(answer.type).to.equal('unterlagennachreichung');
    expect(answer.data.anforderung).to.equal(request);
    expect(backend.replyIds, 'the resend after the refusal kept its id').to.deep.equal([answer.id, answer.id]);
    const [attachment] = answer.data.anlagen as { id: string; zweck: string; dateiname: string }[];
    expect(attachment).to.include({ zweck: 'reisepass', dateiname: 'Reisepass.pdf' });
    expect(stored.files.get(attachment!.id)!.name).to.equal('Reisepass.pdf');
    expect(root(el).activeElement, 'the answer takes the focus').to.equal(root(el).querySelector(`#m-${answer.id}`));

    expect(
      performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/cases/')),
      'nothing went to the receiver’s case API',
    ).to.deep.equal([]);
  });

  it('forgets a token the portal’s back end no longer takes', async () => {
    const backend = new PortalCases();
    backend.file(REFERENCE, ACCESS_CODE);
    const el = await fixture<EfaStatus>(html`<efa-status lang="de" .backend=${backend}></efa-status>`);
    await waitUntil(() => getLocale() === 'de', 'the element speaks German', { timeout: 10_000 });
    await typeInto(el, 'reference', REFERENCE);
    await typeInto(el, 'accessCode', ACCESS_CODE);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => title(el).includes(REFERENCE), 'the case opens', { timeout: 10_000 });

    const token = sessionStorage.getItem(`efa-status:${REFERENCE}`)!;
    await backend.close(REFERENCE, token);
    button(el, 'Auf Neuigkeiten prüfen').click();
    await waitUntil(() => failureShown(el), 'the refusal is shown and takes the focus');
    expect(root(el).querySelector('.failure')!.textContent).to.contain('Ihre Anmeldung zu diesem Vorgang ist abgelaufen');
    expect(sessionStorage.getItem(`efa-status:${REFERENCE}`), 'the tab forgot the token').to.equal(null);
    expect(byName(el, 'accessCode'), 'back to reference and code').to.exist;
    await expect(el).to.be.accessible();
  });
});
