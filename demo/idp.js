/**
 * The demo's identity providers, as stand-ins for the demo and the tests: real OpenID Connect providers (panva's
 * certified `oidc-provider`) with a few fixed accounts and a plain sign-in form.
 *
 * - `startIdentityProvider`: the authority's own provider for its clerks. The receiver signs clerks in against it
 *   with the authorization code flow and PKCE exactly as it would against the authority's IdP (Keycloak, ADFS, …);
 *   only `EFA_OIDC_*` change.
 * - `startCitizenIdentityProvider`: "DeutschlandID (Demo)" for citizens. The portal (server/portal-login.ts) signs
 *   citizens in against it the same way; a real portal talks to the DeutschlandID (BundID) or a Land account
 *   instead, only `EFA_CITIZEN_OIDC_*` change. The level of assurance is the ID token's `acr`
 *   (`http://eidas.europa.eu/LoA/high` for the eID function, `…/substantial` e.g. for an ELSTER certificate).
 *   Attributes come from the userinfo endpoint as OpenID Connect claims: the standard ones where they exist
 *   (`given_name`, `family_name`, `birthdate`, `address`; from OpenID Connect for Identity Assurance
 *   `birth_family_name` and `place_of_birth`), and three of our own for what no standard names, under the scope
 *   `deutschlandid`:
 *     `staatsangehoerigkeit`  a code of the XÖV nationality code list (`000`: German)
 *     `postfach_handle`       the DeutschlandID mailbox handle (a UUID)
 *     `antrags_id`            the DeutschlandID application id for its status monitor (a UUID)
 */
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

/** The demo's clerks: user name → password and display name. Demo data, printed at `npm start`. */
export const DEMO_CLERKS = {
  'sachbearbeitung': { password: 'musterstadt', name: 'Sam Sachbearbeitung' },
  'teamleitung': { password: 'musterstadt', name: 'Toni Teamleitung' },
};

export const LOA_HIGH = 'http://eidas.europa.eu/LoA/high';
export const LOA_SUBSTANTIAL = 'http://eidas.europa.eu/LoA/substantial';

/**
 * The demo's citizens: user name → password, level of assurance (`acr`) and claims. Demo data (Erika Mustermann
 * is the specimen name of the German identity card), printed at `npm start`.
 */
export const DEMO_CITIZENS = {
  'eid': {
    password: 'musterstadt',
    acr: LOA_HIGH,
    claims: {
      given_name: 'Erika',
      family_name: 'Mustermann',
      birth_family_name: 'Gabler',
      birthdate: '1964-08-12',
      place_of_birth: { locality: 'Berlin' },
      address: { street_address: 'Heidestraße 17', postal_code: '51147', locality: 'Köln', country: 'DE' },
      staatsangehoerigkeit: '000',
      postfach_handle: '3f2c8e1a-7b4d-4e9f-a6c2-5d8b1e0f9a37',
      antrags_id: 'b7e4d2c1-9a3f-4b8e-8c6d-2f1a0e9d7c54',
    },
  },
  'elster': {
    password: 'musterstadt',
    acr: LOA_SUBSTANTIAL,
    claims: {
      given_name: 'Max',
      family_name: 'Mustermann',
      birthdate: '1970-03-21',
      address: { street_address: 'Am Alten Markt 3a', postal_code: '99999', locality: 'Musterstadt', country: 'DE' },
    },
  },
};

const CITIZEN_SCOPE = 'openid profile address deutschlandid';

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loginPage({ title, heading, intro }, uid, error) {
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body><main>
<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(intro)}</p>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<p><label for="username">Benutzername</label><br><input id="username" name="username" autocomplete="username" required></p>
<p><label for="password">Passwort</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Anmelden</button></p>
</form>
</main></body></html>`;
}

async function formBody(req) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 10_000) throw new Error('form too large');
  }
  return new URLSearchParams(text);
}

/**
 * Starts a provider on 127.0.0.1:`port` (0: any free port) for one client at `redirectUri`. `accounts`: user name →
 * { password, acr?, claims }; the client is granted `scope` without a consent screen. Resolves to its issuer URL,
 * the client's credentials and `close()`.
 */
async function startProvider({ port, redirectUri, clientId, clientSecret, accounts, claims, scope, acrValues = [], page }) {
  const server = createServer();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    pkce: { required: () => true },
    claims,
    acrValues,
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // Fresh keys and short lifetimes: a stand-in that forgets everything at a restart (and its in-memory store says so).
    jwks: { keys: [{ ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'ES256' }] },
    ttl: { Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false } },
    async findAccount(_ctx, id) {
      const account = accounts[id];
      return account && { accountId: id, claims: () => ({ sub: id, ...account.claims }) };
    },
    // The client is the authority's own application: no consent screen, the requested scopes are granted.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(scope);
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError(ctx, out) {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `Die Anmeldung ist fehlgeschlagen: ${out.error}`;
    },
  });
  const callback = provider.callback();

  server.on('request', async (req, res) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '');
    if (!match) return callback(req, res);
    try {
      const { uid, prompt } = await provider.interactionDetails(req, res);
      if (prompt.name !== 'login') {
        return await provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
      }
      if (req.method === 'POST' && match[2]) {
        const form = await formBody(req);
        const username = form.get('username') ?? '';
        const account = accounts[username];
        if (account && form.get('password') === account.password) {
          const login = { accountId: username, ...(account.acr ? { acr: account.acr } : {}) };
          return await provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
        }
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        return res.end(loginPage(page, uid, 'Benutzername oder Passwort stimmen nicht.'));
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(loginPage(page, uid));
    } catch (error) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`Die Anmeldung ist fehlgeschlagen: ${error.message}`);
    }
  });
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The clerks' provider, for one client: the receiver at `redirectUri`. */
export function startIdentityProvider({ port = 0, redirectUri, clientId = 'efa-inbox', clientSecret = randomBytes(24).toString('base64url') }) {
  const accounts = Object.fromEntries(Object.entries(DEMO_CLERKS).map(([user, { password, name }]) => [user, { password, claims: { name } }]));
  return startProvider({
    port,
    redirectUri,
    clientId,
    clientSecret,
    accounts,
    claims: { openid: ['sub'], profile: ['name'] },
    scope: 'openid profile',
    page: {
      title: 'Anmeldung – Identitätsdienst der Stadt Musterstadt (Demo)',
      heading: 'Anmeldung für Sachbearbeitende',
      intro: 'Demo-Identitätsdienst der Stadt Musterstadt.',
    },
  });
}

/** "DeutschlandID (Demo)", for one client: the portal at `redirectUri`. */
export function startCitizenIdentityProvider({ port = 0, redirectUri, clientId = 'efa-portal', clientSecret = randomBytes(24).toString('base64url') }) {
  return startProvider({
    port,
    redirectUri,
    clientId,
    clientSecret,
    accounts: DEMO_CITIZENS,
    claims: {
      // The level of assurance in every ID token.
      acr: null,
      openid: ['sub'],
      profile: ['given_name', 'family_name', 'birthdate', 'birth_family_name', 'place_of_birth'],
      address: ['address'],
      deutschlandid: ['staatsangehoerigkeit', 'postfach_handle', 'antrags_id'],
    },
    scope: CITIZEN_SCOPE,
    acrValues: [LOA_SUBSTANTIAL, LOA_HIGH],
    page: {
      title: 'Mit DeutschlandID anmelden (Demo)',
      heading: 'Mit DeutschlandID anmelden (Demo)',
      intro: 'Ein Demo-Identitätsdienst an Stelle der DeutschlandID: nur die Testkonten der Demo, keine echten Daten.',
    },
  });
}
