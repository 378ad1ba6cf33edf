/** Types of idp.js for the server's tests (which start the demo's identity providers). */
type ProviderOptions = { port?: number; redirectUri: string; clientId?: string; clientSecret?: string };
type StartedProvider = { issuer: string; clientId: string; clientSecret: string; close(): Promise<void> };
export declare const DEMO_CLERKS: Record<string, { password: string; name: string }>;
export declare const DEMO_CITIZENS: Record<string, { password: string; acr: string; claims: Record<string, unknown> }>;
export declare const LOA_HIGH: string;
export declare const LOA_SUBSTANTIAL: string;
export declare function startIdentityProvider(options: ProviderOptions): Promise<StartedProvider>;
export declare function startCitizenIdentityProvider(options: ProviderOptions): Promise<StartedProvider>;
