import { expect } from '@open-wc/testing';
import { SubmitError, type Submission } from '../../src/adapters/adapter.js';
import { buildMetadata, fitConnectAdapter } from '../../src/adapters/fit-connect.js';
import { base64url, encryptCompact, fromBase64url, importEncryptionKey, sha512Hex, type EncryptionJwk } from '../../src/adapters/jwe.js';
import validateMetadata from '../generated/fit-connect-metadata-2.1.0.js';
import { envelope, validData } from '../helpers/submission.js';
import { tokenFor } from '../helpers/identity.js';

// The relay is the demo one (server/fit-connect.ts) inside the reference receiver the test server mounts on /api;
// its key's x5c chain leads to the demo test root, which these tests trust as a page would.
const relay = '/api/fit-connect';
const demoTrust = async () => ({ anchors: [await (await fetch(`${relay}/demo-trust-anchor`)).text()] });
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
  it('validates against the official metadata 2.1.0 schema', async () => {
    const { ref } = pdf();
    const submission = envelope(await validData(), { attachments: [ref], createdAt: '2026-03-04T22:15:00.000Z' });
    const metadata = buildMetadata(submission, 'a'.repeat(128), [{ id: ref.id, filename: ref.dateiname, mimeType: ref.mimeType, hash: 'b'.repeat(128) }]);
    expect(validateMetadata(metadata), JSON.stringify(validateMetadata.errors)).to.be.true;
    expect(metadata.contentStructure.attachments[0]).not.to.have.property('fragments');
    expect(metadata.additionalReferenceInfo).to.deep.equal({ senderReference: submission.id, applicationDate: '2026-03-04' });
  });

  it('names the DeutschlandID mailbox and application id the identity token carries, still valid against 2.1.0', async () => {
    const mailbox = '3f2b7c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b';
    const application = '0c9e8d7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f';
    const data = await validData();
    const submission = envelope(data, { createdAt: '2026-03-04T22:15:00.000Z' });
    submission.data = { ...data, authentifizierung: { vertrauensniveau: 'hoch', token: tokenFor(submission.id, { postfachHandle: mailbox, antragsId: application }), angaben: [] } };
    const metadata = buildMetadata(submission, 'a'.repeat(128), []);
    expect(validateMetadata(metadata), JSON.stringify(validateMetadata.errors)).to.be.true;
    expect(metadata.replyChannel).to.deep.equal({ idBundDeMailbox: { mailboxUuid: mailbox } });
    expect(metadata.additionalReferenceInfo).to.deep.equal({ senderReference: submission.id, applicationDate: '2026-03-04', idBundDeApplicationId: application });
    expect(metadata.additionalReferenceInfo, 'never a consent nobody was asked for').not.to.have.property('zustimmungZumDigitalenBescheid');

    // Without a login, or with a handle that is no UUID, nothing is claimed.
    expect(buildMetadata(envelope(data), 'a'.repeat(128), [])).not.to.have.property('replyChannel');
    submission.data = { ...data, authentifizierung: { vertrauensniveau: 'hoch', token: tokenFor(submission.id, { postfachHandle: 'postfach-1' }), angaben: [] } };
    const unusable = buildMetadata(submission, 'a'.repeat(128), []);
    expect(unusable).not.to.have.property('replyChannel');
    expect(validateMetadata(unusable), JSON.stringify(validateMetadata.errors)).to.be.true;
  });

  it('the schema check is not vacuous: an upper-case hash fails it', async () => {
    const metadata = buildMetadata(envelope(await validData()), 'A'.repeat(128), []);
    expect(validateMetadata(metadata)).to.be.false;
  });
});

describe('fit-connect adapter against the demo relay', () => {
  let data: Record<string, unknown>;
  before(async function () {
    // On first use the demo relay makes its key and the test root of its chain: two RSA 4096 keys.
    this.timeout(60_000);
    await fetch(`${relay}/destination`);
    data = await validData();
  });

  it('sends only ciphertext; the receiver stores exactly the envelope and the attachment', async () => {
    const { bytes, ref } = pdf();
    const sent = envelope(data, { attachments: [ref] });
    const bodies: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (typeof init?.body === 'string') bodies.push(init.body);
      return realFetch(input, init);
    };
    let reference: string;
    try {
      ({ reference } = await fitConnectAdapter({ relay, trust: await demoTrust() }).submit(sent, { files: new Map([[ref.id, new Blob([bytes], { type: 'application/pdf' })]]) }));
    } finally {
      window.fetch = realFetch;
    }
    expect(reference).to.match(/^VE-\d{4}-[A-Z0-9]{6}$/);
    expect(bodies).to.have.length(1);
    const request = JSON.parse(bodies[0]!);
    expect(Object.keys(request.attachments)).to.deep.equal([ref.id]);
    expect(bodies[0]).not.to.contain(sent.id);
    expect(bodies[0]).not.to.contain(ref.dateiname);

    expect(await (await fetch(`/api/submissions/${reference}/data`)).json()).to.deep.equal(sent);
    const file = await fetch(`/api/submissions/${reference}/attachments/${ref.id}`);
    expect(file.headers.get('Content-Type')).to.equal('application/pdf');
    expect(new Uint8Array(await file.arrayBuffer())).to.deep.equal(bytes);

    const again = await fitConnectAdapter({ relay, trust: await demoTrust() }).submit(sent, { files: new Map([[ref.id, new Blob([bytes], { type: 'application/pdf' })]]) });
    expect(again.reference).to.equal(reference);
  });

  it('reports the receiver\'s field errors as a validation failure', async () => {
    const error = await rejection(fitConnectAdapter({ relay, trust: await demoTrust() }).submit(envelope({}), { files: new Map() }));
    expect(error).to.be.instanceOf(SubmitError);
    expect((error as SubmitError).failure).to.equal('validation');
    expect((error as SubmitError).details.fieldErrors).to.not.be.empty;
  });

  it('keeps one deadline for the whole sending, not a fresh one per request', async () => {
    const error = await rejection(fitConnectAdapter({ relay, trust: await demoTrust(), deadlineMs: 1 }).submit(envelope(data), { files: new Map() }));
    expect((error as SubmitError).failure).to.equal('timeout');
  });

  describe('relay requests made by hand', () => {
    async function request(options: { tamper?: boolean; wrongHash?: boolean } = {}): Promise<Response> {
      const destination: Destination = await (await fetch(`${relay}/destination`)).json();
      const key = await importEncryptionKey(destination.publicKey);
      const kid = destination.encryptionKid;
      const sent = envelope(data);
      const plain = text.encode(JSON.stringify(sent));
      const hash = await sha512Hex(options.wrongHash ? text.encode('something else') : plain);
      let encryptedData = await encryptCompact(plain, key, kid, 'application/json');
      if (options.tamper) {
        const parts = encryptedData.split('.');
        const ciphertext = fromBase64url(parts[3]!);
        ciphertext[10]! ^= 1;
        parts[3] = base64url(ciphertext);
        encryptedData = parts.join('.');
      }
      const metadata = buildMetadata(sent, hash, []);
      const body = {
        destinationId: destination.destinationId,
        encryptedMetadata: await encryptCompact(text.encode(JSON.stringify(metadata)), key, kid, 'application/json'),
        encryptedData,
        attachments: {},
      };
      return fetch(`${relay}/submissions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': sent.id },
        body: JSON.stringify(body),
      });
    }

    it('the untouched request is stored (the control for the two below)', async () => {
      expect((await request()).status).to.equal(201);
    });

    it('refuses a tampered ciphertext', async () => {
      const response = await request({ tamper: true });
      expect(response.status).to.equal(400);
      expect((await response.json()).code).to.equal('invalid-jwe');
    });

    it('refuses data whose hash does not match the metadata', async () => {
      const response = await request({ wrongHash: true });
      expect(response.status).to.equal(422);
      expect((await response.json()).code).to.equal('hash-mismatch');
    });
  });
});
