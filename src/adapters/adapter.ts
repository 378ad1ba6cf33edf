/** The one interface every endpoint adapter implements (DESIGN.md, "Public contract"). */
import type { Submission } from '../schema/generated/submission.js';
import type { ValidationError } from '../engine/validator.js';

export type { Submission };

/** What the receiving side confirms: at least a reference a person can quote. */
export interface Receipt {
  reference: string;
  receivedAt?: string;
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
  status?(reference: string): Promise<unknown>;
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
  /** The host page answered an `event` adapter submission with an error. */
  | 'host'
  | 'aborted';

export class SubmitError extends Error {
  constructor(
    readonly failure: SubmitFailure,
    message: string,
    readonly details: { status?: number; fieldErrors?: readonly ValidationError[]; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'SubmitError';
  }
}
