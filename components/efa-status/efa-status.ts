import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { define } from '../define.js';
import '../efa-text-field/efa-text-field.js';
import '../efa-textarea/efa-textarea.js';
import '../efa-radio-group/efa-radio-group.js';
import '../efa-file-upload/efa-file-upload.js';
import type { EfaFieldElement } from '../shared/field-element.js';
import { base, tokens } from '../shared/tokens.styles.js';
import { buttonStyles } from '../shared/buttons.styles.js';
import { getLocale, resolveLang, setLocale, textDirection } from '../../src/i18n/locale.js';
import { formatAmount, formatDate } from '../../src/i18n/format.js';
import { randomUuid } from '../../src/engine/random-uuid.js';
import { PURPOSE_LABELS } from '../../src/services/aufenthaltstitel/documents.js';
import type { AuthenticatedIdentity } from '../../src/services/common/identity.js';
import { unverifiedClaims } from '../../src/services/common/identity-token.js';
import type { EfaIdentityRequestDetail } from '../../src/services/common/identity-form.js';
import {
  CaseError,
  HttpCaseBackend,
  keepToken,
  normalizeReference,
  savedToken,
  type CaseBackend,
  type CaseFailure,
  type CaseMessage,
  type CaseView,
  type IdentityCase,
} from './case-api.js';
import { statusStyles } from './efa-status.styles.js';
import { paymentHandle, returningPayment } from '../efa-form/payment-handle.js';
import type { PaymentPart } from '../efa-form/payment.js';

/** How often an open case asks for news while the page is visible. */
const REFRESH_MS = 60_000;
/** How long opening with the identity waits for the portal's token, as the forms do when sending. */
const IDENTITY_WAIT_MS = 30_000;

/** The office's messages that wait for the citizen's answer, and the answer's type and field that refers to them. */
const ANSWERED_BY: Readonly<Record<string, readonly [type: CaseMessage['type'], field: string]>> = {
  unterlagenanforderung: ['unterlagennachreichung', 'anforderung'],
  terminangebot: ['terminantwort', 'angebot'],
  anhoerung: ['anhoerungsantwort', 'anhoerung'],
};

const statusLabel = (status: string): string =>
  ({
    eingegangen: msg('Eingegangen'),
    'in-bearbeitung': msg('In Bearbeitung'),
    'unterlagen-fehlen': msg('Unterlagen fehlen'),
    'termin-angeboten': msg('Termin angeboten'),
    'entscheidung-liegt-vor': msg('Entscheidung liegt vor'),
    abgeschlossen: msg('Abgeschlossen'),
  })[status] ?? status;

const messageTitle = (type: CaseMessage['type']): string =>
  ({
    statusaenderung: msg('Neuer Bearbeitungsstand'),
    unterlagenanforderung: msg('Die Behörde bittet um Unterlagen'),
    terminangebot: msg('Die Behörde bietet Termine an'),
    anhoerung: msg('Anhörung: Sie können sich äußern'),
    zahlungsaufforderung: msg('Eine Gebühr ist zu zahlen'),
    unterlagennachreichung: msg('Sie haben Unterlagen gesendet'),
    terminantwort: msg('Ihre Antwort auf das Terminangebot'),
    anhoerungsantwort: msg('Ihre Äußerung zur Anhörung'),
  })[type];

const purposeLabel = (code: string): string => PURPOSE_LABELS[code]?.() ?? code;

const serviceLabel = (service: string): string =>
  ({ verpflichtungserklaerung: msg('Verpflichtungserklärung'), aufenthaltstitel: msg('Aufenthaltstitel') })[service] ?? service;

/**
 * @summary The citizen's view of one submission after sending: the office's messages and the answers to them.
 *
 * A portal puts it on a "my application" page. The citizen opens a case with the reference and the access code
 * from the receipt, or — where the portal hands the element the identity of a signed-in person (`identity`) —
 * the cases they sent with that identity, without reference and code: the element asks the portal for a token
 * bound to a fresh nonce (`efa-identity-request`, as the forms do when sending), and the receiver opens only the
 * cases stored with the token's subject. The element then shows the current status and every message, oldest first, and lets the
 * citizen act on what the office asks: upload the requested documents (the same file rules as the forms),
 * accept an offered appointment or ask for another, answer a hearing (Anhörung) before its deadline. A fee due
 * shows its amount, purpose, deadline and the office's payment link. News is looked for every minute while the
 * page is visible and announced to screen readers. The case stays open in this browser tab only.
 *
 * It talks to the reference receiver's case API at `endpoint`, or to a portal's own back end: any object with
 * the `CaseBackend` calls, set as `backend`.
 *
 * @csspart panel - The surface of the element.
 */
export class EfaStatus extends LitElement {
  static override styles = [tokens, base, buttonStyles, statusStyles];

  static override properties = {
    endpoint: {},
    backend: { attribute: false },
    reference: {},
    lang: {},
    identity: { attribute: false },
    opened: { state: true },
    identityCases: { state: true },
    failure: { state: true },
    busy: { state: true },
    announcement: { state: true },
    answered: { state: true },
  };

  /** Base URL of the receiver's API (the `/cases/*` routes), used unless `backend` is set. */
  declare endpoint: string;
  /**
   * A portal's own back end for the cases: an object with the `CaseBackend` calls (open with reference and
   * code, open with the identity, read, reply, notices address, close), each failing with a `CaseError`.
   * Unset: the receiver's case API at `endpoint`. Set it before the element connects (a case kept open in
   * the tab is read again at once). The online payment of a fee talks to the receiver at `endpoint` only.
   *
   * @example
   * ```js
   * import { CaseError } from 'efa-forms/efa-status.js';
   * status.backend = {
   *   async open(reference, accessCode) {
   *     const response = await fetch('/portal/cases/open', { method: 'POST', body: JSON.stringify({ reference, accessCode }) });
   *     if (response.status === 403) throw new CaseError('access-denied');
   *     if (!response.ok) throw new CaseError('unreachable');
   *     return (await response.json()).token;
   *   },
   *   // openWithIdentity(token, nonce), read(reference, token), reply(token, answer, files),
   *   // setNoticeAddress(reference, token, address), close(reference, token)
   * };
   * ```
   */
  declare backend: CaseBackend | undefined;
  /** A reference to fill in beforehand (e.g. from a link in the receipt); the access code is always typed. */
  declare reference: string;
  /**
   * The person signed in at the portal (the forms' `identity`). Its token, when the portal signed one ahead
   * (with a `nonce` of its own), opens the cases once; otherwise, and after that, the element asks the portal for a
   * token with `efa-identity-request`. Unset: cases open with reference and access code only.
   */
  declare identity: AuthenticatedIdentity | undefined;
  /** The cases opened with the identity, while the person picks one of several. */
  declare private identityCases: IdentityCase[] | undefined;
  declare private opened: (CaseView & { token: string }) | undefined;
  declare private failure: { failure: CaseFailure; retryAfterSeconds?: number } | undefined;
  declare private busy: boolean;
  declare private announcement: string;
  /** The id of the office message just answered: its confirmation takes the focus. */
  declare private answered: string | undefined;
  /** The fee (the forms' payment part, loaded with the case): pay now, later, or see how a payment ended. */
  private payment: PaymentPart | undefined;
  /** Tokens handed in `identity` that were sent once already: the receiver takes each nonce once. */
  private readonly spentTokens = new Set<string>();
  /** One id per answer form, kept across retries: a resend after a lost answer stores nothing twice. */
  private readonly answerIds = new Map<string, string>();
  private readonly fieldErrors = new Map<string, string>();
  private refreshTimer: ReturnType<typeof setInterval> | undefined;
  private readonly langObserver = new MutationObserver(() => this.applyLanguage());
  private readonly onVisibility = (): void => {
    if (document.visibilityState === 'visible') void this.refresh();
  };

  constructor() {
    super();
    this.endpoint = '/api';
    this.reference = '';
    this.busy = false;
    this.announcement = '';
    updateWhenLocaleChanges(this);
  }

  /** The portal's back end, else the receiver's case API. */
  private get cases(): CaseBackend {
    return this.backend ?? new HttpCaseBackend(this.endpoint);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.applyLanguage();
    this.langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    document.addEventListener('visibilitychange', this.onVisibility);
    // Back from the payment service: the tab's payment handle holds the case token the payment began with.
    const paid = returningPayment();
    if (paid) {
      this.reference = paid;
      void this.load(paid, paymentHandle(paid)!.token, true);
      return;
    }
    const reference = normalizeReference(this.reference);
    const token = reference ? savedToken(reference) : undefined;
    if (token) void this.load(reference, token);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.langObserver.disconnect();
    document.removeEventListener('visibilitychange', this.onVisibility);
    clearInterval(this.refreshTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang')) this.applyLanguage();
  }

  private applyLanguage(): void {
    const lang = resolveLang(this);
    if (lang !== getLocale()) void setLocale(lang);
  }

  override render(): TemplateResult {
    const locale = getLocale();
    return html`<section class="panel" part="panel" lang=${locale} dir=${textDirection(locale)} aria-labelledby="title">
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.opened ? this.renderCase(this.opened) : this.renderSignIn()}
    </section>`;
  }

  // --- opening a case ---------------------------------------------------------------------------------------------

  private renderSignIn(): TemplateResult {
    if (this.identityCases) return this.renderIdentityCases(this.identityCases);
    const source = this.identity?.source?.trim();
    return html`<h2 id="title" tabindex="-1">${msg('Ihr Antrag: Stand und Nachrichten')}</h2>
      ${this.renderFailure()}
      ${this.identity
        ? html`<section class="identity" aria-labelledby="identity-title">
            <h3 id="identity-title">${msg('Mit Ihrer Anmeldung öffnen')}</h3>
            <p>
              ${source
                ? msg(str`Sie sind im Portal mit ${source} angemeldet. Anträge, die Sie mit dieser Anmeldung gesendet haben, öffnen Sie ohne Zugangscode.`)
                : msg('Sie sind im Portal angemeldet. Anträge, die Sie mit dieser Anmeldung gesendet haben, öffnen Sie ohne Zugangscode.')}
            </p>
            <div class="actions">
              <button class="primary" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.onOpenWithIdentity}>
                ${msg('Meine Anträge öffnen')}
              </button>
            </div>
          </section>
          <h3>${msg('Mit Vorgangsnummer und Zugangscode öffnen')}</h3>`
        : nothing}
      <p>${msg('Geben Sie die Vorgangsnummer und den Zugangscode von Ihrer Eingangsbestätigung ein.')}</p>
      <form novalidate @submit=${this.onOpen} @keydown=${this.submitOnEnter}>
        <efa-text-field
          name="reference"
          label=${msg('Vorgangsnummer')}
          hint=${msg('Zum Beispiel VE-2026-4F7K2Q')}
          autocomplete="off"
          width="medium"
          .value=${this.reference}
          .error=${this.fieldErrors.get('reference') ?? ''}
        ></efa-text-field>
        <efa-text-field
          name="accessCode"
          label=${msg('Zugangscode')}
          hint=${msg('24 Zeichen in Gruppen zu vier, zum Beispiel 7KQ2-M9XD-4TPA-R3HW-8ZNF-Q1VC. Groß- und Kleinschreibung sind egal.')}
          autocomplete="off"
          .error=${this.fieldErrors.get('accessCode') ?? ''}
        ></efa-text-field>
        <div class="actions">
          <button class=${this.identity ? 'secondary' : 'primary'} type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${msg('Vorgang öffnen')}</button>
        </div>
      </form>`;
  }

  /** The person's cases, to pick one; each opens with the case token it came with. */
  private renderIdentityCases(cases: IdentityCase[]): TemplateResult {
    const day = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long', calendar: 'gregory', timeZone: 'Europe/Berlin' });
    return html`<h2 id="title" tabindex="-1">${msg('Ihre Anträge')}</h2>
      ${this.renderFailure()}
      <p>${msg('Diese Anträge haben Sie mit Ihrer Anmeldung gesendet. Wählen Sie einen aus.')}</p>
      <ul class="cases">
        ${cases.map(
          (c) => html`<li>
            <button class="secondary" type="button" aria-describedby=${`case-${c.reference}`} @click=${() => this.openIdentityCase(c)}>
              ${msg(str`Vorgang ${c.reference} öffnen`)}
            </button>
            <p class="meta" id=${`case-${c.reference}`}>
              ${serviceLabel(c.service)} · ${msg(str`eingegangen am ${day.format(new Date(c.receivedAt))}`)} · ${msg(str`Stand: ${statusLabel(c.status)}`)}
            </p>
          </li>`,
        )}
      </ul>`;
  }

  /**
   * Asks the portal for the signed-in person's token bound to a fresh nonce, and opens the cases the receiver
   * finds for it: one directly, several to pick from.
   */
  private async onOpenWithIdentity(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.failure = undefined;
    try {
      const { token, nonce } = await this.identityToken();
      const cases = await this.cases.openWithIdentity(token, nonce);
      if (cases.length === 0) throw new CaseError('no-identity-cases');
      for (const opened of cases) keepToken(opened.reference, opened.token);
      if (cases.length === 1) {
        await this.load(cases[0]!.reference, cases[0]!.token);
      } else {
        this.identityCases = cases;
        await this.updateComplete;
        this.focusTitle();
      }
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  /** The token `identity` came with, unless sent before; else a new one from the portal for a fresh nonce. */
  private async identityToken(): Promise<{ token: string; nonce: string }> {
    const given = this.identity?.token;
    const nonce = unverifiedClaims(given)?.nonce;
    if (given && typeof nonce === 'string' && !this.spentTokens.has(given)) {
      this.spentTokens.add(given);
      return { token: given, nonce };
    }
    const fresh = randomUuid();
    return { token: await this.portalToken(fresh), nonce: fresh };
  }

  /** The portal's answer to `efa-identity-request` for `nonce`; no answer, a refusal or none in time: `identity-refused`. */
  private async portalToken(nonce: string): Promise<string> {
    let answer: Promise<AuthenticatedIdentity> | undefined;
    const detail: EfaIdentityRequestDetail = { submissionId: nonce, respondWith: (identity) => (answer = identity) };
    this.dispatchEvent(new CustomEvent('efa-identity-request', { detail, bubbles: true, composed: true }));
    if (!answer) throw new CaseError('identity-refused');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CaseError('identity-refused')), IDENTITY_WAIT_MS);
    });
    try {
      const identity = await Promise.race([answer, late]);
      if (typeof identity?.token !== 'string' || identity.token === '') throw new CaseError('identity-refused');
      return identity.token;
    } catch (error) {
      throw error instanceof CaseError ? error : new CaseError('identity-refused');
    } finally {
      clearTimeout(timer);
    }
  }

  private async openIdentityCase(opened: IdentityCase): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.load(opened.reference, opened.token);
    } finally {
      this.busy = false;
    }
  }

  /** Enter in a field sends its form, as in a native form (the inputs live in the fields' own shadow roots). */
  private submitOnEnter(event: KeyboardEvent): void {
    const target = event.composedPath()[0];
    if (event.key === 'Enter' && target instanceof HTMLInputElement) {
      event.preventDefault();
      (event.currentTarget as HTMLFormElement).requestSubmit();
    }
  }

  private field<T extends EfaFieldElement<unknown>>(name: string): T {
    return this.renderRoot.querySelector(`[name="${name}"]`) as T;
  }

  private async onOpen(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const reference = normalizeReference(String(this.field('reference').value ?? ''));
    const code = String(this.field('accessCode').value ?? '').trim();
    this.fieldErrors.clear();
    if (!reference) this.fieldErrors.set('reference', msg('Geben Sie die Vorgangsnummer ein.'));
    if (!code) this.fieldErrors.set('accessCode', msg('Geben Sie den Zugangscode ein.'));
    this.reference = reference;
    if (this.fieldErrors.size > 0) {
      this.failure = undefined;
      this.requestUpdate();
      await this.updateComplete;
      this.field(this.fieldErrors.has('reference') ? 'reference' : 'accessCode').focus();
      return;
    }
    this.busy = true;
    this.failure = undefined;
    try {
      const token = await this.cases.open(reference, code);
      keepToken(reference, token);
      await this.load(reference, token);
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  private async load(reference: string, token: string, returningFromPayment = false): Promise<void> {
    try {
      const view = await this.read(reference, token);
      this.opened = { ...view, token };
      this.identityCases = undefined;
      this.failure = undefined;
      // The payment routes are the receiver's: with a portal's own back end its token means nothing there.
      const backend = this.cases;
      if (backend instanceof HttpCaseBackend) {
        void import('../efa-form/payment.js').then(({ PaymentPart }) => {
          this.payment = new PaymentPart(this, { reference, token, api: backend.endpoint, returning: returningFromPayment });
        });
      }
      clearInterval(this.refreshTimer);
      this.refreshTimer = setInterval(() => {
        if (document.visibilityState === 'visible') void this.refresh();
      }, REFRESH_MS);
      await this.updateComplete;
      this.focusTitle();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Looks for news; announces new messages from the office. */
  async refresh(): Promise<void> {
    const opened = this.opened;
    if (!opened || this.busy) return;
    try {
      const view = await this.read(opened.reference, opened.token);
      const known = new Set(opened.messages.map((m) => m.id));
      const news = view.messages.filter((m) => !known.has(m.id) && m.from === 'office').length;
      this.opened = { ...view, token: opened.token };
      if (news > 0) {
        this.announcement =
          news === 1 ? msg('Es gibt eine neue Nachricht der Behörde.') : msg(str`Es gibt ${news} neue Nachrichten der Behörde.`);
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** The case from the back end; a token that no longer holds is forgotten. */
  private async read(reference: string, token: string): Promise<CaseView> {
    try {
      return await this.cases.read(reference, token);
    } catch (error) {
      if (error instanceof CaseError && error.failure === 'signed-out') keepToken(reference, undefined);
      throw error;
    }
  }

  private fail(error: unknown): void {
    if (!(error instanceof CaseError)) throw error;
    if (error.failure === 'signed-out') {
      this.opened = undefined;
      clearInterval(this.refreshTimer);
    }
    this.failure = { failure: error.failure, retryAfterSeconds: error.retryAfterSeconds };
    void this.updateComplete.then(() => (this.renderRoot.querySelector('.failure') as HTMLElement | null)?.focus());
  }

  private failureText(): string {
    switch (this.failure?.failure) {
      case 'access-denied':
        return msg('Vorgangsnummer und Zugangscode passen nicht zusammen. Bitte prüfen Sie beide Angaben auf Ihrer Eingangsbestätigung.');
      case 'rate-limited':
        return msg('Zu viele Versuche in kurzer Zeit. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.');
      case 'signed-out':
        return msg('Ihre Anmeldung zu diesem Vorgang ist abgelaufen. Bitte geben Sie Vorgangsnummer und Zugangscode erneut ein.');
      case 'refused':
        return msg('Die Behörde hat die Angaben nicht angenommen. Bitte prüfen Sie sie und versuchen Sie es erneut.');
      case 'identity-refused':
        return msg('Ihre Anmeldung ließ sich nicht bestätigen. Bitte melden Sie sich im Portal erneut an, oder öffnen Sie Ihren Antrag mit Vorgangsnummer und Zugangscode.');
      case 'no-identity-cases':
        return msg('Mit Ihrer Anmeldung wurde hier noch kein Antrag gesendet. Öffnen Sie Ihren Antrag mit Vorgangsnummer und Zugangscode von Ihrer Eingangsbestätigung.');
      default:
        return msg('Die Behörde ist gerade nicht erreichbar. Ihre Angaben bleiben hier erhalten; bitte versuchen Sie es gleich noch einmal.');
    }
  }

  private renderFailure(): TemplateResult | typeof nothing {
    if (!this.failure) return nothing;
    return html`<div class="failure" role="alert" tabindex="-1">${this.failureText()}</div>`;
  }

  private focusTitle(): void {
    (this.renderRoot.querySelector('#title') as HTMLElement | null)?.focus();
  }

  // --- the open case ----------------------------------------------------------------------------------------------

  private async signOut(): Promise<void> {
    const opened = this.opened;
    if (!opened) return;
    clearInterval(this.refreshTimer);
    this.opened = undefined;
    this.failure = undefined;
    this.payment = undefined;
    keepToken(opened.reference, undefined);
    await this.cases.close(opened.reference, opened.token).catch(() => undefined);
    this.announcement = msg('Sie haben den Vorgang geschlossen.');
    await this.updateComplete;
    this.focusTitle();
  }

  private renderCase(opened: CaseView): TemplateResult {
    const open = opened.messages.filter((m) => this.waitsForAnswer(m, opened.messages));
    return html`<h2 id="title" tabindex="-1">${msg(str`Vorgang ${opened.reference}`)}</h2>
      <p class="status-line">${msg('Stand:')} <strong>${statusLabel(opened.status)}</strong></p>
      ${this.renderFailure()}
      <div class="actions">
        <button class="secondary" type="button" @click=${() => this.refresh()}>${msg('Auf Neuigkeiten prüfen')}</button>
        <button class="link" type="button" @click=${() => this.signOut()}>${msg('Vorgang schließen')}</button>
      </div>
      ${this.payment?.offersOnline ? this.payment.render() : nothing}
      ${open.length > 0
        ? html`<h3>${msg('Was die Behörde von Ihnen braucht')}</h3>
            ${open.map((m) => this.renderAnswerForm(m))}`
        : nothing}
      ${opened.notices?.offered ? this.renderNotices(opened.notices.address) : nothing}
      <h3>${msg('Verlauf')}</h3>
      ${opened.messages.length === 0
        ? html`<p>${msg('Ihr Antrag ist eingegangen. Sobald die Behörde Ihnen schreibt, sehen Sie es hier.')}</p>`
        : html`<ol class="timeline">
            ${opened.messages.map((m) => this.renderMessage(m))}
          </ol>`}`;
  }

  /** "There is news" e-mails: the address left for them, or a field to leave one. */
  private renderNotices(address: string | undefined): TemplateResult {
    const explained = html`<p>${msg('Die E-Mail sagt nur, dass es Neuigkeiten gibt – nie, worum es geht. Sie können sie jederzeit abbestellen.')}</p>`;
    if (address) {
      return html`<h3>${msg('Hinweis per E-Mail')}</h3>
        <p>${msg(str`Wenn die Behörde Ihnen schreibt, bekommen Sie einen Hinweis an ${address}.`)}</p>
        ${explained}
        <div class="actions">
          <button class="secondary" type="button" @click=${() => this.changeNotices(undefined)}>${msg('Hinweise abbestellen')}</button>
        </div>`;
    }
    return html`<form class="notices" novalidate aria-labelledby="notices-title" @submit=${this.onNotices} @keydown=${this.submitOnEnter}>
      <h3 id="notices-title">${msg('Hinweis per E-Mail')}</h3>
      ${explained}
      <efa-text-field
        name="noticeAddress"
        type="email"
        autocomplete="email"
        label=${msg('Ihre E-Mail-Adresse')}
        hint=${msg('Freiwillig. Wir verwenden sie nur für diese Hinweise.')}
        .error=${this.fieldErrors.get('noticeAddress') ?? ''}
      ></efa-text-field>
      <div class="actions">
        <button class="secondary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${msg('Hinweise bestellen')}</button>
      </div>
    </form>`;
  }

  private async onNotices(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const address = String(this.field('noticeAddress').value ?? '').trim();
    this.fieldErrors.delete('noticeAddress');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(address)) {
      this.fieldErrors.set('noticeAddress', msg('Geben Sie eine E-Mail-Adresse ein, zum Beispiel name@beispiel.de.'));
      this.requestUpdate();
      await this.updateComplete;
      this.field('noticeAddress').focus();
      return;
    }
    await this.changeNotices(address);
  }

  private async changeNotices(address: string | undefined): Promise<void> {
    const opened = this.opened;
    if (!opened || this.busy) return;
    this.busy = true;
    try {
      await this.cases.setNoticeAddress(opened.reference, opened.token, address);
      this.opened = { ...opened, notices: { offered: true, ...(address ? { address } : {}) } };
      this.announcement = address ? msg('Sie bekommen nun Hinweise per E-Mail.') : msg('Sie bekommen keine Hinweise per E-Mail mehr.');
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  private waitsForAnswer(message: CaseMessage, all: CaseMessage[]): boolean {
    const rule = ANSWERED_BY[message.type];
    if (message.from !== 'office' || !rule) return false;
    return !all.some((m) => m.type === rule[0] && m.data[rule[1]] === message.id);
  }

  private renderMessage(message: CaseMessage): TemplateResult {
    const data = message.data;
    const when = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long', timeStyle: 'short', calendar: 'gregory' }).format(new Date(message.createdAt));
    const from = message.from === 'office' ? msg('Von der Behörde') : msg('Von Ihnen');
    return html`<li class=${message.from} id=${`m-${message.id}`} tabindex="-1">
      <h4>${messageTitle(message.type)}</h4>
      <p class="meta">${from}, <time datetime=${message.createdAt}>${when}</time></p>
      ${this.renderContent(message.type, data)}
    </li>`;
  }

  private renderContent(type: CaseMessage['type'], data: Record<string, unknown>): TemplateResult | typeof nothing {
    const locale = getLocale();
    const note = (text: unknown) => (typeof text === 'string' && text ? html`<p class="note">${text}</p>` : nothing);
    const deadline = (date: unknown) => (typeof date === 'string' ? html`<p>${msg(str`Frist: ${formatDate(date, locale)}`)}</p>` : nothing);
    switch (type) {
      case 'statusaenderung':
        return html`<p>${statusLabel(String(data.status))}</p>${note(data.hinweis)}`;
      case 'unterlagenanforderung':
        return html`<ul>
            ${(data.unterlagen as { zweck: string; hinweis?: string }[]).map((u) => html`<li>${purposeLabel(u.zweck)}${u.hinweis ? html` – ${u.hinweis}` : nothing}</li>`)}
          </ul>
          ${deadline(data.frist)} ${note(data.freitext)}`;
      case 'terminangebot':
        return html`<ul>
          ${(data.termine as Slot[]).map((slot) => html`<li>${slotText(slot)}</li>`)}
        </ul>`;
      case 'anhoerung':
        return html`<p>${String(data.gegenstand ?? '')}</p>
          ${deadline(data.frist)}
          ${typeof data.rechtsgrundlage === 'string' ? html`<p class="meta">${msg(str`Rechtsgrundlage: ${data.rechtsgrundlage}`)}</p>` : nothing}`;
      case 'zahlungsaufforderung':
        return html`<p>${msg(str`Betrag: ${formatAmount(Number(data.betrag), locale)}`)}</p>
          ${note(data.zweck)} ${typeof data.faelligAm === 'string' ? html`<p>${msg(str`Fällig am ${formatDate(data.faelligAm, locale)}`)}</p>` : nothing}
          ${typeof data.zahlungslink === 'string' && /^https:\/\//.test(data.zahlungslink)
            ? html`<p><a href=${data.zahlungslink} rel="noopener">${msg('Gebühr online bezahlen')}</a></p>`
            : nothing}`;
      case 'unterlagennachreichung':
        return html`<ul>
          ${(data.anlagen as { dateiname: string; zweck?: string }[]).map((a) => html`<li>${a.zweck ? purposeLabel(a.zweck) : nothing}: ${a.dateiname}</li>`)}
        </ul>`;
      case 'terminantwort':
        return html`<p>${data.antwort === 'angenommen' ? msg('Sie haben einen Termin angenommen.') : msg('Sie haben um einen anderen Termin gebeten.')}</p>
          ${note(data.hinweis)}`;
      case 'anhoerungsantwort':
        return note(data.aeusserung);
      default:
        return nothing;
    }
  }

  // --- answering ----------------------------------------------------------------------------------------------------

  private renderAnswerForm(message: CaseMessage): TemplateResult {
    const key = (name: string) => `${message.id}:${name}`;
    const error = (name: string) => this.fieldErrors.get(key(name)) ?? '';
    const titleId = `a-${message.id}`;
    let fields: TemplateResult;
    let submit: string;
    if (message.type === 'unterlagenanforderung') {
      const requested = message.data.unterlagen as { zweck: string; hinweis?: string }[];
      fields = html`${requested.map(
        (u) => html`<efa-file-upload name=${key(`datei-${u.zweck}`)} label=${purposeLabel(u.zweck)} hint=${u.hinweis ?? ''} optional .error=${error(`datei-${u.zweck}`)}></efa-file-upload>`,
      )}`;
      submit = msg('Unterlagen senden');
    } else if (message.type === 'terminangebot') {
      const options = [
        ...(message.data.termine as Slot[]).map((slot) => ({ value: slot.id, label: slotText(slot) })),
        { value: 'anderer-termin-gewuenscht', label: msg('Keiner dieser Termine passt. Bitte bieten Sie mir einen anderen an.') },
      ];
      fields = html`<efa-radio-group name=${key('termin')} label=${msg('Welchen Termin nehmen Sie?')} .options=${options} .error=${error('termin')}></efa-radio-group>
        <efa-textarea name=${key('hinweis')} label=${msg('Hinweis an die Behörde')} hint=${msg('Zum Beispiel, wann Sie gut können.')} optional maxlength="2000"></efa-textarea>`;
      submit = msg('Antwort senden');
    } else {
      fields = html`<efa-textarea name=${key('aeusserung')} label=${msg('Ihre Äußerung')} hint=${msg('Schreiben Sie, was die Behörde vor ihrer Entscheidung wissen sollte.')} maxlength="10000" .error=${error('aeusserung')}></efa-textarea>`;
      submit = msg('Äußerung senden');
    }
    return html`<form class="answer" novalidate aria-labelledby=${titleId} @submit=${(e: SubmitEvent) => this.onAnswer(e, message)}>
      <h4 id=${titleId}>${messageTitle(message.type)}</h4>
      ${this.renderContent(message.type, message.data)} ${fields}
      <div class="actions">
        <button class="primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${submit}</button>
      </div>
    </form>`;
  }

  private async onAnswer(event: SubmitEvent, message: CaseMessage): Promise<void> {
    event.preventDefault();
    const opened = this.opened;
    if (!opened || this.busy) return;
    const answer = this.answerOf(message);
    this.requestUpdate();
    if (!answer) {
      await this.updateComplete;
      const firstError = [...this.fieldErrors.keys()].find((name) => name.startsWith(`${message.id}:`));
      if (firstError) this.field(firstError).focus();
      return;
    }
    this.busy = true;
    const id = this.answerIds.get(message.id) ?? randomUuid();
    this.answerIds.set(message.id, id);
    try {
      const reply: CaseMessage = { id, caseReference: opened.reference, createdAt: new Date().toISOString(), from: 'citizen', ...answer.message };
      await this.cases.reply(opened.token, reply, answer.files);
      this.answerIds.delete(message.id);
      this.failure = undefined;
      const view = await this.read(opened.reference, opened.token);
      this.opened = { ...view, token: opened.token };
      this.announcement = msg('Ihre Antwort ist bei der Behörde eingegangen.');
      await this.updateComplete;
      (this.renderRoot.querySelector(`#m-${id}`) as HTMLElement | null)?.focus();
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  /** The answer the form holds, or undefined after marking what is missing. */
  private answerOf(message: CaseMessage): { message: { type: CaseMessage['type']; data: Record<string, unknown> }; files: Map<string, File> } | undefined {
    const key = (name: string) => `${message.id}:${name}`;
    for (const name of [...this.fieldErrors.keys()]) if (name.startsWith(`${message.id}:`)) this.fieldErrors.delete(name);
    if (message.type === 'unterlagenanforderung') {
      const files = new Map<string, File>();
      const anlagen: Record<string, unknown>[] = [];
      for (const { zweck } of message.data.unterlagen as { zweck: string }[]) {
        for (const file of (this.field(key(`datei-${zweck}`)).value as File[] | undefined) ?? []) {
          const id = randomUuid();
          files.set(id, file);
          anlagen.push({ id, dateiname: file.name, mimeType: file.type, groesse: file.size, zweck });
        }
      }
      if (files.size === 0) {
        const first = (message.data.unterlagen as { zweck: string }[])[0]!.zweck;
        this.fieldErrors.set(key(`datei-${first}`), msg('Wählen Sie mindestens eine Datei aus.'));
        return undefined;
      }
      return { message: { type: 'unterlagennachreichung', data: { anforderung: message.id, anlagen } }, files };
    }
    if (message.type === 'terminangebot') {
      const choice = this.field(key('termin')).value as string | undefined;
      const hint = String(this.field(key('hinweis')).value ?? '').trim();
      if (!choice) {
        this.fieldErrors.set(key('termin'), msg('Wählen Sie einen Termin, oder bitten Sie um einen anderen.'));
        return undefined;
      }
      const accepted = choice !== 'anderer-termin-gewuenscht';
      const data = { angebot: message.id, antwort: accepted ? 'angenommen' : 'anderer-termin-gewuenscht', ...(accepted ? { termin: choice } : {}), ...(hint ? { hinweis: hint } : {}) };
      return { message: { type: 'terminantwort', data }, files: new Map() };
    }
    const text = String(this.field(key('aeusserung')).value ?? '').trim();
    if (!text) {
      this.fieldErrors.set(key('aeusserung'), msg('Schreiben Sie Ihre Äußerung.'));
      return undefined;
    }
    return { message: { type: 'anhoerungsantwort', data: { anhoerung: message.id, aeusserung: text } }, files: new Map() };
  }
}

interface Slot {
  id: string;
  beginn: string;
  ende?: string;
  ort?: string;
}

function slotText(slot: Slot): string {
  const locale = getLocale();
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'full', calendar: 'gregory', timeZone: 'Europe/Berlin' }).format(new Date(slot.beginn));
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'Europe/Berlin' });
  const span = slot.ende ? `${time.format(new Date(slot.beginn))} – ${time.format(new Date(slot.ende))}` : time.format(new Date(slot.beginn));
  return slot.ort ? `${day}, ${span}, ${slot.ort}` : `${day}, ${span}`;
}

define('efa-status', EfaStatus);

declare global {
  interface HTMLElementTagNameMap {
    'efa-status': EfaStatus;
  }
}
