/**
 * The authority's identity provider, as a stand-in for the demo and the tests: a real OpenID Connect provider
 * (panva's certified `oidc-provider`) with a few fixed clerk accounts and a plain sign-in form. The receiver
 * signs clerks in against it with the authorization code flow and PKCE exactly as it would against the
 * authority's own IdP (Keycloak, ADFS, …); only `EFA_OIDC_*` change.
 */
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

/** The demo's clerks: user name → password and display name. Demo data, printed at `npm start`. */
export const DEMO_CLERKS = {
  'sachbearbeitung': { password: 'musterstadt', name: 'Sam Sachbearbeitung' },
  'teamleitung': { password: 'musterstadt', name: 'Toni Teamleitung' },
};

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loginPage(uid, error) {
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Anmeldung – Identitätsdienst der Stadt Musterstadt (Demo)</title></head>
<body><main>
<h1>Anmeldung für Sachbearbeitende</h1>
<p>Demo-Identitätsdienst der Stadt Musterstadt.</p>
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
 * Starts the provider on 127.0.0.1:`port` (0: any free port) for one client, the receiver at `redirectUri`.
 * Resolves to its issuer URL, the client's credentials and `close()`.
 */
export async function startIdentityProvider({ port = 0, redirectUri, clientId = 'efa-inbox', clientSecret = randomBytes(24).toString('base64url') }) {
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
    claims: { openid: ['sub'], profile: ['name'] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // Fresh keys and short lifetimes: a stand-in that forgets everything at a restart (and its in-memory store says so).
    jwks: { keys: [{ ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'ES256' }] },
    ttl: { Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false } },
    async findAccount(_ctx, id) {
      const clerk = DEMO_CLERKS[id];
      return clerk && { accountId: id, claims: () => ({ sub: id, name: clerk.name }) };
    },
    // The receiver is the authority's own application: no consent screen, the requested scopes are granted.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile');
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
        const clerk = DEMO_CLERKS[username];
        if (clerk && form.get('password') === clerk.password) {
          return await provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
        }
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        return res.end(loginPage(uid, 'Benutzername oder Passwort stimmen nicht.'));
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(loginPage(uid));
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
