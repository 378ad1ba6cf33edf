/**
 * The relay (server/relay/) between the browser's real `fit-connect` adapter (src/adapters/fit-connect.ts, run
 * here in Node) and the spec-driven Submission API stand-in: every request the relay makes must be valid against
 * FITKO's OpenAPI file, whatever fails on the way exactly one complete submission arrives, and what arrives is
 * what a subscriber accepts: metadata 2.1.0, the service's Fachdaten valid against the published schema the
 * metadata names, which the destination offers for the service (fit-connect-subscriber.ts checks all of it).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { SubmitError, type Submission } from '../../src/adapters/adapter.js';
import { fachdatenSchemaUri, fitConnectAdapter, KONTEXT_SCHEMA } from '../../src/adapters/fit-connect.js';
import { aufenthaltstitelStart } from '../../src/services/aufenthaltstitel/start.js';
import { verpflichtungserklaerungDefinition } from '../../src/services/verpflichtungserklaerung/definition.js';
import type { OpenedSubmission } from '../fit-connect-subscriber.js';
import { createRelay, type RelayServices } from '../relay/relay.js';
import { SetRefusal, verifySet, type SetKeys, type SigningJwk } from '../relay/event-log.js';
import { createSubmissionApi } from '../relay/submission-api.js';
import { constants, sign, type KeyObject } from 'node:crypto';
import { startSubmissionApiStandIn, type ReceivedSubmission, type SubmissionApiStandIn } from '../submission-api-standin.js';
import { envelope, root } from './helpers.js';

const DESTINATION_ID = '3c1b8a2e-5d4f-4e6a-9b7c-2f1e0d9c8b7a';
// Placeholders, not real LeiKa keys (see server/relay/services.example.json).
const SERVICE_TYPE = { name: 'Verpflichtungserklärung', identifier: 'urn:efa-forms:placeholder:verpflichtungserklaerung' };
const FAMILY = { name: 'Aufenthaltserlaubnis zum Familiennachzug', identifier: 'urn:efa-forms:placeholder:aufenthaltstitel-familie' };
const NOT_OFFERED = { name: 'Aufenthaltstitel', identifier: 'urn:efa-forms:placeholder:aufenthaltstitel' };
/** Offered by the destination, but only with the residence-permit schema of an older version. */
const STUDY = { name: 'Aufenthaltserlaubnis zum Studium', identifier: 'urn:efa-forms:placeholder:aufenthaltstitel-studium' };
const services: RelayServices = {
  verpflichtungserklaerung: { destinationId: DESTINATION_ID, serviceType: SERVICE_TYPE },
  aufenthaltstitel: { destinationId: DESTINATION_ID, serviceType: NOT_OFFERED, routes: { familie: { serviceType: FAMILY }, studium: { serviceType: STUDY } } },
};
/** One relay for two authorities of a Kreis's IT provider, by ARS: Wiesbaden and Frankfurt, each its own destination. */
const WIESBADEN = { ars: '064140000000', destinationId: '5a7e0b1c-3d2f-4a6b-8c9d-0e1f2a3b4c5d' };
const FRANKFURT = { ars: '064120000000', destinationId: '7c9d2e3f-4a5b-4c6d-9e8f-1a2b3c4d5e6f' };
/** Configured to Wiesbaden's destination by mistake: Darmstadt's ARS, which that destination does not serve. */
const DARMSTADT = '064110000000';
const regionalServices: RelayServices = {
  verpflichtungserklaerung: {
    serviceType: SERVICE_TYPE,
    regions: {
      [WIESBADEN.ars]: { destinationId: WIESBADEN.destinationId },
      [FRANKFURT.ars]: { destinationId: FRANKFURT.destinationId },
      [DARMSTADT]: { destinationId: WIESBADEN.destinationId },
    },
  },
};
const VERSION = verpflichtungserklaerungDefinition.schemaVersion;
/** The `$id` of a published schema (schemas/<service>.schema.json), as the authority enters it at its destination. */
const publishedId = (service: string): string => JSON.parse(readFileSync(join(root, 'schemas', `${service}.schema.json`), 'utf8')).$id;

let standIn: SubmissionApiStandIn;
let dataDir: string;
let relay: { url: string; server: Server };
/** What the relay logged since it started. */
let logged: Record<string, unknown>[];

async function startRelay(configured = services): Promise<{ url: string; server: Server }> {
  const api = createSubmissionApi({ tokenUrl: standIn.tokenUrl, apiUrl: standIn.url, clientId: 'efa-relay', clientSecret: 'test-secret-of-the-relay' });
  logged = [];
  const server = createServer(createRelay({ api, services: configured, dataDir, log: (entry) => logged.push(entry) }).handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function stopRelay(): Promise<void> {
  relay.server.closeAllConnections();
  await new Promise((resolve) => relay.server.close(resolve));
}

/** A declaration with one PDF, as the browser builds it: the reference in the Fachdaten, the same in `attachments`. */
function withAttachment(base: Record<string, any> = envelope({ schemaVersion: VERSION })): { submission: Submission; files: Map<string, Blob>; bytes: Uint8Array } {
  const bytes = new Uint8Array([...new TextEncoder().encode('%PDF-1.4\n'), ...crypto.getRandomValues(new Uint8Array(3000))]);
  const reference = { id: crypto.randomUUID(), dateiname: 'Gehaltsnachweis März.pdf', mimeType: 'application/pdf', groesse: bytes.byteLength, zweck: 'Einkommensnachweis' };
  const submission = { ...base, data: { ...base.data, nachweise: [reference] }, attachments: [reference] } as Submission;
  return { submission, files: new Map([[reference.id, new Blob([bytes], { type: 'application/pdf' })]]), bytes };
}

/** A residence-permit application on the family route (its valid fixture) with a file for each document it refers to. */
function familyApplication() {
  const data = JSON.parse(readFileSync(join(root, 'test/fixtures/aufenthaltstitel/valid/familie.json'), 'utf8'));
  const references: { id: string; mimeType: string; groesse: number }[] = [];
  JSON.stringify(data, (_key, value) => (value?.dateiname ? void references.push(value) : value));
  const files = new Map(references.map((r) => [r.id, new Blob([new Uint8Array(r.groesse).fill(7)], { type: r.mimeType })]));
  const submission = envelope({ service: 'aufenthaltstitel', schemaVersion: aufenthaltstitelStart.schemaVersion, data, attachments: references }) as Submission;
  return { submission, files };
}

const arrivalsOf = (submission: Submission) => standIn.received.filter((r) => r.metadata?.additionalReferenceInfo?.senderReference === submission.id);

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

/**
 * Exactly one submission arrived for `submission`, complete, nothing broke the spec, and the subscriber accepted it
 * (no problems: metadata 2.1.0, hashes, the Fachdaten valid against the offered schema) and rebuilt the envelope.
 */
function assertArrivedOnce(submission: Submission, bytes: Uint8Array | undefined, createdBefore: number, created = 1, serviceType = SERVICE_TYPE): OpenedSubmission {
  assert.deepEqual(standIn.violations, []);
  const arrived = arrivalsOf(submission);
  assert.equal(arrived.length, 1);
  assert.equal(standIn.created() - createdBefore, created, 'FIT-Connect submissions created');
  const [received] = arrived;
  assert.deepEqual(received!.problems, []);
  assert.deepEqual(JSON.parse(new TextDecoder().decode(received!.data)), submission.data, 'the data JWE holds the Fachdaten only');
  if (bytes) assert.deepEqual(received!.attachments.get(submission.attachments[0]!.id), bytes);
  assert.deepEqual(received!.serviceType, serviceType);
  assert.deepEqual(received!.envelope, submission, 'the subscriber rebuilds the envelope the browser made');
  return received!;
}

describe('FIT-Connect relay against the Submission API stand-in', () => {
  before(async () => {
    const declaration = (region: string) => ({
      identifier: SERVICE_TYPE.identifier,
      regions: [region],
      submissionSchemas: [{ schemaUri: publishedId('verpflichtungserklaerung'), mimeType: 'application/json' as const }],
    });
    standIn = await startSubmissionApiStandIn({
      destinations: [
        {
          destinationId: DESTINATION_ID,
          services: [
            declaration('DE09'),
            { identifier: FAMILY.identifier, regions: ['DE09'], submissionSchemas: [{ schemaUri: publishedId('aufenthaltstitel'), mimeType: 'application/json' }] },
            { identifier: STUDY.identifier, regions: ['DE09'], submissionSchemas: [{ schemaUri: fachdatenSchemaUri('aufenthaltstitel', '1.0.0'), mimeType: 'application/json' }] },
          ],
          metadataVersions: ['2.1.0'],
        },
        {
          destinationId: WIESBADEN.destinationId,
          services: [declaration('DE06414'), { identifier: FAMILY.identifier, regions: ['DE06414'], submissionSchemas: [{ schemaUri: publishedId('aufenthaltstitel'), mimeType: 'application/json' }] }],
          metadataVersions: ['2.1.0'],
        },
        { destinationId: FRANKFURT.destinationId, services: [declaration('DE06412')], metadataVersions: ['2.1.0'] },
      ],
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

  it('names the Fachdaten by the published schema\'s versioned $id, in the version the form definitions send', () => {
    for (const [service, version] of [['verpflichtungserklaerung', VERSION], ['aufenthaltstitel', aufenthaltstitelStart.schemaVersion]] as const) {
      assert.equal(fachdatenSchemaUri(service, version), publishedId(service));
    }
    assert.notEqual(fachdatenSchemaUri('verpflichtungserklaerung', '2.0.0'), fachdatenSchemaUri('verpflichtungserklaerung', '2.1.0'), 'versions differ in the URI');
  });

  it('the metadata names the offered schema, the envelope facts sit where metadata 2.1.0 has them, the rest in one dataSets entry', async () => {
    const { submission, files, bytes } = withAttachment();
    await send(submission, files);
    const { metadata } = assertArrivedOnce(submission, bytes, standIn.created() - 1);
    assert.deepEqual(metadata.contentStructure.data.submissionSchema, { schemaUri: publishedId('verpflichtungserklaerung'), mimeType: 'application/json' });
    assert.deepEqual(metadata.additionalReferenceInfo, { senderReference: submission.id, applicationDate: submission.createdAt.slice(0, 10) });
    assert.deepEqual(
      metadata.contentStructure.attachments.map((a: Record<string, unknown>) => [a.attachmentId, a.filename, a.mimeType, a.purpose]),
      [[submission.attachments[0]!.id, 'Gehaltsnachweis März.pdf', 'application/pdf', 'attachment']],
    );
    const [kontext] = metadata.dataSets;
    assert.equal(kontext.schema.schemaUri, KONTEXT_SCHEMA);
    assert.deepEqual(JSON.parse(kontext.content), { locale: submission.locale, createdAt: submission.createdAt, authority: submission.authority });
  });

  it('a residence-permit route goes with the service type configured for it and the residence-permit schema', async () => {
    const { submission, files } = familyApplication();
    const createdBefore = standIn.created();
    await send(submission, files);
    const { metadata } = assertArrivedOnce(submission, undefined, createdBefore, 1, FAMILY);
    assert.equal(metadata.contentStructure.data.submissionSchema.schemaUri, publishedId('aufenthaltstitel'));
  });

  it('a service the destination does not offer is refused before anything is created', async () => {
    const { submission, files } = familyApplication();
    delete (submission.data as Record<string, unknown>).route;
    const createdBefore = standIn.created();
    assert.equal((await failure(send(submission, files))).failure, 'service-not-offered');
    assert.equal(standIn.created(), createdBefore);
    assert.deepEqual(standIn.violations, []);
  });

  it('a service offered only with another version of its schema is refused in the browser before anything is created', async () => {
    const { submission, files } = familyApplication();
    (submission.data as Record<string, unknown>).route = 'studium';
    const createdBefore = standIn.created();
    const error = await failure(send(submission, files));
    assert.equal(error.failure, 'service-not-offered');
    assert.match(error.message, /aufenthaltstitel-2\.0\.0\.schema\.json/);
    assert.equal(standIn.created(), createdBefore);
  });

  it('the subscriber is not vacuous: Fachdaten invalid against the named schema arrive with the problem recorded', async () => {
    const { submission, files } = withAttachment();
    delete (submission.data as Record<string, unknown>).gast;
    await send(submission, files);
    const [arrived] = arrivalsOf(submission);
    assert.match(arrived!.problems.join(), /data against https:\/\/efa-forms\.de\/schemas\/verpflichtungserklaerung-2\.0\.0\.schema\.json: .*gast/);
    assert.equal(arrived!.envelope, undefined);
  });

  it('one relay for two authorities: each submission goes to the destination of the ARS the element names', async () => {
    await stopRelay();
    relay = await startRelay(regionalServices);
    for (const { ars, destinationId } of [WIESBADEN, FRANKFURT]) {
      const { submission, files, bytes } = withAttachment(envelope({ schemaVersion: VERSION, authority: ars }));
      const createdBefore = standIn.created();
      const receipt = await send(submission, files);
      const received = assertArrivedOnce(submission, bytes, createdBefore) as ReceivedSubmission;
      assert.equal(received.destinationId, destinationId);
      assert.equal(receipt.reference, received.caseId);
    }
  });

  it('a region the relay does not know, none, or one its destination does not serve is refused with a German message; nothing is created', async () => {
    await stopRelay();
    relay = await startRelay(regionalServices);
    const createdBefore = standIn.created();
    for (const [authority, status, code] of [['099990000000', 404, 'unknown-region'], ['', 422, 'region-missing'], [DARMSTADT, 422, 'region-not-offered']] as const) {
      const { submission, files } = withAttachment(envelope({ schemaVersion: VERSION, authority }));
      const error = await failure(send(submission, files));
      assert.equal(error.failure, 'service-not-offered', authority);
      assert.equal(error.details.status, status);
      const answer = await fetch(`${relay.url}/destination?service=verpflichtungserklaerung&region=${authority}`);
      const problem = (await answer.json()) as { code: string; message: string };
      assert.equal(answer.status, status);
      assert.equal(problem.code, code);
      assert.match(problem.message, /Behörde/);
    }
    // Straight to the POST, past the destination question: the region is checked there too.
    const { submission } = withAttachment(envelope({ schemaVersion: VERSION, authority: '099990000000' }));
    const response = await fetch(`${relay.url}/submissions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': submission.id },
      body: JSON.stringify({ service: 'verpflichtungserklaerung', region: '099990000000', destinationId: WIESBADEN.destinationId, encryptedMetadata: 'a.b.c.d.e', encryptedData: 'a.b.c.d.e', attachments: {} }),
    });
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as { code: string }).code, 'unknown-region');
    assert.equal(standIn.created(), createdBefore);
    assert.deepEqual(standIn.violations, []);
  });

  it('a route can go by region while its service has one destination: the route\'s regions decide, unknown ones are refused', async () => {
    await stopRelay();
    relay = await startRelay({
      aufenthaltstitel: {
        destinationId: DESTINATION_ID,
        serviceType: NOT_OFFERED,
        routes: { familie: { serviceType: FAMILY, regions: { [WIESBADEN.ars]: { destinationId: WIESBADEN.destinationId } } } },
      },
    });
    const ask = async (query: string) => {
      const response = await fetch(`${relay.url}/destination?service=aufenthaltstitel&${query}`);
      return { status: response.status, body: (await response.json()) as { destinationId?: string; code?: string } };
    };
    const wiesbaden = await ask(`route=familie&region=${WIESBADEN.ars}`);
    assert.equal(wiesbaden.status, 200);
    assert.equal(wiesbaden.body.destinationId, WIESBADEN.destinationId);
    assert.equal((await ask(`route=familie&region=${FRANKFURT.ars}`)).body.code, 'unknown-region');
    // Without the route: the service's one destination, which does not offer the service type configured for it.
    assert.equal((await ask(`region=${WIESBADEN.ars}`)).body.code, 'service-not-offered');
  });

  it('a services file that could misroute is refused at start', () => {
    const api = createSubmissionApi({ tokenUrl: standIn.tokenUrl, apiUrl: standIn.url, clientId: 'efa-relay', clientSecret: 'test-secret-of-the-relay' });
    const start = (configured: unknown) => () => createRelay({ api, services: configured as RelayServices, dataDir });
    assert.throws(start({ verpflichtungserklaerung: { serviceType: SERVICE_TYPE, destinationId: DESTINATION_ID, regions: { [WIESBADEN.ars]: { destinationId: WIESBADEN.destinationId } } } }), /not both/);
    assert.throws(start({ verpflichtungserklaerung: { serviceType: SERVICE_TYPE, regions: { '06414000': { destinationId: WIESBADEN.destinationId } } } }), /12 digits/);
    assert.throws(start({ verpflichtungserklaerung: { serviceType: SERVICE_TYPE } }), /needs destinationId or regions/);
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
    assert.equal(arrivalsOf(submission).length, 0);
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

  const statusOf = async (submission: Submission) => {
    const response = await fetch(`${relay.url}/submissions/${submission.id}/status`);
    return { code: response.status, body: (await response.json()) as { status?: string; code?: string; problems?: Record<string, string>[] } };
  };

  it('the status says accepted once the subscriber accepted (its SET verified with the destination\'s key, its tags those forwarded)', async () => {
    const { submission, files } = withAttachment();
    await send(submission, files);
    assert.deepEqual(await statusOf(submission), { code: 200, body: { status: 'accepted' } });
  });

  it('the status says rejected, with the subscriber\'s problems, when it refused the submission after delivery', async () => {
    const { submission, files } = withAttachment();
    delete (submission.data as Record<string, unknown>).gast;
    await send(submission, files);
    const { code, body } = await statusOf(submission);
    assert.equal(code, 200);
    assert.equal(body.status, 'rejected');
    assert.equal(body.problems!.length, 1);
    assert.match(body.problems![0]!.detail!, /gast/);
    assert.equal(body.problems![0]!.instance, 'data');
  });

  it('the status stays submitted while the subscriber has not answered, and a forged accept in the log is not believed', async () => {
    const { submission, files } = withAttachment();
    standIn.faults.holdNextAnswer();
    const { reference } = await send(submission, files);
    assert.deepEqual(await statusOf(submission), { code: 200, body: { status: 'submitted' } });
    const [arrived] = arrivalsOf(submission);
    // Signed by the delivery service's key, which is not the destination's: the subscriber's events need the latter.
    const forged = signSet(standIn.deliveryService, { sub: `submission:${arrived!.submissionId}`, txn: `case:${reference}`, iss: arrived!.destinationId }, 'accept-submission');
    standIn.appendEvent(reference, forged);
    assert.deepEqual(await statusOf(submission), { code: 200, body: { status: 'submitted' } });
    assert.ok(logged.some((entry) => entry.event === 'set-refused' && /no destination key/.test(String(entry.reason))), JSON.stringify(logged));
  });

  it('a submit event whose authentication tags differ from the JWEs the relay forwarded: no status, an error', async () => {
    const { submission, files } = withAttachment();
    standIn.faults.misreportNextSubmit();
    await send(submission, files);
    const { code, body } = await statusOf(submission);
    assert.equal(code, 502);
    assert.equal(body.code, 'event-log-mismatch');
    assert.ok(logged.some((entry) => entry.event === 'authentication-tags-differ'));
  });

  it('a lost answer to the submit, then a submit event with other tags: the resend gets no receipt', async () => {
    const { submission, files } = withAttachment();
    standIn.faults.misreportNextSubmit();
    standIn.faults.loseNextAnswer('submit-submission');
    assert.equal((await failure(send(submission, files))).failure, 'server');
    const error = await failure(send(submission, files));
    assert.equal(error.failure, 'server');
    assert.equal(error.details.status, 502);
  });

  it('the status of a submission the relay did not send is 404', async () => {
    const { code, body } = await statusOf(envelope() as Submission);
    assert.equal(code, 404);
    assert.equal(body.code, 'unknown-submission');
  });
});

/** A SET as FIT-Connect signs one (PS512), with `header` and `claims` overriding the defaults. */
function signSet(signer: { kid: string; privateKey: KeyObject }, claims: Record<string, unknown>, event = 'submit-submission', payload: object = {}, header: Record<string, unknown> = {}): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ kid: signer.kid, typ: 'secevent+jwt', alg: 'PS512', ...header })}.${part({
    $schema: 'https://schema.fitko.de/fit-connect/set-payload/1.0.0/set-payload.schema.json',
    iss: 'https://zustelldienst.example',
    iat: Math.floor(Date.now() / 1000),
    jti: crypto.randomUUID(),
    events: { [`https://schema.fitko.de/fit-connect/events/${event}`]: payload },
    ...claims,
  })}`;
  const signature = sign('sha512', Buffer.from(input), { key: signer.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 });
  return `${input}.${signature.toString('base64url')}`;
}

describe('security event tokens: believed only as FITKO requires (header, key, signature, subject)', () => {
  const expected = { submissionId: crypto.randomUUID(), caseId: crypto.randomUUID(), destinationId: crypto.randomUUID() };
  const claims = { sub: `submission:${expected.submissionId}`, txn: `case:${expected.caseId}` };
  let deliveryService: Awaited<ReturnType<SubmissionApiStandIn['signingKey']>>;
  let destination: typeof deliveryService;
  let short: typeof deliveryService;
  let keys: SetKeys;
  let published: SigningJwk[];
  /** A stand-in only for its test root, which certifies the keys. */
  let pki: SubmissionApiStandIn;

  before(async () => {
    pki = await startSubmissionApiStandIn({ destinations: [], clients: {} });
    [deliveryService, destination, short] = await Promise.all([pki.signingKey('Zustelldienst'), pki.signingKey('Zustellpunkt'), pki.signingKey('Kurz', 2048)]);
    published = [deliveryService.jwk, short.jwk];
    keys = {
      deliveryService: async (kid) => published.find((key) => key.kid === kid),
      destination: async (kid) => (kid === destination.kid ? destination.jwk : undefined),
    };
  });
  after(() => pki.close());

  const refusal = async (token: string, reason: RegExp) => {
    await assert.rejects(verifySet(token, keys, expected), (error: unknown) => error instanceof SetRefusal && reason.test(error.message));
  };

  it('a SET signed as FITKO requires is believed (the control for the refusals below)', async () => {
    const tags = { authenticationTags: { metadata: 'a', data: 'b', attachments: {} } };
    const verified = await verifySet(signSet(deliveryService, claims, 'submit-submission', tags), keys, expected);
    assert.equal(verified.event, 'submit-submission');
    assert.deepEqual(verified.payload, tags);
    const accepted = await verifySet(signSet(destination, { ...claims, iss: expected.destinationId }, 'accept-submission'), keys, expected);
    assert.equal(accepted.event, 'accept-submission');
  });

  it('refuses another algorithm or type in the header', async () => {
    await refusal(signSet(deliveryService, claims, 'submit-submission', {}, { alg: 'RS512' }), /alg RS512/);
    await refusal(signSet(deliveryService, claims, 'submit-submission', {}, { alg: 'none' }), /alg none/);
    await refusal(signSet(deliveryService, claims, 'submit-submission', {}, { typ: 'JWT' }), /typ JWT/);
  });

  it('refuses a kid the issuer does not publish', async () => {
    await refusal(signSet({ ...deliveryService, kid: crypto.randomUUID() }, claims), /no delivery service key with kid/);
  });

  it('refuses a key shorter than 4096 bits, even when published and the signature verifies', async () => {
    await refusal(signSet(short, claims), /2048 bits/);
  });

  it('refuses a key outside the profile: without x5c, with another key\'s certificate, not for verify', async () => {
    const original = published;
    for (const [jwk, reason] of [
      [{ ...deliveryService.jwk, x5c: undefined }, /no certificate/],
      [{ ...deliveryService.jwk, x5c: destination.jwk.x5c }, /not the key of its certificate/],
      [{ ...deliveryService.jwk, key_ops: ['wrapKey'] }, /not for verify/],
      [{ ...deliveryService.jwk, alg: 'RSA-OAEP-256' }, /not an RSA key for PS512/],
    ] as const) {
      published = [jwk as SigningJwk];
      await refusal(signSet(deliveryService, claims), reason);
    }
    published = original;
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = signSet(deliveryService, claims).split('.');
    const other = Buffer.from(JSON.stringify({ ...claims, iss: 'x', iat: 1, jti: crypto.randomUUID(), events: { 'https://schema.fitko.de/fit-connect/events/submit-submission': { authenticationTags: {} } } })).toString('base64url');
    await refusal(`${header}.${other}.${signature}`, /signature does not verify/);
  });

  it('refuses a SET of another submission or case, and a subscriber event not signed by the destination', async () => {
    await refusal(signSet(deliveryService, { ...claims, sub: `submission:${crypto.randomUUID()}` }), /another submission/);
    await refusal(signSet(deliveryService, { ...claims, txn: `case:${crypto.randomUUID()}` }), /another case/);
    await refusal(signSet(deliveryService, { ...claims, iss: expected.destinationId }, 'reject-submission'), /no destination key/);
    await refusal(signSet(destination, { ...claims, iss: 'https://zustelldienst.example' }, 'accept-submission'), /not issued by the destination/);
  });
});
