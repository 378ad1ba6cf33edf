/**
 * `npm test`: build, then the Node tests (`test/node/` and the server's `server/test/`, where no browser is
 * needed), then every browser test in Chromium. CI reads the closing `N passed, N failed` line, which counts both; a build that fails before any
 * test runs still ends with one (counted as one failure).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (command, args, env = process.env) =>
  spawnSync(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' }).status ?? 1;

if (run('npm', ['run', 'build', '--silent']) !== 0 || run(process.execPath, ['scripts/build-server.js', '--tests']) !== 0) {
  process.stdout.write('\nThe build failed, so no test ran.\n0 passed, 1 failed\n');
  process.exit(1);
}

const tap = join(mkdtempSync(join(tmpdir(), 'efa-node-tests-')), 'result.tap');
const nodeStatus = run(process.execPath, [
  '--test',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tap}`,
  'test/node/',
  'build/server-test/',
]);
const summary = (() => {
  try {
    return readFileSync(tap, 'utf8');
  } catch {
    return '';
  }
})();
const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(summary)?.[1] ?? 0);
// A Node run that failed without reporting a failed test (a crash) still counts as one failure.
const nodeFailed = Math.max(count('fail'), nodeStatus === 0 ? 0 : 1);
const env = { ...process.env, EFA_NODE_TEST_COUNTS: `${count('pass')},${nodeFailed}` };
const browserStatus = run('npx', ['web-test-runner', ...process.argv.slice(2)], env);
process.exit(browserStatus || (nodeFailed ? 1 : 0));
