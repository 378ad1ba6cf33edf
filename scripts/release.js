/**
 * `npm run release` (after `npm run build`): the folder a webmaster copies to a web server or a CDN, and the
 * same as a zip — release/efa-forms-<version>/ and release/efa-forms-<version>.zip:
 *   efa-forms.js, efa-verpflichtungserklaerung.js, efa-aufenthaltstitel.js, efa-status.js, chunks/   the code (no source maps)
 *   schemas/, custom-elements.json, LICENSE, CHANGELOG.md
 *   integrity.json                        sha384 Subresource-Integrity hash of every .js file
 *   embed-<entry>.html                    the exact snippet for one entry: an import map whose `integrity`
 *                                         covers the entry and every chunk it may load, the script tag, the tag
 *                                         and the CSP source the import map needs
 *
 * Options: --base=<URL> where the folder will be served (default /efa-forms-<version>/, e.g.
 * --base=https://cdn.example/efa-forms-0.1.0/); the import map's keys are full URLs under it.
 * --out=<dir> instead of release/.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

const option = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const name = `efa-forms-${version}`;
const out = option('out', 'release');
const base = option('base', `/${name}/`).replace(/\/?$/, '/');
const folder = join(out, name);

if (!existsSync('dist/efa-forms.js')) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}
rmSync(folder, { recursive: true, force: true });
rmSync(`${folder}.zip`, { force: true });
mkdirSync(folder, { recursive: true });
cpSync('dist', folder, { recursive: true, filter: (source) => !source.endsWith('.map') && !source.startsWith('dist/types') });
cpSync('schemas', join(folder, 'schemas'), { recursive: true });
for (const file of ['custom-elements.json', 'LICENSE', 'CHANGELOG.md']) cpSync(file, join(folder, file));

const scripts = readdirSync(folder, { recursive: true })
  .filter((file) => file.endsWith('.js'))
  .map((file) => file.split('\\').join('/'))
  .sort();
const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
const integrity = Object.fromEntries(scripts.map((file) => [file, sri(readFileSync(join(folder, file)))]));
writeFileSync(join(folder, 'integrity.json'), `${JSON.stringify(integrity, null, 2)}\n`);

/** The entry and every module it imports, statically or on demand, as paths inside the folder. */
function reachable(entry) {
  const seen = new Set([entry]);
  for (const file of seen) {
    const code = readFileSync(join(folder, file), 'utf8');
    for (const [, specifier] of code.matchAll(/["'](\.\.?\/[^"']+\.js)["']/g)) {
      const target = posix.normalize(posix.join(posix.dirname(file), specifier));
      if (integrity[target]) seen.add(target);
    }
  }
  return [...seen].sort();
}

const entries = scripts.filter((file) => !file.includes('/'));
for (const entry of entries) {
  const tag = entry === 'efa-forms.js' ? 'efa-verpflichtungserklaerung' : entry.replace(/\.js$/, '');
  const importMap = JSON.stringify({ integrity: Object.fromEntries(reachable(entry).map((file) => [`${base}${file}`, integrity[file]])) });
  const cspSource = `'sha256-${createHash('sha256').update(importMap).digest('base64')}'`;
  const assets = /^https?:/.test(base) ? new URL(base).origin : "'self'";
  writeFileSync(
    join(folder, `embed-${entry.replace(/\.js$/, '')}.html`),
    `<!--
  efa-forms ${version}: ${entry}, served from ${base}
  Paste into the page's <head> or <body>, before any other <script type="module">.
  The import map makes the browser check every file of the form against its hash (Subresource Integrity).
  Content-Security-Policy: script-src ${assets} ${cspSource}   (the second source allows exactly this import map)
  Files on another origin must be served with "Access-Control-Allow-Origin" (see README, "Get it").
-->
<script type="importmap">${importMap}</script>
<script type="module" src="${base}${entry}" integrity="${integrity[entry]}"></script>
<${tag} endpoint="/api/submissions" authority="00000000" lang="de"></${tag}>
`,
  );
}

const zip = spawnSync('zip', ['-qr', `${name}.zip`, name], { cwd: out, stdio: 'inherit' });
if (zip.status !== 0) console.warn('zip is not installed: only the folder was written.');
console.log(`${folder}/ (${scripts.length} scripts)${zip.status === 0 ? ` and ${folder}.zip` : ''}, base ${base}`);
