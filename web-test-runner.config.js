import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { summaryReporter } from './scripts/summary-reporter.js';
import { chromeArgs, chromePath } from './scripts/chrome.js';
import { buildServer } from './scripts/build-server.js';
import { startTestIdentityPortal } from './scripts/test-identity-portal.js';

// The real server (server/, bundled now so that a change there needs no separate build) answers /api/* on the
// test server's own origin, with a fresh store per run, so adapter and flow tests talk to the real thing.
// A test can restart it (same store, new process state) with the server command `restart-receiver`.
await buildServer();
const { buildApp, DEFAULT_LIMITS, STRICT_CSP, mailLog, paymentConfigFrom } = await import('./build/server/app.js');
const testPki = await import('./build/server/test-pki.js');

// The portal whose identity tokens the receivers take (server command `identity-token` { nonce, angaben?, … }).
const identityPortal = await startTestIdentityPortal();
const identityIssuer = { issuer: identityPortal.issuer, jwksUrl: identityPortal.jwksUrl, audience: identityPortal.audience };

const receiverDataDir = mkdtempSync(join(tmpdir(), 'efa-receiver-'));
const faultQueues = new Map();
const startReceiver = () =>
  buildApp({
    root: fileURLToPath(new URL('.', import.meta.url)),
    dataDir: receiverDataDir,
    limits: DEFAULT_LIMITS,
    // Every test file asks from the same address; the limit itself is tested in test/server/.
    lookupsPerMinute: 100_000,
    // The inbox's sign-in is tested in server/test/clerks.test.ts.
    clerkRoutes: 'open-for-tests',
    // Likewise for opening a case: the limits on guessing access codes are tested in server/test/cases.test.ts.
    cases: { attemptsPerClient: 10_000, notices: mailLog(join(receiverDataDir, 'mail.log')) },
    identityIssuer,
    faultQueues,
    // FIT-Connect's production path under /api/fit-connect/: relay, Submission API stand-in, demo subscriber.
    fitConnectDemo: true,
  });
let receiver = await startReceiver();
// A second real receiver whose limits are small enough for a test to exceed them (413 in test/adapters/http.test.ts
// and test/services/sending.test.ts).
const SMALL_RECEIVER = '/small-receiver';
const smallReceiver = await buildApp({
  root: fileURLToPath(new URL('.', import.meta.url)),
  dataDir: mkdtempSync(join(tmpdir(), 'efa-small-receiver-')),
  limits: { ...DEFAULT_LIMITS, json: 100_000, multipart: 200_000 },
  lookupsPerMinute: 100_000,
  clerkRoutes: 'open-for-tests',
});

// A receiver that takes fees online through the demo's payment service (demo/payment-provider.js, issue 10), so
// that the confirmation pages of the other tests stay as they are.
const PAYING_RECEIVER = '/paying-receiver';
const { startPaymentProvider } = await import('./demo/payment-provider.js');
const paymentProvider = await startPaymentProvider();
const payingReceiver = await buildApp({
  root: fileURLToPath(new URL('.', import.meta.url)),
  dataDir: mkdtempSync(join(tmpdir(), 'efa-paying-receiver-')),
  limits: DEFAULT_LIMITS,
  lookupsPerMinute: 100_000,
  clerkRoutes: 'open-for-tests',
  cases: { attemptsPerClient: 10_000 },
  identityIssuer,
  payment: paymentConfigFrom(paymentProvider.env),
});

/**
 * Server command `fit-connect-test-certificates` { n, e, issuer, expired?, scheme?, withRoot? } → { x5c, anchor }:
 * an `x5c` chain for the RSA key n/e from a test PKI made once per run (test-pki.ts), and the PEM root the page
 * should trust. `issuer`: `intermediate` (under that root), `foreign-intermediate` (under another root) or
 * `non-ca-intermediate` (under the root, without the CA flag).
 */
function testCertificates() {
  // RSA 2048 for the CAs: four 4096-bit keys take longer than a server command may on a busy machine.
  const size = { modulusLength: 2048 };
  async function authorities() {
    const root = await testPki.createTestRoot('efa-forms Test-Root', size);
    const foreignRoot = await testPki.createTestRoot('efa-forms Fremde Test-Root', size);
    return {
      root,
      intermediate: await testPki.createTestIntermediate('efa-forms Test-Zwischen-CA', root, size),
      'foreign-intermediate': await testPki.createTestIntermediate('efa-forms Test-Zwischen-CA', foreignRoot, size),
      'non-ca-intermediate': await testPki.createTestIntermediate('efa-forms Test-Zwischen-CA ohne CA-Recht', root, { ...size, ca: false }),
    };
  }
  let pki;
  return {
    name: 'fit-connect-test-certificates',
    async executeCommand({ command, payload }) {
      if (command !== 'fit-connect-test-certificates') return undefined;
      pki ??= authorities();
      const { root, ...intermediates } = await pki;
      const issuer = intermediates[payload.issuer];
      const day = 86_400_000;
      const leaf = testPki.issueCertificate({
        subject: 'Test-Zustellpunkt',
        publicKey: testPki.publicKeyOfJwk(payload),
        issuer,
        ca: false,
        scheme: payload.scheme,
        ...(payload.expired ? { notBefore: new Date(Date.now() - 400 * day), notAfter: new Date(Date.now() - day) } : {}),
      });
      const chain = [leaf, issuer.certificate, ...(payload.withRoot ? [root.certificate] : [])];
      return { x5c: chain.map((der) => der.toString('base64')), anchor: testPki.toPem(root.certificate) };
    },
  };
}

/**
 * Server command `save-screenshot` { name, clip } → the path: a PNG of the page region `clip` (page coordinates)
 * under test-results/screenshots/<name>.png, for people to look at (e.g. a translation in its layout), not compared.
 * A page paints only while it is the front tab, so each screenshot brings its page to the front, one at a time.
 */
function saveScreenshot() {
  let previous = Promise.resolve();
  return {
    name: 'save-screenshot',
    async executeCommand({ command, payload, session }) {
      if (command !== 'save-screenshot') return undefined;
      const path = join('test-results', 'screenshots', `${payload.name}.png`);
      mkdirSync(dirname(path), { recursive: true });
      const page = session.browser.getPage(session.id);
      const taken = previous.then(async () => {
        await page.bringToFront();
        await page.screenshot({ path, clip: payload.clip, captureBeyondViewport: true });
      });
      previous = taken.catch(() => undefined);
      await taken;
      return path;
    },
  };
}

/** Hands a Koa request to a Fastify app and waits until it has answered. */
async function answerWith(app, ctx) {
  ctx.respond = false;
  ctx.res.statusCode = 200; // Koa starts every answer as 404; Fastify sets only what differs from 200
  const answered = new Promise((resolve) => ctx.res.once('close', resolve));
  app.routing(ctx.req, ctx.res);
  await answered;
}

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  // Per test. Tests wait for events, not time, so this only bounds a hang; 10 s was less than the shell's longest
  // keyboard journey (efa-form.test.ts) took under a load average of 15 on 2 cores.
  testFramework: { config: { timeout: 30_000 } },
  // Per file. The default (120 s) is less than the longest journey files take on a loaded 2-core machine (the
  // 26 route-finding walks, the nine-language walks); measured in README "Tests".
  testsFinishTimeout: 300_000,
  middleware: [
    async function strictCspPages(ctx, next) {
      await next();
      if (ctx.path.startsWith('/test/csp/')) ctx.set('Content-Security-Policy', STRICT_CSP);
    },
    async function validFixtures(ctx, next) {
      const service = /^\/__valid-fixtures__\/([a-z]+)$/.exec(ctx.path)?.[1];
      if (!service) return next();
      ctx.type = 'json';
      ctx.body = JSON.stringify(readdirSync(`test/fixtures/${service}/valid`).filter((f) => f.endsWith('.json')));
    },
    async function distListing(ctx, next) {
      if (ctx.path !== '/__dist__') return next();
      ctx.type = 'json';
      ctx.body = JSON.stringify(readdirSync('dist').filter((f) => f.endsWith('.js')));
    },
    async function referenceReceiver(ctx, next) {
      if (ctx.path.startsWith(`${SMALL_RECEIVER}/api/`)) {
        ctx.req.url = ctx.req.url.slice(SMALL_RECEIVER.length);
        return answerWith(smallReceiver, ctx);
      }
      if (ctx.path.startsWith(`${PAYING_RECEIVER}/api/`)) {
        ctx.req.url = ctx.req.url.slice(PAYING_RECEIVER.length);
        return answerWith(payingReceiver, ctx);
      }
      // The clerks' case API (open for tests) lets a test write as the office would.
      if (!ctx.path.startsWith('/api/') && !ctx.path.startsWith('/clerks/cases/')) return next();
      return answerWith(receiver, ctx);
    },
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'esnext', tsconfig: 'tsconfig.json' }),
    testCertificates(),
    saveScreenshot(),
    // What Chromium gives a screen reader: computed names and roles (test/helpers/accessibility-tree.ts).
    a11ySnapshotPlugin(),
    {
      name: 'identity-token',
      executeCommand: ({ command, payload }) => (command === 'identity-token' ? identityPortal.sign(payload) : undefined),
    },
    {
      name: 'restart-receiver',
      async executeCommand({ command }) {
        if (command !== 'restart-receiver') return undefined;
        const previous = receiver;
        receiver = await startReceiver();
        await previous.close();
        return true;
      },
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromePath(), headless: true, args: chromeArgs },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter()],
};
