/**
 * The demo's payment service: speaks XBezahldienste 1.0.0 as server/payment.ts uses it (see there for what the
 * published interface confirms and what it leaves open), checks every request against it, and shows the citizen a
 * plain page with three choices instead of a card form. `npm start` runs it on a free port of 127.0.0.1; the server
 * tests and the browser tests start their own.
 *   POST /api/v1/paymenttransaction/:originatorId/:endPointId          201 PaymentTransaction (INITIAL)
 *   GET  /api/v1/paymenttransaction/:originatorId/:endPointId/:transactionId
 *   GET  /paypage/:transactionId   the page; POST with `choice` = pay | cancel | fail → 303 to the redirectUrl
 * Errors are problem details with an `errorCode` of the interface (FORBIDDEN, VALIDATION_ERROR, CALCULATION_ERROR,
 * PAYMENT_EXISTS, NO_VALID_ORIGINATOR_OR_ENDPOINT). With `notifyUrl`, each decision is also posted there as
 * { transactionId, requestId } (the receiver's POST /api/payments/notifications; a hint only).
 */
import { createServer } from 'node:http';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

const ID = /^[\w-]{1,36}$/;
const PURPOSE = /^[\w\s-]{1,27}$/;
const DESCRIPTION = /^[\w\s\-,.\u00C0-\u017F]{1,250}$/;

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const euro = (amount) => new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(amount);
const cents = (amount) => Math.round(amount * 100);

/** The request's problems as the interface's VALIDATION_ERROR / CALCULATION_ERROR; empty when it is valid. */
function problemsOf(body) {
  const problems = [];
  const isAmount = (v) => typeof v === 'number' && v >= 0 && v <= 999_999 && cents(v) === v * 100;
  if (typeof body !== 'object' || body === null) return ['the body is not a PaymentRequest'];
  if (typeof body.requestId !== 'string' || !ID.test(body.requestId)) problems.push('requestId');
  if (typeof body.requestTimestamp !== 'string' || Number.isNaN(Date.parse(body.requestTimestamp))) problems.push('requestTimestamp');
  if (body.currency !== 'EUR') problems.push('currency');
  if (!isAmount(body.grosAmount) || body.grosAmount === 0) problems.push('grosAmount');
  if (typeof body.purpose !== 'string' || !PURPOSE.test(body.purpose)) problems.push('purpose');
  if (body.description !== undefined && (typeof body.description !== 'string' || !DESCRIPTION.test(body.description))) problems.push('description');
  let redirect;
  try {
    redirect = typeof body.redirectUrl === 'string' && body.redirectUrl.length <= 2082 ? new URL(body.redirectUrl) : undefined;
  } catch {
    // reported below
  }
  if (!redirect || !['http:', 'https:'].includes(redirect.protocol)) problems.push('redirectUrl');
  if (!Array.isArray(body.items) || body.items.length < 1 || body.items.length > 99) problems.push('items');
  else {
    for (const [i, item] of body.items.entries()) {
      const amounts = ['taxRate', 'totalNetAmount', 'totalTaxAmount', 'singleNetAmount', 'singleTaxAmount'];
      if (typeof item?.id !== 'string' || !ID.test(item.id)) problems.push(`items/${i}/id`);
      if (!Number.isInteger(item?.quantity) || item.quantity < 1) problems.push(`items/${i}/quantity`);
      for (const key of amounts) if (!isAmount(item?.[key])) problems.push(`items/${i}/${key}`);
    }
  }
  return problems;
}

function calculationError(body) {
  const total = body.items.reduce((sum, item) => sum + cents(item.totalNetAmount) + cents(item.totalTaxAmount), 0);
  const perItem = body.items.every((item) => cents(item.totalNetAmount) === cents(item.singleNetAmount) * item.quantity);
  return total !== cents(body.grosAmount) || !perItem;
}

/**
 * @param {{ port?: number, notifyUrl?: string }} [options]
 */
export async function startPaymentProvider(options = {}) {
  const originatorId = 'musterstadt-efa';
  const endPointId = '09999000';
  const clientId = 'efa-receiver';
  const clientSecret = randomBytes(24).toString('base64url');
  /** transactionId → { paymentRequest, paymentInformation }: the demo keeps them in memory. */
  const transactions = new Map();
  const requestIds = new Set();
  let base = '';
  let notifyUrl = options.notifyUrl;

  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  };
  const problem = (res, status, errorCode, functionalText) =>
    send(res, status, { errorCode, httpResponseCode: status, httpResponseText: errorCode, functionalText }, { 'Content-Type': 'application/problem+json' });

  function authorized(req) {
    const expected = Buffer.from(`Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`);
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async function bodyOf(req) {
    let text = '';
    for await (const chunk of req) {
      text += chunk;
      if (text.length > 100_000) throw new Error('too large');
    }
    return text;
  }

  function page(res, status, title, content) {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:",
    });
    res.end(`<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Bezahldienst (Demo)</title>
<style>body{font:1.125rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1rem;margin:.25rem 0;min-height:2.75rem}dt{font-weight:bold}</style>
</head><body><main>
<h1>${escapeHtml(title)}</h1>
${content}
</main></body></html>`);
  }

  function payPage(res, transaction) {
    const { paymentRequest: request, paymentInformation: info } = transaction;
    if (info.status !== 'INITIAL') {
      return page(res, 409, 'Diese Zahlung ist abgeschlossen', `<p>Für diese Zahlung wurde schon entschieden.</p><p><a href="${escapeHtml(request.redirectUrl)}">Zurück zum Antrag</a></p>`);
    }
    const action = `/paypage/${encodeURIComponent(info.transactionId)}`;
    const choice = (value, label) =>
      `<form method="post" action="${action}"><input type="hidden" name="choice" value="${value}"><button type="submit">${escapeHtml(label)}</button></form>`;
    return page(
      res,
      200,
      'Gebühr bezahlen',
      `<p>Dies ist ein Demo-Bezahldienst. Es wird kein echtes Geld bewegt.</p>
<dl><dt>Betrag</dt><dd>${escapeHtml(euro(request.grosAmount))}</dd><dt>Verwendungszweck</dt><dd>${escapeHtml(request.purpose)}</dd>
${request.description ? `<dt>Beschreibung</dt><dd>${escapeHtml(request.description)}</dd>` : ''}</dl>
${choice('pay', 'Mit Karte bezahlen (Demo)')}${choice('cancel', 'Abbrechen')}${choice('fail', 'Zahlung scheitern lassen')}`,
    );
  }

  async function decide(transaction, choice) {
    const info = transaction.paymentInformation;
    if (info.status !== 'INITIAL') return;
    if (choice === 'pay') {
      Object.assign(info, { status: 'BOOKED', paymentMethod: 'CREDITCARD', paymentMethodDetail: 'Visa', transactionTimestamp: new Date().toISOString() });
    } else {
      info.status = choice === 'cancel' ? 'CANCELED' : 'FAILED';
      info.statusDetail = choice === 'cancel' ? 'Abbruch durch den Nutzer' : 'Zahlung abgelehnt (Demo)';
    }
    if (notifyUrl) {
      await fetch(notifyUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ transactionId: info.transactionId, requestId: transaction.paymentRequest.requestId }),
        signal: AbortSignal.timeout(5000),
      }).catch((error) => console.warn(`payment provider: the notification to ${notifyUrl} failed: ${error.message}`));
    }
  }

  async function handle(req, res) {
    const url = new URL(req.url, base);
    const api = /^\/api\/v1\/paymenttransaction\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(url.pathname);
    const pay = /^\/paypage\/([\w-]{1,36})$/.exec(url.pathname);
    if (api) {
      if (!authorized(req)) return problem(res, 403, 'FORBIDDEN', 'Fehlende oder falsche Zugangsdaten.');
      const [, originator, endPoint, transactionId] = api.map((p) => p && decodeURIComponent(p));
      if (originator !== originatorId || endPoint !== endPointId) return problem(res, 400, 'NO_VALID_ORIGINATOR_OR_ENDPOINT', 'Mandant unbekannt.');
      if (req.method === 'GET' && transactionId) {
        const transaction = transactions.get(transactionId);
        return transaction ? send(res, 200, transaction) : problem(res, 404, 'UNSPECIFIED', 'Transaktion unbekannt.');
      }
      if (req.method !== 'POST' || transactionId) return problem(res, 405, 'UNSPECIFIED', 'Methode nicht erlaubt.');
      let body;
      try {
        body = JSON.parse(await bodyOf(req));
      } catch {
        return problem(res, 400, 'VALIDATION_ERROR', 'Kein JSON.');
      }
      const problems = problemsOf(body);
      if (problems.length > 0) return problem(res, 400, 'VALIDATION_ERROR', `Ungültig: ${problems.join(', ')}`);
      if (calculationError(body)) return problem(res, 400, 'CALCULATION_ERROR', 'Die Summe passt nicht zu den Positionen.');
      if (requestIds.has(body.requestId)) return problem(res, 409, 'PAYMENT_EXISTS', 'Mit dieser Request-ID wurde bereits ein PaymentRequest platziert.');
      requestIds.add(body.requestId);
      const id = randomUUID();
      const transaction = {
        paymentRequest: body,
        paymentInformation: {
          transactionUrl: `${base}/api/v1/paymenttransaction/${originatorId}/${endPointId}/${id}`,
          transactionRedirectUrl: `${base}/paypage/${id}`,
          transactionId: id,
          transactionReference: body.purpose,
          status: 'INITIAL',
        },
      };
      transactions.set(id, transaction);
      return send(res, 201, transaction);
    }
    if (pay) {
      const transaction = transactions.get(pay[1]);
      if (!transaction) return page(res, 404, 'Zahlung nicht gefunden', '<p>Diese Zahlung gibt es hier nicht.</p>');
      if (req.method === 'GET') return payPage(res, transaction);
      if (req.method === 'POST') {
        const choice = new URLSearchParams(await bodyOf(req)).get('choice');
        if (!['pay', 'cancel', 'fail'].includes(choice)) return page(res, 400, 'Unbekannte Auswahl', '<p>Bitte wählen Sie eine der Schaltflächen.</p>');
        await decide(transaction, choice);
        res.writeHead(303, { Location: transaction.paymentRequest.redirectUrl, 'Cache-Control': 'no-store' });
        return res.end();
      }
    }
    return page(res, 404, 'Nicht gefunden', '<p>Diese Adresse gibt es nicht.</p>');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('payment provider:', error);
      if (!res.headersSent) problem(res, 500, 'UNSPECIFIED', 'Interner Fehler.');
      else res.end();
    });
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    /** EFA_PAYMENT_* for the receiver. */
    env: {
      EFA_PAYMENT_URL: `${base}/api/v1`,
      EFA_PAYMENT_ORIGINATOR_ID: originatorId,
      EFA_PAYMENT_ENDPOINT_ID: endPointId,
      EFA_PAYMENT_CLIENT_ID: clientId,
      EFA_PAYMENT_CLIENT_SECRET: clientSecret,
    },
    transactions,
    /** Where decisions are posted, once the receiver's address is known. */
    notifyTo(url) {
      notifyUrl = url;
    },
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
