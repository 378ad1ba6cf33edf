/**
 * The demo FIT-Connect relay, playing the relay and the receiving authority at once: it publishes a
 * destination with a test encryption key and opens what the browser's `fit-connect` adapter sent.
 * A real relay would only pass the JWEs on to the Submission API (shared/domain/fit-connect.md §4) and the
 * authority's subscriber would do the opening; here both happen in one place so the demo shows the whole way.
 *
 * The key pair (RSA 4096, RSA-OAEP with SHA-256) is created on first use and kept in
 * `<dataDir>/fit-connect-key.json`, so submissions stay readable across restarts. It is a test key: no
 * certificate chain (`x5c`), never for real data.
 */
import { createHash, randomUUID, webcrypto } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './storage.js';

const { subtle } = webcrypto;
const RSA_OAEP_256 = { name: 'RSA-OAEP', hash: 'SHA-256' };
/** A fixed demo destination, as a real one would be configured once per authority. */
export const DESTINATION_ID = '6b0c5a4e-2f1d-4c8a-9e3b-7d5f1a2c4e60';
export const SUBMISSION_SCHEMA = 'https://efa-forms.de/schemas/submission.schema.json';
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * @typedef {{ id: string, filename: string | undefined, mimeType: string, bytes: Uint8Array<ArrayBuffer> }} OpenedFile
 * @typedef {{ hash?: { type?: unknown, content?: unknown }, attachmentId?: unknown, mimeType?: unknown, filename?: unknown }} Part
 */

/** A refusal, with the HTTP status, a stable code and a German message (the receiver answers with them). */
export class RelayError extends Error {
  /** @param {number} status @param {string} code @param {string} message */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const malformed = () =>
  new RelayError(400, 'invalid-jwe', 'Ein Teil der Einreichung ist kein gültiges JWE oder ließ sich nicht entschlüsseln. Bitte senden Sie die Einreichung erneut.');

/** @param {string} text */
function decode(text) {
  if (!BASE64URL.test(text)) throw malformed();
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

/** @param {unknown} value @returns {value is Record<string, any>} */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {string} dataDir */
export function createFitConnectRelay(dataDir) {
  const keyPath = join(dataDir, 'fit-connect-key.json');
  /** @type {Promise<{ publicJwk: import('node:crypto').webcrypto.JsonWebKey & { kid: string }, privateKey: import('node:crypto').webcrypto.CryptoKey }> | undefined} */
  let keys;

  async function loadOrCreate() {
    let stored;
    try {
      stored = JSON.parse(await readFile(keyPath, 'utf8'));
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
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
      await mkdir(dataDir, { recursive: true });
      await writeFileAtomic(keyPath, `${JSON.stringify(stored, null, 2)}\n`);
    }
    const { key_ops: _ops, use: _use, ext: _ext, kid: _kid, ...privateJwk } = stored.privateJwk;
    const privateKey = await subtle.importKey('jwk', privateJwk, RSA_OAEP_256, false, ['decrypt']);
    return { publicJwk: stored.publicJwk, privateKey };
  }

  function ready() {
    keys ??= loadOrCreate().catch((error) => {
      keys = undefined;
      throw error;
    });
    return keys;
  }

  /**
   * Opens one compact JWE of our profile (RSA-OAEP-256 + A256GCM, our kid).
   * @param {unknown} jwe
   * @returns {Promise<Uint8Array<ArrayBuffer>>}
   */
  async function decrypt(jwe) {
    const { publicJwk, privateKey } = await ready();
    if (typeof jwe !== 'string') throw malformed();
    const parts = jwe.split('.');
    if (parts.length !== 5) throw malformed();
    const [header, wrapped, iv, ciphertext, tag] = parts.map(decode);
    let protectedHeader;
    try {
      protectedHeader = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(header));
    } catch {
      throw malformed();
    }
    if (!isObject(protectedHeader) || protectedHeader.alg !== 'RSA-OAEP-256' || protectedHeader.enc !== 'A256GCM' || 'zip' in protectedHeader) {
      throw malformed();
    }
    if (protectedHeader.kid !== publicJwk.kid) {
      throw new RelayError(400, 'unknown-key', 'Die Einreichung ist für einen anderen Schlüssel verschlüsselt. Bitte laden Sie das Formular neu und senden Sie erneut.');
    }
    if (iv.length !== 12 || tag.length !== 16) throw malformed();
    try {
      const cek = await subtle.decrypt({ name: 'RSA-OAEP' }, privateKey, wrapped);
      const aesKey = await subtle.importKey('raw', cek, 'AES-GCM', false, ['decrypt']);
      const sealed = new Uint8Array(ciphertext.length + tag.length);
      sealed.set(ciphertext);
      sealed.set(tag, ciphertext.length);
      const aad = new TextEncoder().encode(/** @type {string} */ (jwe.split('.', 1)[0]));
      return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, aesKey, sealed));
    } catch {
      throw malformed();
    }
  }

  /** @param {Part} part @param {Uint8Array} bytes */
  function checkHash(part, bytes) {
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
      return { destinationId: DESTINATION_ID, encryptionKid: publicJwk.kid, publicKey: publicJwk, metadataVersions: ['2.1.0'] };
    },

    /**
     * Decrypts metadata, Fachdaten and attachments of a relay request and checks every hash.
     * @param {unknown} body the parsed request body
     * @returns {Promise<{ data: Uint8Array<ArrayBuffer>, files: OpenedFile[] }>}
     */
    async open(body) {
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

      /** @type {Part[]} */
      const described = content.attachments;
      const sent = /** @type {Record<string, unknown>} */ (body.attachments ?? {});
      const ids = described.map((a) => a.attachmentId);
      if (ids.length !== Object.keys(sent).length || !ids.every((id) => typeof id === 'string' && Object.hasOwn(sent, id))) {
        throw new RelayError(
          422,
          'attachments-mismatch',
          'Die verschlüsselten Anlagen passen nicht zu den Anlagen in den Metadaten. Bitte senden Sie die Einreichung erneut.',
        );
      }
      /** @type {OpenedFile[]} */
      const files = [];
      for (const part of described) {
        const id = /** @type {string} */ (part.attachmentId);
        const bytes = await decrypt(sent[id]);
        checkHash(part, bytes);
        if (typeof part.mimeType !== 'string') throw invalidMetadata();
        files.push({ id, filename: typeof part.filename === 'string' ? part.filename : undefined, mimeType: part.mimeType, bytes });
      }
      return { data, files };
    },
  };
}
