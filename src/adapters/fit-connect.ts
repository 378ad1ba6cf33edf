/**
 * The FIT-Connect adapter: the submission is encrypted in the browser for the destination's public key and
 * only ciphertext leaves it (shared/domain/fit-connect.md §8). The relay (the authority's back end for front
 * end) holds the OAuth client credentials and makes the real Submission API calls (create → upload
 * attachments → submit, §4), passing the JWEs through without being able to read them; it also validates the
 * key's certificate chain (§3), which this adapter re-checks only in its JWK profile.
 *
 * Relay contract:
 *   GET  {relay}/destination   → { destinationId, encryptionKid, publicKey (JWK), metadataVersions? }
 *   POST {relay}/submissions   { destinationId, encryptedMetadata, encryptedData, attachments: { [id]: JWE } },
 *                              `Idempotency-Key: <envelope id>` → a receipt { reference, receivedAt? }
 *
 * No automatic retries: every attempt encrypts afresh, and the relay stores a repeated envelope id once, so
 * the form's own "send again" is the retry.
 */
import { SubmitError, type Adapter, type Receipt, type Submission, type SubmitOptions } from './adapter.js';
import { answerError, fetchWithin, readJson, sendingDeadline } from './http.js';
import { encryptCompact, importEncryptionKey, sha512Hex, type EncryptionJwk } from './jwe.js';
import { parseReceipt } from './receipt.js';

export interface FitConnectAdapterOptions {
  /** Base URL of the relay, without a trailing slash. */
  relay: string;
  /** For the whole sending, both requests included (default 45 s, plus upload time for attachments). */
  deadlineMs?: number;
  /** Per request, within the deadline. */
  timeoutMs?: number;
}

interface Destination {
  destinationId: string;
  encryptionKid: string;
  publicKey: EncryptionJwk;
  metadataVersions?: string[];
}

const METADATA_VERSION = '2.1.0';
export const METADATA_SCHEMA = `https://schema.fitko.de/fit-connect/metadata/${METADATA_VERSION}/metadata.schema.json`;
/** The Fachdaten are our whole envelope; its `data` validates against the schema its `service` names. */
export const SUBMISSION_SCHEMA = 'https://efa-forms.de/schemas/submission.schema.json';

const sha512 = (content: string) => ({ type: 'sha512' as const, content });

export interface AttachmentDigest {
  id: string;
  filename: string;
  mimeType: string;
  hash: string;
}

/** FIT-Connect metadata 2.1.0 for a submission whose Fachdaten hash to `dataHash`. */
export function buildMetadata(submission: Submission, dataHash: string, attachments: readonly AttachmentDigest[]) {
  return {
    $schema: METADATA_SCHEMA,
    contentStructure: {
      data: {
        hash: sha512(dataHash),
        submissionSchema: { schemaUri: SUBMISSION_SCHEMA, mimeType: 'application/json' },
      },
      attachments: attachments.map((a) => ({
        hash: sha512(a.hash),
        purpose: 'attachment',
        filename: a.filename,
        mimeType: a.mimeType,
        attachmentId: a.id,
      })),
    },
    additionalReferenceInfo: { senderReference: submission.id, applicationDate: submission.createdAt.slice(0, 10) },
    author: { name: 'efa-forms', product: { name: 'efa-forms', version: '0.1.0', manufacturer: 'efa-forms contributors' } },
  };
}

function isDestination(value: unknown): value is Destination {
  const d = value as Partial<Destination> | undefined;
  return (
    typeof d?.destinationId === 'string' &&
    typeof d.encryptionKid === 'string' &&
    typeof d.publicKey === 'object' &&
    d.publicKey !== null
  );
}

export function fitConnectAdapter(options: FitConnectAdapterOptions): Adapter {
  const { relay, deadlineMs = 45_000, timeoutMs = 30_000 } = options;
  const json = new TextEncoder();

  async function destination(timeout: number, signal?: AbortSignal): Promise<Destination> {
    const response = await fetchWithin(`${relay}/destination`, { headers: { Accept: 'application/json' } }, timeout, signal);
    if (!response.ok) throw await answerError(response);
    const answer = await readJson(response);
    if (!isDestination(answer)) throw new SubmitError('server', 'The relay described the destination in an unknown form.');
    if (answer.publicKey.kid !== answer.encryptionKid) {
      throw new SubmitError('server', 'The destination key does not match its encryptionKid.');
    }
    if (answer.metadataVersions && !answer.metadataVersions.includes(METADATA_VERSION)) {
      throw new SubmitError('server', `The destination does not accept metadata ${METADATA_VERSION}.`);
    }
    return answer;
  }

  return {
    async submit(submission: Submission, { signal, files }: SubmitOptions): Promise<Receipt> {
      if (!globalThis.crypto?.subtle) {
        throw new SubmitError(
          'insecure-context',
          'FIT-Connect encrypts in the browser with WebCrypto (crypto.subtle), which browsers offer only on HTTPS pages; this page is served without HTTPS.',
        );
      }
      const { uploadMs, left } = sendingDeadline(deadlineMs, submission, files);
      const target = await destination(Math.min(timeoutMs, left()), signal);
      let key: CryptoKey;
      try {
        key = await importEncryptionKey(target.publicKey);
      } catch (cause) {
        throw new SubmitError('server', (cause as Error).message, { cause });
      }
      const kid = target.encryptionKid;

      // Serialized once: the hash and the ciphertext must cover the very same bytes (§6).
      const data = json.encode(JSON.stringify(submission));
      const digests: AttachmentDigest[] = [];
      const encryptedAttachments: Record<string, string> = {};
      for (const ref of submission.attachments) {
        const file = files.get(ref.id);
        if (!file) throw new SubmitError('rejected', `Attachment ${ref.id} is announced but missing.`);
        const bytes = new Uint8Array(await file.arrayBuffer());
        digests.push({ id: ref.id, filename: ref.dateiname, mimeType: ref.mimeType, hash: await sha512Hex(bytes) });
        encryptedAttachments[ref.id] = await encryptCompact(bytes, key, kid, ref.mimeType);
      }
      const metadata = buildMetadata(submission, await sha512Hex(data), digests);
      const body = JSON.stringify({
        destinationId: target.destinationId,
        encryptedMetadata: await encryptCompact(json.encode(JSON.stringify(metadata)), key, kid, 'application/json'),
        encryptedData: await encryptCompact(data, key, kid, 'application/json'),
        attachments: encryptedAttachments,
      });
      if (signal?.aborted) throw new SubmitError('aborted', 'Sending was cancelled.');

      const response = await fetchWithin(
        `${relay}/submissions`,
        {
          method: 'POST',
          body,
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': submission.id },
        },
        Math.min(Math.round(timeoutMs + uploadMs), left()),
        signal,
      );
      if (!response.ok) throw await answerError(response);
      return parseReceipt(await readJson(response));
    },
  };
}
