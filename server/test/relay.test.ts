/**
 * The relay (server/relay/) between the browser's real `fit-connect` adapter (src/adapters/fit-connect.ts, run
 * here in Node) and the spec-driven Submission API stand-in: every request the relay makes must be valid against
 * FITKO's OpenAPI file, and whatever fails on the way, exactly one complete submission arrives.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { SubmitError, type Submission } from '../../src/adapters/adapter.js';
import { fitConnectAdapter, SUBMISSION_SCHEMA } from '../../src/adapters/fit-connect.js';
import { createRelay, type RelayServices } from '../relay/relay.js';
import { createSubmissionApi } from '../relay/submission-api.js';
import { startSubmissionApiStandIn, type SubmissionApiStandIn } from './fit-connect-standin.js';
import { envelope, validData } from './helpers.js';

const DESTINATION_ID = '3c1b8a2e-5d4f-4e6a-9b7c-2f1e0d9c8b7a';
// Placeholders, not real LeiKa keys (see server/relay/services.example.json).
const SERVICE_TYPE = { name: 'Verpflichtungserklärung', identifier: 'urn:efa-forms:placeholder:verpflichtungserklaerung' };
const FAMILY = { name: 'Aufenthaltserlaubnis zum Familiennachzug', identifier: 'urn:efa-forms:placeholder:aufenthaltstitel-familie' };
const NOT_OFFERED = { name: 'Aufenthaltstitel', identifier: 'urn:efa-forms:placeholder:aufenthaltstitel' };
const services: RelayServices = {
  verpflichtungserklaerung: { destinationId: DESTINATION_ID, serviceType: SERVICE_TYPE },
  aufenthaltstitel: { destinationId: DESTINATION_ID, serviceType: NOT_OFFERED, routes: { familie: { serviceType: FAMILY } } },
};

let standIn: SubmissionApiStandIn;
let dataDir: string;
let relay: { url: string; server: Server };

async function startRelay(): Promise<{ url: string; server: Server }> {
  const api = createSubmissionApi({ tokenUrl: standIn.tokenUrl, apiUrl: standIn.url, clientId: 'efa-relay', clientSecret: 'test-secret-of-the-relay' });
  const server = createServer(createRelay({ api, services, dataDir }).handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function stopRelay(): Promise<void> {
  relay.server.closeAllConnections();
  await new Promise((resolve) => relay.server.close(resolve));
}

/** A submission with one PDF, as the browser builds it. */
function withAttachment(): { submission: Submission; files: Map<string, Blob>; bytes: Uint8Array } {
  const bytes = new Uint8Array([...new TextEncoder().encode('%PDF-1.4\n'), ...crypto.getRandomValues(new Uint8Array(3000))]);
  const id = crypto.randomUUID();
  const submission = envelope({
    data: validData(),
    attachments: [{ id, dateiname: 'Gehaltsnachweis März.pdf', mimeType: 'application/pdf', groesse: bytes.byteLength }],
  }) as Submission;
  return { submission, files: new Map([[id, new Blob([bytes], { type: 'application/pdf' })]]), bytes };
}

const send = (submission: Submission, files: Map<string, Blob>) =>
  fitConnectAdapter({ relay: relay.url, trust: { anchors: [standIn.trustAnchor] } }).submit(submission, { files });

async function failure(promise: Promise<unknown>): Promise<SubmitError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SubmitError, String(error));
    return error;
  }
  assert.fail('expected the sending to fail');
}

/** Exactly one submission arrived for `submission`, complete, and nothing broke the spec. */
function assertArrivedOnce(submission: Submission, bytes: Uint8Array, createdBefore: number, created = 1, serviceType = SERVICE_TYPE) {
  assert.deepEqual(standIn.violations, []);
  const arrived = standIn.received.filter((r) => (r.metadata as any)?.additionalReferenceInfo?.senderReference === submission.id);
  assert.equal(arrived.length, 1);
  assert.equal(standIn.created() - createdBefore, created, 'FIT-Connect submissions created');
  const [received] = arrived;
  assert.deepEqual(received!.problems, []);
  assert.deepEqual(JSON.parse(new TextDecoder().decode(received!.data)), submission);
  assert.deepEqual(received!.attachments.get(submission.attachments[0]!.id), bytes);
  assert.deepEqual(received!.serviceType, serviceType);
  return received!;
}

describe('FIT-Connect relay against the Submission API stand-in', () => {
  before(async () => {
    standIn = await startSubmissionApiStandIn({
      destination: {
        destinationId: DESTINATION_ID,
        services: [SERVICE_TYPE, FAMILY].map(({ identifier }) => ({
          identifier,
          regions: ['DE09'],
          submissionSchemas: [{ schemaUri: SUBMISSION_SCHEMA, mimeType: 'application/json' as const }],
        })),
        metadataVersions: ['2.1.0'],
      },
      clients: { 'efa-relay': 'test-secret-of-the-relay' },
    });
  });
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'efa-relay-test-'));
    relay = await startRelay();
  });
  afterEach(stopRelay);
  after(() => standIn.close());

  it('sends browser → relay → Submission API, every request valid against the OpenAPI file, and answers with the case id', async () => {
    const { submission, files, bytes } = withAttachment();
    const createdBefore = standIn.created();
    const receipt = await send(submission, files);
    const received = assertArrivedOnce(submission, bytes, createdBefore);
    assert.equal(receipt.reference, received.caseId);

    const again = await send(submission, files);
    assert.equal(again.reference, receipt.reference, 'a resend is answered from the journal');
    assert.equal(standIn.created() - createdBefore, 1);
  });

  it('a residence-permit route goes with the service type configured for it', async () => {
    const { submission, files, bytes } = withAttachment();
    submission.service = 'aufenthaltstitel';
    (submission.data as Record<string, unknown>).route = 'familie';
    const createdBefore = standIn.created();
    await send(submission, files);
    assertArrivedOnce(submission, bytes, createdBefore, 1, FAMILY);
  });

  it('a service the destination does not offer is refused before anything is created', async () => {
    const { submission, files } = withAttachment();
    submission.service = 'aufenthaltstitel';
    const createdBefore = standIn.created();
    assert.equal((await failure(send(submission, files))).failure, 'service-not-offered');
    assert.equal(standIn.created(), createdBefore);
    assert.deepEqual(standIn.violations, []);
  });

  it('the stand-in is not vacuous: a request outside the spec is refused and recorded', async () => {
    const before = standIn.violations.length;
    const response = await fetch(`${standIn.url}/v1/submissions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ destinationId: DESTINATION_ID, announcedAttachments: [] }),
    });
    assert.equal(response.status, 400);
    assert.match(standIn.violations.slice(before).join(), /must have required property 'serviceType'/);
    standIn.violations.length = before;
  });

  it('a token that expires in the middle of a submission is renewed once, without a second submission', async () => {
    const { submission, files, bytes } = withAttachment();
    const createdBefore = standIn.created();
    standIn.faults.expireTokensAfter('create-submission');
    await send(submission, files);
    assertArrivedOnce(submission, bytes, createdBefore);
  });

  it('a 5xx on an attachment upload fails the sending as retryable; the resend completes the same submission', async () => {
    const { submission, files, bytes } = withAttachment();
    const createdBefore = standIn.created();
    standIn.faults.failNext('add-submission-attachment', 503);
    assert.equal((await failure(send(submission, files))).failure, 'server');
    assert.equal(standIn.received.filter((r) => (r.metadata as any)?.additionalReferenceInfo?.senderReference === submission.id).length, 0);
    await send(submission, files);
    assertArrivedOnce(submission, bytes, createdBefore);
  });

  for (const step of ['create-submission', 'add-submission-attachment', 'submit-submission']) {
    it(`an answer lost after ${step} and a relay restart before the resend: exactly one complete submission`, async () => {
      const { submission, files, bytes } = withAttachment();
      const createdBefore = standIn.created();
      standIn.faults.loseNextAnswer(step);
      assert.equal((await failure(send(submission, files))).failure, 'server');
      await stopRelay();
      relay = await startRelay(); // a new process in all but name: it knows only its journal
      const receipt = await send(submission, files);
      // A lost answer to the create leaves the relay without the new submission's id, and a sender cannot list
      // its submissions: the resend creates another, and the first stays announced, never sent, until it expires.
      const received = assertArrivedOnce(submission, bytes, createdBefore, step === 'create-submission' ? 2 : 1);
      assert.equal(receipt.reference, received.caseId);
    });
  }
});
