/**
 * The release folder as a webmaster uses it (`scripts/release.js`): served from another origin with the CORS
 * header the README names, embedded with the generated snippet into a page under a strict
 * Content-Security-Policy, the Verpflichtungserklärung renders, sends and breaks no rule of the policy; and a
 * file altered on the asset server is refused by the browser (Subresource Integrity via the import map).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from '../../scripts/chrome.js';
import { walkAndSend } from './helpers/walk.js';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const out = mkdtempSync(join(tmpdir(), 'efa-release-'));
const folder = join(out, `efa-forms-${version}`);
const tampered = new Set();

const assets = createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
  try {
    let body = readFileSync(join(out, path));
    if (tampered.has(path)) body = Buffer.concat([body, Buffer.from('\n// changed on the server\n')]);
    response
      .writeHead(200, { 'Content-Type': 'text/javascript', 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' })
      .end(body);
  } catch {
    response.writeHead(404).end();
  }
});

let snippet = '';
let csp = '';
const portal = createServer(async (request, response) => {
  if (request.url === '/api/submissions' && request.method === 'POST') {
    for await (const _ of request);
    response.writeHead(201, { 'Content-Type': 'application/json' }).end('{"reference":"CDN-0001"}');
    return;
  }
  response
    .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp })
    .end(`<!doctype html><html lang="de"><meta charset="utf-8"><title>Portal</title>${snippet}`);
});

let browser;
let portalOrigin;
let assetBase;
before(async () => {
  await new Promise((listening) => assets.listen(0, '127.0.0.1', listening));
  await new Promise((listening) => portal.listen(0, 'localhost', listening));
  // Two origins: the portal on localhost, the files on 127.0.0.1 (another host, so a cross-origin CDN).
  portalOrigin = `http://localhost:${portal.address().port}`;
  assetBase = `http://127.0.0.1:${assets.address().port}/efa-forms-${version}/`;
  const release = spawnSync(process.execPath, ['scripts/release.js', `--base=${assetBase}`, `--out=${out}`], { encoding: 'utf8' });
  assert.equal(release.status, 0, release.stderr);
  snippet = readFileSync(join(folder, 'embed-efa-verpflichtungserklaerung.html'), 'utf8');
  const [, sources] = /Content-Security-Policy: script-src (.+?) {3}/.exec(snippet);
  csp = `default-src 'self'; script-src 'self' ${sources}; style-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'`;
  browser = await puppeteer.launch({ executablePath: chromePath(), headless: true, args: chromeArgs });
});
after(async () => {
  await browser?.close();
  assets.close();
  portal.close();
  rmSync(out, { recursive: true, force: true });
});

async function openPortal() {
  const tab = await browser.newPage();
  const problems = [];
  tab.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  await tab.evaluateOnNewDocument(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  await tab.goto(portalOrigin);
  return { tab, problems };
}

test('the release folder holds the code without source maps, the licence, the schemas and the hashes', () => {
  const files = readdirSync(folder, { recursive: true });
  for (const file of ['efa-verpflichtungserklaerung.js', 'efa-aufenthaltstitel.js', 'efa-forms.js', 'LICENSE', 'CHANGELOG.md', 'integrity.json', 'schemas/submission.schema.json']) {
    assert.ok(files.includes(file), `${file} is missing`);
  }
  assert.deepEqual(files.filter((file) => file.endsWith('.map') || file.endsWith('.d.ts')), []);
  const integrity = JSON.parse(readFileSync(join(folder, 'integrity.json'), 'utf8'));
  assert.deepEqual(Object.keys(integrity).sort(), files.filter((file) => file.endsWith('.js')).sort());
});

test('served from another origin and embedded with the snippet under a strict CSP, the form sends', async () => {
  const { tab, problems } = await openPortal();
  const { events, reference } = await walkAndSend(tab);
  assert.equal(reference, 'CDN-0001');
  assert.deepEqual(events.map((e) => e.type), ['efa-submit', 'efa-submitted']);
  assert.deepEqual(await tab.evaluate(() => window.violations), []);
  assert.deepEqual(problems, []);
  await tab.close();
});

test('a chunk altered on the asset server is refused by its hash', async () => {
  const [, fields] = /chunks\/(field-kit-[\w-]+\.js)/.exec(snippet); // the field kit of this service, loaded at once
  const path = normalize(`/efa-forms-${version}/chunks/${fields}`);
  tampered.add(path);
  try {
    const { tab, problems } = await openPortal();
    const loaded = await tab.evaluate((url) => import(url).then(() => 'loaded', () => 'refused'), `${assetBase}chunks/${fields}`);
    assert.equal(loaded, 'refused');
    assert.ok(problems.some((text) => /integrity/i.test(text)), problems.join('\n'));
    await tab.close();
  } finally {
    tampered.delete(path);
  }
});
