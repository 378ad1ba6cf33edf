/**
 * The portal's citizen login (portal-login.ts) against the demo's "DeutschlandID (Demo)" (demo/idp.js), the way a
 * browser does it (redirects followed by hand, cookies kept): the identity the page sees has no token; a token
 * for a submission needs the session and its CSRF token and is refused cross-site; the receiver of the same
 * server, configured with the portal's issuer and JWKS, takes the token for that submission, and later opens that
 * case to the same person (a fresh token for a nonce), to nobody else.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_CITIZENS, startCitizenIdentityProvider } from '../../demo/idp.js';
import { Browser, freePort, postJson, root, startServer, type IdentityProvider, type TestServer } from './helpers.js';

describe('portal: citizen login and identity tokens', () => {
  let server: TestServer;
  let idp: IdentityProvider;
  let publicUrl: string;

  before(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    const audience = `${publicUrl}/api/submissions`;
    idp = await startCitizenIdentityProvider({ redirectUri: `${publicUrl}/portal/callback` });
    server = await startServer(
      {
        portalDir: join(root, 'demo'),
        portalLogin: {
          issuer: idp.issuer,
          clientId: idp.clientId,
          clientSecret: idp.clientSecret,
          publicUrl,
          sessionKey: randomBytes(32),
          tokenAudience: audience,
        },
        identityIssuer: { issuer: publicUrl, jwksUrl: `${publicUrl}/portal/jwks.json`, audience },
      },
      port,
    );
  });
  after(async () => {
    await server.close();
    await idp.close();
  });

  async function logIn(user: string): Promise<Browser> {
    const browser = new Browser();
    const { url: formUrl } = await browser.navigate(`${publicUrl}/portal/login?return=/verpflichtungserklaerung.html`);
    assert.equal(formUrl.origin, idp.issuer, 'sent to the identity provider');
    const { url: landed } = await browser.navigate(new URL(`${formUrl.pathname}/login`, formUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: user, password: DEMO_CITIZENS[user]!.password }).toString(),
    });
    assert.equal(landed.toString(), `${publicUrl}/verpflichtungserklaerung.html`, 'back where the login started');
    return browser;
  }

  const tokenRequest = (browser: Browser, headers: Record<string, string>, submissionId: unknown = crypto.randomUUID()) =>
    browser.request(`${publicUrl}/portal/identity-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ submissionId }),
    });

  it('shows nobody before the login, and refuses a token to nobody', async () => {
    const browser = new Browser();
    const session = await (await browser.request(`${publicUrl}/portal/identity`)).json();
    assert.equal(session.identity, null);
    assert.equal((await tokenRequest(browser, { 'X-CSRF-Token': session.csrfToken })).status, 401);
  });

  it('gives the page the identity without a token, and a token only with the CSRF token and from its own site', async () => {
    const browser = await logIn('eid');
    const { identity, csrfToken } = await (await browser.request(`${publicUrl}/portal/identity`)).json();
    assert.equal(identity.trustLevel, 'hoch');
    assert.equal(identity.attributes.familienname, 'Mustermann');
    assert.equal(identity.token, undefined);

    assert.equal((await tokenRequest(browser, {})).status, 403, 'no CSRF token');
    assert.equal((await tokenRequest(browser, { 'X-CSRF-Token': 'forged' })).status, 403, 'a forged CSRF token');
    assert.equal(
      (await tokenRequest(browser, { 'X-CSRF-Token': csrfToken, Origin: 'https://attacker.example', 'Sec-Fetch-Site': 'cross-site' })).status,
      403,
      'cross-site',
    );
    assert.equal((await tokenRequest(browser, { 'X-CSRF-Token': csrfToken }, 'not-a-uuid')).status, 400);

    const submissionId = crypto.randomUUID();
    const answer = await tokenRequest(browser, { 'X-CSRF-Token': csrfToken }, submissionId);
    assert.equal(answer.status, 200);
    const withToken = await answer.json();
    const claims = JSON.parse(Buffer.from(withToken.token.split('.')[1], 'base64url').toString('utf8'));
    assert.equal(claims.nonce, submissionId);
    assert.equal(claims.iss, publicUrl);
    assert.equal(claims.exp - claims.iat, 600);
    assert.deepEqual(claims.angaben, identity.attributes);

    // The receiver takes it for that submission: the eID fixture with the authenticated answers of the login.
    const data = JSON.parse(readFileSync(join(root, 'test/fixtures/verpflichtungserklaerung/valid/eid.json'), 'utf8'));
    const { anschrift, staatsangehoerigkeit, postfachHandle: _handle, antragsId: _application, ...names } = identity.attributes;
    Object.assign(data.erklaerender.person, names, { anschrift });
    data.erklaerender.person.staatsangehoerigkeiten[0].code = staatsangehoerigkeit;
    data.authentifizierung = { ...data.authentifizierung, vertrauensniveau: 'hoch', token: withToken.token };
    const envelope = {
      id: submissionId,
      service: 'verpflichtungserklaerung',
      schemaVersion: '1.0.0',
      createdAt: new Date().toISOString(),
      locale: 'de',
      authority: '09999000',
      data,
      attachments: [],
    };
    const stored = await postJson(server.base, envelope);
    assert.equal(stored.status, 201, JSON.stringify(await stored.clone().json()));
    const { reference } = await stored.json();

    // Later on "Mein Antrag" the same person opens it with a fresh token for a nonce, without the access code;
    // someone else signed in at the portal opens nothing.
    const casesOf = async (person: Browser, csrf: string) => {
      const nonce = crypto.randomUUID();
      const { token } = await (await tokenRequest(person, { 'X-CSRF-Token': csrf }, nonce)).json();
      const opened = await fetch(`${server.base}/api/cases/identity-access`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token, nonce }),
      });
      assert.equal(opened.status, 201);
      return (await opened.json()).cases.map((c: { reference: string }) => c.reference);
    };
    assert.deepEqual(await casesOf(browser, csrfToken), [reference]);
    const other = await logIn('elster');
    const { csrfToken: otherCsrf } = await (await other.request(`${publicUrl}/portal/identity`)).json();
    assert.deepEqual(await casesOf(other, otherCsrf), []);
  });

  it('ends the login with the CSRF token, and then gives neither identity nor token', async () => {
    const browser = await logIn('elster');
    const { identity, csrfToken } = await (await browser.request(`${publicUrl}/portal/identity`)).json();
    assert.equal(identity.trustLevel, 'substanziell');
    assert.equal((await browser.request(`${publicUrl}/portal/logout`, { method: 'POST' })).status, 403, 'no CSRF token');
    assert.equal((await browser.request(`${publicUrl}/portal/logout`, { method: 'POST', headers: { 'X-CSRF-Token': csrfToken } })).status, 204);
    assert.equal((await (await browser.request(`${publicUrl}/portal/identity`)).json()).identity, null);
    assert.equal((await tokenRequest(browser, { 'X-CSRF-Token': csrfToken })).status, 401);
  });
});
