import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatAmount } from '../../src/i18n/format.js';
import { getLocale } from '../../src/i18n/locale.js';
import { RETURN_PARAMETER, keepPaymentHandle, paymentHandle } from './payment-handle.js';

/**
 * The fee, paid after the binding send (issue 10): loaded by the form after sending when the receipt carries an
 * access code (a receiver with the return channel), and when the browser comes back from the payment service. The receiver computes the amount and holds the payment service's credentials (server/payment-routes.ts);
 * this tab keeps only a handle (payment-handle.ts). Renders into the form's shadow root, with its buttons and styles.
 */

interface PaymentView {
  /** False where the fee is not paid online here: the office says how. */
  onlinePayment: boolean;
  amount: number;
  status: 'none' | 'INITIAL' | 'BOOKED' | 'FAILED' | 'CANCELED';
  transactionId?: string;
  redirectUrl?: string;
  paymentInformation?: { transactionReference: string };
}

type State =
  | { kind: 'loading' }
  /** No online payment for this submission: the office says how. */
  | { kind: 'office' }
  | { kind: 'payment'; view: PaymentView }
  /** The payment service or the receiver did not answer; nothing is lost. */
  | { kind: 'unreachable' }
  /** The case token ran out (or the handle is gone): the status cannot be read here any more. */
  | { kind: 'expired' };

class ApiError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** Where the browser is sent to pay; tests replace `to`, because a test page cannot leave. */
export const paymentNavigation = { to: (url: string) => window.location.assign(url) };

export interface PaymentPartOptions {
  reference: string;
  /** From the receipt; exchanged for a case token at once (the code itself is never stored). */
  accessCode?: string | undefined;
  /** A case token already opened (the status page's); then no access code is needed. */
  token?: string | undefined;
  api?: string | undefined;
  /** The browser came back from the payment service: the handle in this tab says what to read. */
  returning: boolean;
}

/**
 * The payment part of the shell, on the confirmation page or on the page the payment service returns to. The
 * form owns one (`efa-form.ts`) and renders it; it asks the form to render again when its state changes.
 */
export class PaymentPart implements ReactiveController {
  private state: State = { kind: 'loading' };
  private chosen: 'later' | 'office' | undefined;
  private token: string | undefined;
  private api: string;
  private readonly reference: string;
  private readonly returning: boolean;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
    private readonly options: PaymentPartOptions,
  ) {
    this.reference = options.reference;
    this.returning = options.returning;
    this.api = options.api ?? '';
    host.addController(this);
    void this.load();
  }

  hostConnected(): void {}

  private set(state: State): void {
    this.state = state;
    this.host.requestUpdate();
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const response = await fetch(`${this.api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) throw Object.assign(new ApiError(response.status), { code: answer.code });
    return answer;
  }

  private async load(): Promise<void> {
    try {
      if (this.returning) {
        const handle = paymentHandle(this.reference);
        if (!handle) return this.set({ kind: 'expired' });
        this.token = handle.token;
        this.api = handle.api;
        await this.refresh(handle.transactionId);
        await this.host.updateComplete;
        this.host.renderRoot.querySelector<HTMLElement>('.payment h2')?.focus();
      } else {
        this.token = this.options.token ?? ((await this.call('POST', '/cases/access', { reference: this.reference, accessCode: this.options.accessCode })).token as string);
        await this.refresh();
      }
    } catch (error) {
      this.failed(error);
    }
  }

  /** Whether there is more to say than "the office tells you how to pay". */
  get offersOnline(): boolean {
    return this.state.kind !== 'office';
  }

  private failed(error: unknown): void {
    const status = error instanceof ApiError ? error.status : 0;
    if (status === 404) this.set({ kind: 'office' });
    else if (status === 401 || status === 403) this.set({ kind: 'expired' });
    else this.set({ kind: 'unreachable' });
  }

  private async refresh(transactionId?: string): Promise<void> {
    const query = transactionId ? `?transactionId=${encodeURIComponent(transactionId)}` : '';
    const view = (await this.call('GET', `/cases/${encodeURIComponent(this.reference)}/payment${query}`)) as unknown as PaymentView;
    this.set(view.onlinePayment ? { kind: 'payment', view } : { kind: 'office' });
    if (view.status === 'BOOKED') keepPaymentHandle(undefined);
  }

  private async payNow(): Promise<void> {
    try {
      const returnUrl = new URL(window.location.href);
      returnUrl.searchParams.set(RETURN_PARAMETER, this.reference);
      returnUrl.hash = '';
      const view = (await this.call('POST', `/cases/${encodeURIComponent(this.reference)}/payment`, { returnUrl: returnUrl.href })) as unknown as PaymentView;
      keepPaymentHandle({ reference: this.reference, token: this.token!, api: this.api, transactionId: view.transactionId! });
      paymentNavigation.to(view.redirectUrl!);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) return this.retry();
      this.failed(error);
    }
  }

  private async retry(): Promise<void> {
    this.set({ kind: 'loading' });
    try {
      await this.refresh(paymentHandle(this.reference)?.transactionId);
    } catch (error) {
      this.failed(error);
    }
  }

  render(): TemplateResult {
    const { state } = this;
    switch (state.kind) {
      case 'loading':
        return html`<section class="payment"><p role="status">${msg('Der Stand Ihrer Zahlung wird abgefragt …')}</p></section>`;
      case 'office':
        return this.section(msg('Gebühr'), html`<p>${msg('Die Behörde sagt Ihnen, wie hoch die Gebühr ist und wie Sie sie bezahlen.')}</p>`);
      case 'expired':
        return this.section(
          msg('Zahlung'),
          html`<p>${msg('Der Stand Ihrer Zahlung kann hier nicht mehr abgefragt werden. Ihre Angaben sind übermittelt. Wenn die Gebühr noch offen ist, sagt Ihnen die Behörde, wie Sie sie bezahlen.')}</p>`,
        );
      case 'unreachable':
        return this.section(
          msg('Zahlung'),
          html`<p>${msg('Der Bezahldienst ist gerade nicht erreichbar. Ihre Angaben sind übermittelt und bleiben gespeichert. Bitte versuchen Sie es in einigen Minuten erneut.')}</p>
            <div class="actions no-print">
              <button type="button" class="secondary" part="button" @click=${() => this.retry()}>${msg('Erneut versuchen')}</button>
            </div>`,
        );
      case 'payment':
        return this.renderPayment(state.view);
    }
  }

  private renderPayment(view: PaymentView): TemplateResult {
    const amount = formatAmount(view.amount, getLocale());
    switch (view.status) {
      case 'BOOKED':
        return this.section(
          msg('Gebühr bezahlt'),
          html`<p>${msg(str`Sie haben die Gebühr von ${amount} bezahlt.`)}</p>
            <p>${msg('Kassenzeichen')}<br /><strong class="payment-reference" dir="ltr">${view.paymentInformation?.transactionReference}</strong></p>`,
        );
      case 'INITIAL':
        return this.section(
          msg('Zahlung noch nicht abgeschlossen'),
          html`<p>${msg(str`Die Zahlung der Gebühr von ${amount} ist begonnen, aber noch nicht abgeschlossen.`)}</p>
            <div class="actions no-print">
              <button type="button" class="primary" part="button primary-button" @click=${() => paymentNavigation.to(view.redirectUrl!)}>${msg('Zahlung fortsetzen')}</button>
              <button type="button" class="secondary" part="button" @click=${() => this.retry()}>${msg('Stand erneut abfragen')}</button>
            </div>`,
        );
      case 'CANCELED':
        return this.section(
          msg('Zahlung abgebrochen'),
          html`<p>${msg('Sie haben die Zahlung abgebrochen. Ihre Angaben sind trotzdem übermittelt.')}</p>${this.choices(amount, msg('Erneut online bezahlen'))}`,
        );
      case 'FAILED':
        return this.section(
          msg('Zahlung nicht gelungen'),
          html`<p>${msg('Die Zahlung ist nicht gelungen. Ihre Angaben sind trotzdem übermittelt.')}</p>${this.choices(amount, msg('Erneut online bezahlen'))}`,
        );
      case 'none':
        return this.section(
          msg('Gebühr bezahlen'),
          html`<p>${msg(str`Die Gebühr beträgt ${amount}. Sie können sie jetzt online bezahlen, später bezahlen oder auf dem Weg, den die Behörde Ihnen nennt.`)}</p>
            ${this.choices(amount, msg('Jetzt online bezahlen'))}`,
        );
    }
  }

  private choices(amount: string, payLabel: string): TemplateResult {
    const said =
      this.chosen === 'later'
        ? msg('Sie können die Gebühr auch später bezahlen. Bewahren Sie dafür Vorgangsnummer und Zugangscode auf; die Behörde sagt Ihnen, bis wann die Gebühr zu zahlen ist.')
        : this.chosen === 'office'
          ? msg(str`Die Behörde sagt Ihnen, wie Sie die Gebühr von ${amount} auf anderem Weg bezahlen, zum Beispiel per Überweisung oder vor Ort.`)
          : '';
    return html`<div class="actions no-print">
        <button type="button" class="primary" part="button primary-button" @click=${() => this.payNow()}>${payLabel}</button>
        <button type="button" class="secondary" part="button" @click=${() => this.choose('later')}>${msg('Später bezahlen')}</button>
        <button type="button" class="secondary" part="button" @click=${() => this.choose('office')}>${msg('Auf anderem Weg bezahlen')}</button>
      </div>
      <p class="payment-choice" role="status">${said}</p>`;
  }

  private choose(way: 'later' | 'office'): void {
    this.chosen = way;
    this.host.requestUpdate();
  }

  private section(heading: string, content: TemplateResult): TemplateResult {
    return html`<section class="payment" aria-labelledby="efa-payment-heading">
      <h2 id="efa-payment-heading" tabindex="-1">${heading}</h2>
      ${this.returning ? html`<p>${msg('Ihre Vorgangsnummer')}<br /><strong class="reference">${this.reference}</strong></p>` : nothing}
      ${content}
    </section>`;
  }
}

