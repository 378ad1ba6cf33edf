/**
 * Who may use the clerks' workspace (the inbox page and the APIs that read submissions): clerks signed in at
 * the authority's OpenID Connect provider, with the authorization code flow and PKCE (`openid-client`).
 *
 *   GET  /clerks/login      starts the sign-in (`?return=/inbox.html`: where to go afterwards, a local path)
 *   GET  /clerks/callback   the provider sends the clerk back here with a code; the session starts
 *   GET  /clerks/session    { name, csrfToken } of the signed-in clerk, else 401
 *   POST /clerks/logout     ends the session (CSRF token in `_csrf` or the `X-CSRF-Token` header)
 *
 * The session lives in a signed and encrypted cookie (`@fastify/secure-session`, `sessions`), so any process that
 * knows the session key serves any clerk: nothing is kept in a process's memory. The portal's citizen login
 * (portal-login.ts) keeps its own entry in the same cookie and signs in with the same flow (`oidcSignIn`).
 * Every state-changing clerk route is CSRF-protected (`@fastify/csrf-protection`, the secret in the session) and
 * refuses requests that a browser marks as cross-site (`Origin`, `Sec-Fetch-Site`); the cookie is `SameSite=Lax`
 * (it must travel on the provider's top-level redirect back to /clerks/callback).
 */
import csrfProtection from '@fastify/csrf-protection';
import secureSession from '@fastify/secure-session';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import * as oidc from 'openid-client';
import { HttpError, refusalOf, sendRefusal } from './problems.js';

/**
 * `sign-in`: a signed-in session is needed. `refused`: no sign-in is configured, the clerks' routes answer 403.
 * `open-for-tests`: no session needed (tests of the inbox and its APIs that are not about access).
 */
export type ClerkAccess = 'sign-in' | 'refused' | 'open-for-tests';

export interface SignInOptions {
  /** The provider's issuer URL (its discovery document is at `/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where browsers reach this server (`https://antrag.example.de`): the redirect URI is `/clerks/callback` there. */
  publicUrl: string;
  /** 32 bytes: encrypts and signs the session cookie. The same key in every process behind one address. */
  sessionKey: Buffer;
}

export interface Clerk {
  sub: string;
  name: string;
}

/** A sign-in under way: PKCE verifier, state and nonce, and where to go afterwards. */
export interface PendingSignIn {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

declare module '@fastify/secure-session' {
  interface SessionData {
    clerk: Clerk;
    signIn: PendingSignIn;
  }
}

const SESSION_HOURS = 8;
/** Bytes of the sign-out form: a CSRF token, nothing else. */
export const LOGOUT_BODY_LIMIT = 4096;

const signInInvalid = (): HttpError =>
  new HttpError(400, 'sign-in-invalid', 'Diese Rückkehr von der Anmeldung ist ungültig oder abgelaufen. Bitte melden Sie sich erneut an.');

/** Refuses a request that the browser says comes from another site, or whose `Origin` is another origin. */
export function sameOriginOnly(request: FastifyRequest, message = 'Der Posteingang ist nur von seiner eigenen Seite aus erreichbar.'): void {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  // Under `Referrer-Policy: no-referrer` a browser sends `Origin: null` with its own forms; Sec-Fetch-Site tells.
  let sameOrigin = origin === undefined || (origin === 'null' && site === 'same-origin');
  if (origin !== undefined && !sameOrigin) {
    try {
      sameOrigin = new URL(origin).host === request.host;
    } catch {
      sameOrigin = false;
    }
  }
  if ((site !== undefined && site !== 'same-origin' && site !== 'none') || !sameOrigin) {
    throw new HttpError(403, 'cross-site', message);
  }
}

/** Only local paths: a `return` parameter must not send anyone to another site after signing in. */
export function localPath(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(value) ? value : fallback;
}

/** csrf-protection's refusal in our shape; undefined for any other error. */
export function csrfRefusal(error: unknown, message = 'Die Anfrage kam nicht von der Seite des Posteingangs. Bitte laden Sie die Seite neu.'): HttpError | undefined {
  const code = (error as { code?: string }).code;
  if (code !== 'FST_CSRF_MISSING_SECRET' && code !== 'FST_CSRF_INVALID_TOKEN') return undefined;
  return new HttpError(403, 'csrf', message);
}

const sessionKeys = new WeakMap<FastifyInstance, Buffer>();

/**
 * Registers the session cookie (signed and encrypted with `sessionKey`) and CSRF tokens kept in it, once per
 * server: the clerks' sign-in and the portal's citizen login share them, each with its own entry.
 */
export async function sessions(app: FastifyInstance, sessionKey: Buffer, secure: boolean): Promise<void> {
  const registered = sessionKeys.get(app);
  if (registered) {
    if (!registered.equals(sessionKey)) throw new Error('One server has one session key: the clerks’ sign-in and the portal’s login share it.');
    return;
  }
  sessionKeys.set(app, sessionKey);
  await app.register(secureSession, {
    key: sessionKey,
    cookieName: 'efa_session',
    expiry: SESSION_HOURS * 3600,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure },
  });
  await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session' });
}

export interface OidcClientOptions {
  /** The provider's issuer URL (its discovery document is at `/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back with a code. */
  redirectUri: string;
  scope: string;
  /** Levels of assurance the client accepts (`acr_values`); the provider names the one it reached in the ID token's `acr`. */
  acrValues?: string[];
}

/**
 * The authorization code flow with PKCE, state and nonce (`openid-client`) against one provider: `start` gives the
 * provider's URL and what the session must keep until the browser returns; `finish` checks the return and
 * redeems the code. Every refusal of what the browser brought back is a 400 `HttpError`; anything else is the
 * provider's failure.
 */
export function oidcSignIn(options: OidcClientOptions) {
  const issuer = new URL(options.issuer);
  // Plain http only for a provider on this machine (the demo's); anything else must be https.
  const insecureAllowed = issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
  let configuration: Promise<oidc.Configuration> | undefined;
  /** Discovered on first use, again after a failure (the provider may start after this server). */
  function provider(): Promise<oidc.Configuration> {
    configuration ??= oidc
      .discovery(issuer, options.clientId, options.clientSecret, undefined, insecureAllowed ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      });
    return configuration;
  }

  return {
    async start(returnTo: string): Promise<{ url: string; pending: PendingSignIn }> {
      const config = await provider();
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: options.scope,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...(options.acrValues ? { acr_values: options.acrValues.join(' ') } : {}),
      });
      return { url: url.toString(), pending: { verifier, state, nonce, returnTo } };
    },

    /** `query` and `currentUrl`: the browser's return to the redirect URI. */
    async finish(query: Record<string, unknown>, currentUrl: URL, pending: PendingSignIn) {
      const config = await provider();
      // What the browser brought back is checked here before openid-client checks it again, so that a return that
      // was cancelled or tampered with is told as such (400) and only a failing provider as one (502).
      const { error, state, code, iss } = query;
      if (error !== undefined) {
        throw new HttpError(400, 'sign-in-cancelled', 'Die Anmeldung wurde abgebrochen oder abgelehnt. Bitte melden Sie sich erneut an.');
      }
      const { issuer: issuerId, authorization_response_iss_parameter_supported: issSent } = config.serverMetadata();
      const issuerRight = iss === undefined ? !issSent : iss === issuerId; // RFC 9207
      if (state !== pending.state || typeof code !== 'string' || !issuerRight) throw signInInvalid();
      const tokens = await oidc
        .authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
        })
        .catch((grantError: unknown) => {
          // The provider did not take the code: forged, used before or expired.
          if (grantError instanceof oidc.ResponseBodyError && grantError.error === 'invalid_grant') throw signInInvalid();
          throw grantError;
        });
      const claims = tokens.claims()!;
      return { claims, userinfo: () => oidc.fetchUserInfo(config, tokens.access_token, claims.sub) };
    },
  };
}

/**
 * The error handler of sign-in routes: our refusals (and csrf-protection's, in `csrfMessage`) as such; anything
 * else failed at the provider (502).
 */
export function signInErrors(routes: FastifyInstance, csrfMessage?: string): void {
  // csrf-protection's refusals are 403s of their own; the app's handler would turn a 403 into a 404.
  routes.setErrorHandler((error: unknown, request, reply) => {
    const refusal = csrfRefusal(error, csrfMessage) ?? refusalOf(error);
    if (refusal) return sendRefusal(reply, refusal);
    request.log.error({ err: error }, 'sign-in failed');
    return reply.code(502).send({ code: 'sign-in-failed', message: 'Die Anmeldung ist fehlgeschlagen. Bitte versuchen Sie es erneut.' });
  });
}

export interface ClerkGuard {
  /** For APIs: throws 401 (no session) or 403 (refused, cross-site). */
  api(request: FastifyRequest): Promise<void>;
  /**
   * For APIs that change something, as preHandlers: `api`, then the CSRF token (`X-CSRF-Token`); csrf-protection
   * refuses through the route's error handler, which must answer with `csrfRefusal`.
   */
  action: preHandlerHookHandler[];
  /** For pages: sends a signed-out clerk to the sign-in; true when the page may be served. */
  page(request: FastifyRequest, reply: FastifyReply): Promise<boolean>;
}

/**
 * Registers sessions and the sign-in routes on `app` (when `access` is `sign-in`) and returns the guard for
 * the clerks' pages and APIs.
 */
export async function clerkSessions(app: FastifyInstance, access: ClerkAccess, signIn?: SignInOptions): Promise<ClerkGuard> {
  if (access === 'open-for-tests') {
    const api = async (request: FastifyRequest): Promise<void> => sameOriginOnly(request);
    return { api, action: [api], page: async () => true };
  }
  if (access === 'refused' || !signIn) {
    const refuse = (): never => {
      throw new HttpError(403, 'clerks-only', 'Für den Posteingang ist keine Anmeldung eingerichtet: er ist gesperrt.');
    };
    return { api: async () => refuse(), action: [async () => refuse()], page: async () => refuse() };
  }

  const publicUrl = new URL(signIn.publicUrl);
  const flow = oidcSignIn({
    issuer: signIn.issuer,
    clientId: signIn.clientId,
    clientSecret: signIn.clientSecret,
    redirectUri: new URL('/clerks/callback', publicUrl).toString(),
    scope: 'openid profile',
  });
  await sessions(app, signIn.sessionKey, publicUrl.protocol === 'https:');

  const signedIn = (request: FastifyRequest): Clerk | undefined => request.session.get('clerk');

  await app.register(async (routes) => {
    signInErrors(routes);
    // A logout form posts url-encoded; nothing else here takes a body.
    routes.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: LOGOUT_BODY_LIMIT }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    routes.get<{ Querystring: { return?: string } }>('/clerks/login', async (request, reply) => {
      const { url, pending } = await flow.start(localPath(request.query.return, '/inbox.html'));
      request.session.set('signIn', pending);
      return reply.redirect(url, 303);
    });

    routes.get<{ Querystring: Record<string, unknown> }>('/clerks/callback', async (request, reply) => {
      const pending = request.session.get('signIn');
      if (!pending) return reply.redirect('/clerks/login', 303);
      request.session.set('signIn', undefined);
      const { claims, userinfo } = await flow.finish(request.query, new URL(request.url, publicUrl), pending);
      // Providers put the name in the ID token or only behind the userinfo endpoint.
      let name = claims.name;
      if (typeof name !== 'string') name = (await userinfo()).name;
      request.session.set('clerk', { sub: claims.sub, name: typeof name === 'string' ? name : claims.sub });
      return reply.redirect(pending.returnTo, 303);
    });

    routes.get('/clerks/session', async (request, reply) => {
      sameOriginOnly(request);
      const clerk = signedIn(request);
      if (!clerk) throw new HttpError(401, 'sign-in-required', 'Bitte melden Sie sich an.');
      reply.header('Cache-Control', 'no-store');
      return { name: clerk.name, csrfToken: reply.generateCsrf() };
    });

    routes.post('/clerks/logout', {
      onRequest: async (request) => sameOriginOnly(request),
      preHandler: routes.csrfProtection,
      handler: async (request, reply) => {
        // Only the clerk's entry: a citizen signed in at the portal in the same browser stays so.
        request.session.set('clerk', undefined);
        return reply.redirect('/', 303);
      },
    });
  });

  async function api(request: FastifyRequest): Promise<void> {
    sameOriginOnly(request);
    if (!signedIn(request)) throw new HttpError(401, 'sign-in-required', 'Bitte melden Sie sich für den Posteingang an.');
  }
  return {
    api,
    action: [api, app.csrfProtection],
    async page(request, reply) {
      if (signedIn(request)) return true;
      reply.redirect(`/clerks/login?return=${encodeURIComponent(request.url)}`, 303);
      return false;
    },
  };
}

/** `EFA_SESSION_KEY`: 64 hex digits (32 bytes), e.g. from `openssl rand -hex 32`. */
export function sessionKeyFrom(hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('EFA_SESSION_KEY must be 64 hex digits (32 bytes), e.g. from `openssl rand -hex 32`.');
  return Buffer.from(hex, 'hex');
}
