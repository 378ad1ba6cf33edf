/**
 * An authenticated identity in a form (src/services/common/identity.ts is the contract): its answers filled and
 * locked, the identity recorded in `authentifizierung`, the consent question about the DeutschlandID mailbox
 * opened, and the portal asked for a token bound to the submission. Each service adds what is its own (the
 * Verpflichtungserklärung: its fully online mode). Loaded only once the element has an identity to apply or a
 * submission to send, never with the first step.
 */
import { msg, str } from '@lit/localize';
import type { FormEngine } from '../../engine/form-engine.js';
import { getAt } from '../../engine/pointer.js';
import { toCodeValue } from '../../engine/codelists.js';
import { SubmitError, untilAborted } from '../../adapters/adapter.js';
import { authenticatedAnswers, authenticationRecord, POSTFACH_VORHANDEN, type AuthenticatedIdentity, type IdentityFields } from './identity.js';
import { unverifiedClaims } from './identity-token.js';

/** `detail` of `efa-identity-request`. */
export interface EfaIdentityRequestDetail {
  /** The id of the submission a token is to be bound to: the token's `nonce`. */
  submissionId: string;
  /** The portal's answer: the person's identity, with a token bound to `submissionId`. It replaces `identity`. */
  respondWith(identity: Promise<AuthenticatedIdentity>): void;
}

/** How long sending waits for the portal's answer before telling the citizen. */
const ANSWER_WAIT_MS = 30_000;

/**
 * Puts the identity into the form: with `fill`, the answers of `fields` it has are locked (shown read-only with
 * their origin, whatever a draft or a prefill says); `authentifizierung` is recorded with the pointers of the
 * locked answers that are submitted; and with a DeutschlandID mailbox the question whether the decision may be
 * delivered there is asked (`POSTFACH_VORHANDEN`). No identity unlocks everything and records nothing.
 */
export function applyIdentity(engine: FormEngine, identity: AuthenticatedIdentity | undefined, fields: IdentityFields, { fill }: { fill: boolean }): void {
  const answers = fill ? authenticatedAnswers(identity?.attributes ?? {}, fields) : new Map<string, string>();
  const locked = new Map<string, unknown>(
    [...answers].map(([pointer, value]) => [pointer, fields[pointer] === 'staatsangehoerigkeit' ? toCodeValue('staatsangehoerigkeit', value) : value]),
  );
  const source = identity?.source?.trim() || undefined;
  engine.lock(locked, () => (source ? msg(str`Aus Ihrer Anmeldung mit ${source} – nicht änderbar`) : msg('Aus Ihrer Anmeldung im Portal – nicht änderbar')));
  if (identity?.attributes?.postfachHandle?.trim()) engine.preset(POSTFACH_VORHANDEN, true);
  else engine.release(POSTFACH_VORHANDEN);
  const record = authenticationRecord(identity);
  const data = engine.submissionData();
  const angaben = [...locked.keys()].filter((pointer) => getAt(data, pointer) !== undefined);
  engine.preset('/authentifizierung', record && { ...record, ...(source ? { quelle: source } : {}), angaben });
}

/** Whether a token's payload (read, not verified) names this submission as its `nonce`. */
export function isBoundTo(token: string | undefined, submissionId: string): boolean {
  return unverifiedClaims(token)?.nonce === submissionId;
}

/** Dispatches `efa-identity-request` from `target`; the portal's answer, if it gave one. */
export function requestIdentity(target: EventTarget, submissionId: string): Promise<AuthenticatedIdentity> | undefined {
  let answer: Promise<AuthenticatedIdentity> | undefined;
  const detail: EfaIdentityRequestDetail = { submissionId, respondWith: (identity) => (answer = identity) };
  target.dispatchEvent(new CustomEvent('efa-identity-request', { detail, bubbles: true, composed: true }));
  return answer;
}

/**
 * The identity to send with submission `submissionId`: `identity` when its token is bound to it, else the portal's
 * answer to `efa-identity-request`. No answer, a refusal, no bound token or no answer within 30 seconds is the
 * failure `identity` (`unanswered`): nothing is sent, and sending again asks again.
 */
export async function identityFor(
  target: EventTarget,
  identity: AuthenticatedIdentity,
  submissionId: string,
  signal: AbortSignal,
): Promise<AuthenticatedIdentity> {
  if (isBoundTo(identity.token, submissionId)) return identity;
  const unanswered = (message: string, cause?: unknown) => new SubmitError('identity', message, { identity: { reason: 'unanswered' }, cause });
  const answer = requestIdentity(target, submissionId);
  if (!answer) throw unanswered('No listener answered efa-identity-request.');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unanswered(`The portal did not answer efa-identity-request within ${ANSWER_WAIT_MS / 1000} s.`)), ANSWER_WAIT_MS);
  });
  let renewed: AuthenticatedIdentity;
  try {
    renewed = await untilAborted(Promise.race([answer, late]), signal);
  } catch (cause) {
    if (cause instanceof SubmitError) throw cause;
    throw unanswered(`The portal refused efa-identity-request: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
  } finally {
    clearTimeout(timer);
  }
  if (!isBoundTo(renewed?.token, submissionId)) throw unanswered('The portal answered efa-identity-request without a token bound to this submission.');
  return renewed;
}
