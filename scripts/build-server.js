/**
 * Bundles the server (server/*.ts, with the generated server validators) into build/server/ for Node 20, which
 * runs no TypeScript itself. Packages stay in node_modules. `tsc` type-checks the same sources (npm run
 * typecheck). Run by `npm run build`; the web-test-runner config calls `buildServer()` itself.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SERVER_OUT = `${root}build/server`;

export async function buildServer() {
  await build({
    absWorkingDir: root,
    entryPoints: ['server/main.ts', 'server/app.ts'],
    outdir: SERVER_OUT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
