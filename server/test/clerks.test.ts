/**
 * The clerks' workspace answers only signed-in clerks (clerks.ts): a real sign-in round trip against the demo's
 * OpenID Connect provider (demo/idp.js, `oidc-provider`), the way a browser does it (redirects followed by hand,
 * cookies kept per origin), then the refusals: no session, a forged session, a cross-site or token-less POST.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { DEMO_CLERKS } from '../../demo/idp.js';
import { chromeArgs, chromePath } from '../../scripts/chrome.js';
import { PDF, envelope, pdfAttachment, postJson, postMultipart, residencePermitEnvelope, startServerWithSignIn, Browser, type IdentityProvider } from './helpers.js';

const [USER, ACCOUNT] = Object.entries(DEMO_CLERKS)[0]!;

describe('clerks’ sign-in (OpenID Connect, authorization code with PKCE)', () => {
  let server: Awaited<ReturnType<typeof startServerWithSignIn>>;
  let idp: IdentityProvider;
  let reference: string;

  before(async () => {
    server = await startServerWithSignIn();
    idp = server.idp;
    const created = await postJson(server.base, envelope());
    assert.equal(created.status, 201);
    reference = (await created.json()).reference;
  });

  after(() => server.close());

  /** Signs in as a browser does; answers the browser with its session and where it ended. */
  async function signIn(password = ACCOUNT.password): Promise<{ browser: Browser; landed: URL; page: Response }> {
    const browser = new Browser();
    const { response: form, url: formUrl } = await browser.navigate(`${server.base}/inbox.html`);
    assert.equal(formUrl.origin, idp.issuer, 'a signed-out clerk is sent to the identity provider');
    assert.match(await form.text(), /Benutzername/);
    const action = new URL(formUrl.pathname.replace(/\/?$/, '/login'), formUrl);
    const { response: page, url: landed } = await browser.navigate(action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: USER, password }).toString(),
    });
    return { browser, landed, page };
  }

  it('answers no page or API of the workspace without a session', async () => {
    const browser = new Browser();
    for (const path of [
      '/api/submissions',
      '/api/submissions?status=eingegangen',
      `/api/submissions/${reference}/data`,
      `/api/submissions/${reference}/pdf`,
      '/api/submissions/VE-2026-ZZZZZZ/pdf',
      `/api/submissions/${reference}/attachments/x`,
      '/clerks/session',
      `/clerks/cases/${reference}/messages`,
    ]) {
      const response = await browser.request(`${server.base}${path}`);
      assert.equal(response.status, 401, path);
      assert.equal((await response.json()).code, 'sign-in-required', path);
    }
    for (const path of ['/inbox.html', '/inbox.html?vorgang=VE-2026-ZZZZZZ', '/inbox.js']) {
      const response = await browser.request(`${server.base}${path}`);
      assert.equal(response.status, 303, path);
      assert.equal(response.headers.get('location'), `/clerks/login?return=${encodeURIComponent(path)}`);
    }
    // Citizens are not clerks: sending and looking up a reference need no session.
    assert.equal((await browser.request(`${server.base}/api/submissions/${reference}`)).status, 200);
  });

  it('signs a clerk in at the provider and back to the page asked for; the workspace then answers', async () => {
    const { browser, landed, page } = await signIn();
    assert.equal(landed.toString(), `${server.base}/inbox.html`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<h1>Posteingang<\/h1>/);
    const list = await browser.request(`${server.base}/api/submissions`);
    assert.equal(list.status, 200);
    assert.ok((await list.json()).some((entry: { reference: string }) => entry.reference === reference));
    assert.equal((await browser.request(`${server.base}/api/submissions/${reference}/data`)).status, 200);
    const session = await (await browser.request(`${server.base}/clerks/session`)).json();
    assert.equal(session.name, ACCOUNT.name);
    assert.ok(session.csrfToken.length > 10);
  });

  it('does not sign in with a wrong password', async () => {
    const { browser, landed, page } = await signIn('wrong');
    assert.equal(landed.origin, idp.issuer);
    assert.match(await page.text(), /stimmen nicht/);
    assert.equal((await browser.request(`${server.base}/api/submissions`)).status, 401);
  });

  it('refuses a session cookie that it did not make', async () => {
    const { browser } = await signIn();
    const jar = browser.cookies.get(server.base)!;
    const cookie = jar.get('efa_session')!;
    jar.set('efa_session', `${cookie.slice(0, -8)}AAAAAAAA`);
    assert.equal((await browser.request(`${server.base}/api/submissions`)).status, 401);
  });

  it('refuses a forged cross-site POST and one without the CSRF token; signs out with both right', async () => {
    const { browser } = await signIn();
    const { csrfToken } = await (await browser.request(`${server.base}/clerks/session`)).json();
    const logout = (headers: Record<string, string>, token?: string) =>
      browser.request(`${server.base}/clerks/logout`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
        body: token === undefined ? '' : new URLSearchParams({ _csrf: token }).toString(),
      });
    // What a page of another site can make a browser send: the cookie travels, the token is unknown.
    assert.equal((await logout({ Origin: 'https://attacker.example', 'Sec-Fetch-Site': 'cross-site' })).status, 403);
    assert.equal((await logout({ Origin: 'https://attacker.example' }, csrfToken)).status, 403);
    assert.equal((await logout({ 'Sec-Fetch-Site': 'cross-site' }, csrfToken)).status, 403);
    assert.equal((await logout({ Origin: server.base, 'Sec-Fetch-Site': 'same-origin' })).status, 403);
    assert.equal((await logout({ Origin: server.base, 'Sec-Fetch-Site': 'same-origin' }, 'forged')).status, 403);
    assert.equal((await logout({ Origin: 'null' }, csrfToken)).status, 403, 'an opaque origin without Sec-Fetch-Site');
    assert.equal((await browser.request(`${server.base}/api/submissions`)).status, 200, 'still signed in');
    // What Chromium sends with the inbox's own sign-out form under `Referrer-Policy: no-referrer`.
    const signedOut = await logout({ Origin: 'null', 'Sec-Fetch-Site': 'same-origin' }, csrfToken);
    assert.equal(signedOut.status, 303);
    assert.equal((await browser.request(`${server.base}/api/submissions`)).status, 401);
  });

  it('sends an office message only with a session and its CSRF token, and shows it in the case', async () => {
    const message = () => JSON.stringify({ id: crypto.randomUUID(), type: 'statusaenderung', data: { status: 'in-bearbeitung' } });
    const send = (browser: Browser, headers: Record<string, string> = {}) =>
      browser.request(`${server.base}/clerks/cases/${reference}/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: message() });
    const signedOut = await send(new Browser());
    assert.equal(signedOut.status, 401);
    assert.equal((await signedOut.json()).code, 'sign-in-required');

    const { browser } = await signIn();
    const { csrfToken } = await (await browser.request(`${server.base}/clerks/session`)).json();
    const withoutToken = await send(browser);
    assert.equal(withoutToken.status, 403);
    assert.equal((await withoutToken.json()).code, 'csrf');
    assert.equal((await send(browser, { 'X-CSRF-Token': 'forged' })).status, 403);
    assert.equal((await send(browser, { 'X-CSRF-Token': csrfToken, Origin: 'https://attacker.example', 'Sec-Fetch-Site': 'cross-site' })).status, 403);
    assert.equal((await send(browser, { 'X-CSRF-Token': csrfToken })).status, 201);

    const view = await browser.request(`${server.base}/clerks/cases/${reference}/messages`);
    assert.equal(view.status, 200);
    const { status, messages } = await view.json();
    assert.equal(status, 'in-bearbeitung');
    assert.equal(messages.length, 1);
    assert.equal(messages[0].from, 'office');
  });

  it('refuses a cross-site read of the workspace even with a session', async () => {
    const { browser } = await signIn();
    assert.equal((await browser.request(`${server.base}/api/submissions`, { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status, 403);
    assert.equal((await browser.request(`${server.base}/api/submissions/${reference}/pdf`, { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status, 403);
  });

  it('shows each file of an application under its purpose in the inbox page, in the order the purposes first came', async () => {
    const file = (dateiname: string, zweck: string) => ({ ...pdfAttachment(PDF, dateiname), zweck });
    const contract = file('vertrag.pdf', 'arbeitsvertrag');
    const addendum = file('nachtrag.pdf', 'arbeitsvertrag');
    const insurance = file('versicherung.pdf', 'krankenversicherung');
    const cv = file('lebenslauf.pdf', 'weitere');
    const passport = file('pass.pdf', 'reisepass');
    const sent = residencePermitEnvelope((data) => ({
      ...data,
      nachweise: { reisepass: passport, dokumente: { arbeitsvertrag: [contract, addendum], krankenversicherung: [insurance] }, weitere: [cv] },
    }));
    sent.attachments = [contract, insurance, addendum, cv, passport];
    const files = Object.fromEntries(sent.attachments.map((a: { id: string }) => [a.id, new Blob([PDF], { type: 'application/pdf' })]));
    const created = await postMultipart(server.base, sent, files);
    assert.equal(created.status, 201);
    const { reference: application } = await created.json();

    const { browser: signedIn } = await signIn();
    const stored = await (await signedIn.request(`${server.base}/api/submissions/${application}/data`)).json();
    assert.deepEqual(
      stored.attachments.map((a: { dateiname: string; zweck: string }) => [a.dateiname, a.zweck]),
      [['vertrag.pdf', 'arbeitsvertrag'], ['versicherung.pdf', 'krankenversicherung'], ['nachtrag.pdf', 'arbeitsvertrag'], ['lebenslauf.pdf', 'weitere'], ['pass.pdf', 'reisepass']],
      'the JSON the clerk downloads names each file\'s purpose',
    );

    const chromium = await puppeteer.launch({ executablePath: chromePath(), headless: true, args: chromeArgs });
    try {
      const page = await chromium.newPage();
      const session = [...signedIn.cookies.get(server.base)!].map(([name, value]) => ({ name, value, url: server.base }));
      await page.setCookie(...session);
      await page.goto(`${server.base}/inbox.html?vorgang=${application}`);
      await page.waitForSelector('#detail-attachments dl.attachments');
      const groups = await page.$$eval('#detail-attachments dl.attachments > *', (items) => {
        const result: [string, string[]][] = [];
        for (const item of items) {
          if (item.tagName === 'DT') result.push([item.textContent!, []]);
          else result.at(-1)![1].push(item.textContent!);
        }
        return result;
      });
      assert.deepEqual(groups, [
        ['Arbeitsvertrag oder Stellenangebot', ['vertrag.pdf (PDF, 1 KB)', 'nachtrag.pdf (PDF, 1 KB)']],
        ['Nachweis der Krankenversicherung', ['versicherung.pdf (PDF, 1 KB)']],
        ['Weitere Unterlagen', ['lebenslauf.pdf (PDF, 1 KB)']],
        ['Reisepass (Seite mit Lichtbild)', ['pass.pdf (PDF, 1 KB)']],
      ]);
      const links = await page.$$eval('#detail-attachments a', (anchors) => anchors.map((a) => a.getAttribute('href')));
      assert.deepEqual(links, [contract, addendum, insurance, cv, passport].map((a) => `/api/submissions/${application}/attachments/${a.id}`));
    } finally {
      await chromium.close();
    }
  });

  it('returns only to a local path after signing in', async () => {
    const browser = new Browser();
    await browser.request(`${server.base}/clerks/login?return=${encodeURIComponent('//attacker.example/x')}`);
    const response = await browser.request(`${server.base}/clerks/login?return=${encodeURIComponent('https://attacker.example/')}`);
    assert.equal(response.status, 303);
    const { url } = await browser.navigate(response.headers.get('location')!);
    const { url: landed } = await browser.navigate(new URL(url.pathname.replace(/\/?$/, '/login'), url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: USER, password: ACCOUNT.password }).toString(),
    });
    assert.equal(landed.toString(), `${server.base}/inbox.html`);
  });
});
