/**
 * Bundles the server (server/*.ts, with the generated server validators) into build/server/ for Node 20, which
 * runs no TypeScript itself. Packages stay in node_modules. `tsc` type-checks the same sources (npm run
 * typecheck). Run by `npm run build`; the web-test-runner config calls `buildServer()` itself.
 */
import { readdirSync } from 'node:fs';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SERVER_OUT = `${root}build/server`;
/** The server's Node tests (server/test/), bundled the same way: `npm run test:server`, `npm run test:reliability`. */
export const SERVER_TEST_OUT = `${root}build/server-test`;

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

export async function buildServer() {
  // test-pki: the browser tests' server command issues test certificates with it (web-test-runner.config.js).
  // relay/main: the FIT-Connect relay, a process of its own (build/server/relay/main.js).
  const entryPoints = ['server/main.ts', 'server/app.ts', 'server/test-pki.ts', 'server/relay/main.ts'];
  await build({ ...common, entryPoints, outdir: SERVER_OUT, outbase: 'server', splitting: true });
}

export async function buildServerTests() {
  const tests = readdirSync(`${root}server/test`).filter((f) => f.endsWith('.test.ts') || f === 'reliability.ts');
  await build({ ...common, entryPoints: tests.map((f) => `server/test/${f}`), outdir: SERVER_TEST_OUT });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildServer();
  if (process.argv.includes('--tests')) await buildServerTests();
}
