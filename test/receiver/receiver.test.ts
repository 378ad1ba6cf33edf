import { expect } from '@open-wc/testing';
import type { Submission } from '../../src/adapters/adapter.js';
import { envelope as makeEnvelope, queueFaults as queueFaultsFor, validData as loadValidData } from '../helpers/submission.js';

// The reference receiver (server/receiver.ts), mounted by web-test-runner.config.js on this origin with
// `faults: true`. Other test files may post submissions at the same time, so no assertion counts the whole list.

interface Attachment {
  id: string;
  dateiname: string;
  mimeType: string;
  groesse: number;
}

interface Envelope {
  id: string;
  service: string;
  schemaVersion: string;
  createdAt: string;
  locale: string;
  authority: string;
  data: Record<string, unknown>;
  attachments: Attachment[];
}

interface FieldError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

interface ListEntry {
  reference: string;
  service: string;
  receivedAt: string;
  status: string;
}

const API = '/api/submissions';
/** Human-readable: service prefix, year, six characters without 0/O/1/I/L. */
const REFERENCE = /^VE-(\d{4})-[2-9A-HJKMNP-Z]{6}$/;

let validData: Record<string, unknown>;

function envelope(overrides: Partial<Envelope> = {}): Envelope {
  // The receiver is also sent what the browser never would (unknown services): the envelope type stays loose here.
  return makeEnvelope(validData, overrides as Partial<Submission>) as Envelope;
}

function postJson(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(API, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

function postMultipart(env: Envelope, files: Record<string, Blob>): Promise<Response> {
  const form = new FormData();
  form.append('submission', JSON.stringify(env));
  for (const [name, blob] of Object.entries(files)) form.append(name, blob, 'nachweis.pdf');
  return fetch(API, { method: 'POST', body: form });
}

async function queueFaults(...next: string[]): Promise<void> {
  const response = await queueFaultsFor(...next);
  expect(response.status).to.equal(200);
}

function postJsonTo(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

async function references(): Promise<Set<string>> {
  const list = (await (await fetch(API)).json()) as ListEntry[];
  return new Set(list.map((entry) => entry.reference));
}

/** How many submissions stored since `before` carry the envelope id `id`. */
async function storedSince(before: Set<string>, id: string): Promise<number> {
  const added = [...(await references())].filter((reference) => !before.has(reference));
  const ids = await Promise.all(added.map(async (reference) => ((await (await fetch(`${API}/${reference}/data`)).json()) as Envelope).id));
  return ids.filter((stored) => stored === id).length;
}

/** The JSON pointer of the first property named `key` in `value`. */
function pointerTo(value: unknown, key: string, at = ''): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [name, child] of Object.entries(value)) {
    const path = `${at}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (name === key) return path;
    const found = pointerTo(child, key, path);
    if (found) return found;
  }
  return undefined;
}

function setAt(target: unknown, pointer: string, value: unknown): void {
  const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop()!;
  const parent = keys.reduce<any>((node, k) => node[k], target);
  parent[last] = value;
}

/** Bytes that only survive a byte-exact path: a PDF header, every byte value, a trailer. */
function pdfBytes(): Uint8Array<ArrayBuffer> {
  const head = new TextEncoder().encode('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const all = Uint8Array.from({ length: 256 * 4 }, (_, i) => (i * 7) % 256);
  const tail = new TextEncoder().encode('\n%%EOF\n');
  const bytes = new Uint8Array(head.length + all.length + tail.length);
  bytes.set(head);
  bytes.set(all, head.length);
  bytes.set(tail, head.length + all.length);
  return bytes;
}

function pdfAttachment(bytes: Uint8Array): Attachment {
  return { id: crypto.randomUUID(), dateiname: 'Gehaltsnachweis März.pdf', mimeType: 'application/pdf', groesse: bytes.byteLength };
}

before(async () => {
  validData = await loadValidData();
});

afterEach(async () => {
  await fetch('/api/__faults', { method: 'DELETE' });
});

describe('reference receiver: POST /api/submissions', () => {
  it('stores a valid JSON submission and answers 201 with a readable reference', async () => {
    const sent = envelope();
    const response = await postJson(sent);
    expect(response.status).to.equal(201);
    const receipt = await response.json();
    expect(Object.keys(receipt).sort()).to.deep.equal(['accessCode', 'receivedAt', 'reference']);
    const year = REFERENCE.exec(receipt.reference)?.[1];
    expect(year, receipt.reference).to.equal(
      new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(new Date(receipt.receivedAt)),
    );
    expect(response.headers.get('Location')).to.equal(`${API}/${receipt.reference}`);

    const status = await (await fetch(`${API}/${receipt.reference}`)).json();
    expect(status).to.deep.equal({ reference: receipt.reference, service: 'verpflichtungserklaerung', receivedAt: receipt.receivedAt, status: 'eingegangen' });
    const listed = (await (await fetch(API)).json()) as ListEntry[];
    expect(listed).to.deep.include({ ...status, newAnswer: false });
    expect(await (await fetch(`${API}/${receipt.reference}/data`)).json()).to.deep.equal(sent);
  });

  it('lists submissions newest first', async () => {
    await postJson(envelope());
    const list = (await (await fetch(API)).json()) as ListEntry[];
    const times = list.map((entry) => entry.receivedAt);
    expect(times).to.deep.equal([...times].sort().reverse());
  });

  it('answers a repeat of the same id with 200 and the same receipt, storing nothing new', async () => {
    const sent = envelope();
    const first = await (await postJson(sent)).json();
    const before = await references();
    const repeat = await postJson(sent, { 'Idempotency-Key': sent.id });
    expect(repeat.status).to.equal(200);
    // The same receipt, but a new access code: the sender may never have read the first (only its hash is stored).
    const { accessCode, ...receipt } = first;
    const { accessCode: newCode, ...again } = await repeat.json();
    expect(again).to.deep.equal(receipt);
    expect(newCode).to.be.a('string').and.not.equal(accessCode);
    expect(await storedSince(before, sent.id)).to.equal(0);
  });

  it('answers a repeat of the same id with a changed body with 409 problem details and the stored receipt', async () => {
    const sent = envelope();
    const first = await (await postJson(sent)).json();
    const before = await references();
    const changed = await postJson({ ...sent, locale: 'en' }, { 'Idempotency-Key': sent.id });
    expect(changed.status).to.equal(409);
    expect(changed.headers.get('Content-Type')).to.match(/^application\/problem\+json/);
    const problem = await changed.json();
    expect(Object.keys(problem).sort()).to.deep.equal(['receivedAt', 'reference', 'title', 'type']);
    expect(problem).to.include({ type: 'urn:efa-forms:problem:changed-resend', reference: first.reference, receivedAt: first.receivedAt });
    expect(await storedSince(before, sent.id)).to.equal(0);
  });

  it('rejects an Idempotency-Key that is not the envelope id with 400', async () => {
    const response = await postJson(envelope(), { 'Idempotency-Key': crypto.randomUUID() });
    expect(response.status).to.equal(400);
    expect((await response.json()).code).to.equal('idempotency-key-mismatch');
  });

  it('stores two concurrent posts with one id once', async () => {
    const sent = envelope();
    const before = await references();
    const responses = await Promise.all([postJson(sent), postJson(sent)]);
    expect(responses.map((r) => r.status).sort()).to.deep.equal([200, 201]);
    const [a, b] = await Promise.all(responses.map((r) => r.json()));
    expect({ ...a, accessCode: undefined }).to.deep.equal({ ...b, accessCode: undefined });
    expect(await storedSince(before, sent.id)).to.equal(1);
  });

  it('answers invalid data with 422 and errors at the instancePath within data, storing nothing', async () => {
    const sent = envelope();
    const pointer = pointerTo(sent.data, 'familienname');
    expect(pointer, 'the fixture names a familienname').to.be.a('string');
    setAt(sent.data, pointer!, 42);
    const response = await postJson(sent);
    expect(response.status).to.equal(422);
    const body = await response.json();
    expect(body.code).to.equal('validation');
    expect(body.message).to.be.a('string').and.not.be.empty;
    expect(body.errors as FieldError[]).to.deep.include({ instancePath: pointer, keyword: 'type', params: { type: 'string' } });

    // Nothing was stored under that id: the corrected submission is new.
    expect((await postJson(envelope({ id: sent.id }))).status).to.equal(201);
  });

  it('reports envelope errors under #envelope, next to the errors in data', async () => {
    const sent = envelope({ authority: '123' });
    delete (sent.data as Record<string, unknown>)[Object.keys(sent.data)[0]!];
    const body = await (await postJson(sent)).json();
    const errors = body.errors as FieldError[];
    expect(errors.map((e) => `${e.instancePath} ${e.keyword}`)).to.include('#envelope/authority pattern');
    expect(errors.some((e) => !e.instancePath.startsWith('#envelope'))).to.equal(true);
  });

  it('answers an unknown service with 422', async () => {
    const response = await postJson(envelope({ service: 'hundesteuer' }));
    expect(response.status).to.equal(422);
    expect((await response.json()).errors).to.deep.include({
      instancePath: '#envelope/service',
      keyword: 'enum',
      params: { allowedValues: ['verpflichtungserklaerung', 'aufenthaltstitel'] },
    });
  });

  it('answers broken JSON with 400', async () => {
    const response = await fetch(API, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"id": "x",' });
    expect(response.status).to.equal(400);
    const body = await response.json();
    expect(body.code).to.equal('invalid-json');
    expect(body.message).to.match(/JSON/);
  });

  it('answers a broken multipart body and one without a submission part with 400', async () => {
    const broken = await fetch(API, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=abc' },
      body: '--xyz\r\nnot a part\r\n',
    });
    expect(broken.status).to.equal(400);
    expect((await broken.json()).code).to.equal('invalid-multipart');

    const form = new FormData();
    form.append('anlage', new Blob(['x'], { type: 'application/pdf' }), 'a.pdf');
    const missing = await fetch(API, { method: 'POST', body: form });
    expect(missing.status).to.equal(400);
    expect((await missing.json()).code).to.equal('missing-submission');
  });

  it('answers other content types with 415', async () => {
    const response = await fetch(API, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(envelope()) });
    expect(response.status).to.equal(415);
    expect((await response.json()).code).to.equal('unsupported-media-type');
  });

  it('answers a JSON body over 1 MiB with 413 and tells the limit', async () => {
    const response = await postJson(envelope({ data: { ...validData, ballast: 'x'.repeat(1024 * 1024) } }));
    expect(response.status).to.equal(413);
    expect(response.headers.get('Content-Type')).to.match(/^application\/problem\+json/);
    const problem = await response.json();
    expect(Object.keys(problem).sort()).to.deep.equal(['limit', 'title', 'type']);
    expect(problem.type).to.equal('urn:efa-forms:problem:too-large');
    expect(problem.limit).to.equal(1024 * 1024);
  });

  it('applies the 1 MiB JSON limit to the multipart submission part', async () => {
    const oversized = envelope({ data: { ...validData, ballast: 'x'.repeat(1024 * 1024) } });
    const response = await postMultipart(oversized, {});
    expect(response.status).to.equal(413);
    expect(await response.json()).to.include({ type: 'urn:efa-forms:problem:too-large', limit: 1024 * 1024 });
  });

  it('answers a multipart body over 30 MB with 413', async function () {
    this.timeout(30000); // the browser still assembles and starts sending 30 MB, slow on a busy machine
    const bytes = new Uint8Array(30 * 1024 * 1024 + 1);
    const attachment = { ...pdfAttachment(bytes), groesse: bytes.byteLength };
    const multipart = await postMultipart(envelope({ attachments: [attachment] }), {
      [attachment.id]: new Blob([bytes], { type: 'application/pdf' }),
    });
    expect(multipart.status).to.equal(413);
    expect(await multipart.json()).to.include({ type: 'urn:efa-forms:problem:too-large', limit: 30 * 1024 * 1024 });
  });

  it('stores a multipart submission with a PDF and returns the attachment byte-identical', async () => {
    const bytes = pdfBytes();
    const attachment = pdfAttachment(bytes);
    const sent = envelope({ attachments: [attachment] });
    const response = await postMultipart(sent, { [attachment.id]: new Blob([bytes], { type: 'application/pdf' }) });
    expect(response.status).to.equal(201);
    const { reference } = await response.json();

    const file = await fetch(`${API}/${reference}/attachments/${attachment.id}`);
    expect(file.status).to.equal(200);
    expect(file.headers.get('Content-Type')).to.equal('application/pdf');
    expect(new Uint8Array(await file.arrayBuffer())).to.deep.equal(bytes);

    const download = await fetch(`${API}/${reference}/data?download=1`);
    expect(download.headers.get('Content-Disposition')).to.equal(`attachment; filename="${reference}.json"`);
    expect(await download.json()).to.deep.equal(sent);
  });

  it('answers an announced but missing attachment with 422 and stores nothing', async () => {
    const attachment = pdfAttachment(pdfBytes());
    const sent = envelope({ attachments: [attachment] });
    const response = await postMultipart(sent, {});
    expect(response.status).to.equal(422);
    expect((await response.json()).errors).to.deep.equal([
      { instancePath: '#envelope/attachments/0', keyword: 'attachment', params: { id: attachment.id, problem: 'missing' } },
    ]);
    // The same envelope as JSON carries no file at all.
    expect((await postJson(sent)).status).to.equal(422);
    expect((await postJson(envelope({ id: sent.id }))).status).to.equal(201);
  });

  it('answers HTML declared as a PDF with 422 and stores nothing', async () => {
    const html = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');
    const attachment = pdfAttachment(html);
    const sent = envelope({ attachments: [attachment] });
    const response = await postMultipart(sent, { [attachment.id]: new Blob([html], { type: 'application/pdf' }) });
    expect(response.status).to.equal(422);
    expect((await response.json()).errors).to.deep.equal([
      { instancePath: '#envelope/attachments/0', keyword: 'attachment', params: { id: attachment.id, problem: 'content', expected: 'application/pdf' } },
    ]);
    expect((await postJson(envelope({ id: sent.id }))).status).to.equal(201);
  });

  it('answers a file of another size or type than announced, and an unannounced file, with 422', async () => {
    const bytes = pdfBytes();
    const wrongSize = { ...pdfAttachment(bytes), groesse: bytes.byteLength + 1 };
    const wrongType = { ...pdfAttachment(bytes), mimeType: 'image/png' };
    const unannounced = crypto.randomUUID();
    const pdf = new Blob([bytes], { type: 'application/pdf' });
    const response = await postMultipart(envelope({ attachments: [wrongSize, wrongType] }), {
      [wrongSize.id]: pdf,
      [wrongType.id]: pdf,
      [unannounced]: pdf,
    });
    expect(response.status).to.equal(422);
    const problems = ((await response.json()).errors as FieldError[]).map((e) => [e.instancePath, e.params.problem, e.params.id]);
    expect(problems).to.deep.equal([
      ['#envelope/attachments/0', 'size', wrongSize.id],
      ['#envelope/attachments/1', 'type', wrongType.id],
      ['#envelope/attachments', 'unannounced', unannounced],
    ]);
  });
});

describe('reference receiver: reading and routes', () => {
  it('answers an unknown reference with 404', async () => {
    for (const path of [`${API}/VE-2026-ZZZZZZ`, `${API}/VE-2026-ZZZZZZ/data`, `${API}/nicht-da`, '/api/unbekannt']) {
      const response = await fetch(path);
      expect(response.status, path).to.equal(404);
      expect((await response.json()).code, path).to.equal('not-found');
    }
  });

  it('answers an unknown attachment of a known submission with 404', async () => {
    const { reference } = await (await postJson(envelope())).json();
    expect((await fetch(`${API}/${reference}/attachments/${crypto.randomUUID()}`)).status).to.equal(404);
  });

  it('answers a wrong method with 405 and says which are allowed', async () => {
    const response = await fetch(API, { method: 'PUT', body: '{}' });
    expect(response.status).to.equal(405);
    expect(response.headers.get('Allow')).to.equal('GET, HEAD, POST');
  });
});

describe('reference receiver: fault injection', () => {
  it('fail-before-store: answers 500 and stores nothing', async () => {
    await queueFaults('fail-before-store');
    const sent = envelope();
    const response = await postJson(sent);
    expect(response.status).to.equal(500);
    expect((await response.json()).code).to.equal('unavailable');
    expect((await postJson(sent)).status).to.equal(201);
  });

  it('fail-after-store: stores, then answers 500; the retry gets the receipt', async () => {
    await queueFaults('fail-after-store');
    const sent = envelope();
    const before = await references();
    expect((await postJson(sent)).status).to.equal(500);
    expect(await storedSince(before, sent.id)).to.equal(1);
    const retry = await postJson(sent);
    expect(retry.status).to.equal(200);
    expect((await retry.json()).reference).to.match(REFERENCE);
  });

  it('hang: never answers; the client can abort and the receiver keeps working', async () => {
    await queueFaults('hang');
    const sent = envelope();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 500);
    let error: unknown;
    try {
      await fetch(API, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(sent), signal: controller.signal });
    } catch (e) {
      error = e;
    } finally {
      clearTimeout(timer);
    }
    expect((error as Error | undefined)?.name).to.equal('AbortError');
    expect((await postJson(sent)).status).to.equal(201);
  });

  it('malformed-receipt: stores and answers 201 with { ok: true }', async () => {
    await queueFaults('malformed-receipt');
    const sent = envelope();
    const response = await postJson(sent);
    expect(response.status).to.equal(201);
    expect(await response.json()).to.deep.equal({ ok: true });
    expect((await postJson(sent)).status).to.equal(200);
  });

  it('rate-limit: answers 429 with Retry-After: 1 and stores nothing', async () => {
    await queueFaults('rate-limit');
    const sent = envelope();
    const response = await postJson(sent);
    expect(response.status).to.equal(429);
    expect(response.headers.get('Retry-After')).to.equal('1');
    expect((await postJson(sent)).status).to.equal(201);
  });

  it('applies queued faults one per request, in order, and DELETE clears the queue', async () => {
    await queueFaults('rate-limit', 'fail-before-store');
    const sent = envelope();
    expect((await postJson(sent)).status).to.equal(429);
    expect((await postJson(sent)).status).to.equal(500);
    expect((await postJson(sent)).status).to.equal(201);

    await queueFaults('rate-limit');
    expect((await fetch('/api/__faults', { method: 'DELETE' })).status).to.equal(204);
    expect((await postJson(envelope())).status).to.equal(201);
  });

  it('rejects an unknown fault kind with 400', async () => {
    expect((await postJsonTo('/api/__faults', { next: ['explode'] })).status).to.equal(400);
  });
});
