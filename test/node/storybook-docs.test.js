/**
 * Storybook has a docs page for every element a page uses (issue 13, point 9), filled from custom-elements.json:
 * builds Storybook (after `npm run build`, which writes the manifest) and reads its index. Each docs page belongs
 * to a stories file whose `component` is a tag of the manifest, so Storybook finds that element's attributes,
 * properties, events, parts and tokens there. `efa-form` is the shell both services extend, not placed on a page
 * by itself: its API is on the services' pages.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'efa-storybook-'));
const built = spawnSync('npx', ['storybook', 'build', '-o', out, '--quiet'], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
after(() => rmSync(out, { recursive: true, force: true }));

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const tags = manifest.modules.flatMap((mod) => mod.declarations ?? []).flatMap((declaration) => declaration.tagName ?? []);

test('Storybook builds', () => assert.equal(built.status, 0, built.stdout + built.stderr));

test('every element but the shell has a docs page, and each docs page documents a tag of the manifest', () => {
  const { entries } = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
  const documented = Object.values(entries)
    .filter((entry) => entry.type === 'docs')
    .map((entry) => /\bcomponent:\s*'([a-z-]+)'/.exec(readFileSync(entry.importPath, 'utf8'))?.[1]);
  assert.deepEqual(documented.filter((tag) => !tags.includes(tag)), [], 'docs pages of elements the manifest lacks');
  assert.deepEqual(
    tags.filter((tag) => tag !== 'efa-form' && !documented.includes(tag)),
    [],
    'elements without a docs page',
  );
});
