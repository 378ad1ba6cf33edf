/**
 * The citizen's way into a case (issue 11): a secret access code handed out once with the receipt, and the
 * short-lived case tokens it is exchanged for.
 *
 * Access code: 24 characters of Crockford's base32 (no I, L, O, U) in six groups of four, `7KQ2-M9XD-…`:
 * 120 bits from `crypto.randomInt`. Typed back, it is read forgivingly (lower case, spaces, missing dashes,
 * O for 0, I and L for 1). Only a scrypt hash with a random salt is stored; checking a code costs the same
 * whether the reference is known or not (a dummy hash stands in), so the answer and its time tell nothing.
 *
 * Case token: 32 random bytes (base64url), sent as `Authorization: Bearer …`, never as a cookie: a browser
 * attaches nothing by itself, so no other site can make it act on a case (no CSRF), and it works for a portal
 * on another origin where third-party cookies are blocked. Only its SHA-256 is stored (in the store, so every
 * process behind a load balancer knows it), with the reference and the expiry; signing out deletes it, so a
 * token copied from a request before is refused afterwards.
 */
import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { HttpError, type FieldError } from './problems.js';
import type { CaseMessage, StoredMessage, SubmissionStore } from './storage/store.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 24;
const GROUP = 4;
/**
 * N = 2^14, r = 8, p = 1 (16 MiB; about 50 ms on a busy 2-core machine, measured 2026-12-03), below OWASP's
 * N = 2^17: every submission pays one hash, so this bounds the receiver's throughput. The code's 120 random bits
 * are what protects it, also against an offline attack on a stolen store; the slow hash is a second line.
 */
const SCRYPT = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

/** Bits of entropy of an access code. */
export const ACCESS_CODE_BITS = CODE_LENGTH * Math.log2(CROCKFORD.length);

export function newAccessCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += CROCKFORD[randomInt(CROCKFORD.length)];
  return code.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-');
}

/** The code as typed, in its canonical form (`XXXX-XXXX-…`), or undefined if it cannot be one. */
export function normalizeAccessCode(typed: unknown): string | undefined {
  if (typeof typed !== 'string' || typed.length > 64) return undefined;
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (plain.length !== CODE_LENGTH || [...plain].some((c) => !CROCKFORD.includes(c))) return undefined;
  return plain.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-');
}

function derive(code: string, salt: Buffer, length: number, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(code, salt, length, { ...cost, maxmem: SCRYPT.maxmem }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$key` (base64url): the parameters travel with the hash, so they can be raised later. */
export async function hashAccessCode(code: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(code, salt, KEY_LENGTH, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Stands in for the hash of an unknown case, so that checking against it takes as long as against a real one. */
const UNKNOWN_CASE = hashAccessCode(newAccessCode());

/** Whether `typed` is the code behind `stored`; with `stored` undefined (unknown case) always false, after the same work. */
export async function verifyAccessCode(typed: unknown, stored: string | undefined): Promise<boolean> {
  const code = normalizeAccessCode(typed) ?? '';
  const [scheme, n, r, p, salt, key] = (stored ?? (await UNKNOWN_CASE)).split('$');
  if (scheme !== 'scrypt' || !salt || !key) throw new Error('unknown access hash format');
  const expected = Buffer.from(key, 'base64url');
  const derived = await derive(code, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return stored !== undefined && code !== '' && timingSafeEqual(derived, expected);
}

export function newCaseToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the store keeps of a token: a fast hash is enough for 256 random bits. */
export function caseTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The case token of an `Authorization: Bearer …` header, if it has the shape of one. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(authorization ?? '')?.[1];
}

/**
 * `reference`, when the request's case token opens exactly that case at `now`; else 401 `case-token-invalid`, the
 * same for every reason (no token, unknown, expired, another case's).
 */
export async function authorizedCase(authorization: string | undefined, reference: string, store: Pick<SubmissionStore, 'token'>, now: number): Promise<string> {
  const token = bearerToken(authorization);
  const opened = token === undefined ? undefined : await store.token(caseTokenHash(token));
  if (!opened || Date.parse(opened.expiresAt) <= now || opened.reference !== reference) {
    throw new HttpError(
      401,
      'case-token-invalid',
      'Ihre Anmeldung zu diesem Vorgang ist abgelaufen oder gilt hier nicht. Bitte geben Sie Vorgangsnummer und Zugangscode erneut ein.',
      {},
      { 'WWW-Authenticate': 'Bearer' },
    );
  }
  return reference;
}

/**
 * Counts attempts per key in fixed windows: `take` answers false once a key has had `max` in the current window.
 * In this process's memory; with several processes each counts for itself (the code's 120 bits make guessing
 * hopeless either way; the limit keeps the load of scrypt checks bounded).
 */
export class AttemptLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  take(key: string): { allowed: boolean; retryAfterSeconds: number } {
    const now = this.now();
    if (this.windows.size > 100_000) for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) this.windows.set(key, (window = { start: now, count: 0 }));
    window.count += 1;
    return { allowed: window.count <= this.max, retryAfterSeconds: Math.ceil((window.start + this.windowMs - now) / 1000) };
  }
}

/** The case's status: the last status change the office sent, else `eingegangen`. */
export function caseStatus(messages: StoredMessage[]): string {
  const last = [...messages].reverse().find((m) => m.type === 'statusaenderung');
  return (last?.data as { status?: string } | undefined)?.status ?? 'eingegangen';
}

/**
 * Errors of a valid message that its case decides: the message it answers must be in the case and of the
 * kind it answers (and an accepted slot one of the offered ones).
 */
export function answerErrors(message: CaseMessage, earlier: StoredMessage[]): FieldError[] {
  const data = message.data as Record<string, unknown>;
  const refersTo: Record<string, [string, string]> = {
    unterlagennachreichung: ['anforderung', 'unterlagenanforderung'],
    terminantwort: ['angebot', 'terminangebot'],
    anhoerungsantwort: ['anhoerung', 'anhoerung'],
  };
  const rule = refersTo[message.type];
  if (!rule) return [];
  const [field, type] = rule;
  const answered = earlier.find((m) => m.id === data[field] && m.type === type);
  if (!answered) return [{ instancePath: `/data/${field}`, keyword: 'caseMessage', params: { expected: type } }];
  if (message.type === 'terminantwort' && data.antwort === 'angenommen') {
    const slots = (answered.data as { termine: Array<{ id: string }> }).termine;
    if (!slots.some((slot) => slot.id === data.termin)) return [{ instancePath: '/data/termin', keyword: 'caseMessage', params: { expected: 'termin' } }];
  }
  return [];
}
