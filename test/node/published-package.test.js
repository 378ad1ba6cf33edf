/**
 * The package as npm publishes it (`npm pack`, after `npm run build`): what is in the tarball, and small
 * React 19, Preact and Solid + TypeScript consumers (test/node/consumer/) that must type-check against it with
 * no error and without `skipLibCheck`. Their `@ts-expect-error` lines prove that props and event details are
 * typed: were they `any`, each would be an unused directive and fail the check; with the directives taken
 * out, each guarded line must fail, and no other.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'efa-pack-'));
const packed = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { encoding: 'utf8' });
const [pack] = packed.status === 0 ? JSON.parse(packed.stdout) : [undefined];
const files = new Set(pack?.files.map((file) => file.path) ?? []);

const extracted = pack && spawnSync('tar', ['-xzf', join(work, pack.filename), '-C', work]);

test('npm pack succeeds', () => assert.equal(packed.status, 0, packed.stderr));

test('the package holds the bundles, types, schemas, manifest, editor data, licence and changelog', () => {
  for (const path of [
    'dist/efa-forms.js',
    'dist/efa-verpflichtungserklaerung.js',
    'dist/efa-aufenthaltstitel.js',
    'dist/efa-status.js',
    'dist/types/components/entries/efa-forms.d.ts',
    'dist/types/components/jsx/react.d.ts',
    'dist/types/components/jsx/preact.d.ts',
    'dist/types/components/jsx/solid.d.ts',
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

test('installing the package installs nothing else: the bundles carry their libraries, the server is not in it', () => {
  assert.equal(extracted?.status, 0, String(extracted?.stderr));
  const manifest = JSON.parse(readFileSync(join(work, 'package/package.json'), 'utf8'));
  const needed = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies };
  assert.deepEqual(Object.keys(needed), []);
});

/**
 * Each consumer is a project of its own holding only what a project with that framework has: the framework and
 * its type packages. Not lit, not zod: the package must not need them.
 */
const consumers = [
  {
    framework: 'React 19',
    page: 'react.tsx',
    modules: ['react', '@types/react', 'csstype'],
    compilerOptions: { jsx: 'react-jsx', types: ['efa-forms/react'] },
  },
  {
    framework: 'Preact',
    page: 'preact.tsx',
    modules: ['preact'],
    compilerOptions: { jsx: 'react-jsx', jsxImportSource: 'preact', types: ['efa-forms/preact'] },
  },
  {
    framework: 'Solid',
    page: 'solid.tsx',
    modules: ['solid-js', 'csstype', 'seroval', 'seroval-plugins'],
    compilerOptions: { jsx: 'preserve', jsxImportSource: 'solid-js', types: ['efa-forms/solid'] },
  },
];

/** Type-checks `source` as the page of a consumer project; returns tsc's status and output. */
function typeCheck({ page, modules, compilerOptions }, source) {
  const project = mkdtempSync(join(work, 'consumer-'));
  const nodeModules = join(project, 'node_modules');
  mkdirSync(join(nodeModules, '@types'), { recursive: true });
  cpSync(join(work, 'package'), join(nodeModules, 'efa-forms'), { recursive: true });
  for (const name of modules) symlinkSync(join(root, 'node_modules', name), join(nodeModules, name));
  writeFileSync(join(project, page), source);
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        module: 'ESNext',
        moduleResolution: 'Bundler',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        ...compilerOptions,
      },
      files: [page],
    }),
  );
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project, '--pretty', 'false'], {
    encoding: 'utf8',
  });
  return { status: tsc.status, output: tsc.stdout + tsc.stderr };
}

for (const consumer of consumers) {
  const source = readFileSync(join(root, 'test/node/consumer', consumer.page), 'utf8');

  test(`a ${consumer.framework} + TypeScript consumer type-checks against the packed package`, () => {
    assert.equal(extracted?.status, 0, String(extracted?.stderr));
    const { status, output } = typeCheck(consumer, source);
    assert.equal(status, 0, output);
  });

  test(`without its @ts-expect-error lines, the ${consumer.framework} consumer fails exactly on the lines they guard`, () => {
    const lines = source.split('\n');
    const guarded = lines.flatMap((line, index) => (line.includes('@ts-expect-error') ? [index + 2] : []));
    assert.ok(guarded.length >= 4, 'the consumer has lost its negative cases');
    const unguarded = lines.map((line) => line.replace('@ts-expect-error', 'expected error:')).join('\n');
    const { status, output } = typeCheck(consumer, unguarded);
    assert.notEqual(status, 0, 'a wrong prop type went through');
    const failing = new Set([...output.matchAll(/^\S+\.tsx\((\d+),\d+\): error/gm)].map((match) => Number(match[1])));
    assert.deepEqual([...failing].sort((a, b) => a - b), guarded, output);
  });
}

test.after(() => rmSync(work, { recursive: true, force: true }));
