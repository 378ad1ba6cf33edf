/** Types of payment-provider.js for the server's tests (which start the demo's payment service). */
export interface DemoTransaction {
  paymentRequest: { requestId: string; grosAmount: number; purpose: string; redirectUrl: string } & Record<string, unknown>;
  paymentInformation: { transactionId: string; status: string; transactionRedirectUrl: string } & Record<string, unknown>;
}
export declare function startPaymentProvider(options?: { port?: number; notifyUrl?: string }): Promise<{
  base: string;
  env: Record<'EFA_PAYMENT_URL' | 'EFA_PAYMENT_ORIGINATOR_ID' | 'EFA_PAYMENT_ENDPOINT_ID' | 'EFA_PAYMENT_CLIENT_ID' | 'EFA_PAYMENT_CLIENT_SECRET', string>;
  transactions: Map<string, DemoTransaction>;
  notifyTo(url: string): void;
  close(): Promise<void>;
}>;
