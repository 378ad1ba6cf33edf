/**
 * Paying the fee online (issue 10) over real HTTP: the receiver against the demo's XBezahldienste payment service
 * (demo/payment-provider.js), driven the way the citizen's browser does — start, the provider's page, the return —
 * and the way it goes wrong: cancelled, failed, a provider that does not answer, a notification or a status for
 * another submission, an amount changed on the way, a double start, the tab closed on the provider's page.
 * Runs on the file store and, where DATABASE_URL is set, on PostgreSQL (there also with two receivers on one
 * database, as behind a load balancer).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startPaymentProvider } from '../../demo/payment-provider.js';
import { checkedPaymentConfig, feeFor, paymentConfigFrom } from '../payment.js';
import { POSTGRES_SKIPPED, envelope, postJson, residencePermitEnvelope, root, scratchDatabase, startServer, type TestServer } from './helpers.js';

const METADATA = JSON.parse(readFileSync(join(root, 'test/fixtures/schemas/fit-connect-metadata-2.1.0.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema(METADATA);
const validPaymentInformation = ajv.compile({ $ref: `${METADATA.$id}#/properties/paymentInformation` });

interface Case {
  reference: string;
  token: string;
}

type Provider = Awaited<ReturnType<typeof startPaymentProvider>>;

/** Where a server stores: a fresh database (dropped by `drop`) or the file store in the server's own folder. */
const backends = [
  { name: 'file store', skip: false as const, database: async () => ({ url: undefined, drop: async () => {} }) },
  { name: 'PostgreSQL store', skip: POSTGRES_SKIPPED, database: scratchDatabase },
];

for (const backend of backends) describe(`paying the fee online (${backend.name})`, { skip: backend.skip }, () => {
  let provider: Provider;
  let server: TestServer;
  let drop: () => Promise<void>;
  const logged: Array<Record<string, unknown>> = [];
  const RETURN = (reference: string) => `${server.base}/verpflichtungserklaerung.html?efa-zahlung=${reference}`;

  before(async () => {
    const database = await backend.database();
    drop = database.drop;
    provider = await startPaymentProvider();
    const log = new Writable({
      write(chunk, _encoding, done) {
        logged.push(JSON.parse(String(chunk)));
        done();
      },
    });
    server = await startServer({ databaseUrl: database.url, payment: paymentConfigFrom(provider.env), logger: { level: 'warn', stream: log } });
    provider.notifyTo(`${server.base}/api/payments/notifications`);
  });
  after(async () => {
    await server.close();
    await provider.close();
    await drop();
  });

  async function submitted(body = envelope()): Promise<Case> {
    const receipt = await (await postJson(server.base, body)).json();
    const access = await fetch(`${server.base}/api/cases/access`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ reference: receipt.reference, accessCode: receipt.accessCode }),
    });
    assert.equal(access.status, 201);
    return { reference: receipt.reference, token: (await access.json()).token };
  }

  function status({ reference, token }: Case, query = ''): Promise<Response> {
    return fetch(`${server.base}/api/cases/${reference}/payment${query}`, { headers: { Authorization: `Bearer ${token}` } });
  }

  function start({ reference, token }: Case, body: Record<string, unknown> = { returnUrl: RETURN(reference) }): Promise<Response> {
    return fetch(`${server.base}/api/cases/${reference}/payment`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  }

  /** The citizen on the provider's page: its three buttons post `choice`; answers where the browser is sent. */
  async function choose(redirectUrl: string, choice: 'pay' | 'cancel' | 'fail'): Promise<string> {
    const page = await fetch(redirectUrl);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Mit Karte bezahlen \(Demo\)[\s\S]*Abbrechen[\s\S]*Zahlung scheitern lassen/);
    const answer = await fetch(redirectUrl, { method: 'POST', body: new URLSearchParams({ choice }), redirect: 'manual' });
    assert.equal(answer.status, 303);
    return answer.headers.get('location')!;
  }

  async function clerksRecord(reference: string): Promise<Record<string, any>> {
    const response = await fetch(`${server.base}/api/submissions/${reference}/payment`);
    assert.equal(response.status, 200);
    return response.json();
  }

  it('books the fee the server computed and records paymentInformation as FIT-Connect metadata 2.1.0 defines it', async () => {
    const citizen = await submitted();
    const before = await (await status(citizen)).json();
    assert.deepEqual(before, { reference: citizen.reference, onlinePayment: true, amount: 29, currency: 'EUR', status: 'none' });

    const started = await start(citizen);
    assert.equal(started.status, 201);
    const transaction = await started.json();
    assert.equal(transaction.status, 'INITIAL');
    assert.equal(transaction.amount, 29);
    assert.ok(transaction.redirectUrl.startsWith(provider.base));
    const sent = provider.transactions.get(transaction.transactionId)!.paymentRequest;
    assert.equal(sent.grosAmount, 29);
    assert.equal(sent.purpose, citizen.reference);

    assert.equal(await choose(transaction.redirectUrl, 'pay'), RETURN(citizen.reference));
    const booked = await (await status(citizen, `?transactionId=${transaction.transactionId}`)).json();
    assert.equal(booked.status, 'BOOKED');
    assert.equal(booked.redirectUrl, undefined);
    const info: Record<string, unknown> = booked.paymentInformation;
    assert.ok(validPaymentInformation(info), ajv.errorsText(validPaymentInformation.errors));
    assert.deepEqual(
      { ...info, transactionTimestamp: typeof info.transactionTimestamp },
      {
        transactionUrl: `${provider.env.EFA_PAYMENT_URL}/paymenttransaction/musterstadt-efa/09999000/${transaction.transactionId}`,
        transactionId: transaction.transactionId,
        transactionReference: citizen.reference,
        transactionTimestamp: 'string',
        paymentMethod: 'CREDITCARD',
        paymentMethodDetail: 'Visa',
        status: 'BOOKED',
        grossAmount: 29,
      },
    );
    const record = await clerksRecord(citizen.reference);
    assert.equal(record.attempts.length, 1);
    assert.deepEqual(record.attempts[0].paymentInformation, info);

    const again = await start(citizen);
    assert.equal(again.status, 409);
    assert.equal((await again.json()).code, 'already-paid');
    assert.equal((await clerksRecord(citizen.reference)).attempts.length, 1);
  });

  it('after a cancelled and a failed attempt starts a new transaction each time, and books the third', async () => {
    const citizen = await submitted();
    const ids = [];
    for (const [choice, outcome] of [
      ['cancel', 'CANCELED'],
      ['fail', 'FAILED'],
      ['pay', 'BOOKED'],
    ] as const) {
      const started = await start(citizen);
      assert.equal(started.status, 201);
      const { transactionId, redirectUrl } = await started.json();
      ids.push(transactionId);
      await choose(redirectUrl, choice);
      const after = await (await status(citizen)).json();
      assert.equal(after.status, outcome);
      assert.ok(validPaymentInformation(after.paymentInformation), ajv.errorsText(validPaymentInformation.errors));
    }
    assert.equal(new Set(ids).size, 3);
    const record = await clerksRecord(citizen.reference);
    assert.deepEqual(
      record.attempts.map((a: any) => a.paymentInformation.status),
      ['CANCELED', 'FAILED', 'BOOKED'],
    );
  });

  it('starts one transaction for a double start, and reuses it while it is open', async () => {
    const citizen = await submitted();
    const count = provider.transactions.size;
    const answers = await Promise.all([start(citizen), start(citizen)]);
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 201]);
    const [a, b] = await Promise.all(answers.map((a) => a.json()));
    assert.equal(a.transactionId, b.transactionId);
    assert.equal(a.redirectUrl, b.redirectUrl);
    assert.equal(provider.transactions.size, count + 1);
    assert.equal((await start(citizen)).status, 200);
    assert.equal(provider.transactions.size, count + 1);
  });

  it('reconciles the status when the citizen closed the tab on the provider page and comes back later', async () => {
    const citizen = await submitted();
    const { transactionId, redirectUrl } = await (await start(citizen)).json();
    // Paid, but the provider's notification never arrives and the browser never returns.
    provider.notifyTo('http://127.0.0.1:9/nowhere');
    try {
      await choose(redirectUrl, 'pay');
    } finally {
      provider.notifyTo(`${server.base}/api/payments/notifications`);
    }
    assert.equal((await clerksRecord(citizen.reference)).attempts[0].paymentInformation.status, 'INITIAL');
    const later = await status(citizen, `?transactionId=${transactionId}`);
    assert.equal((await later.json()).status, 'BOOKED');
    assert.equal((await clerksRecord(citizen.reference)).attempts[0].paymentInformation.status, 'BOOKED');
  });

  it("takes the provider's notification as a hint: the ledger is booked before the citizen returns", async () => {
    const citizen = await submitted();
    const { redirectUrl } = await (await start(citizen)).json();
    await choose(redirectUrl, 'pay');
    assert.equal((await clerksRecord(citizen.reference)).attempts[0].paymentInformation.status, 'BOOKED');
  });

  it('refuses a notification or a status for another submission, and logs it', async () => {
    const a = await submitted();
    const b = await submitted();
    const ta = await (await start(a)).json();
    const tb = await (await start(b)).json();
    const requestOfB = provider.transactions.get(tb.transactionId)!.paymentRequest.requestId;

    const notify = (body: unknown) =>
      fetch(`${server.base}/api/payments/notifications`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const crossed = await notify({ transactionId: ta.transactionId, requestId: requestOfB });
    assert.equal(crossed.status, 409);
    assert.equal((await crossed.json()).code, 'foreign-transaction');
    const unknown = await notify({ transactionId: crypto.randomUUID(), requestId: requestOfB });
    assert.equal(unknown.status, 404);
    assert.equal((await unknown.json()).code, 'unknown-transaction');

    const foreign = await status(b, `?transactionId=${ta.transactionId}`);
    assert.equal(foreign.status, 409);
    assert.equal((await foreign.json()).code, 'foreign-transaction');
    const otherCase = await status({ reference: a.reference, token: b.token });
    assert.equal(otherCase.status, 401);

    assert.ok(logged.some((line) => line.msg === 'payment request refused' && line.code === 'foreign-transaction' && line.reference === a.reference));
    assert.ok(logged.some((line) => line.msg === 'payment request refused' && line.code === 'foreign-transaction' && line.reference === b.reference));
    for (const [citizen, transaction] of [
      [a, ta],
      [b, tb],
    ] as const) {
      const record = await clerksRecord(citizen.reference);
      assert.deepEqual(
        record.attempts.map((x: any) => [x.transactionId, x.paymentInformation.status]),
        [[transaction.transactionId, 'INITIAL']],
      );
    }
  });

  it('refuses an amount changed in the browser or reported otherwise by the provider; nothing is stored', async () => {
    const citizen = await submitted();
    const tampered = await start(citizen, { returnUrl: RETURN(citizen.reference), amount: 1 });
    assert.equal(tampered.status, 422);
    assert.equal((await tampered.json()).code, 'amount-mismatch');
    assert.deepEqual((await (await status(citizen)).json()).status, 'none');

    const { transactionId, redirectUrl } = await (await start(citizen, { returnUrl: RETURN(citizen.reference), amount: 29 })).json();
    provider.transactions.get(transactionId)!.paymentRequest.grosAmount = 2.9;
    await choose(redirectUrl, 'pay');
    const refused = await status(citizen);
    assert.equal(refused.status, 422);
    assert.equal((await refused.json()).code, 'amount-mismatch');
    assert.equal((await clerksRecord(citizen.reference)).attempts[0].paymentInformation.status, 'INITIAL');
    assert.ok(logged.some((line) => line.code === 'amount-mismatch' && line.reference === citizen.reference));
  });

  it('sends the citizen back only to its own origin', async () => {
    const citizen = await submitted();
    for (const returnUrl of ['https://elsewhere.example/pay', 'javascript:alert(1)', '/relative', 42]) {
      const answer = await start(citizen, { returnUrl });
      assert.equal(answer.status, 400, String(returnUrl));
      assert.equal((await answer.json()).code, 'invalid-return-url');
    }
  });

  it('offers no online payment where the fee table has none (the residence permit unless an authority lists its route)', async () => {
    const citizen = await submitted(residencePermitEnvelope());
    const answer = await status(citizen);
    assert.equal(answer.status, 200);
    assert.deepEqual(await answer.json(), { reference: citizen.reference, onlinePayment: false });
    const refused = await start(citizen);
    assert.equal(refused.status, 404);
    assert.equal((await refused.json()).code, 'no-online-payment');
    const permit = residencePermitEnvelope() as { service: string; data: unknown };
    assert.equal(feeFor({ aufenthaltstitel: { erwerbstaetigkeit: 100 } }, permit), 100);
    assert.equal(feeFor({ aufenthaltstitel: { verlaengerung: 93 } }, permit), undefined);
    assert.equal(feeFor({ verpflichtungserklaerung: 35.5 }, envelope() as { service: string }), 35.5);
  });

  it('refuses a configuration the payment service would refuse', () => {
    const valid = paymentConfigFrom(provider.env)!;
    assert.throws(() => checkedPaymentConfig({ ...valid, fees: { verpflichtungserklaerung: 29.001 } }), /two decimals/);
    assert.throws(() => checkedPaymentConfig({ ...valid, purposePrefix: 'Gebühr Verpflichtungserklärung ' }), /27/);
    assert.throws(() => paymentConfigFrom({ EFA_PAYMENT_URL: provider.env.EFA_PAYMENT_URL }), /EFA_PAYMENT_ORIGINATOR_ID/);
    assert.equal(paymentConfigFrom({}), undefined);
  });
});

describe('two receivers on one database, as behind a load balancer', { skip: POSTGRES_SKIPPED }, () => {
  let provider: Provider;
  let servers: TestServer[];
  let drop: () => Promise<void>;

  before(async () => {
    const database = await scratchDatabase();
    drop = database.drop;
    provider = await startPaymentProvider();
    servers = [];
    for (let i = 0; i < 2; i += 1) servers.push(await startServer({ databaseUrl: database.url, payment: paymentConfigFrom(provider.env) }));
    provider.notifyTo(`${servers[0]!.base}/api/payments/notifications`);
  });
  after(async () => {
    for (const server of servers) await server.close();
    await provider.close();
    await drop();
  });

  it('starts one transaction for starts at both, and books the fee once', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const receipt = await (await postJson(a.base, envelope())).json();
    const access = await fetch(`${b.base}/api/cases/access`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ reference: receipt.reference, accessCode: receipt.accessCode }),
    });
    const { token } = await access.json();
    const start = (server: TestServer) =>
      fetch(`${server.base}/api/cases/${receipt.reference}/payment`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ returnUrl: `${server.base}/?efa-zahlung=${receipt.reference}` }),
      });
    const count = provider.transactions.size;
    const answers = await Promise.all([start(a), start(b), start(a), start(b)]);
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 200, 200, 201]);
    const ids = new Set((await Promise.all(answers.map((answer) => answer.json()))).map((body) => body.transactionId));
    assert.equal(ids.size, 1);
    assert.equal(provider.transactions.size, count + 1);

    const [transactionId] = ids;
    const page = await fetch(provider.transactions.get(transactionId)!.paymentInformation.transactionRedirectUrl);
    assert.equal(page.status, 200);
    await fetch(page.url, { method: 'POST', body: new URLSearchParams({ choice: 'pay' }), redirect: 'manual' });
    const again = await Promise.all([start(a), start(b)]);
    assert.deepEqual(again.map((answer) => answer.status), [409, 409]);
    const record = await (await fetch(`${b.base}/api/submissions/${receipt.reference}/payment`)).json();
    assert.deepEqual(
      record.attempts.map((attempt: any) => attempt.paymentInformation.status),
      ['BOOKED'],
    );
  });
});

describe('a payment service that does not answer', () => {
  let silent: Server;
  const held = new Set<Socket>();
  let server: TestServer;

  before(async () => {
    // Accepts connections and never answers.
    silent = createServer((socket) => {
      held.add(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    server = await startServer({
      payment: checkedPaymentConfig({
        baseUrl: `http://127.0.0.1:${port}/api/v1`,
        originatorId: 'musterstadt-efa',
        endPointId: '09999000',
        clientId: 'efa-receiver',
        clientSecret: 'secret',
        purposePrefix: '',
        fees: { verpflichtungserklaerung: 29 },
        timeoutMs: 300,
      }),
    });
  });
  after(async () => {
    await server.close();
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('answers 503 with Retry-After and keeps the submission and an empty ledger', async () => {
    const receipt = await (await postJson(server.base, envelope())).json();
    const { token } = await (
      await fetch(`${server.base}/api/cases/access`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ reference: receipt.reference, accessCode: receipt.accessCode }),
      })
    ).json();
    const answer = await fetch(`${server.base}/api/cases/${receipt.reference}/payment`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ returnUrl: `${server.base}/?efa-zahlung=${receipt.reference}` }),
    });
    assert.equal(answer.status, 503);
    assert.equal(answer.headers.get('retry-after'), '30');
    assert.equal((await answer.json()).code, 'payment-unavailable');
    const after = await fetch(`${server.base}/api/cases/${receipt.reference}/payment`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal((await after.json()).status, 'none');
    assert.equal((await fetch(`${server.base}/api/submissions/${receipt.reference}`)).status, 200);
  });
});
