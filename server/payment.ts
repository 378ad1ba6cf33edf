/**
 * E-payment of a submission's fee (issue 10): the adapter to the authority's payment service, the fee table, and
 * the records of payment attempts that the store's payment ledger keeps (storage/payment-ledger.ts).
 *
 * The interface is XBezahldienste 1.0.0 (FITKO, https://docs.fitko.de/xbezahldienste/APIDoku/versionen/v1.0.0/,
 * read 2026-12-03), the REST interface ePayBL and other German payment services offer to online services:
 *   POST {base}/paymenttransaction/{originatorId}/{endPointId}   a PaymentRequest
 *        { requestId, requestTimestamp, currency: 'EUR', grosAmount, purpose (≤ 27, [\w\d\s-]), description (≤ 250),
 *          redirectUrl, items: [{ id, reference, description, taxRate, quantity, totalNetAmount, totalTaxAmount,
 *          singleNetAmount, singleTaxAmount }] } → a PaymentTransaction { paymentRequest, paymentInformation }
 *   GET  {base}/paymenttransaction/{originatorId}/{endPointId}/{transactionId}   → the same PaymentTransaction
 * `paymentInformation` is what FIT-Connect metadata 2.1.0 takes over (`paymentInformation`: transactionUrl,
 * transactionId, transactionReference, transactionTimestamp, paymentMethod, paymentMethodDetail, status INITIAL |
 * BOOKED | FAILED | CANCELED); the return to `redirectUrl` says nothing: the status is read with the GET.
 * Confirmed from the published pages: the two paths, the request fields and their limits, the statuses, the error
 * codes (PAYMENT_EXISTS, CALCULATION_ERROR, …). Not confirmed, taken from an open-source client of the interface
 * (aivot Gover): the spelling `grosAmount` (sic), the item field names, and that the citizen is sent to
 * `paymentInformation.transactionRedirectUrl`. Not confirmed at all: how a client authenticates (operators hand out
 * a client id and secret; sent here as HTTP Basic — a service that wants an OAuth2 token needs that step added),
 * and a push notification (the interface has none: `POST /api/payments/notifications` is only a hint to read the
 * status again, and trusts nothing in it).
 *
 * Rules kept here: the amount comes from the stored submission and this server's fee table, never from the browser;
 * one submission is never booked twice (an INITIAL transaction is read first and reused, a new one is made only
 * after FAILED or CANCELED, none after BOOKED); a provider's answer for another request or another amount is
 * refused. The attempts are case data: the store keeps them (in PostgreSQL with `DATABASE_URL`, else in the case's
 * folder), one change at a time per reference across every process on the store.
 */
import { HttpError } from './problems.js';

export const PAYMENT_STATUSES = ['INITIAL', 'BOOKED', 'FAILED', 'CANCELED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
const PAYMENT_METHODS = ['GIROPAY', 'PAYDIRECT', 'CREDITCARD', 'PAYPAL', 'INVOICE', 'OTHER'] as const;
type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** XBezahldienste ids (requestId, transactionId, originatorId, endPointId): 1 to 36 of these. */
export const PAYMENT_ID = /^[\w-]{1,36}$/;
const PURPOSE = /^[\w\s-]{1,27}$/;

/** `paymentInformation` exactly as FIT-Connect metadata 2.1.0 defines it. */
export interface PaymentInformation {
  transactionUrl?: string;
  transactionId: string;
  transactionReference: string;
  transactionTimestamp?: string;
  paymentMethod: PaymentMethod;
  paymentMethodDetail?: string;
  status: PaymentStatus;
  grossAmount: number;
}

/** Euros per service, or per answer `route` (the residence permit: only the routes an authority lists). */
export type FeeTable = Record<string, number | Record<string, number>>;

export interface PaymentConfig {
  /** The payment service's REST base, e.g. https://epay.land.de/api/v1 (the paths above are added). */
  baseUrl: string;
  originatorId: string;
  endPointId: string;
  clientId: string;
  clientSecret: string;
  /** Put before the reference in the purpose (Verwendungszweck); the two together at most 27 characters. */
  purposePrefix: string;
  fees: FeeTable;
  /** How long to wait for the payment service. */
  timeoutMs: number;
}

/** Default fee table: the Verpflichtungserklärung's 29 € (§ 47 Abs. 1 Nr. 12 AufenthV, as GEBUEHREN in src/rules/legal-parameters.ts). */
export const DEFAULT_FEES: FeeTable = { verpflichtungserklaerung: 29 };

function euros(value: unknown, name: string): number {
  if (typeof value !== 'number' || !(value > 0) || value > 999_999 || Math.round(value * 100) !== value * 100) {
    throw new Error(`${name} must be an amount in euros above 0 with at most two decimals, not ${JSON.stringify(value)}.`);
  }
  return value;
}

/**
 * From the environment (README "Payment"); undefined without EFA_PAYMENT_URL (then no payment is offered):
 *   EFA_PAYMENT_URL, EFA_PAYMENT_ORIGINATOR_ID, EFA_PAYMENT_ENDPOINT_ID, EFA_PAYMENT_CLIENT_ID, EFA_PAYMENT_CLIENT_SECRET,
 *   EFA_PAYMENT_PURPOSE_PREFIX (default none), EFA_PAYMENT_FEES (JSON, default {"verpflichtungserklaerung":29}),
 *   EFA_PAYMENT_TIMEOUT_MS (default 10000).
 */
export function paymentConfigFrom(env: NodeJS.ProcessEnv): PaymentConfig | undefined {
  if (!env.EFA_PAYMENT_URL) return undefined;
  const names = ['EFA_PAYMENT_ORIGINATOR_ID', 'EFA_PAYMENT_ENDPOINT_ID', 'EFA_PAYMENT_CLIENT_ID', 'EFA_PAYMENT_CLIENT_SECRET'];
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`EFA_PAYMENT_URL is set, so payment also needs ${missing.join(', ')}.`);
  const fees: unknown = env.EFA_PAYMENT_FEES ? JSON.parse(env.EFA_PAYMENT_FEES) : DEFAULT_FEES;
  const timeout = Number(env.EFA_PAYMENT_TIMEOUT_MS || 10_000);
  if (!Number.isInteger(timeout) || timeout <= 0) throw new Error('EFA_PAYMENT_TIMEOUT_MS must be a positive whole number.');
  return checkedPaymentConfig({
    baseUrl: env.EFA_PAYMENT_URL,
    originatorId: env.EFA_PAYMENT_ORIGINATOR_ID!,
    endPointId: env.EFA_PAYMENT_ENDPOINT_ID!,
    clientId: env.EFA_PAYMENT_CLIENT_ID!,
    clientSecret: env.EFA_PAYMENT_CLIENT_SECRET!,
    purposePrefix: env.EFA_PAYMENT_PURPOSE_PREFIX ?? '',
    fees: fees as FeeTable,
    timeoutMs: timeout,
  });
}

/** The configuration, refused at start if the payment service would refuse its requests. */
export function checkedPaymentConfig(config: PaymentConfig): PaymentConfig {
  new URL(config.baseUrl);
  for (const [name, value] of [['originator id', config.originatorId], ['endpoint id', config.endPointId]]) {
    if (!PAYMENT_ID.test(value!)) throw new Error(`The payment ${name} must be 1 to 36 letters, digits, _ or -.`);
  }
  if (!PURPOSE.test(`${config.purposePrefix}VE-2026-XXXXXX`)) {
    throw new Error('EFA_PAYMENT_PURPOSE_PREFIX: with a reference the purpose must be at most 27 letters, digits, spaces or -.');
  }
  if (typeof config.fees !== 'object' || config.fees === null) throw new Error('EFA_PAYMENT_FEES must be a JSON object.');
  for (const [service, fee] of Object.entries(config.fees)) {
    if (typeof fee === 'number') euros(fee, `The fee of ${service}`);
    else for (const [route, amount] of Object.entries(fee)) euros(amount, `The fee of ${service}, route ${route}`);
  }
  return config;
}

/** The fee this server charges for a stored envelope, in euros; undefined where none is paid online. */
export function feeFor(fees: FeeTable, envelope: { service: string; data?: unknown }): number | undefined {
  const fee = fees[envelope.service];
  if (typeof fee === 'number' || fee === undefined) return fee;
  const route = (envelope.data as { route?: unknown } | undefined)?.route;
  return typeof route === 'string' && Object.hasOwn(fee, route) ? fee[route] : undefined;
}

// --- the payment service --------------------------------------------------------------------------------------

/** The payment service could not be asked (unreachable, timed out, or an answer that is not the interface's). */
export class ProviderUnavailable extends Error {}

/** What the payment service says about one transaction. */
export interface ProviderTransaction {
  requestId: string;
  grosAmount: number;
  transactionId: string;
  transactionUrl: string | undefined;
  redirectUrl: string | undefined;
  transactionReference: string;
  transactionTimestamp: string | undefined;
  paymentMethod: PaymentMethod | undefined;
  paymentMethodDetail: string | undefined;
  status: PaymentStatus;
}

export interface PaymentOrder {
  requestId: string;
  amount: number;
  purpose: string;
  description: string;
  redirectUrl: string;
  reference: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The interface's PaymentTransaction, checked; anything else is the provider's fault, not the citizen's. */
function transactionOf(body: unknown): ProviderTransaction {
  const request = isObject(body) && isObject(body.paymentRequest) ? body.paymentRequest : undefined;
  const info = isObject(body) && isObject(body.paymentInformation) ? body.paymentInformation : undefined;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  if (
    !request ||
    !info ||
    typeof request.requestId !== 'string' ||
    typeof request.grosAmount !== 'number' ||
    typeof info.transactionId !== 'string' ||
    !PAYMENT_ID.test(info.transactionId) ||
    typeof info.transactionReference !== 'string' ||
    !PAYMENT_STATUSES.includes(info.status as PaymentStatus)
  ) {
    throw new ProviderUnavailable('the payment service answered with something that is not a PaymentTransaction');
  }
  const method = PAYMENT_METHODS.includes(info.paymentMethod as PaymentMethod) ? (info.paymentMethod as PaymentMethod) : undefined;
  return {
    requestId: request.requestId,
    grosAmount: request.grosAmount,
    transactionId: info.transactionId,
    transactionUrl: text(info.transactionUrl),
    redirectUrl: text(info.transactionRedirectUrl),
    transactionReference: info.transactionReference,
    transactionTimestamp: text(info.transactionTimestamp),
    paymentMethod: method,
    paymentMethodDetail: text(info.paymentMethodDetail),
    status: info.status as PaymentStatus,
  };
}

/** The XBezahldienste client: all the payment service's credentials stay here, on the server. */
export class PaymentService {
  constructor(private readonly config: PaymentConfig) {}

  private url(...path: string[]): string {
    const base = this.config.baseUrl.replace(/\/$/, '');
    return [base, 'paymenttransaction', this.config.originatorId, this.config.endPointId, ...path].map((p, i) => (i === 0 ? p : encodeURIComponent(p))).join('/');
  }

  private async call(url: string, init: RequestInit): Promise<ProviderTransaction> {
    const credentials = Buffer.from(`${this.config.clientId}:${this.config.clientSecret}`).toString('base64');
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Basic ${credentials}` },
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (error) {
      throw new ProviderUnavailable(`the payment service did not answer: ${(error as Error).name}`);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const code = isObject(body) && typeof body.errorCode === 'string' ? body.errorCode : 'no error code';
      throw new ProviderUnavailable(`the payment service refused: ${response.status} ${code}`);
    }
    return transactionOf(body);
  }

  create(order: PaymentOrder): Promise<ProviderTransaction> {
    const item = {
      id: '1',
      reference: order.reference,
      description: order.description,
      taxRate: 0,
      quantity: 1,
      totalNetAmount: order.amount,
      totalTaxAmount: 0,
      singleNetAmount: order.amount,
      singleTaxAmount: 0,
    };
    const request = {
      requestId: order.requestId,
      requestTimestamp: new Date().toISOString(),
      currency: 'EUR',
      grosAmount: order.amount,
      purpose: order.purpose,
      description: order.description,
      redirectUrl: order.redirectUrl,
      items: [item],
    };
    return this.call(this.url(), { method: 'POST', body: JSON.stringify(request) });
  }

  read(transactionId: string): Promise<ProviderTransaction> {
    return this.call(this.url(transactionId), { method: 'GET' });
  }

  purposeOf(reference: string): string {
    return `${this.config.purposePrefix}${reference}`;
  }

  get fees(): FeeTable {
    return this.config.fees;
  }
}

// --- the ledger -----------------------------------------------------------------------------------------------

export interface PaymentAttempt {
  requestId: string;
  createdAt: string;
  transactionId: string;
  redirectUrl: string | undefined;
  paymentInformation: PaymentInformation;
}

export interface PaymentRecord {
  reference: string;
  /** The envelope id: one record, so one booking, per submission. */
  submissionId: string;
  amount: number;
  /** Oldest first; only the last one can be INITIAL. */
  attempts: PaymentAttempt[];
}

/** A refusal that is logged: someone or something asked about a payment that is not theirs. */
export class PaymentRefusal extends HttpError {}

export const foreignTransaction = (): PaymentRefusal =>
  new PaymentRefusal(409, 'foreign-transaction', 'Diese Zahlung gehört nicht zu diesem Vorgang. Es wurde nichts gespeichert.');

export const amountMismatch = (): PaymentRefusal =>
  new PaymentRefusal(422, 'amount-mismatch', 'Der Betrag stimmt nicht mit der Gebühr für diesen Vorgang überein. Es wurde nichts gespeichert.');

export const providerUnavailable = (): HttpError =>
  new HttpError(
    503,
    'payment-unavailable',
    'Der Bezahldienst antwortet gerade nicht. Ihre Einreichung ist gespeichert; bitte versuchen Sie die Zahlung später erneut.',
    {},
    { 'Retry-After': '30' },
  );

export function paymentInformationOf(transaction: ProviderTransaction, amount: number): PaymentInformation {
  return {
    ...(transaction.transactionUrl ? { transactionUrl: transaction.transactionUrl } : {}),
    transactionId: transaction.transactionId,
    transactionReference: transaction.transactionReference,
    ...(transaction.status === 'BOOKED' && transaction.transactionTimestamp ? { transactionTimestamp: transaction.transactionTimestamp } : {}),
    // Metadata 2.1.0 requires a method; the service names it only once the citizen chose one.
    paymentMethod: transaction.paymentMethod ?? 'OTHER',
    ...(transaction.paymentMethodDetail && PAYMENT_ID.test(transaction.paymentMethodDetail) ? { paymentMethodDetail: transaction.paymentMethodDetail } : {}),
    status: transaction.status,
    grossAmount: amount,
  };
}

/** The provider's word on `attempt`, refused unless it is about that very request and amount. */
export function checkedAnswer(transaction: ProviderTransaction, attempt: { requestId: string; transactionId?: string }, amount: number): ProviderTransaction {
  if (transaction.requestId !== attempt.requestId || (attempt.transactionId !== undefined && transaction.transactionId !== attempt.transactionId)) {
    throw foreignTransaction();
  }
  if (Math.round(transaction.grosAmount * 100) !== Math.round(amount * 100)) throw amountMismatch();
  return transaction;
}
