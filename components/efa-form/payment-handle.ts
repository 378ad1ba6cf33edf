/**
 * What the form needs to know before the payment part loads (payment.ts): whether this page is the browser's
 * return from the payment service, and where the receiver's API is.
 */

/** The query parameter of the return URL: the reference whose payment to show. */
export const RETURN_PARAMETER = 'efa-zahlung';
/** Where the tab keeps its payment handle; the form's own memory is deleted once sent. */
const HANDLE_KEY = 'efa-zahlung';

export interface PaymentHandle {
  reference: string;
  /** The case token the access code was exchanged for (short-lived; never the code itself). */
  token: string;
  api: string;
  transactionId: string;
}

/** The handle this tab keeps for `reference`, if it started its payment. */
export function paymentHandle(reference: string | null): PaymentHandle | undefined {
  try {
    const handle = JSON.parse(sessionStorage.getItem(HANDLE_KEY) ?? 'null') as PaymentHandle | null;
    return handle && handle.reference === reference ? handle : undefined;
  } catch {
    return undefined;
  }
}

export function keepPaymentHandle(handle: PaymentHandle | undefined): void {
  if (handle) sessionStorage.setItem(HANDLE_KEY, JSON.stringify(handle));
  else sessionStorage.removeItem(HANDLE_KEY);
}

/** The reference of a payment this tab is coming back from, if the URL says so and this tab started it. */
export function returningPayment(): string | undefined {
  const reference = new URLSearchParams(window.location.search).get(RETURN_PARAMETER);
  return paymentHandle(reference) ? reference! : undefined;
}

/** The receiver's API base for the form's `endpoint` and `adapter`; undefined for receivers the payment part does not know. */
export function paymentApiOf(endpoint: string, adapter: unknown): string | undefined {
  if (adapter === 'http') return /^(.*)\/submissions\/?$/.exec(endpoint || '/api/submissions')?.[1];
  if (adapter === 'fit-connect') return /^(.*)\/fit-connect\/?$/.exec(endpoint || '/api/fit-connect')?.[1];
  return undefined;
}
