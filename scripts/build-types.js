/**
 * Writes the published type declarations to dist/types/ (run by `npm run build`, after rollup):
 * - `tsc -p tsconfig.types.json` (TypeScript 7 emits declarations; it has no JS API, so it runs as a command);
 * - declaration files the code generator wrote beside its output (src/**\/generated/*.d.ts) are copied along,
 *   since tsc emits declarations only for sources it compiles;
 * - imports of Lit and @lit/localize point at types/lit.d.ts: both are bundled, so a TypeScript user needs
 *   neither installed.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist/types');
const BUNDLED = /(["'])(lit|lit-html|@lit\/localize)\1/g;

const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.types.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

copyFileSync(join(root, 'types/lit.d.ts'), join(out, 'lit.d.ts'));

const pending = readdirSync(out, { recursive: true }).filter((f) => f.endsWith('.d.ts')).map((f) => join(out, f));
for (let file; (file = pending.pop()); ) {
  let text = readFileSync(file, 'utf8');
  const shim = relative(dirname(file), join(out, 'lit.js')).replace(/^(?!\.)/, './');
  text = text.replace(BUNDLED, (_, quote) => `${quote}${shim}${quote}`);
  writeFileSync(file, text);
  for (const [, specifier] of text.matchAll(/from\s+'(\.[^']+)\.js'/g)) {
    const target = join(dirname(file), `${specifier}.d.ts`);
    const source = join(root, relative(out, target));
    if (!existsSync(target) && existsSync(source)) {
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(source, target);
      pending.push(target);
    }
  }
}
