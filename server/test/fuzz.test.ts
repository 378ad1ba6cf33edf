/**
 * Bad input on every route (issue 15, Deliver 5): an explicit, deterministic table of malformed requests
 * (broken and hostile JSON, every envelope key with a wrong type or missing, multipart with missing, duplicate,
 * unknown and mistyped parts, bodies just over a limit, 10,000 levels of nesting, null bytes, invalid UTF-8,
 * wrong methods, odd headers, broken HTTP) sent to every route the app registers, with clerks signed in by the
 * demo's OpenID Connect provider and with the clerks' APIs open. Every answer must be below 500, and every
 * refusal must say in German what is wrong (`{ code, message }` or an RFC 9457 problem, as the receiver
 * answers; the portal's own 404 page). Afterwards the server still takes a valid submission, and nothing of a
 * refused one was stored.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LOGOUT_BODY_LIMIT } from '../clerks.js';
import { DEFAULT_LIMITS } from '../config.js';
import { fachdatenSchemaUri } from '../../src/adapters/fit-connect.js';
import { MAX_BODY_BYTES as RELAY_MAX_BODY_BYTES, createRelay } from '../relay/relay.js';
import { createSubmissionApi } from '../relay/submission-api.js';
import { startSubmissionApiStandIn, type SubmissionApiStandIn } from '../submission-api-standin.js';
import {
  PDF,
  POSTGRES_SKIPPED,
  envelope,
  pdfAttachment,
  postJson,
  postMultipart,
  root,
  scratchDatabase,
  startServer,
  startServerWithSignIn,
  type TestServer,
} from './helpers.js';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = 'application/json';

/** A request of the table: `body` as bytes or text, or a FormData (multipart); `headers` as sent. */
interface Case {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | FormData;
  /** `refused`: must be answered 4xx (bad input by construction); `any`: anything but 5xx. */
  expect: 'refused' | 'any';
}

interface Answer {
  status: number;
  type: string;
  body: string;
}

const deeplyNested = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const bytes = (...values: number[]): Uint8Array<ArrayBuffer> => new Uint8Array(values);
const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

/** Bodies no route takes, each with the content type it claims. */
function hostileBodies(): Array<{ name: string; type: string | undefined; body: string | Uint8Array<ArrayBuffer> }> {
  return [
    { name: 'malformed JSON', type: JSON_TYPE, body: '{"id": "x", ' },
    { name: '{"nonsense":true}', type: JSON_TYPE, body: '{"nonsense":true}' },
    { name: 'JSON null', type: JSON_TYPE, body: 'null' },
    { name: 'JSON array', type: JSON_TYPE, body: '[1,2,3]' },
    { name: 'JSON string', type: JSON_TYPE, body: '"Einreichung"' },
    { name: 'JSON number', type: JSON_TYPE, body: '42' },
    { name: 'empty JSON body', type: JSON_TYPE, body: '' },
    { name: '10,000 levels of nesting', type: JSON_TYPE, body: deeplyNested(10_000) },
    { name: 'a 900 kB string', type: JSON_TYPE, body: JSON.stringify({ id: 'x'.repeat(900_000) }) },
    { name: 'null bytes', type: JSON_TYPE, body: bytes(0x7b, 0x22, 0x61, 0x00, 0x22, 0x3a, 0x00, 0x7d) },
    { name: 'invalid UTF-8', type: JSON_TYPE, body: bytes(0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x3a, 0x31, 0x7d) },
    { name: 'JSON in an odd charset', type: 'application/json; charset=utf-16', body: '{"nonsense":true}' },
    { name: 'no content type', type: undefined, body: utf8('{"nonsense":true}') },
    { name: 'text/plain', type: 'text/plain; charset=utf-8', body: 'Einreichung' },
    { name: 'XML', type: 'application/xml', body: '<einreichung/>' },
    { name: 'url-encoded', type: 'application/x-www-form-urlencoded', body: 'a=1&a=2&%ZZ' },
    { name: 'multipart without boundary', type: 'multipart/form-data', body: 'x' },
    { name: 'multipart that is not', type: 'multipart/form-data; boundary=b', body: '{"nonsense":true}' },
    { name: 'truncated multipart', type: 'multipart/form-data; boundary=b', body: '--b\r\nContent-Disposition: form-data; name="submission"\r\n\r\n{' },
  ];
}

/** The URL patterns of every route the app registered, read from Fastify's route tree. */
function registeredRoutes(server: TestServer): string[] {
  const urls: string[] = [];
  const stack: string[] = [];
  for (const line of server.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ├└─]*)(\S.*) \([A-Z, ]+\)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    const segment = match[2]!;
    stack.push(depth === 0 || segment.startsWith('/') || stack[depth - 1]!.endsWith('/') ? segment : `/${segment}`);
    urls.push(stack.join(''));
  }
  return urls;
}

/** Routes each server must have, so that a changed route tree cannot leave the table empty unnoticed. */
const SURELY_REGISTERED = ['/health', '/api/submissions', '/api/submissions/:reference/attachments/:id', '/:page'];

/** A concrete path for a route pattern: parameters filled with values that exist. */
function concrete(url: string, values: { reference: string; attachment: string }): string {
  return url
    .replace(':reference', values.reference)
    .replace(':id', values.attachment)
    .replace(':page', 'index.html')
    .replace(/\*$/, 'dist/efa-forms.js');
}

/** Every route, every method, hostile bodies on the methods that carry one, odd headers and paths. */
function casesForEveryRoute(server: TestServer, values: { reference: string; attachment: string }): Case[] {
  const cases: Case[] = [];
  for (const url of registeredRoutes(server)) {
    const path = concrete(url, values);
    for (const method of METHODS) {
      cases.push({ name: `${method} ${url}`, method, path, expect: 'any' });
      cases.push({ name: `${method} ${url} from another origin`, method, path, headers: { Origin: 'https://angreifer.example' }, expect: 'any' });
      if (!WITH_BODY.has(method)) continue;
      for (const { name, type, body } of hostileBodies()) {
        cases.push({ name: `${method} ${url}: ${name}`, method, path, headers: type ? { 'Content-Type': type } : {}, body, expect: 'any' });
      }
    }
    cases.push({ name: `GET ${url} with a broken query`, method: 'GET', path: `${path}?return=%ZZ&download=%E0%A4%A`, expect: 'any' });
    cases.push({ name: `GET ${url} with odd Accept`, method: 'GET', path, headers: { Accept: 'image/png;q=abc', 'Accept-Language': '*;;' }, expect: 'any' });
  }
  for (const path of ['/api/submissions/%ZZ', '/api/submissions/%00', '/%ZZ', '/api/%E0%A4%A', `/api/submissions/${'A'.repeat(5000)}`, '/api/submissions/VE-2026-ZZZZZZ/data']) {
    cases.push({ name: `GET ${path.slice(0, 40)}`, method: 'GET', path, expect: 'any' });
  }
  return cases;
}

const ENVELOPE_SCHEMA: { properties: Record<string, unknown>; required: string[] } = JSON.parse(
  readFileSync(join(root, 'schemas/submission.schema.json'), 'utf8'),
);
const WRONG_VALUES: unknown[] = [null, 0, true, 'x', [], {}, [{}], { attachments: 1 }];

/** Envelopes the schema refuses: every key with every wrong type, every required key missing, one extra key. */
function badEnvelopes(): Array<{ name: string; value: unknown }> {
  const list: Array<{ name: string; value: unknown }> = [];
  for (const key of Object.keys(ENVELOPE_SCHEMA.properties)) {
    for (const wrong of WRONG_VALUES) {
      if (key === 'attachments' && Array.isArray(wrong) && wrong.length === 0) continue; // no attachments: valid
      list.push({ name: `${key}: ${JSON.stringify(wrong)}`, value: envelope({ [key]: wrong }) });
    }
    if (!ENVELOPE_SCHEMA.required.includes(key)) continue;
    const { [key]: _missing, ...rest } = envelope();
    list.push({ name: `${key} missing`, value: rest });
  }
  list.push({ name: 'an extra key', value: envelope({ extra: 1 }) });
  list.push({ name: 'attachments with wrong item types', value: envelope({ attachments: [1, 'x', null] }) });
  list.push({ name: 'an attachment with wrong field types', value: envelope({ attachments: [{ id: 5, dateiname: [], mimeType: {}, groesse: '1' }] }) });
  for (const value of [{ nonsense: true }, null, [], 'x', 7]) list.push({ name: JSON.stringify(value), value });
  return list;
}

function multipartOf(parts: Array<[name: string, value: string | Blob, filename?: string]>): FormData {
  const form = new FormData();
  for (const [name, value, filename] of parts) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, filename ?? 'datei');
  }
  return form;
}

/** Bad submissions for POST /api/submissions, as JSON and as multipart. */
function submissionCases(): Case[] {
  const post = (name: string, body: Case['body'], headers: Record<string, string> = {}): Case => ({
    name,
    method: 'POST',
    path: '/api/submissions',
    headers,
    body,
    expect: 'refused',
  });
  const pdf = new Blob([PDF], { type: 'application/pdf' });
  const cases: Case[] = [];
  for (const { name, value } of badEnvelopes()) {
    cases.push(post(`JSON envelope, ${name}`, JSON.stringify(value), { 'Content-Type': JSON_TYPE }));
    // A file part beside it: the attachments are matched only against an envelope the schema took.
    cases.push(post(`multipart envelope, ${name}`, multipartOf([['submission', JSON.stringify(value)], [crypto.randomUUID(), pdf]])));
  }
  for (const { name, type, body } of hostileBodies()) {
    cases.push(post(`body: ${name}`, body, type ? { 'Content-Type': type } : {}));
  }
  const attachment = pdfAttachment(PDF);
  const announced = JSON.stringify(envelope({ attachments: [attachment] }));
  cases.push(
    post('JSON one byte over the limit', JSON.stringify({ ...envelope(), pad: 'x'.repeat(DEFAULT_LIMITS.json) }).slice(0, DEFAULT_LIMITS.json + 1), {
      'Content-Type': JSON_TYPE,
    }),
    post('Idempotency-Key not the id', JSON.stringify(envelope()), { 'Content-Type': JSON_TYPE, 'Idempotency-Key': crypto.randomUUID() }),
    post('multipart: the announced file missing', multipartOf([['submission', announced]])),
    post('multipart: the file twice', multipartOf([['submission', announced], [attachment.id, pdf], [attachment.id, pdf]])),
    post('multipart: an unannounced file', multipartOf([['submission', JSON.stringify(envelope())], [crypto.randomUUID(), pdf]])),
    post('multipart: an unknown text part', multipartOf([['submission', JSON.stringify(envelope())], ['kommentar', 'hallo']])),
    post('multipart: the file as a text field', multipartOf([['submission', announced], [attachment.id, 'kein PDF']])),
    post('multipart: the file with the wrong type', multipartOf([['submission', announced], [attachment.id, new Blob([PDF], { type: 'text/plain' })]])),
    post('multipart: the file not a PDF inside', multipartOf([['submission', announced], [attachment.id, new Blob([new Uint8Array(PDF.length)], { type: 'application/pdf' })]])),
    post('multipart: no submission part', multipartOf([[attachment.id, pdf]])),
    post('multipart: the submission twice', multipartOf([['submission', announced], ['submission', announced], [attachment.id, pdf]])),
    post('multipart: the submission as a file of garbage', multipartOf([['submission', new Blob([bytes(0xff, 0xfe, 0x00)])]])),
    post('multipart: the submission malformed', multipartOf([['submission', '{"id":']])),
    post('multipart: the submission nested 10,000 deep', multipartOf([['submission', deeplyNested(10_000)]])),
    post('multipart: the submission over the JSON limit', multipartOf([['submission', 'x'.repeat(DEFAULT_LIMITS.json + 1)]])),
    post('multipart: more parts than allowed', multipartOf([['submission', JSON.stringify(envelope())], ...Array.from({ length: 200 }, (_, i): [string, string] => [`p${i}`, 'x'])])),
  );
  return cases;
}

function faultCases(): Case[] {
  return [null, {}, { next: 'hang' }, { next: [1] }, { next: ['explode'] }].map((body) => ({
    name: `faults: ${JSON.stringify(body)}`,
    method: 'POST',
    path: '/api/__faults',
    headers: { 'Content-Type': JSON_TYPE },
    body: JSON.stringify(body),
    expect: 'refused' as const,
  }));
}

async function send(base: string, request: Case): Promise<Answer> {
  const response = await fetch(`${base}${request.path}`, {
    method: request.method,
    headers: request.headers ?? {},
    body: request.body as BodyInit | undefined,
    redirect: 'manual',
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

/** Writes `text` to the server's socket as is and reads the answer: for what fetch refuses to send. */
function sendRaw(base: string, text: string): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = raw.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, type: /^content-type: (.*)$/im.exec(head)?.[1] ?? '', body });
    });
    socket.end(text);
  });
}

/** Phrases of Fastify's and Node's own English answers, which no person at an office should have to read. */
const ENGLISH = /\b(Route \S+ not found|Bad Request|Client Error|Unsupported Media Type|Internal Server Error|Request body|Body cannot|not found)\b/i;
const GERMAN = /[äöüßÄÖÜ]|\b(Sie|Die|Der|Das|ist|nicht|bitte|gibt|wird|mit)\b/;

/** Below 500; a refusal says in German what is wrong, in the receiver's shape (or the portal's 404 page). */
function assertAnswered(request: Case, answer: Answer): void {
  const label = `${request.name} → ${answer.status} ${answer.body.slice(0, 200)}`;
  assert.ok(answer.status >= 200 && answer.status < 500, label);
  if (request.expect === 'refused') assert.ok(answer.status >= 400, label);
  if (answer.status < 400 || request.method === 'HEAD') return;
  let message: string;
  if (answer.type.startsWith('application/problem+json')) {
    const problem = JSON.parse(answer.body);
    assert.equal(typeof problem.type, 'string', label);
    message = problem.title;
  } else if (answer.type.startsWith('application/json')) {
    const refusal = JSON.parse(answer.body);
    assert.equal(typeof refusal.code, 'string', label);
    message = refusal.message;
  } else {
    assert.match(answer.type, /^text\/(html|plain); charset=utf-8$/, label);
    message = answer.body;
  }
  assert.equal(typeof message, 'string', label);
  assert.match(message, GERMAN, label);
  assert.doesNotMatch(message, ENGLISH, label);
}

/** Sends every case and fails with the list of every wrong answer, not only the first. */
async function run(base: string, cases: Case[], sender: (base: string, request: Case) => Promise<Answer> = send): Promise<void> {
  const wrong: string[] = [];
  for (const request of cases) {
    try {
      assertAnswered(request, await sender(base, request));
    } catch (error) {
      wrong.push((error as Error).message.split('\n')[0]!);
    }
  }
  assert.deepEqual(wrong, [], `${wrong.length} of ${cases.length} answers wrong`);
}

/** Still up: a valid submission is taken. */
async function assertTakesValid(base: string): Promise<void> {
  const response = await postJson(base, envelope());
  assert.equal(response.status, 201, await response.clone().text());
}

/** What the store holds and what lies in its upload folder. */
async function stored(server: TestServer): Promise<{ count: number; uploads: string[] }> {
  return { count: (await server.app.store.list()).length, uploads: await readdir(server.app.store.uploadDir) };
}

/** A stored submission with one attachment: real values for the routes' parameters. */
async function storedSample(base: string): Promise<{ reference: string; attachment: string }> {
  const attachment = pdfAttachment(PDF);
  const response = await postMultipart(base, envelope({ attachments: [attachment] }), { [attachment.id]: new Blob([PDF], { type: 'application/pdf' }) });
  assert.equal(response.status, 201);
  return { reference: (await response.json()).reference, attachment: attachment.id };
}

const RAW_CASES: Array<{ name: string; text: (host: string) => string }> = [
  { name: 'an absurd Content-Length on JSON', text: (host) => `POST /api/submissions HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 99999999999999\r\nConnection: close\r\n\r\n{}` },
  {
    name: 'an absurd Content-Length on multipart',
    text: (host) => `POST /api/submissions HTTP/1.1\r\nHost: ${host}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 99999999999999\r\nConnection: close\r\n\r\n--b`,
  },
  { name: 'a Content-Length that is no number', text: (host) => `POST /api/submissions HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: viel\r\nConnection: close\r\n\r\n{}` },
  { name: 'a negative Content-Length', text: (host) => `POST /api/submissions HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: -5\r\nConnection: close\r\n\r\n{}` },
  { name: 'two Content-Lengths', text: (host) => `POST /api/submissions HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{}` },
  {
    name: 'Content-Length beside chunked',
    text: (host) => `POST /api/submissions HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
  },
  { name: 'broken chunks', text: (host) => `POST /api/submissions HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n` },
  { name: 'a header without a name', text: (host) => `GET /health HTTP/1.1\r\nHost: ${host}\r\n: leer\r\nConnection: close\r\n\r\n` },
  { name: 'a request line of garbage', text: () => 'EINREICHEN bitte\r\n\r\n' },
  { name: 'headers over 16 KiB', text: (host) => `GET /health HTTP/1.1\r\nHost: ${host}\r\nX-Gross: ${'x'.repeat(20_000)}\r\nConnection: close\r\n\r\n` },
  { name: 'no Host header', text: () => 'GET /api/submissions/VE-2026-ZZZZZZ HTTP/1.1\r\nConnection: close\r\n\r\n' },
];

describe('bad input on every route (fuzz)', () => {
  let open: TestServer;
  let signIn: Awaited<ReturnType<typeof startServerWithSignIn>>;

  before(async () => {
    open = await startServer({ portalDir: join(root, 'demo'), faultQueues: new Map() });
    signIn = await startServerWithSignIn();
  });

  after(async () => {
    await open.close();
    await signIn.close();
  });

  for (const [name, server] of [
    ['clerks’ APIs open', () => open],
    ['clerks signed in at the provider', () => signIn],
  ] as const) {
    it(`every route, every method, hostile bodies and headers (${name}): below 500, told in German`, async () => {
      const routes = registeredRoutes(server());
      for (const url of [...SURELY_REGISTERED, ...(server() === signIn ? ['/clerks/callback', '/clerks/logout'] : ['/api/__faults'])]) {
        assert.ok(routes.includes(url), `${url} in ${routes.join(' ')}`);
      }
      const values = await storedSample(server().base);
      const before = await stored(server());
      await run(server().base, casesForEveryRoute(server(), values));
      assert.deepEqual(await stored(server()), before);
      await assertTakesValid(server().base);
    });
  }

  it('refuses every bad submission, JSON or multipart, with 4xx, and stores nothing of it', async () => {
    const before = await stored(open);
    await run(open.base, submissionCases());
    assert.deepEqual(await stored(open), before);
    await assertTakesValid(open.base);
  });

  it('refuses bad fault queues with 4xx', async () => {
    const before = await stored(open);
    await run(open.base, faultCases());
    assert.deepEqual(await stored(open), before);
    await assertTakesValid(open.base);
  });

  it('refuses a sign-out one byte over its limit with 413', async () => {
    const request: Case = {
      name: '/clerks/logout over its limit',
      method: 'POST',
      path: '/clerks/logout',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new Uint8Array(LOGOUT_BODY_LIMIT + 1).fill(0x61),
      expect: 'refused',
    };
    const answer = await send(signIn.base, request);
    assertAnswered(request, answer);
    assert.equal(answer.status, 413);
  });

  it('answers broken HTTP with 4xx in German', async () => {
    const host = new URL(open.base).host;
    const cases = RAW_CASES.map(({ name, text }): Case => ({ name, method: 'POST', path: '', body: text(host), expect: 'refused' }));
    await run(open.base, cases, (base, request) => sendRaw(base, request.body as string));
    await assertTakesValid(open.base);
  });

  it('refuses a forged return from the provider with 4xx, not as a failed provider', async () => {
    const queries = ['code=gefaelscht&state=falsch', 'error=access_denied', 'code=gefaelscht', 'state=a&state=b&code=c', 'iss=https%3A%2F%2Fangreifer.example', ''];
    const cases = queries.map((query): Case => ({ name: `callback ?${query}`, method: 'GET', path: `/clerks/callback?${query}`, expect: 'refused' }));
    // Each return ends the sign-in under way, forged or not: each is sent within a sign-in of its own.
    await run(signIn.base, cases, async (base, request) => {
      const login = await fetch(`${base}/clerks/login`, { redirect: 'manual' });
      assert.equal(login.status, 303);
      const cookie = login.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
      return send(base, { ...request, headers: { Cookie: cookie } });
    });
  });

  it('refuses a forged code with the right state as one the provider did not take (400)', async () => {
    const login = await fetch(`${signIn.base}/clerks/login`, { redirect: 'manual' });
    const state = new URL(login.headers.get('location')!).searchParams.get('state');
    const cookie = login.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
    const query = new URLSearchParams({ code: 'gefaelscht', state: state!, iss: signIn.idp.issuer });
    const request: Case = { name: 'forged code', method: 'GET', path: `/clerks/callback?${query}`, headers: { Cookie: cookie }, expect: 'refused' };
    const answer = await send(signIn.base, request);
    assertAnswered(request, answer);
    assert.equal(JSON.parse(answer.body).code, 'sign-in-invalid');
  });

  it('refuses every bad submission on the PostgreSQL store too, and stores nothing of it', { skip: POSTGRES_SKIPPED }, async () => {
    const database = await scratchDatabase();
    const server = await startServer({ databaseUrl: database.url });
    try {
      const before = await stored(server);
      await run(server.base, submissionCases());
      assert.deepEqual(await stored(server), before);
      await assertTakesValid(server.base);
    } finally {
      await server.close();
      await database.drop();
    }
  });
});

describe('bad input to the FIT-Connect relay (server/relay/, a process of its own)', () => {
  const destinationId = crypto.randomUUID();
  const serviceType = { name: 'Verpflichtungserklärung', identifier: 'urn:efa-forms:placeholder:verpflichtungserklaerung' };
  let standIn: SubmissionApiStandIn;
  let relay: Server;
  let base: string;

  before(async () => {
    standIn = await startSubmissionApiStandIn({
      destinations: [
        {
          destinationId,
          services: [{ identifier: serviceType.identifier, regions: ['DE09'], submissionSchemas: [{ schemaUri: fachdatenSchemaUri('verpflichtungserklaerung', '2.0.0'), mimeType: 'application/json' }] }],
          metadataVersions: ['2.1.0'],
        },
      ],
      clients: { 'efa-relay': 'fuzz-secret' },
    });
    const api = createSubmissionApi({ tokenUrl: standIn.tokenUrl, apiUrl: standIn.url, clientId: 'efa-relay', clientSecret: 'fuzz-secret' });
    const dataDir = mkdtempSync(join(tmpdir(), 'efa-relay-fuzz-'));
    relay = createServer(createRelay({ api, services: { verpflichtungserklaerung: { destinationId, serviceType } }, dataDir }).handle);
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
  });

  after(async () => {
    relay.closeAllConnections();
    await new Promise((resolve) => relay.close(resolve));
    await standIn.close();
  });

  it('answers every route and method, hostile bodies, bad keys and bad requests below 500, in German; nothing reaches FIT-Connect', async () => {
    const createdBefore = standIn.created();
    const key = { 'Idempotency-Key': crypto.randomUUID() };
    const cases: Case[] = [];
    for (const path of ['/health', '/destination?service=verpflichtungserklaerung', '/destination?service=unbekannt', '/destination', '/submissions', '/gibt-es-nicht']) {
      for (const method of METHODS) {
        cases.push({ name: `${method} ${path}`, method, path, expect: 'any' });
        if (!WITH_BODY.has(method)) continue;
        for (const { name, type, body } of hostileBodies()) {
          cases.push({ name: `${method} ${path}: ${name}`, method, path, headers: { ...key, ...(type ? { 'Content-Type': type } : {}) }, body, expect: 'any' });
        }
      }
    }
    const request = { service: 'verpflichtungserklaerung', destinationId, encryptedMetadata: 'a.b.c.d.e', encryptedData: 'a.b.c.d.e', attachments: {} };
    const post = (name: string, body: unknown, headers: Record<string, string> = key): Case => ({
      name,
      method: 'POST',
      path: '/submissions',
      headers: { 'Content-Type': JSON_TYPE, ...headers },
      body: JSON.stringify(body),
      expect: 'refused',
    });
    cases.push(post('no Idempotency-Key', request, {}), post('an Idempotency-Key that is no UUID', request, { 'Idempotency-Key': '../../etc' }));
    for (const field of Object.keys(request)) {
      for (const wrong of [null, 0, true, 'x', [], { a: 1 }]) cases.push(post(`${field}: ${JSON.stringify(wrong)}`, { ...request, [field]: wrong }));
    }
    cases.push(
      post('an unknown service', { ...request, service: 'unbekannt' }),
      post('another destination', { ...request, destinationId: crypto.randomUUID() }),
      post('an attachment id that is no UUID', { ...request, attachments: { '../x': 'a.b.c.d.e' } }),
    );
    await run(base, cases);
    assert.equal(standIn.created(), createdBefore);
  });

  it('refuses a request one byte over its limit with 413, read by the client', async () => {
    const request: Case = {
      name: 'relay process over its limit',
      method: 'POST',
      path: '/submissions',
      headers: { 'Content-Type': JSON_TYPE, 'Idempotency-Key': crypto.randomUUID() },
      body: new Uint8Array(RELAY_MAX_BODY_BYTES + 1).fill(0x20),
      expect: 'refused',
    };
    const answer = await send(base, request);
    assertAnswered(request, answer);
    assert.equal(answer.status, 413);
  });
});
