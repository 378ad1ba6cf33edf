/** The one interface every endpoint adapter implements (DESIGN.md, "Public contract"). */
import type { Submission } from '../schema/generated/submission.js';
import type { ValidationError } from '../engine/validator.js';

export type { Submission };

/** What the receiving side confirms: at least a reference a person can quote. */
export interface Receipt {
  reference: string;
  receivedAt?: string;
  /**
   * The secret with which the citizen later opens the case (the return channel, issue 11); told only in this
   * receipt. Back ends without a return channel leave it out.
   */
  accessCode?: string;
}

export interface SubmitOptions {
  signal?: AbortSignal;
  /** Attachment contents by attachment id (the ids in `submission.attachments`). */
  files: ReadonlyMap<string, Blob>;
}

export interface Adapter {
  submit(submission: Submission, options: SubmitOptions): Promise<Receipt>;
  /** Set by the `event` adapter, whose `efa-submit` event is the sending; others get it from the form first. */
  readonly ownsSubmitEvent?: boolean;
}

export type SubmitFailure =
  /** The network failed or the receiver never answered in time: retrying is safe (same id). */
  | 'network'
  | 'timeout'
  /** The receiver failed (5xx) or asked to slow down (429) for longer than the retries lasted. */
  | 'server'
  /** The receiver found errors in the answers; `fieldErrors` says where. */
  | 'validation'
  /** The receiver refused the submission for another reason (4xx). */
  | 'rejected'
  /** The receiver answered success with something that is not a receipt. */
  | 'malformed-receipt'
  /**
   * The receiver already holds a submission with this id but another body (a correction sent after an answer
   * was lost): nothing was stored; `earlier` is the receipt of what arrived. Send a correction with a new id.
   */
  | 'changed-resend'
  /** The request is larger than the receiver accepts (413, or the form's own check before sending); `limit` in bytes. */
  | 'too-large'
  /**
   * The page is not a secure context (plain HTTP, not localhost), so the browser withholds WebCrypto, which this
   * way of sending needs (the `fit-connect` adapter encrypts with it). Only serving the page over HTTPS helps.
   */
  | 'insecure-context'
  /**
   * The destination key the relay handed over failed FIT-Connect's key profile or could not be verified against
   * the page's trust configuration (certificate chain or pinned thumbprint): nothing was encrypted or sent.
   */
  | 'untrusted-key'
  /** The FIT-Connect destination does not accept this service or its data schema: nothing was sent. */
  | 'service-not-offered'
  /**
   * The signer's identity was not accepted: the receiver refused the portal's token or found authenticated
   * answers changed (403 `urn:efa-forms:problem:identity`), or the portal gave no token for this submission.
   * `identity` says why; signing in again and sending again helps.
   */
  | 'identity'
  /** The host page answered an `event` adapter submission with an error. */
  | 'host'
  | 'aborted';

/**
 * Why an identity was not accepted: the receiver's `reason` (its token could not be verified, had expired, was
 * bound to another submission, was below the level the authority requires, or authenticated answers differ from
 * it), or `unanswered`: the portal gave no token bound to this submission when asked (`efa-identity-request`).
 */
export type IdentityProblem = 'unverifiable' | 'expired' | 'wrong-submission' | 'level' | 'changed' | 'unanswered';

export class SubmitError extends Error {
  constructor(
    readonly failure: SubmitFailure,
    message: string,
    readonly details: {
      status?: number;
      fieldErrors?: readonly ValidationError[];
      earlier?: Receipt;
      limit?: number;
      /** For `identity`: why, and for `changed` the JSON pointers of the changed answers. */
      identity?: { reason: IdentityProblem; fields?: readonly string[] };
      cause?: unknown;
    } = {},
  ) {
    super(message);
    this.name = 'SubmitError';
  }
}

/**
 * `promise`, or an `aborted` error as soon as `signal` aborts, also when the adapter behind the promise does not
 * listen to the signal (a host page's own sending, say): cancelling never waits for anybody.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(new SubmitError('aborted', 'Sending was cancelled.'));
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
