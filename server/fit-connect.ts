/**
 * The demo FIT-Connect relay, playing the relay and the receiving authority at once: it publishes a
 * destination with a test encryption key and opens what the browser's `fit-connect` adapter sent.
 * A real relay would only pass the JWEs on to the Submission API (shared/domain/fit-connect.md §4) and the
 * authority's subscriber would do the opening; here both happen in one place so the demo shows the whole way.
 *
 * The key pair (RSA 4096, RSA-OAEP with SHA-256) is created on first use and kept in
 * `<dataDir>/fit-connect-key.json`, so submissions stay readable across restarts. It is a test key, never for
 * real data: its `x5c` chain leads to a test root made with it (test-pki.ts), whose private key is dropped at
 * once. The demo page trusts that root (`demoTrustAnchor`); a real page carries the Verwaltungs-PKI root.
 */
import { createHash, randomUUID, webcrypto } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decryptCompact, JweError } from './jwe.js';
import { writeFileAtomic } from './storage/fs-atomic.js';
import { createTestRoot, issueCertificate, publicKeyOfJwk, toPem } from './test-pki.js';

const { subtle } = webcrypto;
const RSA_OAEP_256 = { name: 'RSA-OAEP', hash: 'SHA-256' };
/** A fixed demo destination, as a real one would be configured once per authority. */
export const DESTINATION_ID = '6b0c5a4e-2f1d-4c8a-9e3b-7d5f1a2c4e60';
export const SUBMISSION_SCHEMA = 'https://efa-forms.de/schemas/submission.schema.json';

export interface OpenedFile {
  id: string;
  filename: string | undefined;
  mimeType: string;
  bytes: Uint8Array<ArrayBuffer>;
}
interface Part {
  hash?: { type?: unknown; content?: unknown };
  attachmentId?: unknown;
  mimeType?: unknown;
  filename?: unknown;
}
type JsonWebKey = import('node:crypto').webcrypto.JsonWebKey;
type CryptoKey = import('node:crypto').webcrypto.CryptoKey;

/** A refusal, with the HTTP status, a stable code and a German message (the receiver answers with them). */
export class RelayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const malformed = () =>
  new RelayError(400, 'invalid-jwe', 'Ein Teil der Einreichung ist kein gültiges JWE oder ließ sich nicht entschlüsseln. Bitte senden Sie die Einreichung erneut.');

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type FitConnectRelay = ReturnType<typeof createFitConnectRelay>;

export function createFitConnectRelay(dataDir: string) {
  const keyPath = join(dataDir, 'fit-connect-key.json');
  let keys: Promise<{ publicJwk: JsonWebKey & { kid: string }; privateKey: CryptoKey; trustAnchor: string }> | undefined;

  /** A test chain for the key: leaf and root; key files from before the chain get one on first use. */
  async function withTestChain(stored: { publicJwk: { n: string; e: string; x5c?: string[] }; trustAnchor?: string }) {
    const root = await createTestRoot('efa-forms Demo-Test-Root (nicht für echte Daten)');
    const leaf = issueCertificate({ subject: 'efa-forms Demo-Zustellpunkt', publicKey: publicKeyOfJwk(stored.publicJwk), issuer: root, ca: false });
    stored.publicJwk.x5c = [leaf.toString('base64'), root.certificate.toString('base64')];
    stored.trustAnchor = toPem(root.certificate);
    await mkdir(dataDir, { recursive: true });
    await writeFileAtomic(keyPath, `${JSON.stringify(stored, null, 2)}\n`);
  }

  async function loadOrCreate() {
    let stored;
    try {
      stored = JSON.parse(await readFile(keyPath, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const pair = await subtle.generateKey(
        { ...RSA_OAEP_256, modulusLength: 4096, publicExponent: new Uint8Array([1, 0, 1]) },
        true,
        ['encrypt', 'decrypt'],
      );
      const kid = randomUUID();
      const { n, e } = await subtle.exportKey('jwk', pair.publicKey);
      stored = {
        publicJwk: { kty: 'RSA', kid, alg: 'RSA-OAEP-256', key_ops: ['wrapKey'], use: 'enc', n, e },
        privateJwk: { ...(await subtle.exportKey('jwk', pair.privateKey)), kid },
      };
    }
    if (!stored.publicJwk.x5c) await withTestChain(stored);
    const { key_ops: _ops, use: _use, ext: _ext, kid: _kid, ...privateJwk } = stored.privateJwk;
    const privateKey = await subtle.importKey('jwk', privateJwk, RSA_OAEP_256, false, ['decrypt']);
    return { publicJwk: stored.publicJwk, privateKey, trustAnchor: stored.trustAnchor as string };
  }

  function ready() {
    keys ??= loadOrCreate().catch((error) => {
      keys = undefined;
      throw error;
    });
    return keys;
  }

  /** Opens one compact JWE of our profile (RSA-OAEP-256 + A256GCM, our kid). */
  async function decrypt(jwe: unknown): Promise<Uint8Array<ArrayBuffer>> {
    const { publicJwk, privateKey } = await ready();
    try {
      return await decryptCompact(jwe, privateKey, publicJwk.kid);
    } catch (error) {
      if (error instanceof JweError && error.reason === 'unknown-key') {
        throw new RelayError(400, 'unknown-key', 'Die Einreichung ist für einen anderen Schlüssel verschlüsselt. Bitte laden Sie das Formular neu und senden Sie erneut.');
      }
      throw malformed();
    }
  }

  function checkHash(part: Part, bytes: Uint8Array): void {
    if (part.hash?.type !== 'sha512' || createHash('sha512').update(bytes).digest('hex') !== part.hash.content) {
      throw new RelayError(
        422,
        'hash-mismatch',
        'Die entschlüsselten Daten passen nicht zu ihrem Hashwert in den Metadaten. Bitte senden Sie die Einreichung erneut.',
      );
    }
  }

  const invalidMetadata = () =>
    new RelayError(422, 'invalid-metadata', 'Die Metadaten der Einreichung sind unvollständig. Bitte senden Sie die Einreichung erneut.');

  return {
    async destination() {
      const { publicJwk } = await ready();
      return {
        destinationId: DESTINATION_ID,
        encryptionKid: publicJwk.kid,
        publicKey: publicJwk,
        metadataVersions: ['2.1.0'],
        submissionSchemas: [{ schemaUri: SUBMISSION_SCHEMA, mimeType: 'application/json' }],
      };
    },

    /** The test root the demo key's chain leads to, as PEM: what the demo page configures as its trust anchor. */
    async demoTrustAnchor() {
      return (await ready()).trustAnchor;
    },

    /** Decrypts metadata, Fachdaten and attachments of a relay request (the parsed body) and checks every hash. */
    async open(body: unknown): Promise<{ data: Uint8Array<ArrayBuffer>; files: OpenedFile[] }> {
      if (!isObject(body) || !isObject(body.attachments ?? {})) throw malformed();
      if (body.destinationId !== DESTINATION_ID) {
        throw new RelayError(422, 'unknown-destination', 'Diesen Zustellpunkt gibt es hier nicht. Bitte laden Sie das Formular neu und senden Sie erneut.');
      }
      let metadata;
      try {
        metadata = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await decrypt(body.encryptedMetadata)));
      } catch (error) {
        if (error instanceof RelayError) throw error;
        throw invalidMetadata();
      }
      const content = isObject(metadata) ? metadata.contentStructure : undefined;
      if (!isObject(content) || !isObject(content.data) || !Array.isArray(content.attachments) || !content.attachments.every(isObject)) {
        throw invalidMetadata();
      }
      if (content.data.submissionSchema?.schemaUri !== SUBMISSION_SCHEMA || content.data.submissionSchema?.mimeType !== 'application/json') {
        throw new RelayError(422, 'unsupported-schema', 'Dieses Datenformat kann hier nicht angenommen werden. Erwartet wird eine efa-forms-Einreichung als JSON.');
      }
      const data = await decrypt(body.encryptedData);
      checkHash(content.data, data);

      const described: Part[] = content.attachments;
      const sent: Record<string, unknown> = body.attachments ?? {};
      const ids = described.map((a) => a.attachmentId);
      if (ids.length !== Object.keys(sent).length || !ids.every((id) => typeof id === 'string' && Object.hasOwn(sent, id))) {
        throw new RelayError(
          422,
          'attachments-mismatch',
          'Die verschlüsselten Anlagen passen nicht zu den Anlagen in den Metadaten. Bitte senden Sie die Einreichung erneut.',
        );
      }
      const files: OpenedFile[] = [];
      for (const part of described) {
        const id = part.attachmentId as string;
        const bytes = await decrypt(sent[id]);
        checkHash(part, bytes);
        if (typeof part.mimeType !== 'string') throw invalidMetadata();
        files.push({ id, filename: typeof part.filename === 'string' ? part.filename : undefined, mimeType: part.mimeType, bytes });
      }
      return { data, files };
    },
  };
}
