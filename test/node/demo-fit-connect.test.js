/**
 * The demo's FIT-Connect page takes the production path (issue 12, point 5): the server `npm start` runs (the built
 * server with the demo portal and EFA_FIT_CONNECT_DEMO), the demo page as the portal serves it, Debian's Chromium.
 * A Verpflichtungserklärung sent there goes browser → relay (server/relay/) → Submission API stand-in, which checks
 * every request against FITKO's OpenAPI file; its subscriber decrypts with the destination's key and the receiver
 * stores the envelope the browser made, so the inbox lists it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from '../../scripts/chrome.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { buildApp, DEFAULT_LIMITS } = await import('../../build/server/app.js');

/** What the form asks, from a valid fixture; the form derives the creditworthiness check itself. */
const { selbstauskunftBonitaet: _derived, ...answers } = JSON.parse(readFileSync(join(root, 'test/fixtures/verpflichtungserklaerung/valid/einfach.json'), 'utf8'));

let app;
let base;
let browser;
let dataDir;
before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'efa-demo-fit-connect-'));
  app = await buildApp({
    root,
    dataDir,
    limits: DEFAULT_LIMITS,
    lookupsPerMinute: 1000,
    clerkRoutes: 'open-for-tests',
    portalDir: join(root, 'demo'),
    fitConnectDemo: true,
  });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await puppeteer.launch({ executablePath: chromePath(), headless: true, args: chromeArgs });
});
after(async () => {
  await browser?.close();
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a declaration from the FIT-Connect demo page goes through the relay and the Submission API stand-in into the store', async () => {
  const tab = await browser.newPage();
  const pageErrors = [];
  tab.on('pageerror', (error) => pageErrors.push(error.message));
  const relayed = [];
  tab.on('request', (request) => {
    if (request.url().startsWith(`${base}/api/`)) relayed.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  await tab.goto(`${base}/verpflichtungserklaerung-fit-connect.html`);
  const form = await tab.waitForFunction(() => {
    const element = document.querySelector('efa-verpflichtungserklaerung[adapter="fit-connect"]');
    // demo/fit-connect-trust.js sets the trust anchor once it has it.
    return element?.shadowRoot?.querySelector('button.primary') && element.keyTrust ? element : undefined;
  });
  // Every step is answered by the prefill: "Weiter" through all of them to the warning against hasty submission.
  const walk = await form.evaluate(async (element, prefill) => {
    element.prefill = prefill;
    await element.updateComplete;
    const headings = [];
    while (!element.shadowRoot.getElementById('f-warnhinweisBestaetigt')) {
      headings.push(element.shadowRoot.querySelector('h2')?.textContent);
      if (element.shadowRoot.querySelector('.error-summary') || headings.length > 30) return { stuck: headings };
      element.shadowRoot.querySelector('button.primary').click();
      await element.updateComplete;
    }
    return { headings };
  }, answers);
  assert.equal(walk.stuck, undefined, `stuck after: ${walk.stuck?.join(' → ')}`);
  // The warning is confirmed as a person does it, with the keyboard; then "Verbindlich absenden".
  await form.evaluate((element) => element.shadowRoot.getElementById('f-warnhinweisBestaetigt').focus());
  await tab.keyboard.press('Space');
  const outcome = await form.evaluate(
    (element) =>
      new Promise((resolve) => {
        element.addEventListener('efa-submitted', (event) => resolve({ reference: event.detail.receipt.reference }), { once: true });
        element.addEventListener('efa-submit-error', (event) => resolve({ error: `${event.detail.error.failure}: ${event.detail.error.message}` }), { once: true });
        element.shadowRoot.querySelector('button.primary').click();
      }),
  );
  assert.deepEqual(pageErrors, []);
  assert.equal(outcome.error, undefined, outcome.error);
  assert.match(outcome.reference, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'the receipt is the FIT-Connect case id');
  assert.ok(relayed.includes('GET /api/fit-connect/destination'), relayed.join());
  assert.ok(relayed.includes('POST /api/fit-connect/submissions'), relayed.join());
  assert.ok(!relayed.includes('POST /api/submissions'), 'the browser sent nothing past the relay');

  const picked = await (await fetch(`${base}/api/fit-connect/demo-cases/${outcome.reference}`)).json();
  assert.deepEqual(picked.problems, []);
  assert.match(picked.reference, /^VE-\d{4}-[A-Z0-9]{6}$/);
  const listed = await (await fetch(`${base}/api/submissions`)).json();
  assert.ok(listed.some((entry) => entry.reference === picked.reference), 'the inbox lists it');
  const stored = await (await fetch(`${base}/api/submissions/${picked.reference}/data`)).json();
  assert.equal(stored.service, 'verpflichtungserklaerung');
  assert.equal(stored.authority, '09999000', 'the office the page names');
  assert.equal(stored.locale, 'de');
  assert.deepEqual(stored.data.gast, answers.gast);
});
