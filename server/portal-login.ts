/**
 * The portal's citizen login (issue 10): what a portal's back end does, here inside the demo server. The citizen
 * signs in at the citizens' identity provider (DeutschlandID/BundID, a Land account; `npm start`: the demo's, in
 * demo/idp.js) with the authorization code flow, PKCE, state and nonce (`oidcSignIn`, shared with the clerks);
 * the portal maps the provider's claims to an `AuthenticatedIdentity`, keeps it in the session cookie, and signs
 * an identity token (`IdentityTokenClaims`) for each submission the page asks for, which the receiver verifies
 * (identity.ts). Neither the provider's tokens nor the portal's key ever reach the browser.
 *
 *   GET  /portal/login            starts the login (`?return=/verpflichtungserklaerung.html`: where to go afterwards)
 *   GET  /portal/callback         the provider sends the citizen back here with a code; the session starts
 *   GET  /portal/identity         { identity: { trustLevel, source, attributes } | null, csrfToken }: no token
 *   POST /portal/identity-token   { submissionId } → the identity with a token for that submission (`nonce`), valid
 *                                 10 minutes (CSRF token in the `X-CSRF-Token` header)
 *   POST /portal/logout           204; ends the citizen's login (CSRF token in the `X-CSRF-Token` header)
 *   GET  /portal/jwks.json        the public key of the identity tokens (the receiver's `EFA_IDENTITY_JWKS_URL`)
 *
 * The tokens' issuer is the portal's public URL. Their ES256 key is made on first use and kept in
 * `<dataDir>/portal-identity-key.json`, so tokens stay verifiable across restarts.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { AuthenticatedIdentity, IdentityAttributes, IdentityTokenClaims, TrustLevel } from '../src/services/common/identity.js';
import { localPath, oidcSignIn, sameOriginOnly, sessions, signInErrors, type PendingSignIn } from './clerks.js';
import { HttpError } from './problems.js';
import { writeFileAtomic } from './storage/fs-atomic.js';

export interface PortalLoginOptions {
  /** The citizens' identity provider (its issuer URL) and the portal's client there. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where browsers reach the portal: the redirect URI is `/portal/callback` there, and the tokens' issuer is this URL. */
  publicUrl: string;
  /** The session cookie's key (shared with the clerks' sign-in). */
  sessionKey: Buffer;
  /** The `aud` of the identity tokens: the receiver they are for. */
  tokenAudience: string;
}

/** Who is signed in at the portal: what the page may see (no token) and the provider's subject. */
type Citizen = Omit<AuthenticatedIdentity, 'token'> & { sub: string };

declare module '@fastify/secure-session' {
  interface SessionData {
    citizen: Citizen;
    citizenSignIn: PendingSignIn;
  }
}

/** The eIDAS levels as the provider's `acr` names them. */
const LEVELS: Record<string, TrustLevel> = {
  'http://eidas.europa.eu/LoA/high': 'hoch',
  'http://eidas.europa.eu/LoA/substantial': 'substanziell',
};
export const SOURCE = 'DeutschlandID';
export const TOKEN_MINUTES = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCOPE = 'openid profile address deutschlandid';
const CROSS_SITE = 'Die Anmeldung des Portals ist nur von seinen eigenen Seiten aus erreichbar.';
const CSRF = 'Die Anfrage kam nicht von einer Seite des Portals. Bitte laden Sie die Seite neu.';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `Heidestraße 17` → street and house number; a street without a number that can be told apart stays whole. */
function streetAndNumber(streetAddress: string): { strasse: string; hausnummer?: string } {
  const match = /^(.*\S)\s+(\d+\s*[a-zA-Z]?(?:\s*[-/]\s*\d+\s*[a-zA-Z]?)?)$/.exec(streetAddress);
  return match ? { strasse: match[1]!, hausnummer: match[2]!.replace(/\s+/g, '') } : { strasse: streetAddress };
}

/**
 * The provider's claims (demo/idp.js names them: OpenID Connect standard claims, `birth_family_name` and
 * `place_of_birth` of OpenID Connect for Identity Assurance, and `staatsangehoerigkeit`, `postfach_handle`,
 * `antrags_id`) as our attributes; what is missing or not in the expected form is left out.
 */
export function attributesFrom(claims: Record<string, unknown>): IdentityAttributes {
  const attributes: IdentityAttributes = {};
  const set = <K extends keyof IdentityAttributes>(key: K, value: IdentityAttributes[K] | undefined): void => {
    if (value !== undefined) attributes[key] = value;
  };
  set('vornamen', text(claims.given_name));
  set('familienname', text(claims.family_name));
  set('geburtsname', text(claims.birth_family_name));
  const birthdate = text(claims.birthdate);
  set('geburtsdatum', birthdate && /^\d{4}-\d{2}-\d{2}$/.test(birthdate) ? birthdate : undefined);
  const placeOfBirth = claims.place_of_birth as Record<string, unknown> | undefined;
  set('geburtsort', text(placeOfBirth?.locality));
  const address = claims.address as Record<string, unknown> | undefined;
  // Only an address in Germany fills the form's `anschriftInland`.
  if (address && (address.country === undefined || address.country === 'DE')) {
    const street = text(address.street_address);
    const anschrift = { ...(street ? streetAndNumber(street) : {}), postleitzahl: text(address.postal_code), ort: text(address.locality) };
    const present = Object.fromEntries(Object.entries(anschrift).filter(([, v]) => v !== undefined));
    if (Object.keys(present).length > 0) set('anschrift', present);
  }
  const nationality = text(claims.staatsangehoerigkeit);
  set('staatsangehoerigkeit', nationality && /^\d{3}$/.test(nationality) ? nationality : undefined);
  const handle = text(claims.postfach_handle);
  set('postfachHandle', handle && UUID.test(handle) ? handle : undefined);
  const application = text(claims.antrags_id);
  set('antragsId', application && UUID.test(application) ? application : undefined);
  return attributes;
}

/** The portal's signing key, made on first use and kept in `dataDir`. */
function signingKey(dataDir: string) {
  const path = join(dataDir, 'portal-identity-key.json');
  let loaded: Promise<{ privateKey: CryptoKey | Uint8Array; publicJwk: JWK & { kid: string } }> | undefined;

  async function loadOrCreate() {
    let privateJwk: JWK;
    try {
      privateJwk = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const pair = await generateKeyPair('ES256', { extractable: true });
      privateJwk = await exportJWK(pair.privateKey);
      privateJwk.kid = await calculateJwkThumbprint(privateJwk);
      await mkdir(dataDir, { recursive: true });
      await writeFileAtomic(path, `${JSON.stringify(privateJwk, null, 2)}\n`);
    }
    const { d: _private, ...publicJwk } = privateJwk;
    return { privateKey: await importJWK(privateJwk, 'ES256'), publicJwk: { ...publicJwk, kid: privateJwk.kid!, alg: 'ES256', use: 'sig' } };
  }

  return () => {
    loaded ??= loadOrCreate().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}

/** Registers the citizen login's routes on `app` (the portal's server). `dataDir`: where the signing key is kept. */
export async function portalLogin(app: FastifyInstance, options: PortalLoginOptions, dataDir: string): Promise<void> {
  const publicUrl = new URL(options.publicUrl);
  const tokenIssuer = publicUrl.origin;
  const flow = oidcSignIn({
    issuer: options.issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    redirectUri: new URL('/portal/callback', publicUrl).toString(),
    scope: SCOPE,
    acrValues: Object.keys(LEVELS),
  });
  const key = signingKey(dataDir);
  await sessions(app, options.sessionKey, publicUrl.protocol === 'https:');

  const signedIn = (request: FastifyRequest): Citizen => {
    const citizen = request.session.get('citizen');
    if (!citizen) throw new HttpError(401, 'sign-in-required', 'Bitte melden Sie sich an.');
    return citizen;
  };

  await app.register(async (routes) => {
    signInErrors(routes, CSRF);
    routes.addHook('onSend', async (_request, reply, payload) => {
      reply.header('Cache-Control', 'no-store');
      return payload;
    });

    routes.get<{ Querystring: { return?: string } }>('/portal/login', async (request, reply) => {
      const { url, pending } = await flow.start(localPath(request.query.return, '/'));
      request.session.set('citizenSignIn', pending);
      return reply.redirect(url, 303);
    });

    routes.get<{ Querystring: Record<string, unknown> }>('/portal/callback', async (request, reply) => {
      const pending = request.session.get('citizenSignIn');
      if (!pending) return reply.redirect('/portal/login', 303);
      request.session.set('citizenSignIn', undefined);
      const { claims, userinfo } = await flow.finish(request.query, new URL(request.url, publicUrl), pending);
      const trustLevel = LEVELS[String(claims.acr)];
      if (!trustLevel) {
        throw new HttpError(
          403,
          'trust-level-too-low',
          'Diese Anmeldung erreicht nicht das Vertrauensniveau „substanziell“. Bitte melden Sie sich mit der Online-Ausweisfunktion oder einem ELSTER-Zertifikat an.',
        );
      }
      // The attributes come from the userinfo endpoint (OpenID Connect returns scope claims there); openid-client
      // checks that its `sub` is the ID token's.
      const attributes = attributesFrom({ ...(await userinfo()), ...claims });
      request.session.set('citizen', { sub: claims.sub, trustLevel, source: SOURCE, attributes });
      return reply.redirect(pending.returnTo, 303);
    });

    routes.get('/portal/identity', async (request, reply) => {
      sameOriginOnly(request, CROSS_SITE);
      const citizen = request.session.get('citizen');
      const identity = citizen ? { trustLevel: citizen.trustLevel, source: citizen.source, attributes: citizen.attributes } : null;
      return { identity, csrfToken: reply.generateCsrf() };
    });

    routes.post<{ Body: { submissionId?: unknown } }>('/portal/identity-token', {
      bodyLimit: 4096,
      onRequest: async (request) => sameOriginOnly(request, CROSS_SITE),
      preHandler: routes.csrfProtection,
      handler: async (request): Promise<AuthenticatedIdentity> => {
        const { sub, trustLevel, source, attributes } = signedIn(request);
        const submissionId = (request.body as { submissionId?: unknown } | undefined)?.submissionId;
        if (typeof submissionId !== 'string' || !UUID.test(submissionId)) {
          throw new HttpError(400, 'submission-id', 'Erwartet wird { "submissionId": "<UUID der Einreichung>" }.');
        }
        const { privateKey, publicJwk } = await key();
        const claims: Omit<IdentityTokenClaims, 'iss' | 'aud' | 'sub' | 'iat' | 'exp'> = {
          nonce: submissionId,
          vertrauensniveau: trustLevel,
          quelle: source ?? SOURCE,
          angaben: attributes ?? {},
        };
        const token = await new SignJWT({ ...claims })
          .setProtectedHeader({ alg: 'ES256', kid: publicJwk.kid, typ: 'JWT' })
          .setIssuer(tokenIssuer)
          .setAudience(options.tokenAudience)
          .setSubject(sub)
          .setIssuedAt()
          .setExpirationTime(`${TOKEN_MINUTES}m`)
          .sign(privateKey);
        return { trustLevel, ...(source ? { source } : {}), ...(attributes ? { attributes } : {}), token };
      },
    });

    routes.post('/portal/logout', {
      onRequest: async (request) => sameOriginOnly(request, CROSS_SITE),
      preHandler: routes.csrfProtection,
      handler: async (request, reply) => {
        // Only the citizen's entry: a clerk signed in in the same browser stays so.
        request.session.set('citizen', undefined);
        return reply.code(204).send();
      },
    });

    routes.get('/portal/jwks.json', async () => ({ keys: [(await key()).publicJwk] }));
  });
}
