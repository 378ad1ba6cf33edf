/**
 * The receiver's check of an authenticated identity (issue 10; the contract is src/services/common/identity.ts).
 * A submission whose `data.authentifizierung` says a portal identified the person is taken only when
 * the portal's token (a compact JWS, `IdentityTokenClaims`) proves it for exactly this submission:
 *   - signature against the portal's published keys (JWKS), `iss`, `aud`, `exp` (at most 15 minutes after `iat`),
 *   - `nonce` = the submission's id (a token is good for one submission),
 *   - `vertrauensniveau` = the one the submission records,
 *   - every answer the identity fills (the service's table: `verpflichtungserklaerungIdentityFields`,
 *     `aufenthaltstitelIdentityFields`) equals
 *     the token's `angaben`.
 * Otherwise it is refused with 403 `application/problem+json` `urn:efa-forms:problem:identity` and a `reason`
 * (`fields`: the JSON pointers of changed answers), logged without personal data, and nothing is stored. Without
 * a configured issuer every such submission is refused as `unverifiable`: an identity is never trusted unchecked.
 * A verified submission is stored with the token's `sub` (the portal's stable pseudonym of the person, never a
 * name), so that the same person, signed in at the portal later, can open it (`caseAccessVerifier`).
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { authenticatedAnswers, type IdentityAttributes, type IdentityFields, type TrustLevel } from '../src/services/common/identity.js';
import { verpflichtungserklaerungIdentityFields } from '../src/services/verpflichtungserklaerung/identity-fields.js';
import { aufenthaltstitelIdentityFields, identityIsApplicants } from '../src/services/aufenthaltstitel/identity-fields.js';
import { HttpError, Problem } from './problems.js';

/** Whose identity tokens this receiver takes (config.ts: `EFA_IDENTITY_*`). */
export interface IdentityIssuer {
  /** The tokens' `iss`: the portal. */
  issuer: string;
  /** Where the portal publishes its public keys (a JWKS). */
  jwksUrl: string;
  /** The `aud` the tokens must name: this receiver. */
  audience: string;
}

export type IdentityRefusalReason = 'unverifiable' | 'expired' | 'wrong-submission' | 'level' | 'changed';

export const IDENTITY_PROBLEM = 'urn:efa-forms:problem:identity';
/** The contract's longest lifetime of a token (`exp` − `iat`). */
export const MAX_TOKEN_SECONDS = 15 * 60;
/** Clocks of portal and receiver may differ this much. */
const CLOCK_TOLERANCE_SECONDS = 30;
const ALGORITHMS = ['RS256', 'PS256', 'ES256'];
const LEVELS: readonly TrustLevel[] = ['substanziell', 'hoch'];

const TITLES: Record<IdentityRefusalReason, string> = {
  unverifiable:
    'Ihre Anmeldung ließ sich nicht bestätigen. Bitte melden Sie sich erneut an und senden Sie dann erneut; Ihre Angaben bleiben erhalten.',
  expired: 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an und senden Sie dann erneut; Ihre Angaben bleiben erhalten.',
  'wrong-submission':
    'Die Bestätigung Ihrer Anmeldung gehört zu einer anderen Einreichung. Bitte melden Sie sich erneut an und senden Sie dann erneut; Ihre Angaben bleiben erhalten.',
  level:
    'Das Vertrauensniveau Ihrer Anmeldung passt nicht zu dieser Einreichung. Bitte melden Sie sich erneut an und senden Sie dann erneut; Ihre Angaben bleiben erhalten.',
  changed: 'Einige Angaben stimmen nicht mehr mit Ihrer Anmeldung überein. Bitte prüfen Sie die markierten Angaben und senden Sie erneut.',
};

/** Per service: which answers an identity fills, and whether the table applies to this submission's data. */
const SERVICES: Record<string, { fields: IdentityFields; applies: (data: Record<string, any>) => boolean }> = {
  // The declaring person's own data; a declaring organisation's representative is not asked for theirs.
  verpflichtungserklaerung: { fields: verpflichtungserklaerungIdentityFields, applies: (data) => data.erklaerender?.art === 'person' },
  // The applicant's own data, when they apply for themselves; a representative's identity fills nothing.
  aufenthaltstitel: { fields: aufenthaltstitelIdentityFields, applies: identityIsApplicants },
};

export class IdentityRefusal extends Problem {
  constructor(
    readonly reason: IdentityRefusalReason,
    fields?: string[],
  ) {
    super(403, { type: IDENTITY_PROBLEM, title: TITLES[reason], reason, ...(fields ? { fields } : {}) });
  }
}

/** A pino-style logger: the refusals are logged by reason, never with a value or the token. */
interface Log {
  warn(details: Record<string, unknown>, message: string): void;
}

/** The checked part of a submission: the envelope's id, service and data. */
export interface SubmissionToCheck {
  id: string;
  service: string;
  data?: unknown;
}

/**
 * Checks a submission's identity; resolves with the token's subject when it holds, undefined when there is none,
 * else throws `IdentityRefusal`.
 */
export type IdentityVerifier = (submission: SubmissionToCheck, log: Log) => Promise<string | undefined>;

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a JSON pointer (RFC 6901) in `data`. */
function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~');
    value = isObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** An answer as the identity states it: text as is, an entry of a code list (`{ code, listURI, … }`) by its code. */
function answerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.code === 'string') return value.code;
  return undefined;
}

/**
 * The pointers of the answers in `data` that differ from what the token's `angaben` state, for the service's
 * table; none when the table does not apply (another service, a declaring organisation).
 */
export function changedAnswers(service: string, data: Record<string, any>, angaben: IdentityAttributes): string[] {
  const table = SERVICES[service];
  if (!table?.applies(data)) return [];
  return [...authenticatedAnswers(angaben, table.fields)]
    .filter(([pointer, value]) => answerText(valueAt(data, pointer)) !== value)
    .map(([pointer]) => pointer);
}

async function verifiedClaims(token: string, keys: JWTVerifyGetKey, issuer: IdentityIssuer): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: issuer.issuer,
      audience: issuer.audience,
      algorithms: ALGORITHMS,
      requiredClaims: ['sub', 'iat', 'exp', 'nonce'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    return payload;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new IdentityRefusal('expired');
    // The portal's keys could not be fetched: neither the citizen's nor the token's fault, so no refusal of it.
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
      throw new HttpError(
        503,
        'identity-keys-unavailable',
        'Ihre Anmeldung kann gerade nicht geprüft werden. Bitte senden Sie in einigen Minuten erneut; Ihre Angaben bleiben erhalten.',
        {},
        { 'Retry-After': '60' },
      );
    }
    throw Object.assign(new IdentityRefusal('unverifiable'), { cause: error.code });
  }
}

/** Issued not in the future, for at most the contract's lifetime, at a level the contract knows, for a subject. */
function wellFormed({ iat, exp, sub, vertrauensniveau }: JWTPayload & Record<string, unknown>): boolean {
  return (
    iat! <= Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS &&
    exp! - iat! <= MAX_TOKEN_SECONDS &&
    LEVELS.includes(vertrauensniveau as TrustLevel) &&
    typeof sub === 'string' &&
    sub !== ''
  );
}

/** The receiver's check for `issuer` (undefined: none configured, every identity is refused as unverifiable). */
export function identityVerifier(issuer: IdentityIssuer | undefined): IdentityVerifier {
  const keys = issuer && createRemoteJWKSet(new URL(issuer.jwksUrl));

  return async function verifySubmissionIdentity(submission, log) {
    const data = isObject(submission.data) ? submission.data : {};
    const record = data.authentifizierung;
    if (record === undefined) return undefined;
    try {
      if (!issuer || !keys || !isObject(record) || typeof record.token !== 'string') throw new IdentityRefusal('unverifiable');
      const claims = await verifiedClaims(record.token, keys, issuer);
      const { nonce, vertrauensniveau, angaben } = claims as JWTPayload & Record<string, unknown>;
      if (!wellFormed(claims) || !isObject(angaben)) throw new IdentityRefusal('unverifiable');
      if (nonce !== submission.id) throw new IdentityRefusal('wrong-submission');
      if (vertrauensniveau !== record.vertrauensniveau) throw new IdentityRefusal('level');
      const changed = changedAnswers(submission.service, data, angaben as IdentityAttributes);
      if (changed.length > 0) throw new IdentityRefusal('changed', changed);
      return claims.sub!;
    } catch (error) {
      if (error instanceof IdentityRefusal) {
        const fields = error.body.fields;
        log.warn(
          { submission: submission.id, reason: error.reason, ...(fields ? { fields } : {}), ...(error.cause ? { cause: error.cause } : {}) },
          'identity refused',
        );
      }
      throw error;
    }
  };
}

/**
 * Checks the token a portal signed for opening the person's cases (`<efa-status>`): as a submission's token
 * (signature, `iss`, `aud`, `exp`, lifetime), with `nonce` the one the element asked for. Resolves with its subject
 * and expiry; the caller takes the nonce once (`SubmissionStore.takeNonce`), so a token read off one request opens
 * nothing again.
 */
export type CaseAccessVerifier = (token: unknown, nonce: unknown, log: Log) => Promise<{ subject: string; expiresAt: string }>;

export function caseAccessVerifier(issuer: IdentityIssuer | undefined): CaseAccessVerifier {
  const keys = issuer && createRemoteJWKSet(new URL(issuer.jwksUrl));

  return async function verifyCaseAccess(token, nonce, log) {
    try {
      if (!issuer || !keys || typeof token !== 'string' || typeof nonce !== 'string') throw new IdentityRefusal('unverifiable');
      const claims = await verifiedClaims(token, keys, issuer);
      if (!wellFormed(claims)) throw new IdentityRefusal('unverifiable');
      if (claims.nonce !== nonce) throw new IdentityRefusal('wrong-submission');
      return { subject: claims.sub!, expiresAt: new Date((claims.exp! + CLOCK_TOLERANCE_SECONDS) * 1000).toISOString() };
    } catch (error) {
      if (error instanceof IdentityRefusal) {
        log.warn({ reason: error.reason, ...(error.cause ? { cause: error.cause } : {}) }, 'identity refused for opening cases');
      }
      throw error;
    }
  };
}
