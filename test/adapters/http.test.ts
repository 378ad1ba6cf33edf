import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { answerError, httpAdapter } from '../../src/adapters/http.js';
import { requestBytes } from '../../src/adapters/limits.js';
import { SubmitError, type Submission } from '../../src/adapters/adapter.js';
import { envelope, queueFaults as faults, validData } from '../helpers/submission.js';

// Against the real receiver (server/) the test server mounts on /api, with fault injection.
const endpoint = '/api/submissions';
let data: Record<string, unknown>;

before(async () => {
  data = await validData();
});

afterEach(() => fetch('/api/__faults', { method: 'DELETE' }));

function submission(overrides: Partial<Submission> = {}): Submission {
  return envelope(data, overrides);
}

async function storedCount(id: string): Promise<number> {
  const list: { reference: string }[] = await (await fetch(endpoint)).json();
  let count = 0;
  for (const entry of list) {
    const stored = await (await fetch(`${endpoint}/${entry.reference}/data`)).json();
    if (stored.id === id) count += 1;
  }
  return count;
}

async function failure(promise: Promise<unknown>): Promise<SubmitError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(SubmitError);
    return error as SubmitError;
  }
  throw new Error('expected the submission to fail');
}

const fast = { endpoint, backoffMs: 10, timeoutMs: 2000 };

describe('http adapter against the reference receiver', () => {
  it('sends, and gets a receipt with a reference', async () => {
    const receipt = await httpAdapter(fast).submit(submission(), { files: new Map() });
    expect(receipt.reference).to.match(/^VE-\d{4}-[A-Z0-9]{6}$/);
  });

  it('a 500 after storing, then a retry: exactly one stored submission and the same receipt', async () => {
    const sent = submission();
    await faults('fail-after-store');
    const receipt = await httpAdapter(fast).submit(sent, { files: new Map() });
    expect(await storedCount(sent.id)).to.equal(1);
    const again = await httpAdapter(fast).submit(sent, { files: new Map() });
    expect(again.reference).to.equal(receipt.reference);
  });

  it('a 500 before storing, then a retry: stored once', async () => {
    const sent = submission();
    await faults('fail-before-store');
    await httpAdapter(fast).submit(sent, { files: new Map() });
    expect(await storedCount(sent.id)).to.equal(1);
  });

  it('waits as a 429 Retry-After asks, then succeeds', async () => {
    await faults('rate-limit');
    const started = performance.now();
    const receipt = await httpAdapter(fast).submit(submission(), { files: new Map() });
    expect(receipt.reference).to.be.a('string');
    expect(performance.now() - started, 'Retry-After: 1').to.be.greaterThan(900);
  });

  it('gives up after its retries when the receiver never answers, reporting a timeout', async () => {
    await faults('hang', 'hang');
    const error = await failure(httpAdapter({ endpoint, timeoutMs: 300, retries: 1, backoffMs: 10 }).submit(submission(), { files: new Map() }));
    expect(error.failure).to.equal('timeout');
  });

  it('never takes a malformed answer for success', async () => {
    await faults('malformed-receipt');
    const error = await failure(httpAdapter(fast).submit(submission(), { files: new Map() }));
    expect(error.failure).to.equal('malformed-receipt');
  });

  it('returns the receiver\'s field errors from a 422, without retrying', async () => {
    const invalid = submission();
    (invalid.data as { gast: { familienname?: string } }).gast.familienname = undefined;
    delete (invalid.data as { gast: { familienname?: string } }).gast.familienname;
    const error = await failure(httpAdapter(fast).submit(invalid, { files: new Map() }));
    expect(error.failure).to.equal('validation');
    expect(error.details.fieldErrors).to.deep.include({ instancePath: '/gast', keyword: 'required', params: { missingProperty: 'familienname' } });
  });

  it('sends attachments as multipart parts named by their ids, byte for byte', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7\n% efa test\n');
    const file = new File([bytes], 'gehalt.pdf', { type: 'application/pdf' });
    const id = crypto.randomUUID();
    const sent = submission({ attachments: [{ id, dateiname: 'gehalt.pdf', mimeType: 'application/pdf', groesse: file.size }] });
    const receipt = await httpAdapter(fast).submit(sent, { files: new Map([[id, file]]) });
    const stored = new Uint8Array(await (await fetch(`${endpoint}/${receipt.reference}/attachments/${id}`)).arrayBuffer());
    expect([...stored]).to.deep.equal([...bytes]);
  });

  it('stops at once when the user cancels', async () => {
    await faults('hang');
    const controller = new AbortController();
    const pending = httpAdapter({ endpoint, timeoutMs: 5000 }).submit(submission(), { files: new Map(), signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await failure(pending);
    expect(error.failure).to.equal('aborted');
  });
});

describe('the receiver’s refusal of an identity (403 urn:efa-forms:problem:identity)', () => {
  const problem = (body: Record<string, unknown>, status = 403) =>
    answerError(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } }));
  const type = 'urn:efa-forms:problem:identity';

  it('is the failure `identity`, with the reason and, for changed answers, their pointers', async () => {
    const changed = await problem({ type, title: 'Geändert', reason: 'changed', fields: ['/erklaerender/person/familienname', 7] });
    expect(changed).to.include({ failure: 'identity', message: 'Geändert' });
    expect(changed.details).to.deep.include({ status: 403, identity: { reason: 'changed', fields: ['/erklaerender/person/familienname'] } });
    expect((await problem({ type, title: 'Abgelaufen', reason: 'expired' })).details.identity).to.deep.equal({ reason: 'expired' });
    expect((await problem({ type, title: 'Neu', reason: 'something-new' })).details.identity, 'an unknown reason: sign in again').to.deep.equal({
      reason: 'unverifiable',
    });
  });

  it('only that problem: another 403 is a refusal as before', async () => {
    expect(await problem({ title: 'Verboten' })).to.include({ failure: 'rejected' });
    expect(await problem({ type, reason: 'expired' }, 400)).to.include({ failure: 'rejected' });
  });
});

describe('http adapter across a receiver restart', () => {
  it('loses nothing and duplicates nothing when the receiver stops after storing and before answering', async () => {
    const sent = submission();
    await faults('fail-after-store');
    const lost = await failure(httpAdapter({ ...fast, retries: 0 }).submit(sent, { files: new Map() }));
    expect(lost.failure, 'the answer never arrived').to.equal('server');
    await executeServerCommand('restart-receiver');
    const receipt = await httpAdapter(fast).submit(sent, { files: new Map() });
    expect(await storedCount(sent.id)).to.equal(1);
    const status = await (await fetch(`${endpoint}/${receipt.reference}`)).json();
    expect(status.reference).to.equal(receipt.reference);
  });
});

describe('http adapter: one deadline for the whole sending', () => {
  afterEach(() => fetch('/api/__faults', { method: 'DELETE' }));

  it('gives up at the deadline although each attempt alone may wait longer (else this test times out)', async () => {
    await faults('hang', 'hang', 'hang', 'hang');
    const adapter = httpAdapter({ endpoint, deadlineMs: 300, timeoutMs: 60_000, retries: 3, backoffMs: 10 });
    const error = await failure(adapter.submit(submission(), { files: new Map() }));
    expect(error.failure).to.equal('timeout');
  });

  it('does not wait for a Retry-After that ends after the deadline: the citizen is told at once', async () => {
    await faults('rate-limit');
    const error = await failure(httpAdapter({ endpoint, deadlineMs: 300 }).submit(submission(), { files: new Map() }));
    expect(error.failure).to.equal('server');
    expect(error.details.status).to.equal(429);
  });
});

describe('http adapter: changed resends and limits (receiver contract)', () => {
  it('a repeat with the same id and another body is a changed resend carrying the earlier receipt', async () => {
    const first = submission();
    const receipt = await httpAdapter(fast).submit(first, { files: new Map() });
    const same = await httpAdapter(fast).submit(first, { files: new Map() });
    expect(same.reference, 'an unchanged repeat is answered with the same receipt').to.equal(receipt.reference);
    expect(receipt.accessCode, 'the first receipt carries the access code').to.match(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    expect(same.accessCode, 'a repeat gets a new code: the first receipt may never have arrived').to.match(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/).and.not.equal(receipt.accessCode);

    const corrected = structuredClone(first);
    (corrected.data as { gast: { familienname: string } }).gast.familienname = 'Korrigiert';
    const error = await failure(httpAdapter(fast).submit(corrected, { files: new Map() }));
    expect(error.failure).to.equal('changed-resend');
    expect(error.details.status).to.equal(409);
    expect(error.details.earlier).to.deep.equal({ reference: receipt.reference, receivedAt: receipt.receivedAt });
    expect(await storedCount(first.id), 'the correction was not stored under the same id').to.equal(1);
  });

  it('413 is "too large" with the receiver\'s limit, not a failure to retry', async () => {
    // The second test receiver takes JSON bodies up to 100,000 bytes (web-test-runner.config.js).
    const oversized = submission({ data: { ...data, bemerkung: 'x'.repeat(150_000) } });
    const error = await failure(httpAdapter({ ...fast, endpoint: '/small-receiver/api/submissions' }).submit(oversized, { files: new Map() }));
    expect(error.failure).to.equal('too-large');
    expect(error.details.limit).to.equal(100_000);
  });

  it('estimates the request size from above, close to what the browser sends', async () => {
    const sent = submission();
    expect(requestBytes(sent, new Map())).to.equal(new Blob([JSON.stringify(sent)]).size);

    const file = new File([new Uint8Array(200_000)], 'scan.pdf', { type: 'application/pdf' });
    const id = crypto.randomUUID();
    const withFile = submission({ attachments: [{ id, dateiname: 'scan.pdf', mimeType: 'application/pdf', groesse: file.size }] });
    const form = new FormData();
    form.append('submission', new Blob([JSON.stringify(withFile)], { type: 'application/json' }));
    form.append(id, file, 'scan.pdf');
    const actual = (await new Response(form).blob()).size;
    const estimate = requestBytes(withFile, new Map([[id, file]]));
    expect(estimate).to.be.at.least(actual);
    expect(estimate - actual).to.be.below(2048);
  });
});
