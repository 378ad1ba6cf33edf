import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { summaryReporter } from './scripts/summary-reporter.js';
import { chromeArgs, chromePath } from './scripts/chrome.js';
import { STRICT_CSP } from './demo/csp.js';
import { createReceiver } from './demo/receiver.js';
import { contractReceiver } from './test/helpers/contract-receiver.js';

// The reference receiver answers /api/* on the test server's own origin, with a fresh store per run,
// so adapter and flow tests talk to the real thing. A test can restart it (same store, new process state)
// with the server command `restart-receiver`.
const receiverDataDir = mkdtempSync(join(tmpdir(), 'efa-receiver-'));
const faultQueues = new Map();
const startReceiver = () => createReceiver({ dataDir: receiverDataDir, faults: true, faultQueues });
let receiver = startReceiver();

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  middleware: [
    async function strictCspPages(ctx, next) {
      await next();
      if (ctx.path.startsWith('/test/csp/')) ctx.set('Content-Security-Policy', STRICT_CSP);
    },
    async function distListing(ctx, next) {
      if (ctx.path !== '/__dist__') return next();
      ctx.type = 'json';
      ctx.body = JSON.stringify(readdirSync('dist').filter((f) => f.endsWith('.js')));
    },
    // Answers of the receiver contract (409, 413) the reference receiver does not give yet: see the file.
    contractReceiver(),
    async function referenceReceiver(ctx, next) {
      if (!ctx.path.startsWith('/api/')) return next();
      ctx.respond = false;
      await receiver.handle(ctx.req, ctx.res);
    },
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'esnext', tsconfig: 'tsconfig.json' }),
    {
      name: 'restart-receiver',
      executeCommand({ command }) {
        if (command !== 'restart-receiver') return undefined;
        receiver = startReceiver();
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
