/**
 * The default adapter: POST the submission to `endpoint` (JSON, or multipart with one part per attachment),
 * with the submission id as `Idempotency-Key`, so that retrying after a lost answer stores nothing twice.
 */
import { SubmitError, type Adapter, type IdentityProblem, type Receipt, type Submission, type SubmitOptions } from './adapter.js';
import type { ValidationError } from '../engine/validator.js';
import { parseReceipt } from './receipt.js';
import { requestBytes } from './limits.js';

export interface HttpAdapterOptions {
  endpoint: string;
  /**
   * For the whole sending, retries and pauses included (default 45 s): after it the citizen is told, however the
   * receiver behaves. Attachments add the time they take to upload at {@link SLOW_UPLOAD_BYTES_PER_MS}.
   */
  deadlineMs?: number;
  /** Per attempt, within the deadline. */
  timeoutMs?: number;
  /** Further attempts after a network error, a timeout, a 5xx or a 429. */
  retries?: number;
  /** First pause between attempts; doubles each time. */
  backoffMs?: number;
  /** Longest pause a `Retry-After` may ask for before we give up instead. */
  maxRetryAfterMs?: number;
}

/**
 * An upload over a slow mobile connection (1 Mbit/s, 125 bytes per millisecond) still gets the time it needs:
 * a 30 MB request would otherwise never make a 45-second deadline.
 */
export const SLOW_UPLOAD_BYTES_PER_MS = 125;

/**
 * One deadline for a whole sending (every request, retry and pause): `deadlineMs` plus the time the attachments take
 * at {@link SLOW_UPLOAD_BYTES_PER_MS}. `left()` is what remains of it, at least 1 ms.
 */
export function sendingDeadline(deadlineMs: number, submission: Submission, files: ReadonlyMap<string, Blob>) {
  const uploadMs = files.size === 0 ? 0 : requestBytes(submission, files) / SLOW_UPLOAD_BYTES_PER_MS;
  const deadline = performance.now() + deadlineMs + uploadMs;
  return { uploadMs, left: () => Math.max(1, Math.round(deadline - performance.now())) };
}

function body(submission: Submission, files: ReadonlyMap<string, Blob>): { body: BodyInit; headers: Record<string, string> } {
  if (files.size === 0) return { body: JSON.stringify(submission), headers: { 'Content-Type': 'application/json' } };
  const form = new FormData();
  form.append('submission', new Blob([JSON.stringify(submission)], { type: 'application/json' }));
  for (const ref of submission.attachments) {
    const file = files.get(ref.id);
    if (!file) throw new SubmitError('rejected', `Attachment ${ref.id} is announced but missing.`);
    form.append(ref.id, file, ref.dateiname);
  }
  return { body: form, headers: {} };
}

/** Seconds or an HTTP date, in milliseconds; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new SubmitError('aborted', 'Sending was cancelled.'));
      },
      { once: true },
    );
  });
}

export async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch (cause) {
    // The request's signal still covers the body: a deadline or a cancel that strikes while it is read.
    if (cause instanceof DOMException && cause.name === 'TimeoutError') {
      throw new SubmitError('timeout', 'The receiver did not finish its answer in time.', { cause });
    }
    if (cause instanceof DOMException && cause.name === 'AbortError') throw new SubmitError('aborted', 'Sending was cancelled.', { cause });
    return undefined;
  }
}

/** `fetch` with a timeout; failing to get an answer becomes an `aborted`, `timeout` or `network` error. */
export async function fetchWithin(url: string, init: RequestInit, timeoutMs: number, signal?: AbortSignal): Promise<Response> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    return await fetch(url, { ...init, signal: combined, credentials: 'same-origin' });
  } catch (cause) {
    if (signal?.aborted) throw new SubmitError('aborted', 'Sending was cancelled.', { cause });
    if (timeout.aborted) throw new SubmitError('timeout', 'The receiver did not answer in time.', { cause });
    throw new SubmitError('network', 'The receiver could not be reached.', { cause });
  }
}

const IDENTITY_PROBLEMS: readonly IdentityProblem[] = ['unverifiable', 'expired', 'wrong-submission', 'level', 'changed'];

/**
 * The error an answer that is not ok stands for: `validation` (422 with field errors), `changed-resend` (409),
 * `too-large` (413), `identity` (403 identity problem), `rejected` (any other 4xx but 429) or `server` (5xx, 429;
 * the one worth retrying).
 */
export async function answerError(response: Response): Promise<SubmitError> {
  const answer = (await readJson(response)) as
    | {
        message?: string;
        errors?: ValidationError[];
        type?: unknown;
        title?: unknown;
        reason?: unknown;
        fields?: unknown;
        reference?: unknown;
        receivedAt?: unknown;
        limit?: unknown;
      }
    | undefined;
  if (response.status === 422 && Array.isArray(answer?.errors)) {
    return new SubmitError('validation', answer.message ?? 'The receiver found errors.', { status: 422, fieldErrors: answer.errors });
  }
  if (response.status === 409 && answer?.type === 'urn:efa-forms:problem:changed-resend') {
    let earlier: Receipt | undefined;
    try {
      earlier = parseReceipt({ reference: answer.reference, receivedAt: answer.receivedAt });
    } catch {
      // Told without a usable reference: the citizen still learns that an earlier version arrived.
    }
    return new SubmitError('changed-resend', 'An earlier version of this submission has arrived.', {
      status: 409,
      ...(earlier ? { earlier } : {}),
    });
  }
  if (response.status === 403 && answer?.type === 'urn:efa-forms:problem:identity') {
    // A reason this version does not know is still an identity problem: signing in again is what helps.
    const reason = IDENTITY_PROBLEMS.includes(answer.reason as IdentityProblem) ? (answer.reason as IdentityProblem) : 'unverifiable';
    const fields = Array.isArray(answer.fields) ? answer.fields.filter((field): field is string => typeof field === 'string') : [];
    return new SubmitError('identity', typeof answer.title === 'string' ? answer.title : 'The receiver did not accept the identity.', {
      status: 403,
      identity: { reason, ...(reason === 'changed' ? { fields } : {}) },
    });
  }
  if (response.status === 413) {
    const limit = Number.isSafeInteger(answer?.limit) && (answer!.limit as number) > 0 ? (answer!.limit as number) : undefined;
    return new SubmitError('too-large', 'The request is larger than the receiver accepts.', { status: 413, ...(limit ? { limit } : {}) });
  }
  if (response.status !== 429 && response.status < 500) {
    return new SubmitError('rejected', answer?.message ?? `The receiver refused the submission (${response.status}).`, {
      status: response.status,
    });
  }
  return new SubmitError('server', `The receiver answered ${response.status}.`, { status: response.status });
}

export function httpAdapter(options: HttpAdapterOptions): Adapter {
  const { endpoint, deadlineMs = 45_000, timeoutMs = 30_000, retries = 3, backoffMs = 500, maxRetryAfterMs = 30_000 } = options;

  function attempt(submission: Submission, files: ReadonlyMap<string, Blob>, timeout: number, signal?: AbortSignal): Promise<Response> {
    const { body: payload, headers } = body(submission, files);
    const init = { method: 'POST', body: payload, headers: { ...headers, Accept: 'application/json', 'Idempotency-Key': submission.id } };
    return fetchWithin(endpoint, init, timeout, signal);
  }

  return {
    async submit(submission: Submission, { signal, files }: SubmitOptions): Promise<Receipt> {
      const { uploadMs, left } = sendingDeadline(deadlineMs, submission, files);
      let last: SubmitError | undefined;
      for (let n = 0; n <= retries; n += 1) {
        let wait = backoffMs * 2 ** n;
        try {
          const response = await attempt(submission, files, Math.min(Math.round(timeoutMs + uploadMs), left()), signal);
          if (response.ok) return parseReceipt(await readJson(response));
          last = await answerError(response);
          if (last.failure !== 'server') throw last;
          const asked = retryAfterMs(response.headers.get('Retry-After'));
          if (asked !== undefined) {
            if (asked > maxRetryAfterMs) throw last;
            wait = asked;
          }
        } catch (error) {
          if (!(error instanceof SubmitError) || !['network', 'timeout'].includes(error.failure)) throw error;
          last = error;
        }
        // No pause that leaves no time for another attempt: better tell the citizen now.
        if (n === retries || wait >= left()) break;
        await pause(wait, signal);
      }
      throw last!;
    },
  };
}
