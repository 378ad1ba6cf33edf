/**
 * The event log of a FIT-Connect case, read as a sender must (docs.fitko.de …/event-log/set-validation, read
 * 2026-12-03: "Sowohl die Prüfung der kryptografischen Vorgaben, als auch die Prüfung der kryptografischen Signatur
 * darf KEINESFALLS ausgelassen werden"). Each entry is a security event token (SET, RFC 8417) and is believed only
 * when all of this holds; otherwise it is refused (and logged), never counted:
 * - header: `typ` `secevent+jwt`, `alg` `PS512` (RSASSA-PSS, SHA-512, MGF1 SHA-512), `kid` of the signing key
 *   (FITKO docs, event log, "Header"); no other algorithm is tried;
 * - key: found by that `kid` where its issuer publishes it — the delivery service's SETs (create, submit, notify)
 *   at `/.well-known/jwks.json`, the subscriber's (accept, reject) at the destination's
 *   `/v1/destinations/{id}/keys/{kid}` with `iss` = the destination id; and the key has FIT-Connect's JWK profile
 *   (Submission API 1.1.3 `JWK`: `kty` RSA, `alg` PS512, `key_ops` ∋ `verify`, `kid` 8–64 characters, `e` AQAB, a
 *   modulus of at least 4096 bits, `x5c` with at least one certificate) and its first certificate holds this very
 *   key (RFC 7517 §4.7: "MUST match");
 * - signature valid over header and payload;
 * - payload (set-payload schema 1.x): `iss`, `iat`, `jti` (UUID), `sub` = `submission:<this submission>`, `txn` =
 *   `case:<this case>`, and exactly one event.
 * Whether FITKO also wants the delivery service's `x5c` chained to the Verwaltungs-PKI is not stated in anything
 * found (its keys come over TLS from the Submission API itself); the relay does not check a chain for them.
 */
import { X509Certificate, constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { SubmissionApiError, type SubmissionApi } from './submission-api.js';

export const EVENTS = 'https://schema.fitko.de/fit-connect/events/';
/** Events the subscriber (the authority's system) issues and signs; the delivery service issues the others. */
const SUBSCRIBER_EVENTS = new Set(['accept-submission', 'reject-submission']);
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const MIN_MODULUS_BITS = 4096;

/** The JWEs' authentication tags (their fifth segment), as the submit and accept events list them. */
export interface AuthenticationTags {
  metadata?: string;
  data?: string;
  attachments: Record<string, string>;
}

/** A SET that passed every check: its event's short name (e.g. `submit-submission`) and that event's payload. */
export interface VerifiedEvent {
  event: string;
  payload: Record<string, unknown>;
  issuedAt: number;
}

export class SetRefusal extends Error {}

export interface SigningJwk {
  kty?: unknown;
  alg?: unknown;
  key_ops?: unknown;
  kid?: unknown;
  n?: unknown;
  e?: unknown;
  x5c?: unknown;
}

/** The key, when `jwk` is a FIT-Connect SET signing key (see the module comment); otherwise a SetRefusal says why. */
export function signingKey(jwk: SigningJwk): KeyObject {
  if (jwk.kty !== 'RSA' || jwk.alg !== 'PS512') throw new SetRefusal('the signing key is not an RSA key for PS512');
  if (!Array.isArray(jwk.key_ops) || !jwk.key_ops.includes('verify')) throw new SetRefusal('the signing key is not for verify');
  if (typeof jwk.kid !== 'string' || jwk.kid.length < 8 || jwk.kid.length > 64) throw new SetRefusal('the signing key has no kid of 8 to 64 characters');
  if (jwk.e !== 'AQAB' || typeof jwk.n !== 'string') throw new SetRefusal('the signing key has no modulus or another exponent than AQAB');
  const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_MODULUS_BITS) throw new SetRefusal(`the signing key has ${bits} bits, fewer than ${MIN_MODULUS_BITS}`);
  if (!Array.isArray(jwk.x5c) || jwk.x5c.length === 0 || typeof jwk.x5c[0] !== 'string') throw new SetRefusal('the signing key has no certificate (x5c)');
  let certified: KeyObject;
  try {
    certified = new X509Certificate(Buffer.from(jwk.x5c[0], 'base64')).publicKey;
  } catch {
    throw new SetRefusal('the signing key\'s first x5c entry is not a certificate');
  }
  const inCertificate = certified.export({ format: 'jwk' });
  if (inCertificate.n !== jwk.n || inCertificate.e !== jwk.e) throw new SetRefusal('the signing key is not the key of its certificate (x5c)');
  return key;
}

const decode = (part: string): Record<string, any> => {
  const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SetRefusal('a SET part is not a JSON object');
  return value;
};

/** Where a SET's key comes from: its issuer's published keys, by `kid`. */
export interface SetKeys {
  /** The delivery service's keys (`/.well-known/jwks.json`). */
  deliveryService(kid: string): Promise<SigningJwk | undefined>;
  /** The destination's key `kid` (`/v1/destinations/{id}/keys/{kid}`). */
  destination(kid: string): Promise<SigningJwk | undefined>;
}

/** One SET, checked for `submissionId` in `caseId` of `destinationId`; a SetRefusal says what broke. */
export async function verifySet(
  token: string,
  keys: SetKeys,
  expected: { submissionId: string; caseId: string; destinationId: string },
): Promise<VerifiedEvent> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new SetRefusal('not a compact JWS');
  const [encodedHeader, encodedPayload, signature] = parts as [string, string, string];
  let header: Record<string, any>;
  let claims: Record<string, any>;
  try {
    header = decode(encodedHeader);
    claims = decode(encodedPayload);
  } catch (error) {
    throw error instanceof SetRefusal ? error : new SetRefusal('a SET part is not base64url JSON');
  }
  if (header.typ !== 'secevent+jwt') throw new SetRefusal(`typ ${String(header.typ)}, not secevent+jwt`);
  if (header.alg !== 'PS512') throw new SetRefusal(`alg ${String(header.alg)}, not PS512`);
  if (typeof header.kid !== 'string') throw new SetRefusal('no kid');
  const events = typeof claims.events === 'object' && claims.events !== null ? Object.keys(claims.events) : [];
  if (events.length !== 1 || !events[0]!.startsWith(EVENTS)) throw new SetRefusal('not exactly one FIT-Connect event');
  const event = events[0]!.slice(EVENTS.length);
  const bySubscriber = SUBSCRIBER_EVENTS.has(event);
  const jwk = await (bySubscriber ? keys.destination(header.kid) : keys.deliveryService(header.kid));
  if (!jwk) throw new SetRefusal(`no ${bySubscriber ? 'destination' : 'delivery service'} key with kid ${header.kid}`);
  if (jwk.kid !== header.kid) throw new SetRefusal('the key found has another kid');
  const key = signingKey(jwk);
  const signed = Buffer.from(`${encodedHeader}.${encodedPayload}`);
  const pss = { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 };
  if (!verify('sha512', signed, pss, Buffer.from(signature, 'base64url'))) throw new SetRefusal('the signature does not verify');
  if (typeof claims.iss !== 'string' || !Number.isInteger(claims.iat) || typeof claims.jti !== 'string' || !new RegExp(`^${UUID}$`).test(claims.jti)) {
    throw new SetRefusal('iss, iat or jti missing');
  }
  if (claims.sub !== `submission:${expected.submissionId}`) throw new SetRefusal('a SET of another submission');
  if (claims.txn !== `case:${expected.caseId}`) throw new SetRefusal('a SET of another case');
  if (bySubscriber && claims.iss !== expected.destinationId) throw new SetRefusal('a subscriber SET not issued by the destination');
  const payload = claims.events[events[0]!];
  return { event, payload: typeof payload === 'object' && payload !== null ? payload : {}, issuedAt: claims.iat };
}

/**
 * The case's event log for one submission, every SET checked (verifySet); those refused are left out and logged,
 * so a forged or broken token never counts. Keys are fetched once per log read.
 */
export async function readEvents(
  api: SubmissionApi,
  expected: { submissionId: string; caseId: string; destinationId: string },
  log: (entry: Record<string, unknown>) => void,
): Promise<VerifiedEvent[]> {
  const tokens = await api.eventLog(expected.caseId);
  let jwks: Promise<SigningJwk[]> | undefined;
  const destinationKeys = new Map<string, Promise<SigningJwk | undefined>>();
  const keys: SetKeys = {
    deliveryService: async (kid) => (await (jwks ??= api.deliveryServiceKeys())).find((key) => key.kid === kid),
    destination: (kid) => {
      if (!destinationKeys.has(kid)) {
        // No such key (404) is an unknown kid; no answer is no answer, not a refusal of the SET.
        const found = api.destinationKey(expected.destinationId, kid).catch((error: unknown) => {
          if (error instanceof SubmissionApiError && error.status === 404) return undefined;
          throw error;
        });
        destinationKeys.set(kid, found);
      }
      return destinationKeys.get(kid)!;
    },
  };
  const verified: VerifiedEvent[] = [];
  for (const token of tokens) {
    try {
      verified.push(await verifySet(token, keys, expected));
    } catch (error) {
      if (!(error instanceof SetRefusal)) throw error;
      log({ event: 'set-refused', caseId: expected.caseId, reason: error.message });
    }
  }
  return verified;
}

/** Whether `tags` (from a submit or accept event) name exactly the JWEs the relay forwarded. */
export function sameTags(tags: unknown, forwarded: AuthenticationTags): boolean {
  const given = tags as Partial<AuthenticationTags> | undefined;
  if (!given || given.metadata !== forwarded.metadata || given.data !== forwarded.data) return false;
  const attachments = given.attachments ?? {};
  const ids = Object.keys(forwarded.attachments);
  return Object.keys(attachments).length === ids.length && ids.every((id) => attachments[id] === forwarded.attachments[id]);
}
