/**
 * The payment ledger (issue 10): a case's payment attempts, kept by the store beside the case (`store.payments`),
 * so that every receiver process behind a load balancer sees the same ledger. Both stores keep the same promises,
 * tested by one suite (server/test/storage.test.ts, and server/test/payment.test.ts over HTTP):
 * - `exclusive` runs one change of a reference's record at a time: in this process, and with PostgreSQL in every
 *   process on the database (an advisory lock held for the change);
 * - each `save` is durable when it resolves, and stays when the change fails afterwards;
 * - a saved record only grows: the same submission and amount, the earlier attempts unchanged except that the last
 *   one may leave INITIAL, at most one attempt BOOKED and none after it, only the last one INITIAL — so a
 *   submission is never booked twice (PostgreSQL also keeps this in unique indexes);
 * - `referenceOf` finds the reference of every transaction id saved.
 */
import type { PaymentRecord } from '../payment.js';

export type SavePayment = (record: PaymentRecord) => Promise<void>;

export interface PaymentLedger {
  /** The record of the case `reference`; undefined before its first attempt (or for no reference at all). */
  get(reference: string): Promise<PaymentRecord | undefined>;
  /** The reference a transaction id was saved for; undefined for one this server did not make. */
  referenceOf(transactionId: string): Promise<string | undefined>;
  /**
   * Runs `change` with the record as it is now, after every other change of `reference` has finished and before
   * the next one starts. `change` must not wait on other calls of the store: the PostgreSQL store holds one of its
   * connections for the change.
   */
  exclusive<T>(reference: string, change: (record: PaymentRecord | undefined, save: SavePayment) => Promise<T>): Promise<T>;
}

/** `next` as a successor of `previous` (undefined: the first save), or an Error saying which promise it breaks. */
export function checkedSuccessor(previous: PaymentRecord | undefined, next: PaymentRecord): PaymentRecord {
  const refuse = (why: string): never => {
    throw new Error(`payment record of ${next.reference} not saved: ${why}`);
  };
  if (previous && (previous.reference !== next.reference || previous.submissionId !== next.submissionId || previous.amount !== next.amount)) {
    refuse('another submission or amount than the saved record');
  }
  const earlier = previous?.attempts ?? [];
  if (next.attempts.length < earlier.length) refuse('an attempt is missing');
  earlier.forEach((attempt, index) => {
    const now = next.attempts[index]!;
    const same = JSON.stringify(now) === JSON.stringify(attempt);
    const settled = index === earlier.length - 1 && attempt.paymentInformation.status === 'INITIAL' && now.transactionId === attempt.transactionId && now.requestId === attempt.requestId;
    if (!same && !settled) refuse(`attempt ${attempt.transactionId} was changed`);
  });
  const statuses = next.attempts.map((attempt) => attempt.paymentInformation.status);
  if (statuses.slice(0, -1).includes('INITIAL')) refuse('only the last attempt may be open');
  const booked = statuses.indexOf('BOOKED');
  if (booked !== -1 && booked !== statuses.length - 1) refuse('nothing may follow a booked attempt');
  if (new Set(next.attempts.map((attempt) => attempt.transactionId)).size !== next.attempts.length) refuse('a transaction id twice');
  return next;
}
