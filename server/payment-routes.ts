/**
 * The payment routes (issue 10), registered under /api by app.ts; the rules they keep are in payment.ts.
 *
 * The citizen's, with the case token of their receipt's access code (`Authorization: Bearer`, see cases.ts):
 *   GET  /api/cases/:reference/payment[?transactionId=…]  { reference, onlinePayment: true, amount, currency, status,
 *        transactionId?, redirectUrl? (while INITIAL), paymentInformation? }: an INITIAL transaction is read from the
 *        payment service first (the citizen may have closed the tab on its page). `status` is `none` before the
 *        first attempt. { reference, onlinePayment: false } where the fee is not paid online here (no fee for this
 *        submission, or no payment service): the office says how. A `transactionId` that is not this case's: 409
 *        foreign-transaction.
 *   POST /api/cases/:reference/payment { returnUrl, amount? }  201 a new transaction { …, redirectUrl }, 200 the
 *        INITIAL one reused; 409 already-paid; 422 amount-mismatch when `amount` is sent and is not the fee;
 *        400 invalid-return-url unless `returnUrl` is on this server's origin or a listed portal's.
 *        404 no-online-payment where the fee is not paid online here.
 *   both: 401 as cases, 503 payment-unavailable (the payment service did not answer; nothing changed, retry later).
 * The payment service's (no credentials: it is a hint, the status is then read from the service itself):
 *   POST /api/payments/notifications { transactionId, requestId }  204; 404 unknown-transaction, 409 foreign-transaction.
 * The clerks':
 *   GET  /api/submissions/:reference/payment  the record: amount and every attempt with its `paymentInformation`.
 * Refusals of someone else's transaction or a changed amount are logged (warn) with the reference.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorizedCase } from './cases.js';
import type { ClerkGuard } from './clerks.js';
import {
  PaymentRefusal,
  PaymentService,
  ProviderUnavailable,
  amountMismatch,
  checkedAnswer,
  feeFor,
  foreignTransaction,
  paymentInformationOf,
  providerUnavailable,
  type PaymentConfig,
  type PaymentRecord,
} from './payment.js';
import { HttpError } from './problems.js';
import type { SavePayment } from './storage/payment-ledger.js';
import { REFERENCE, type SubmissionStore } from './storage/store.js';

export interface PaymentRouteOptions {
  store: SubmissionStore;
  /** Undefined: no payment service, every submission is paid the office's way. */
  payment: PaymentConfig | undefined;
  clerks: ClerkGuard;
  corsOrigins: string[];
  now: () => number;
}

const noOnlinePayment = (): HttpError =>
  new HttpError(404, 'no-online-payment', 'Für diesen Vorgang kann hier nicht online bezahlt werden. Die Behörde sagt Ihnen, wie Sie die Gebühr bezahlen.');

const alreadyPaid = (): HttpError => new HttpError(409, 'already-paid', 'Die Gebühr für diesen Vorgang ist bereits bezahlt.');

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function paymentRoutes(app: FastifyInstance, options: PaymentRouteOptions): Promise<void> {
  const { store, clerks, now } = options;
  const service = options.payment && new PaymentService(options.payment);
  const ledger = store.payments;
  const portals = new Set(options.corsOrigins);

  /** The reference a notification turned out to be about, for the log (the citizen's routes name it in the path). */
  const notified = new WeakMap<FastifyRequest, string>();
  app.addHook('onError', async (request, _reply, error) => {
    const reference = (request.params as { reference?: string }).reference ?? notified.get(request);
    if (error instanceof PaymentRefusal) request.log.warn({ code: error.code, reference }, 'payment request refused');
    if (error instanceof ProviderUnavailable) request.log.error({ err: error }, 'payment service unavailable');
  });
  // Everything else goes on to the app's handler, which answers refusals in words (problems.ts).
  app.setErrorHandler((error) => {
    throw error instanceof ProviderUnavailable ? providerUnavailable() : error;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Cache-Control', 'no-store');
    // The receiver answers the preflight for every /api path (receiver.ts); the answer itself is allowed here.
    const origin = request.headers.origin;
    if (origin && portals.has(origin)) reply.header('Access-Control-Allow-Origin', origin).header('Vary', 'Origin');
    return payload;
  });

  const caseOf = (request: FastifyRequest<{ Params: { reference: string } }>): Promise<string> =>
    authorizedCase(request.headers.authorization, request.params.reference, store, now());

  /**
   * The record a new first attempt starts from, read before the ledger is locked (a change may not wait on the
   * store); undefined where the fee is not paid online here (no such submission, no fee for it).
   */
  async function newRecord(service: PaymentService, reference: string): Promise<PaymentRecord | undefined> {
    const entry = await store.get(reference);
    if (!entry) return undefined;
    const amount = feeFor(service.fees, (await store.envelope(reference)) as { service: string; data?: unknown });
    return amount === undefined ? undefined : { reference, submissionId: entry.id, amount, attempts: [] };
  }

  /** Reads an INITIAL last attempt from the payment service and saves what it says. */
  async function reconciled(record: PaymentRecord, save: SavePayment): Promise<PaymentRecord> {
    const last = record.attempts.at(-1);
    if (!last || last.paymentInformation.status !== 'INITIAL') return record;
    const transaction = checkedAnswer(await service!.read(last.transactionId), last, record.amount);
    if (transaction.status === 'INITIAL') return record;
    const updated = { ...record, attempts: [...record.attempts.slice(0, -1), { ...last, paymentInformation: paymentInformationOf(transaction, record.amount) }] };
    await save(updated);
    return updated;
  }

  function view(record: PaymentRecord) {
    const last = record.attempts.at(-1);
    const status = last?.paymentInformation.status ?? 'none';
    return {
      reference: record.reference,
      onlinePayment: true,
      amount: record.amount,
      currency: 'EUR',
      status,
      ...(last ? { transactionId: last.transactionId, paymentInformation: last.paymentInformation } : {}),
      ...(last && status === 'INITIAL' ? { redirectUrl: last.redirectUrl } : {}),
    };
  }

  function returnUrlOf(request: FastifyRequest, value: unknown): string {
    let url: URL | undefined;
    try {
      url = typeof value === 'string' && value.length <= 2082 ? new URL(value) : undefined;
    } catch {
      // refused below
    }
    const own = `${request.protocol}://${request.host}`;
    if (!url || (url.origin !== own && !portals.has(url.origin))) {
      throw new HttpError(400, 'invalid-return-url', 'Die Rücksprungadresse muss auf dieser Website oder einem freigegebenen Portal liegen.');
    }
    return url.href;
  }

  app.get<{ Params: { reference: string }; Querystring: { transactionId?: string } }>('/cases/:reference/payment', async (request) => {
    const reference = await caseOf(request);
    if (!service) return { reference, onlinePayment: false };
    const fresh = await newRecord(service, reference);
    return ledger.exclusive(reference, async (saved, save) => {
      const record = saved ?? fresh;
      if (!record) return { reference, onlinePayment: false };
      const asked = request.query.transactionId;
      if (asked !== undefined && !record.attempts.some((a) => a.transactionId === asked)) throw foreignTransaction();
      return view(await reconciled(record, save));
    });
  });

  app.post<{ Params: { reference: string } }>('/cases/:reference/payment', { bodyLimit: 4096 }, async (request, reply) => {
    const reference = await caseOf(request);
    const body = isObject(request.body) ? request.body : {};
    const returnUrl = returnUrlOf(request, body.returnUrl);
    if (!service) throw noOnlinePayment();
    const fresh = await newRecord(service, reference);
    return ledger.exclusive(reference, async (saved, save) => {
      const current = saved ?? fresh;
      if (!current) throw noOnlinePayment();
      const record = await reconciled(current, save);
      // The browser need not send an amount; one that differs was changed on the way.
      if (body.amount !== undefined && body.amount !== record.amount) throw amountMismatch();
      const status = record.attempts.at(-1)?.paymentInformation.status;
      if (status === 'BOOKED') throw alreadyPaid();
      if (status === 'INITIAL') return reply.code(200).send(view(record));

      const requestId = crypto.randomUUID();
      const transaction = checkedAnswer(
        await service!.create({
          requestId,
          amount: record.amount,
          purpose: service!.purposeOf(reference),
          description: `Gebühr für Vorgang ${reference}`,
          redirectUrl: returnUrl,
          reference,
        }),
        { requestId },
        record.amount,
      );
      if (transaction.status !== 'INITIAL' || !transaction.redirectUrl) {
        throw new ProviderUnavailable(`a new transaction came back ${transaction.status}${transaction.redirectUrl ? '' : ' without a page to send the citizen to'}`);
      }
      const attempt = {
        requestId,
        createdAt: new Date(now()).toISOString(),
        transactionId: transaction.transactionId,
        redirectUrl: transaction.redirectUrl,
        paymentInformation: paymentInformationOf(transaction, record.amount),
      };
      const updated = { ...record, attempts: [...record.attempts, attempt] };
      await save(updated);
      return reply.code(201).send(view(updated));
    });
  });

  app.post('/payments/notifications', { bodyLimit: 4096 }, async (request, reply) => {
    const body = isObject(request.body) ? request.body : {};
    const transactionId = typeof body.transactionId === 'string' ? body.transactionId : '';
    const reference = await ledger.referenceOf(transactionId);
    if (!reference) throw new PaymentRefusal(404, 'unknown-transaction', 'Diese Zahlung ist hier nicht bekannt.');
    notified.set(request, reference);
    await ledger.exclusive(reference, async (record, save) => {
      const attempt = record!.attempts.find((a) => a.transactionId === transactionId);
      if (!attempt || attempt.requestId !== body.requestId) throw foreignTransaction();
      await reconciled(record!, save);
    });
    return reply.code(204).send();
  });

  app.get<{ Params: { reference: string } }>('/submissions/:reference/payment', { preHandler: clerks.api }, async (request) => {
    const reference = request.params.reference;
    const record = REFERENCE.test(reference) ? await ledger.get(reference) : undefined;
    if (!record) throw new HttpError(404, 'not-found', 'Zu diesem Vorgang gibt es keine Online-Zahlung.');
    return record;
  });
}
