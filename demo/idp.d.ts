/** Types of idp.js for the server's tests (which start the demo's identity provider). */
export declare const DEMO_CLERKS: Record<string, { password: string; name: string }>;
export declare function startIdentityProvider(options: {
  port?: number;
  redirectUri: string;
  clientId?: string;
  clientSecret?: string;
}): Promise<{ issuer: string; clientId: string; clientSecret: string; close(): Promise<void> }>;
