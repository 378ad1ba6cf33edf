import { expect } from '@open-wc/testing';
import { SubmitError, type Submission } from '../../src/adapters/adapter.js';
import { buildMetadata, fachdatenSchemaUri, fitConnectAdapter, IDENTITY_REPORT_SCHEMA, KONTEXT_SCHEMA, kontextOf } from '../../src/adapters/fit-connect.js';
import { base64url, encryptCompact, fromBase64url, importEncryptionKey, sha512Hex, type EncryptionJwk } from '../../src/adapters/jwe.js';
import validateMetadata from '../generated/fit-connect-metadata-2.1.0.js';
import { envelope, validData } from '../helpers/submission.js';
import { signedTokenFor, tokenFor } from '../helpers/identity.js';

// The relay (server/relay/) in front of the Submission API stand-in, with the demo subscriber that stores into the
// reference receiver, as the test server mounts them on /api/fit-connect (server/fit-connect.ts). The destination
// key's x5c chain leads to the stand-in's test root, which these tests trust as a page would.
const relay = '/api/fit-connect';
const demoTrust = async () => ({ anchors: [await (await fetch(`${relay}/demo-trust-anchor`)).text()] });
/** What the demo subscriber made of a FIT-Connect case: the receiver's reference, or its problems. */
const demoCase = async (caseId: string): Promise<{ reference?: string; problems: string[] }> => (await fetch(`${relay}/demo-cases/${caseId}`)).json();
const VERSION = '2.0.0';
const RSA_OAEP_256 = { name: 'RSA-OAEP', hash: 'SHA-256' };
const text = new TextEncoder();

interface Destination {
  destinationId: string;
  encryptionKid: string;
  publicKey: EncryptionJwk;
}

async function keyPair(modulusLength = 4096): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ ...RSA_OAEP_256, modulusLength, publicExponent: new Uint8Array([1, 0, 1]) }, true, [
    'encrypt',
    'decrypt',
  ]);
}

/** The public half as a destination publishes it. */
async function publicJwk(pair: CryptoKeyPair, overrides: Partial<EncryptionJwk> = {}): Promise<EncryptionJwk> {
  const { n, e } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { kty: 'RSA', kid: 'test-key-0001', alg: 'RSA-OAEP-256', key_ops: ['wrapKey'], use: 'enc', n, e, ...overrides };
}

async function decrypt(jwe: string, privateKey: CryptoKey): Promise<Uint8Array> {
  const [header, wrapped, iv, ciphertext, tag] = jwe.split('.') as [string, string, string, string, string];
  const cek = await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, privateKey, fromBase64url(wrapped));
  const aesKey = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['decrypt']);
  const sealed = new Uint8Array([...fromBase64url(ciphertext), ...fromBase64url(tag)]);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64url(iv), additionalData: text.encode(header), tagLength: 128 },
    aesKey,
    sealed,
  );
  return new Uint8Array(plain);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function pdf(): { bytes: Uint8Array<ArrayBuffer>; ref: Submission['attachments'][number] } {
  const bytes = new Uint8Array([...text.encode('%PDF-1.4\n'), ...crypto.getRandomValues(new Uint8Array(2000))]);
  return { bytes, ref: { id: crypto.randomUUID(), dateiname: 'Gehaltsnachweis März.pdf', mimeType: 'application/pdf', groesse: bytes.byteLength } };
}

describe('JWE (RSA-OAEP-256 + A256GCM, compact)', () => {
  let pair: CryptoKeyPair;
  before(async () => {
    pair = await keyPair();
  });

  it('round-trips through WebCrypto, with the FIT-Connect header and the GCM tag as fifth part', async () => {
    const key = await importEncryptionKey(await publicJwk(pair));
    const plaintext = text.encode('{"name":"Ahmadi"}');
    const jwe = await encryptCompact(plaintext, key, 'test-key-0001', 'application/json');

    const segments = jwe.split('.');
    expect(segments).to.have.length(5);
    expect(segments.every((s) => /^[A-Za-z0-9_-]+$/.test(s))).to.be.true;
    const header = JSON.parse(new TextDecoder().decode(fromBase64url(segments[0]!)));
    expect(header).to.deep.equal({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'test-key-0001', cty: 'application/json' });
    expect(fromBase64url(segments[1]!).length, 'CEK wrapped with a 4096-bit key').to.equal(512);
    expect(fromBase64url(segments[2]!).length, '96-bit IV').to.equal(12);
    expect(fromBase64url(segments[3]!).length, 'ciphertext without the tag').to.equal(plaintext.length);
    expect(fromBase64url(segments[4]!).length, '128-bit tag').to.equal(16);
    expect(await decrypt(jwe, pair.privateKey)).to.deep.equal(plaintext);
  });

  it('authenticates the header: a changed header or tag does not decrypt', async () => {
    const key = await importEncryptionKey(await publicJwk(pair));
    const jwe = await encryptCompact(text.encode('x'), key, 'test-key-0001', 'text/plain');
    const [header, ...rest] = jwe.split('.');
    const otherHeader = base64url(text.encode(JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'other-key-01', cty: 'text/plain' })));
    expect(header).not.to.equal(otherHeader);
    await rejection(decrypt([otherHeader, ...rest].join('.'), pair.privateKey));
    const tag = fromBase64url(rest[3]!);
    tag[0]! ^= 1;
    await rejection(decrypt([header, rest[0], rest[1], rest[2], base64url(tag)].join('.'), pair.privateKey));
  });

  it('sha512Hex gives lowercase hex of SHA-512', async () => {
    expect(await sha512Hex(text.encode('abc'))).to.equal(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
  });
});

describe('importEncryptionKey', () => {
  let pair: CryptoKeyPair;
  before(async () => {
    pair = await keyPair();
  });

  it('accepts a FIT-Connect encryption key whose key_ops is only wrapKey', async () => {
    const key = await importEncryptionKey(await publicJwk(pair));
    expect(key.usages).to.deep.equal(['encrypt']);
  });

  it('refuses a 2048-bit key', async () => {
    const small = await keyPair(2048);
    const error = await rejection(importEncryptionKey(await publicJwk(small)));
    expect(error.message).to.contain('at least 4096 bits');
  });

  it('refuses a key without wrapKey', async () => {
    const error = await rejection(importEncryptionKey(await publicJwk(pair, { key_ops: ['verify'] })));
    expect(error.message).to.contain('wrapKey');
  });

  it('refuses a key with another alg', async () => {
    const error = await rejection(importEncryptionKey(await publicJwk(pair, { alg: 'RSA-OAEP' })));
    expect(error.message).to.contain('RSA-OAEP-256');
  });

  it('refuses a key without kid', async () => {
    const error = await rejection(importEncryptionKey(await publicJwk(pair, { kid: undefined })));
    expect(error.message).to.contain('kid');
  });
});

describe('FIT-Connect metadata', () => {
  const contents = (submission: Submission, dataHash = 'a'.repeat(128)) => ({ dataHash, kontext: { text: kontextOf(submission), hash: 'c'.repeat(128) } });

  it('validates against the official metadata 2.1.0 schema', async () => {
    const { ref } = pdf();
    const submission = envelope(await validData(), { attachments: [ref], createdAt: '2026-03-04T22:15:00.000Z', schemaVersion: VERSION });
    const metadata = buildMetadata(submission, contents(submission), [{ id: ref.id, filename: ref.dateiname, mimeType: ref.mimeType, hash: 'b'.repeat(128) }]);
    expect(validateMetadata(metadata), JSON.stringify(validateMetadata.errors)).to.be.true;
    expect(metadata.contentStructure.attachments[0]).not.to.have.property('fragments');
    expect(metadata.additionalReferenceInfo).to.deep.equal({ senderReference: submission.id, applicationDate: '2026-03-04' });
  });

  it('names the service\'s published Fachdaten schema in its version, and carries locale, time and office in one dataSets entry', async () => {
    const submission = envelope(await validData(), { createdAt: '2026-03-04T22:15:00.000Z', schemaVersion: VERSION });
    const metadata = buildMetadata(submission, contents(submission), []);
    expect(metadata.contentStructure.data.submissionSchema).to.deep.equal({
      schemaUri: 'https://efa-forms.de/schemas/verpflichtungserklaerung-2.0.0.schema.json',
      mimeType: 'application/json',
    });
    expect(fachdatenSchemaUri('aufenthaltstitel', '2.1.0')).to.equal('https://efa-forms.de/schemas/aufenthaltstitel-2.1.0.schema.json');
    expect(metadata.dataSets).to.have.length(1);
    expect(metadata.dataSets[0]!.schema).to.deep.equal({ schemaUri: KONTEXT_SCHEMA, mimeType: 'application/json' });
    expect(JSON.parse(metadata.dataSets[0]!.content)).to.deep.equal({ locale: 'de', createdAt: '2026-03-04T22:15:00.000Z', authority: '09999000' });
  });

  it('names the DeutschlandID mailbox and application id the identity token carries, still valid against 2.1.0', async () => {
    const mailbox = '3f2b7c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b';
    const application = '0c9e8d7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f';
    const data = await validData();
    const submission = envelope(data, { createdAt: '2026-03-04T22:15:00.000Z' });
    submission.data = { ...data, authentifizierung: { vertrauensniveau: 'hoch', token: tokenFor(submission.id, { postfachHandle: mailbox, antragsId: application }), angaben: [] } };
    const metadata = buildMetadata(submission, contents(submission), []);
    expect(validateMetadata(metadata), JSON.stringify(validateMetadata.errors)).to.be.true;
    expect(metadata.replyChannel).to.deep.equal({ idBundDeMailbox: { mailboxUuid: mailbox } });
    expect(metadata.additionalReferenceInfo).to.deep.equal({ senderReference: submission.id, applicationDate: '2026-03-04', idBundDeApplicationId: application });
    expect(metadata.additionalReferenceInfo, 'never a consent the citizen did not give').not.to.have.property('zustimmungZumDigitalenBescheid');

    // Without a login, or with a handle that is no UUID, nothing is claimed.
    expect(buildMetadata(envelope(data), contents(envelope(data)), [])).not.to.have.property('replyChannel');
    submission.data = { ...data, authentifizierung: { vertrauensniveau: 'hoch', token: tokenFor(submission.id, { postfachHandle: 'postfach-1' }), angaben: [] } };
    const unusable = buildMetadata(submission, contents(submission), []);
    expect(unusable).not.to.have.property('replyChannel');
    expect(validateMetadata(unusable), JSON.stringify(validateMetadata.errors)).to.be.true;
  });

  it('carries the answer to the consent question, a refusal as false, and nothing when it was not answered', async () => {
    const data = await validData();
    for (const answer of [true, false]) {
      const submission = envelope({ ...data, zustimmungZumDigitalenBescheid: answer }, { createdAt: '2026-03-04T22:15:00.000Z' });
      const metadata = buildMetadata(submission, contents(submission), []);
      expect(validateMetadata(metadata), JSON.stringify(validateMetadata.errors)).to.be.true;
      expect(metadata.additionalReferenceInfo).to.deep.equal({ senderReference: submission.id, applicationDate: '2026-03-04', zustimmungZumDigitalenBescheid: answer });
    }
    const unanswered = envelope(data);
    expect(buildMetadata(unanswered, contents(unanswered), []).additionalReferenceInfo).not.to.have.property('zustimmungZumDigitalenBescheid');
  });

  it('carries the identity token as the identification report in dataSets where the authority wants one, valid against 2.1.0', async () => {
    const data = await validData();
    const submission = envelope(data, { createdAt: '2026-03-04T22:15:00.000Z' });
    const token = tokenFor(submission.id, { familienname: 'Mustermann' });
    submission.data = { ...data, authentifizierung: { vertrauensniveau: 'hoch', token, angaben: [] } };
    const hash = await sha512Hex(text.encode(token));
    const metadata = buildMetadata(submission, { ...contents(submission), identificationReport: { token, hash } }, []);
    expect(validateMetadata(metadata), JSON.stringify(validateMetadata.errors)).to.be.true;
    expect(metadata.dataSets).to.have.length(2);
    const report = metadata.dataSets[1]!;
    expect(report.schema).to.deep.equal({ schemaUri: IDENTITY_REPORT_SCHEMA, mimeType: 'application/jose' });
    expect(report.content).to.equal(token);
    expect(report.hash).to.deep.equal({ type: 'sha512', content: hash });
    expect(report.description).to.contain('Identitätsnachweis');
    expect(report.dataSetId).not.to.equal(metadata.dataSets[0]!.dataSetId);

    expect(buildMetadata(submission, contents(submission), []).dataSets, 'not unless the authority wants it').to.have.length(1);
  });

  it('the schema check is not vacuous: an upper-case hash fails it', async () => {
    const submission = envelope(await validData());
    const metadata = buildMetadata(submission, contents(submission, 'A'.repeat(128)), []);
    expect(validateMetadata(metadata)).to.be.false;
  });
});

describe('fit-connect adapter through the relay to the Submission API stand-in and the demo subscriber', () => {
  let data: Record<string, unknown>;
  before(async () => {
    data = await validData();
  });

  /** A declaration with one PDF: its reference in the Fachdaten (`nachweise`) and in `attachments`, as the form builds it. */
  function declaration() {
    const { bytes, ref } = pdf();
    const sent = envelope({ ...data, nachweise: [ref] }, { attachments: [ref], schemaVersion: VERSION });
    return { sent, bytes, ref, files: new Map([[ref.id, new Blob([bytes], { type: 'application/pdf' })]]) };
  }

  it('sends only ciphertext; the subscriber stores exactly the envelope and the attachment; the receipt is the case id', async () => {
    const { sent, bytes, ref, files } = declaration();
    const bodies: string[] = [];
    const urls: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      urls.push(String(input));
      if (typeof init?.body === 'string') bodies.push(init.body);
      return realFetch(input, init);
    };
    let reference: string;
    try {
      ({ reference } = await fitConnectAdapter({ relay, trust: await demoTrust() }).submit(sent, { files }));
    } finally {
      window.fetch = realFetch;
    }
    expect(reference, 'the FIT-Connect case id').to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bodies).to.have.length(1);
    const request = JSON.parse(bodies[0]!);
    expect(Object.keys(request.attachments)).to.deep.equal([ref.id]);
    // The relay chooses the authority's destination by the element's `authority` (its region key).
    expect(request.region).to.equal(sent.authority);
    expect(new URL(urls.find((url) => url.includes('/destination?'))!, location.href).searchParams.get('region')).to.equal(sent.authority);
    expect(bodies[0]).not.to.contain(sent.id);
    expect(bodies[0]).not.to.contain(ref.dateiname);

    const picked = await demoCase(reference);
    expect(picked.problems).to.deep.equal([]);
    expect(await (await fetch(`/api/submissions/${picked.reference}/data`)).json()).to.deep.equal(sent);
    const file = await fetch(`/api/submissions/${picked.reference}/attachments/${ref.id}`);
    expect(file.headers.get('Content-Type')).to.equal('application/pdf');
    expect(new Uint8Array(await file.arrayBuffer())).to.deep.equal(bytes);

    const again = await fitConnectAdapter({ relay, trust: await demoTrust() }).submit(sent, { files });
    expect(again.reference, 'the relay answers a resend from its journal').to.equal(reference);
  });

  it('Fachdaten invalid against their schema pass the relay, which cannot read them; the subscriber stores nothing and says why', async () => {
    const sent = envelope({}, { schemaVersion: VERSION });
    const { reference } = await fitConnectAdapter({ relay, trust: await demoTrust() }).submit(sent, { files: new Map() });
    const picked = await demoCase(reference);
    expect(picked.reference).to.equal(undefined);
    expect(picked.problems.join()).to.contain('data against https://efa-forms.de/schemas/verpflichtungserklaerung-2.0.0.schema.json');
  });

  it('with the identification report the subscriber opens metadata valid against 2.1.0 and stores the identified declaration', async () => {
    const sent = envelope(data, { schemaVersion: VERSION });
    // Signed by the test portal the receiver trusts; it states nothing the declaration repeats, so nothing to compare.
    sent.data = { ...data, authentifizierung: { vertrauensniveau: 'hoch', token: await signedTokenFor(sent.id), angaben: [] } };
    const { reference } = await fitConnectAdapter({ relay, trust: await demoTrust(), identificationReport: true }).submit(sent, { files: new Map() });
    const picked = await demoCase(reference);
    expect(picked.problems).to.deep.equal([]);
    expect(picked.reference).to.match(/^VE-\d{4}-[A-Z0-9]{6}$/);
  });

  it('a schema version the destination does not offer is refused before anything is sent', async () => {
    const error = await rejection(fitConnectAdapter({ relay, trust: await demoTrust() }).submit(envelope(data, { schemaVersion: '1.0.0' }), { files: new Map() }));
    expect((error as SubmitError).failure).to.equal('service-not-offered');
  });

  it('keeps one deadline for the whole sending, not a fresh one per request', async () => {
    const error = await rejection(fitConnectAdapter({ relay, trust: await demoTrust(), deadlineMs: 1 }).submit(envelope(data, { schemaVersion: VERSION }), { files: new Map() }));
    expect((error as SubmitError).failure).to.equal('timeout');
  });

  describe('relay requests made by hand: the relay passes them on, the subscriber opens and checks them', () => {
    async function send(options: { tamper?: boolean; wrongHash?: boolean } = {}): Promise<{ problems: string[]; reference?: string }> {
      const destination: Destination = await (await fetch(`${relay}/destination?service=verpflichtungserklaerung`)).json();
      const key = await importEncryptionKey(destination.publicKey);
      const kid = destination.encryptionKid;
      const sent = envelope(data, { schemaVersion: VERSION });
      const plain = text.encode(JSON.stringify(sent.data));
      const hash = await sha512Hex(options.wrongHash ? text.encode('something else') : plain);
      let encryptedData = await encryptCompact(plain, key, kid, 'application/json');
      if (options.tamper) {
        const parts = encryptedData.split('.');
        const ciphertext = fromBase64url(parts[3]!);
        ciphertext[10]! ^= 1;
        parts[3] = base64url(ciphertext);
        encryptedData = parts.join('.');
      }
      const kontext = kontextOf(sent);
      const metadata = buildMetadata(sent, { dataHash: hash, kontext: { text: kontext, hash: await sha512Hex(text.encode(kontext)) } }, []);
      const response = await fetch(`${relay}/submissions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': sent.id },
        body: JSON.stringify({
          service: 'verpflichtungserklaerung',
          destinationId: destination.destinationId,
          encryptedMetadata: await encryptCompact(text.encode(JSON.stringify(metadata)), key, kid, 'application/json'),
          encryptedData,
          attachments: {},
        }),
      });
      expect(response.status).to.equal(201);
      return demoCase((await response.json()).reference);
    }

    it('the untouched request is stored (the control for the two below)', async () => {
      const picked = await send();
      expect(picked.problems).to.deep.equal([]);
      expect(picked.reference).to.match(/^VE-\d{4}-[A-Z0-9]{6}$/);
    });

    it('a tampered ciphertext is not stored', async () => {
      const picked = await send({ tamper: true });
      expect(picked.reference).to.equal(undefined);
      expect(picked.problems.join()).to.contain('data:');
    });

    it('data whose hash does not match the metadata is not stored', async () => {
      const picked = await send({ wrongHash: true });
      expect(picked.reference).to.equal(undefined);
      expect(picked.problems).to.include('data: hash mismatch');
    });
  });
});
