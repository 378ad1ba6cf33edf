/**
 * `npm test`: build, then every test in Chromium. CI reads the closing `N passed, N failed` line, so a build
 * that fails before any test runs still ends with one (counted as one failure).
 */
import { spawnSync } from 'node:child_process';

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

if (run('npm', ['run', 'build', '--silent']) !== 0) {
  process.stdout.write('\nThe build failed, so no test ran.\n0 passed, 1 failed\n');
  process.exit(1);
}
process.exit(run('npx', ['web-test-runner', ...process.argv.slice(2)]));
