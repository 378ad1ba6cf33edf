/**
 * The demo's citizen login, driven in Chromium (issue 10): `npm start` (demo/start.js) with its "DeutschlandID
 * (Demo)" provider, the VE page's "Mit DeutschlandID anmelden (Demo)", the provider's sign-in form, and back on
 * the page the element holds the identity. The token the page gets for a submission is what the demo receiver
 * takes for that submission, and refuses for any other; on "Mein Antrag" the same login opens that case without
 * reference and access code; the substantial-level citizen gets level substanziell.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import puppeteer from 'puppeteer-core';
import { DEMO_CITIZENS } from '../../demo/idp.js';
import { chromeArgs, chromePath } from '../../scripts/chrome.js';
import { root } from '../../scripts/bench-server.js';

async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** Starts `npm start`'s script on a free port with a fresh data folder; resolves once the server listens. */
async function startDemo() {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'efa-portal-login-'));
  // The demo as `npm start` makes it: none of the caller's server settings (a CI database, another provider).
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('EFA_') && !['DATABASE_URL', 'HOST'].includes(name)),
  );
  const child = spawn(process.execPath, ['demo/start.js'], {
    cwd: root,
    env: { ...inherited, PORT: String(port), EFA_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`demo/start.js ended with exit code ${code} before it listened`);
  });
  // Every line is read to the end, so the server never waits on a full pipe.
  const listening = new Promise((resolve) => lines.on('line', (line) => line.includes('Server listening') && resolve(undefined)));
  await Promise.race([listening, exited]);
  return {
    base: `http://localhost:${port}`,
    dataDir,
    async close() {
      child.kill('SIGTERM');
      await once(child, 'exit');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The eID fixture of the VE with the declaring person's authenticated answers taken from `attributes`. */
async function declarationBy(attributes) {
  const data = JSON.parse(await readFile(join(root, 'test/fixtures/verpflichtungserklaerung/valid/eid.json'), 'utf8'));
  const { anschrift, staatsangehoerigkeit, postfachHandle: _handle, antragsId: _application, ...names } = attributes;
  const person = data.erklaerender.person;
  Object.assign(person, names, { anschrift: { ...person.anschrift, ...anschrift } });
  person.staatsangehoerigkeiten[0].code = staatsangehoerigkeit;
  return data;
}

let demo;
let browser;
before(async () => {
  demo = await startDemo();
  browser = await puppeteer.launch({ executablePath: chromePath(), headless: true, args: chromeArgs });
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

/** Logs in as `user` from the VE page in a fresh browser context; answers the page, back on the VE page. */
async function logIn(user) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`${demo.base}/verpflichtungserklaerung.html`);
  // The form changes the page's history by itself, so navigations are awaited by what the next page shows.
  await page.locator('.portal-login a ::-p-text(Mit DeutschlandID anmelden (Demo))').click();
  await page.waitForSelector('#username');
  assert.equal(new URL(page.url()).origin === demo.base, false, 'on the identity provider’s page');
  assert.match(await page.title(), /DeutschlandID/);
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(DEMO_CITIZENS[user].password);
  await page.locator('button[type="submit"]').click();
  await page.waitForFunction(() => document.querySelector('.portal-login')?.textContent?.includes('Angemeldet als'));
  assert.equal(page.url(), `${demo.base}/verpflichtungserklaerung.html`, 'back on the VE page');
  return page;
}

/** The element's identity, once the page script has set it. */
async function identityOf(page) {
  await page.waitForFunction(() => document.querySelector('efa-verpflichtungserklaerung').identity !== undefined);
  return page.evaluate(() => document.querySelector('efa-verpflichtungserklaerung').identity);
}

/** What the page answers the element's `efa-identity-request` for a new submission id. */
function requestIdentity(page) {
  return page.evaluate(async () => {
    const submissionId = crypto.randomUUID();
    let answer;
    const respondWith = (promise) => {
      answer = promise;
    };
    const form = document.querySelector('efa-verpflichtungserklaerung');
    form.dispatchEvent(new CustomEvent('efa-identity-request', { bubbles: true, composed: true, detail: { submissionId, respondWith } }));
    return { submissionId, identity: await answer };
  });
}

function submit(envelope) {
  return fetch(`${demo.base}/api/submissions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(envelope) });
}

describe('demo citizen login (DeutschlandID (Demo), OpenID Connect, server-side portal)', () => {
  test('the eID citizen logs in, the element holds the identity, and the receiver takes the page’s token for that submission only', async () => {
    const page = await logIn('eid');
    assert.equal(
      (await page.$eval('.portal-login', (box) => box.textContent)).trim(),
      'Angemeldet als Erika Mustermann (Vertrauensniveau hoch) · Abmelden',
    );
    const identity = await identityOf(page);
    assert.deepEqual(identity, {
      trustLevel: 'hoch',
      source: 'DeutschlandID',
      attributes: {
        vornamen: 'Erika',
        familienname: 'Mustermann',
        geburtsname: 'Gabler',
        geburtsdatum: '1964-08-12',
        geburtsort: 'Berlin',
        anschrift: { strasse: 'Heidestraße', hausnummer: '17', postleitzahl: '51147', ort: 'Köln' },
        staatsangehoerigkeit: '000',
        postfachHandle: DEMO_CITIZENS.eid.claims.postfach_handle,
        antragsId: DEMO_CITIZENS.eid.claims.antrags_id,
      },
    });

    const { submissionId, identity: withToken } = await requestIdentity(page);
    assert.deepEqual({ ...withToken, token: undefined }, { ...identity, token: undefined }, 'the same identity, now with a token');
    const data = await declarationBy(identity.attributes);
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

    const replayed = await submit({ ...envelope, id: crypto.randomUUID() });
    assert.equal(replayed.status, 403);
    assert.equal((await replayed.json()).reason, 'wrong-submission');
    const taken = await submit(envelope);
    assert.equal(taken.status, 201, JSON.stringify(await taken.clone().json()));
    const { reference } = await taken.json();

    // Later on "Mein Antrag", still signed in: the case opens without reference and access code.
    await page.goto(`${demo.base}/mein-antrag.html`);
    const button = (label) => [...(document.querySelector('efa-status')?.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent.trim() === label);
    await page.waitForFunction(button, {}, 'Meine Anträge öffnen');
    await page.evaluate((label) => {
      [...document.querySelector('efa-status').shadowRoot.querySelectorAll('button')].find((b) => b.textContent.trim() === label).click();
    }, 'Meine Anträge öffnen');
    await page.waitForFunction((ref) => document.querySelector('efa-status').shadowRoot.querySelector('h2')?.textContent.includes(ref), {}, reference);

    await page.locator('.portal-login button ::-p-text(Abmelden)').click();
    await page.waitForFunction(() => document.querySelector('.portal-login a')?.textContent === 'Mit DeutschlandID anmelden (Demo)');
    await page.browserContext().close();
  });

  test('the substantial-level citizen gets level substanziell and only the attributes the login has', async () => {
    const page = await logIn('elster');
    assert.match(await page.$eval('.portal-login', (box) => box.textContent), /Angemeldet als Max Mustermann \(Vertrauensniveau substanziell\)/);
    assert.deepEqual(await identityOf(page), {
      trustLevel: 'substanziell',
      source: 'DeutschlandID',
      attributes: {
        vornamen: 'Max',
        familienname: 'Mustermann',
        geburtsdatum: '1970-03-21',
        anschrift: { strasse: 'Am Alten Markt', hausnummer: '3a', postleitzahl: '99999', ort: 'Musterstadt' },
      },
    });
    const { identity } = await requestIdentity(page);
    const claims = JSON.parse(Buffer.from(identity.token.split('.')[1], 'base64url').toString('utf8'));
    assert.equal(claims.vertrauensniveau, 'substanziell');
    await page.browserContext().close();
  });

  test('done as issue 10 says: logged in at eID level, the declaration goes fully online, the fee is paid, and the stored case carries both', async () => {
    const page = await logIn('eid');
    await identityOf(page);
    const { abgabeart: _chosenHere, warnhinweisBestaetigt: _onItsPage, ...answers } = JSON.parse(
      await readFile(join(root, 'test/fixtures/verpflichtungserklaerung/valid/einfach.json'), 'utf8'),
    );
    // The citizen answers everything the login does not say; the login's own answers stay as the login said them.
    const sent = await page.evaluate(async (prefill) => {
      const until = async (condition, what) => {
        for (const started = performance.now(); !condition(); await new Promise((r) => setTimeout(r, 50))) {
          if (performance.now() - started > 30_000) throw new Error(`waited in vain for ${what}`);
        }
      };
      const form = document.querySelector('efa-verpflichtungserklaerung');
      form.prefill = { ...prefill, abgabeart: 'eid' };
      await form.updateComplete; // the identity, applied lazily, included
      const root = form.shadowRoot;
      const heading = () => root.querySelector('h2')?.textContent ?? '';
      const seen = { locked: '' };
      await until(() => heading().startsWith('Verpflichtungserklärung') || heading().includes('Schritt'), 'the first step');
      while (!heading().includes('Prüfen Sie Ihre Angaben')) {
        const field = root.getElementById('f-erklaerender-person-familienname');
        if (field) seen.locked = `${field.shadowRoot?.querySelector('input')?.value} ${field.shadowRoot?.textContent.replace(/\s+/g, ' ')}`;
        const before = heading();
        root.querySelector('button.primary').click();
        await form.updateComplete;
        const errors = root.querySelector('.error-summary');
        if (errors) throw new Error(`errors on "${before}": ${errors.textContent}`);
        await until(() => heading() !== before, `leaving "${before}"`);
      }
      root.querySelector('button.primary').click();
      await until(() => root.getElementById('f-warnhinweisBestaetigt'), 'the warning');
      const warning = root.textContent.includes('elektronisch und verbindlich ab');
      root.getElementById('f-warnhinweisBestaetigt').shadowRoot.querySelector('input').click();
      await form.updateComplete;
      root.querySelector('button.primary').click();
      await until(() => root.querySelector('.reference'), 'the confirmation');
      await until(() => root.querySelector('.payment h2')?.textContent === 'Gebühr bezahlen', 'the fee offered');
      return { reference: root.querySelector('.reference').textContent.trim(), warning, locked: seen.locked };
    }, answers);
    assert.match(sent.locked, /Mustermann/, 'the family name is the login’s');
    assert.match(sent.locked, /Aus Ihrer Anmeldung mit DeutschlandID – nicht änderbar/);
    assert.ok(sent.warning, 'the warning speaks of the electronic, binding declaration');

    // Pay now: to the demo payment service, pay by "card", and back.
    await page.evaluate(() => {
      const button = [...document.querySelector('efa-verpflichtungserklaerung').shadowRoot.querySelectorAll('.payment button')].find(
        (b) => b.textContent.trim() === 'Jetzt online bezahlen',
      );
      button.click();
    });
    await page.waitForFunction(() => document.body.textContent.includes('Mit Karte bezahlen (Demo)'));
    await page.locator('button ::-p-text(Mit Karte bezahlen (Demo))').click();
    await page.waitForFunction(
      () => document.querySelector('efa-verpflichtungserklaerung')?.shadowRoot?.querySelector('.payment h2')?.textContent === 'Gebühr bezahlt',
      { timeout: 30_000 },
    );

    const stored = JSON.parse(await readFile(join(demo.dataDir, 'submissions', sent.reference, 'submission.json'), 'utf8'));
    assert.equal(stored.data.abgabeart, 'eid');
    assert.equal(stored.data.authentifizierung.vertrauensniveau, 'hoch');
    assert.equal(stored.data.erklaerender.person.familienname, 'Mustermann');
    const claims = JSON.parse(Buffer.from(stored.data.authentifizierung.token.split('.')[1], 'base64url').toString('utf8'));
    assert.equal(claims.nonce, stored.id, 'the verified token is bound to this submission');
    const payments = JSON.parse(await readFile(join(demo.dataDir, 'submissions', sent.reference, 'payment.json'), 'utf8'));
    const booked = JSON.stringify(payments).includes('"status":"BOOKED"');
    assert.ok(booked, JSON.stringify(payments));
    const Ajv2020 = (await import('ajv/dist/2020.js')).default;
    const addFormats = (await import('ajv-formats')).default;
    const metadataSchema = JSON.parse(await readFile(join(root, 'test/fixtures/schemas/fit-connect-metadata-2.1.0.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema(metadataSchema);
    const paymentInformation = ajv.compile({ $ref: `${metadataSchema.$id}#/properties/paymentInformation` });
    const records = JSON.stringify(payments).match(/"paymentInformation":(\{[^{}]*\})/g).map((m) => JSON.parse(m.slice('"paymentInformation":'.length)));
    const bookedInfo = records.find((info) => info.status === 'BOOKED');
    assert.ok(bookedInfo && paymentInformation(bookedInfo), JSON.stringify(paymentInformation.errors));
    await page.browserContext().close();
  });
});
