/**
 * The package as npm publishes it (`npm pack`, after `npm run build`): what is in the tarball, and a small
 * React 19 + TypeScript consumer (test/node/consumer/) that must type-check against it with no error and
 * without `skipLibCheck`. Its `@ts-expect-error` lines prove that props and event details are typed: were
 * they `any`, each would be an unused directive and fail the check.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'efa-pack-'));
const packed = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { encoding: 'utf8' });
const [pack] = packed.status === 0 ? JSON.parse(packed.stdout) : [undefined];
const files = new Set(pack?.files.map((file) => file.path) ?? []);

test('npm pack succeeds', () => assert.equal(packed.status, 0, packed.stderr));

test('the package holds the bundles, types, schemas, manifest, editor data, licence and changelog', () => {
  for (const path of [
    'dist/efa-forms.js',
    'dist/efa-verpflichtungserklaerung.js',
    'dist/efa-aufenthaltstitel.js',
    'dist/types/components/entries/efa-forms.d.ts',
    'dist/types/components/jsx/react.d.ts',
    'schemas/submission.schema.json',
    'custom-elements.json',
    'vscode.html-custom-data.json',
    'web-types.json',
    'LICENSE',
    'CHANGELOG.md',
    'README.md',
  ]) {
    assert.ok(files.has(path), `${path} is missing from the package`);
  }
  assert.ok([...files].some((path) => path.startsWith('dist/chunks/')), 'the chunks are missing');
});

test('the package holds no tests, sources or source maps', () => {
  const unwanted = [...files].filter((path) => /\.map$|^(test|src|components|server|demo|scripts|stories)\//.test(path));
  assert.deepEqual(unwanted, []);
});

test('a React 19 + TypeScript consumer type-checks against the packed package', () => {
  const project = join(work, 'consumer');
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, '@types'), { recursive: true });
  const extracted = spawnSync('tar', ['-xzf', join(work, pack.filename), '-C', work]);
  assert.equal(extracted.status, 0, String(extracted.stderr));
  cpSync(join(work, 'package'), join(modules, 'efa-forms'), { recursive: true });
  // Only what a React project has: react and its types. Not lit, not zod: the package must not need them.
  for (const name of ['react', '@types/react', 'csstype']) symlinkSync(join(root, 'node_modules', name), join(modules, name));
  cpSync(join(root, 'test/node/consumer/app.tsx'), join(project, 'app.tsx'));
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        module: 'ESNext',
        moduleResolution: 'Bundler',
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ['efa-forms/react'],
      },
      files: ['app.tsx'],
    }),
  );
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});

test.after(() => rmSync(work, { recursive: true, force: true }));
