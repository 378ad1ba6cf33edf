/**
 * The FIT-Connect adapter: the submission is encrypted in the browser for the destination's public key and
 * only ciphertext leaves it (shared/domain/fit-connect.md §8). The relay (the authority's back end for front
 * end) holds the OAuth client credentials and makes the real Submission API calls (create → upload
 * attachments → submit, §4), passing the JWEs through without being able to read them.
 *
 * The relay hands over the destination key, but it is not trusted to choose it: before anything is encrypted,
 * the key must pass FIT-Connect's JWK profile and `trust` (key-trust.ts) — its `x5c` chain leads to a trust
 * anchor the page configures, or its thumbprint is pinned there. A key that does not is refused with the
 * failure `untrusted-key`, and nothing is sent.
 *
 * What goes where (shared/domain/fit-connect.md §5): the data JWE holds the service's Fachdaten (the envelope's
 * `data`) exactly as the published schema of the service defines it, named in the metadata by that schema's
 * versioned `$id` (`fachdatenSchemaUri`). The envelope's other facts go where metadata 2.1.0 has a place for them:
 * `id` → `additionalReferenceInfo.senderReference`, the creation date → `applicationDate`, the attachment
 * references → `contentStructure.attachments`; locale, creation time and the office the page names have none, so
 * they travel as one `dataSets` entry of schemas/fit-connect/kontext.schema.json. The service (and route) reaches
 * FIT-Connect as `serviceType` of the create call, which the relay chooses from its configuration.
 *
 * Relay contract (server/relay/relay.ts): the service, route and region travel in clear, as FIT-Connect's
 * `serviceType` and the destination's regions do, so the relay can choose the authority's destination and the LeiKa
 * service type. The region is the envelope's `authority` (the element's attribute): one relay may serve several
 * authorities, each by its Amtlicher Regionalschlüssel.
 *   GET  {relay}/destination?service=…[&route=…][&region=…]
 *                              → { destinationId, encryptionKid, publicKey (JWK with x5c), metadataVersions?, submissionSchemas }
 *   POST {relay}/submissions   { service, route?, region?, destinationId, encryptedMetadata, encryptedData, attachments: { [id]: JWE } },
 *                              `Idempotency-Key: <envelope id>` → a receipt { reference, receivedAt? }
 * A relay refusal that says this service does not go to this authority this way (`NOT_OFFERED`) is the failure
 * `service-not-offered`, as when `submissionSchemas` lacks the service's schema in the form's version.
 *
 * No automatic retries: every attempt encrypts afresh, and the relay stores a repeated envelope id once, so
 * the form's own "send again" is the retry.
 */
import { SubmitError, type Adapter, type Receipt, type Submission, type SubmitOptions } from './adapter.js';
import { answerError, fetchWithin, readJson, sendingDeadline } from './http.js';
import { encryptCompact, importEncryptionKey, sha512Hex, type EncryptionJwk } from './jwe.js';
import { verifyDestinationKey, type KeyTrust } from './key-trust.js';
import { parseReceipt } from './receipt.js';
import { unverifiedClaims } from '../services/common/identity-token.js';

export interface FitConnectAdapterOptions {
  /** Base URL of the relay, without a trailing slash. */
  relay: string;
  /** What makes the destination key trusted; without anchors or thumbprints no key is. */
  trust: KeyTrust;
  /** Whether the authority wants the identity token as an identification report in `dataSets` (`config.onlineAbgabe.identifikationsbericht`). */
  identificationReport?: boolean;
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
  /** The Fachdaten schemas the destination accepts for this service (from its `services[].submissionSchemas`). */
  submissionSchemas: { schemaUri: string; mimeType: string }[];
}

/** What the relay needs to choose the destination and the LeiKa service type; never personal data. */
type ServiceRoute = { service: string; route?: string; region?: string };

/** Relay refusals (`code`) that mean: this service is not taken for this authority this way; nothing was sent. */
const NOT_OFFERED = ['service-not-offered', 'unknown-service', 'unknown-region', 'region-missing', 'region-not-offered'];

/** A relay answer that is not ok as a SubmitError: `service-not-offered` for NOT_OFFERED, else as any receiver's. */
async function relayError(response: Response): Promise<SubmitError> {
  const problem = (await response.clone().json().catch(() => undefined)) as { code?: unknown; message?: unknown } | undefined;
  if (NOT_OFFERED.includes(problem?.code as string)) {
    const message = typeof problem!.message === 'string' ? problem!.message : 'The relay does not take this service for this authority.';
    return new SubmitError('service-not-offered', message, { status: response.status });
  }
  return answerError(response);
}

const METADATA_VERSION = '2.1.0';
export const METADATA_SCHEMA = `https://schema.fitko.de/fit-connect/metadata/${METADATA_VERSION}/metadata.schema.json`;
/** The published `$id` of schemas/fit-connect/kontext.schema.json: the dataSets entry with locale, creation time, office. */
export const KONTEXT_SCHEMA = 'https://efa-forms.de/schemas/fit-connect/kontext-1.0.0.schema.json';
/** The published `$id` of schemas/fit-connect/identitaetsnachweis.schema.json: the dataSets entry with the portal's identity token. */
export const IDENTITY_REPORT_SCHEMA = 'https://efa-forms.de/schemas/fit-connect/identitaetsnachweis-1.0.0.schema.json';

/**
 * The `$id` of the published schema of `service`'s Fachdaten in `schemaVersion` (schemas/<service>.schema.json):
 * the URI a destination offers and the metadata names. Versioned, so a subscriber tells versions apart.
 */
export function fachdatenSchemaUri(service: string, schemaVersion: string): string {
  return `https://efa-forms.de/schemas/${service}-${schemaVersion}.schema.json`;
}

/** The dataSets entry's content: the envelope facts metadata 2.1.0 has no field for, as JSON text. */
export function kontextOf(submission: Submission): string {
  const { locale, createdAt, authority } = submission;
  return JSON.stringify({ locale, createdAt, ...(authority ? { authority } : {}) });
}

const sha512 = (content: string) => ({ type: 'sha512' as const, content });

export interface AttachmentDigest {
  id: string;
  filename: string;
  mimeType: string;
  hash: string;
}

/** The portal's identity token the submission records (`authentifizierung.token`), if it records one. */
export function identityTokenOf(submission: Submission): string | undefined {
  const token = (submission.data as { authentifizierung?: { token?: unknown } }).authentifizierung?.token;
  return typeof token === 'string' ? token : undefined;
}

/**
 * The hash of the Fachdaten bytes, and the kontext text (`kontextOf`) with the hash of its UTF-8 bytes (lowercase
 * hex); where the authority wants the identification report, the identity token (`identityTokenOf`) the same way.
 */
export interface Contents {
  dataHash: string;
  kontext: { text: string; hash: string };
  identificationReport?: { token: string; hash: string };
}

/** What the consent question (`zustimmungZumDigitalenBescheid` of the Fachdaten) answered, if it was answered. */
function digitalDecisionConsent(submission: Submission): boolean | undefined {
  const answer = (submission.data as { zustimmungZumDigitalenBescheid?: unknown }).zustimmungZumDigitalenBescheid;
  return typeof answer === 'boolean' ? answer : undefined;
}

/**
 * FIT-Connect metadata 2.1.0 for a submission with these contents. From a DeutschlandID login (the
 * identity token in `authentifizierung`, which the receiver verifies) it names the citizen's mailbox as the reply
 * channel and the application id for the DeutschlandID status monitor. The citizen's answer to the question whether
 * the decision may be delivered to that mailbox goes to `zustimmungZumDigitalenBescheid`, a refusal as `false`;
 * a question not answered (or never asked) leaves the field out. The identity token itself goes to `dataSets` as
 * the identification report when `contents` carries it.
 */
export function buildMetadata(submission: Submission, { dataHash, kontext, identificationReport }: Contents, attachments: readonly AttachmentDigest[]) {
  const identity = unverifiedClaims(identityTokenOf(submission))?.angaben;
  const uuid = (value: unknown) => (typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value : undefined);
  const mailboxUuid = uuid(identity?.postfachHandle);
  const idBundDeApplicationId = uuid(identity?.antragsId);
  const zustimmungZumDigitalenBescheid = digitalDecisionConsent(submission);
  return {
    $schema: METADATA_SCHEMA,
    contentStructure: {
      data: {
        hash: sha512(dataHash),
        submissionSchema: { schemaUri: fachdatenSchemaUri(submission.service, submission.schemaVersion), mimeType: 'application/json' },
      },
      attachments: attachments.map((a) => ({
        hash: sha512(a.hash),
        purpose: 'attachment',
        filename: a.filename,
        mimeType: a.mimeType,
        attachmentId: a.id,
      })),
    },
    ...(mailboxUuid ? { replyChannel: { idBundDeMailbox: { mailboxUuid } } } : {}),
    additionalReferenceInfo: {
      senderReference: submission.id,
      applicationDate: submission.createdAt.slice(0, 10),
      ...(idBundDeApplicationId ? { idBundDeApplicationId } : {}),
      ...(zustimmungZumDigitalenBescheid !== undefined ? { zustimmungZumDigitalenBescheid } : {}),
    },
    dataSets: [
      {
        dataSetId: crypto.randomUUID(),
        schema: { schemaUri: KONTEXT_SCHEMA, mimeType: 'application/json' },
        hash: sha512(kontext.hash),
        description: 'Sprache, Zeitpunkt und Behörde der Einreichung (efa-forms)',
        content: kontext.text,
      },
      ...(identificationReport
        ? [
            {
              dataSetId: crypto.randomUUID(),
              schema: { schemaUri: IDENTITY_REPORT_SCHEMA, mimeType: 'application/jose' },
              hash: sha512(identificationReport.hash),
              description: 'Identitätsnachweis des Portals: das signierte Token der Anmeldung für diese Einreichung (efa-forms)',
              content: identificationReport.token,
            },
          ]
        : []),
    ],
    author: { name: 'efa-forms', product: { name: 'efa-forms', version: '0.1.0', manufacturer: 'efa-forms contributors' } },
  };
}

function isDestination(value: unknown): value is Destination {
  const d = value as Partial<Destination> | undefined;
  return (
    typeof d?.destinationId === 'string' &&
    typeof d.encryptionKid === 'string' &&
    typeof d.publicKey === 'object' &&
    d.publicKey !== null &&
    Array.isArray(d.submissionSchemas)
  );
}

export function fitConnectAdapter(options: FitConnectAdapterOptions): Adapter {
  const { relay, trust, identificationReport = false, deadlineMs = 45_000, timeoutMs = 30_000 } = options;
  const json = new TextEncoder();

  async function destination(service: ServiceRoute, timeout: number, signal?: AbortSignal): Promise<Destination> {
    const query = new URLSearchParams(service);
    const response = await fetchWithin(`${relay}/destination?${query}`, { headers: { Accept: 'application/json' } }, timeout, signal);
    if (!response.ok) throw await relayError(response);
    const answer = await readJson(response);
    if (!isDestination(answer)) throw new SubmitError('server', 'The relay described the destination in an unknown form.');
    if (answer.publicKey.kid !== answer.encryptionKid) {
      throw new SubmitError('untrusted-key', 'The destination key does not match its encryptionKid.');
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
      const route = (submission.data as { route?: unknown }).route;
      const service: ServiceRoute = {
        service: submission.service,
        ...(typeof route === 'string' ? { route } : {}),
        ...(submission.authority ? { region: submission.authority } : {}),
      };
      const target = await destination(service, Math.min(timeoutMs, left()), signal);
      let key: CryptoKey;
      try {
        key = await importEncryptionKey(target.publicKey);
        await verifyDestinationKey(target.publicKey, trust);
      } catch (cause) {
        throw new SubmitError('untrusted-key', (cause as Error).message, { cause });
      }
      // FITKO's SDKs check this before creating a submission (planning#871): a schema not offered is never sent.
      // After the key: what an untrusted answer says the destination offers is not believed either.
      const schemaUri = fachdatenSchemaUri(submission.service, submission.schemaVersion);
      if (!target.submissionSchemas.some((s) => s.schemaUri === schemaUri && s.mimeType === 'application/json')) {
        throw new SubmitError('service-not-offered', `The destination does not accept Fachdaten of schema ${schemaUri}.`);
      }
      const kid = target.encryptionKid;

      // Serialized once: the hash and the ciphertext must cover the very same bytes (§6).
      const data = json.encode(JSON.stringify(submission.data));
      const digests: AttachmentDigest[] = [];
      const encryptedAttachments: Record<string, string> = {};
      for (const ref of submission.attachments) {
        const file = files.get(ref.id);
        if (!file) throw new SubmitError('rejected', `Attachment ${ref.id} is announced but missing.`);
        const bytes = new Uint8Array(await file.arrayBuffer());
        digests.push({ id: ref.id, filename: ref.dateiname, mimeType: ref.mimeType, hash: await sha512Hex(bytes) });
        encryptedAttachments[ref.id] = await encryptCompact(bytes, key, kid, ref.mimeType);
      }
      const kontext = kontextOf(submission);
      const token = identificationReport ? identityTokenOf(submission) : undefined;
      const contents: Contents = {
        dataHash: await sha512Hex(data),
        kontext: { text: kontext, hash: await sha512Hex(json.encode(kontext)) },
        ...(token ? { identificationReport: { token, hash: await sha512Hex(json.encode(token)) } } : {}),
      };
      const metadata = buildMetadata(submission, contents, digests);
      const body = JSON.stringify({
        ...service,
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
      if (!response.ok) throw await relayError(response);
      return parseReceipt(await readJson(response));
    },
  };
}
