/**
 * Configuration by environment variables (one place; README "Server" lists them):
 *   PORT                      8000
 *   HOST                      localhost
 *   EFA_DATA_DIR              where the file store keeps submissions (default `data/` in the project); with
 *                             DATABASE_URL only where uploads are received before they go into the database
 *   DATABASE_URL              postgres://user:password@host:port/database: store submissions in PostgreSQL
 *                             (the schema is created and migrated at start); unset: the file store
 *   EFA_ALLOWED_HOSTS         comma-separated host names the `Host` header may carry (DNS rebinding); default
 *                             localhost, 127.0.0.1, ::1 and HOST
 *   EFA_CORS_ORIGINS          comma-separated origins (https://www.musterstadt.de) of portals that embed the forms
 *                             with this server as a cross-origin endpoint; requests from other origins are refused
 *   EFA_PORTAL                a folder with portal pages to serve as well (`npm start`: demo/), else API only
 *   EFA_FIT_CONNECT_DEMO      `true` (`npm start`): FIT-Connect's path under /api/fit-connect/ with the Submission
 *                             API stand-in and a demo subscriber (fit-connect.ts); never in production
 *   EFA_JSON_LIMIT            bytes, default 1 MiB (the client helper assumes this default)
 *   EFA_MULTIPART_LIMIT       bytes, default 30 MiB (the client helper checks this before sending)
 *   EFA_CONCURRENT_UPLOADS    multipart requests received at once, default 8
 *   EFA_LOOKUPS_PER_MINUTE    reference look-ups per client address and minute, default 60
 *   EFA_TRUST_PROXY           `true` behind a reverse proxy that sets X-Forwarded-For
 *   LOG_LEVEL                 pino level, default info
 *   EFA_MAIL_LOG              a file: "there is news" notices to citizens are appended there as JSON lines for a
 *                             mail relay to send (notices.ts); unset: the status page offers no notices
 *   EFA_STATUS_URL            the portal's "my application" page, named in those notices
 * The clerks' sign-in (clerks.ts); without EFA_OIDC_ISSUER the clerks' routes are refused (403):
 *   EFA_OIDC_ISSUER           the authority's OpenID Connect provider (issuer URL)
 *   EFA_OIDC_CLIENT_ID        this server's client at that provider (authorization code flow with PKCE)
 *   EFA_OIDC_CLIENT_SECRET
 *   EFA_PUBLIC_URL            where browsers reach this server; the redirect URI is <EFA_PUBLIC_URL>/clerks/callback.
 *                             Default http://localhost:<PORT>
 *   EFA_SESSION_KEY           64 hex digits (`openssl rand -hex 32`): encrypts the session cookie; the same in
 *                             every process behind one address
 * The fee paid online (payment.ts; unset: no online payment):
 *   EFA_PAYMENT_URL           the payment service's XBezahldienste REST base; with it EFA_PAYMENT_ORIGINATOR_ID,
 *                             EFA_PAYMENT_ENDPOINT_ID, EFA_PAYMENT_CLIENT_ID, EFA_PAYMENT_CLIENT_SECRET; optional
 *                             EFA_PAYMENT_PURPOSE_PREFIX, EFA_PAYMENT_FEES (JSON), EFA_PAYMENT_TIMEOUT_MS
 * The portal's citizen login (portal-login.ts; only with EFA_PORTAL, and EFA_PUBLIC_URL and EFA_SESSION_KEY as
 * above): the redirect URI is <EFA_PUBLIC_URL>/portal/callback; the portal signs identity tokens as issuer
 * EFA_PUBLIC_URL, publishes their key at <EFA_PUBLIC_URL>/portal/jwks.json and keeps it in EFA_DATA_DIR:
 *   EFA_CITIZEN_OIDC_ISSUER   the citizens' OpenID Connect provider (DeutschlandID/BundID, a Land account)
 *   EFA_CITIZEN_OIDC_CLIENT_ID       the portal's client there (authorization code flow with PKCE)
 *   EFA_CITIZEN_OIDC_CLIENT_SECRET
 *   EFA_CITIZEN_TOKEN_AUDIENCE       the `aud` of the portal's identity tokens: the receiver's EFA_IDENTITY_AUDIENCE
 * The receiver's check of authenticated identities (identity.ts); without EFA_IDENTITY_ISSUER a submission that
 * carries `authentifizierung` is refused (403, reason `unverifiable`):
 *   EFA_IDENTITY_ISSUER       the `iss` of the portal's identity tokens
 *   EFA_IDENTITY_JWKS_URL     where the portal publishes their public keys (a JWKS)
 *   EFA_IDENTITY_AUDIENCE     the `aud` the tokens must name: this receiver
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sessionKeyFrom, type SignInOptions } from './clerks.js';
import { paymentConfigFrom, type PaymentConfig } from './payment.js';
import type { IdentityIssuer } from './identity.js';
import type { PortalLoginOptions } from './portal-login.js';
import type { Limits } from './receiver.js';

export const DEFAULT_LIMITS: Limits = { json: 1024 * 1024, multipart: 30 * 1024 * 1024, concurrentUploads: 8 };

/** The project folder (with `schemas/`), found from this module whether it runs as source or as the bundle. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'schemas', 'submission.schema.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('The project folder (with schemas/) was not found above the server code.');
    dir = parent;
  }
  return dir;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  allowedHosts: string[];
  corsOrigins: string[];
  portalDir: string | undefined;
  fitConnectDemo: boolean;
  limits: Limits;
  lookupsPerMinute: number;
  trustProxy: boolean;
  logLevel: string;
  signIn: SignInOptions | undefined;
  mailLog: { path: string; statusUrl: string | undefined } | undefined;
  payment: PaymentConfig | undefined;
  portalLogin: PortalLoginOptions | undefined;
  identityIssuer: IdentityIssuer | undefined;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not "${raw}".`);
  return value;
}

function originOf(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || url.origin === 'null' || url.origin !== value.replace(/\/$/, '')) {
    throw new Error(`EFA_CORS_ORIGINS takes origins such as https://www.musterstadt.de (scheme, host, port; no path), not "${value}".`);
  }
  return url.origin;
}

function signInFrom(env: NodeJS.ProcessEnv, port: number): SignInOptions | undefined {
  if (!env.EFA_OIDC_ISSUER) return undefined;
  const missing = ['EFA_OIDC_CLIENT_ID', 'EFA_OIDC_CLIENT_SECRET', 'EFA_SESSION_KEY'].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`EFA_OIDC_ISSUER is set, so the clerks' sign-in also needs ${missing.join(', ')}.`);
  return {
    issuer: env.EFA_OIDC_ISSUER,
    clientId: env.EFA_OIDC_CLIENT_ID!,
    clientSecret: env.EFA_OIDC_CLIENT_SECRET!,
    publicUrl: env.EFA_PUBLIC_URL || `http://localhost:${port}`,
    sessionKey: sessionKeyFrom(env.EFA_SESSION_KEY!),
  };
}

/** Which of `names` are unset in `env`. */
function unset(env: NodeJS.ProcessEnv, names: string[]): string[] {
  return names.filter((name) => !env[name]);
}

function portalLoginFrom(env: NodeJS.ProcessEnv, port: number): PortalLoginOptions | undefined {
  if (!env.EFA_CITIZEN_OIDC_ISSUER) return undefined;
  const missing = unset(env, ['EFA_CITIZEN_OIDC_CLIENT_ID', 'EFA_CITIZEN_OIDC_CLIENT_SECRET', 'EFA_CITIZEN_TOKEN_AUDIENCE', 'EFA_SESSION_KEY', 'EFA_PORTAL']);
  if (missing.length > 0) throw new Error(`EFA_CITIZEN_OIDC_ISSUER is set, so the portal's citizen login also needs ${missing.join(', ')}.`);
  return {
    issuer: env.EFA_CITIZEN_OIDC_ISSUER,
    clientId: env.EFA_CITIZEN_OIDC_CLIENT_ID!,
    clientSecret: env.EFA_CITIZEN_OIDC_CLIENT_SECRET!,
    publicUrl: env.EFA_PUBLIC_URL || `http://localhost:${port}`,
    sessionKey: sessionKeyFrom(env.EFA_SESSION_KEY!),
    tokenAudience: env.EFA_CITIZEN_TOKEN_AUDIENCE!,
  };
}

function identityIssuerFrom(env: NodeJS.ProcessEnv): IdentityIssuer | undefined {
  if (!env.EFA_IDENTITY_ISSUER) return undefined;
  const missing = unset(env, ['EFA_IDENTITY_JWKS_URL', 'EFA_IDENTITY_AUDIENCE']);
  if (missing.length > 0) throw new Error(`EFA_IDENTITY_ISSUER is set, so checking identities also needs ${missing.join(', ')}.`);
  return { issuer: env.EFA_IDENTITY_ISSUER, jwksUrl: new URL(env.EFA_IDENTITY_JWKS_URL!).toString(), audience: env.EFA_IDENTITY_AUDIENCE! };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = projectRoot();
  const host = env.HOST || 'localhost';
  const port = positive(env, 'PORT', 8000);
  const allowed = env.EFA_ALLOWED_HOSTS?.split(',').map((h) => h.trim()).filter(Boolean);
  return {
    port,
    host,
    dataDir: resolve(env.EFA_DATA_DIR || join(root, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    allowedHosts: allowed ?? ['localhost', '127.0.0.1', '[::1]', host],
    corsOrigins: (env.EFA_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean).map(originOf),
    portalDir: env.EFA_PORTAL ? resolve(env.EFA_PORTAL) : undefined,
    fitConnectDemo: env.EFA_FIT_CONNECT_DEMO === 'true',
    limits: {
      json: positive(env, 'EFA_JSON_LIMIT', DEFAULT_LIMITS.json),
      multipart: positive(env, 'EFA_MULTIPART_LIMIT', DEFAULT_LIMITS.multipart),
      concurrentUploads: positive(env, 'EFA_CONCURRENT_UPLOADS', DEFAULT_LIMITS.concurrentUploads),
    },
    lookupsPerMinute: positive(env, 'EFA_LOOKUPS_PER_MINUTE', 60),
    trustProxy: env.EFA_TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL || 'info',
    signIn: signInFrom(env, port),
    mailLog: env.EFA_MAIL_LOG ? { path: resolve(env.EFA_MAIL_LOG), statusUrl: env.EFA_STATUS_URL || undefined } : undefined,
    payment: paymentConfigFrom(env),
    portalLogin: portalLoginFrom(env, port),
    identityIssuer: identityIssuerFrom(env),
  };
}
