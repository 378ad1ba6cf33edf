import * as z from 'zod/mini';
import type { Receipt } from './adapter.js';
import { SubmitError } from './adapter.js';

// zod probes `new Function` once unless told not to; the forms run under `script-src 'self'`.
z.config({ jitless: true });

const receiptSchema = z.object({
  reference: z.string().check(z.minLength(1), z.maxLength(100)),
  receivedAt: z.optional(z.string().check(z.iso.datetime({ offset: true }))),
  accessCode: z.optional(z.string().check(z.minLength(8), z.maxLength(100))),
});

/** A receipt or a `malformed-receipt` error: an answer that is not a receipt is never taken for success. */
export function parseReceipt(value: unknown): Receipt {
  const result = receiptSchema.safeParse(value);
  if (!result.success) {
    throw new SubmitError('malformed-receipt', 'The receiver confirmed with an answer that is not a receipt.', {
      cause: result.error,
    });
  }
  return result.data;
}
