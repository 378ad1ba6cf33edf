/**
 * Issue 20: a portal on another origin than the receiver sends through CORS. The real receiver (built into
 * build/server/) lists one portal origin in `corsOrigins`; two plain portal pages on other ports of 127.0.0.1
 * (other origins to the browser) embed the Verpflichtungserklärung with the receiver's absolute endpoint. Real
 * Chromium makes the preflight and the POST: the listed portal's declaration is stored, the other one is refused
 * and nothing of it is stored.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from '../../scripts/chrome.js';
import { buildApp, DEFAULT_LIMITS, projectRoot } from '../../build/server/app.js';
import { walkAndSend } from './helpers/walk.js';

/** A portal page on its own port: the element (sending to `endpoint()`), and dist/ for its module. */
async function portal(endpoint) {
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, 'http://x');
    if (pathname === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="de"><meta charset="utf-8"><title>Portal</title>
<script type="module" src="/dist/efa-verpflichtungserklaerung.js"></script>
<efa-verpflichtungserklaerung adapter="http" endpoint="${endpoint()}" authority="09999000"></efa-verpflichtungserklaerung>`);
      return;
    }
    const body = pathname.startsWith('/dist/') ? await readFile(join('.', normalize(pathname))).catch(() => undefined) : undefined;
    if (body) response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(body);
    else response.writeHead(404).end();
  });
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

let receiver;
let endpoint;
let listed;
let unlisted;
let browser;
before(async () => {
  listed = await portal(() => endpoint);
  unlisted = await portal(() => endpoint);
  receiver = await buildApp({
    root: projectRoot(),
    dataDir: mkdtempSync(join(tmpdir(), 'efa-cross-origin-')),
    limits: DEFAULT_LIMITS,
    lookupsPerMinute: 1000,
    clerkRoutes: 'refused',
    corsOrigins: [listed.origin],
  });
  await receiver.listen({ port: 0, host: '127.0.0.1' });
  endpoint = `http://127.0.0.1:${receiver.server.address().port}/api/submissions`;
  browser = await puppeteer.launch({ executablePath: chromePath(), headless: true, args: chromeArgs });
});
after(async () => {
  await browser?.close();
  listed?.close();
  unlisted?.close();
  await receiver?.close();
});

async function sendFrom(page) {
  const tab = await browser.newPage();
  const ids = [];
  tab.on('request', (request) => {
    if (request.method() === 'POST' && request.url() === endpoint) ids.push(request.headers()['idempotency-key']);
  });
  await tab.goto(page.origin);
  const outcome = await walkAndSend(tab);
  await tab.close();
  return { ...outcome, ids };
}

test('a listed portal on another origin sends, and the receiver stores it', async () => {
  assert.notEqual(new URL(listed.origin).origin, new URL(endpoint).origin);
  const { reference, ids, events } = await sendFrom(listed);
  assert.match(reference ?? '', /^VE-\d{4}-[A-Z0-9]{6}$/, JSON.stringify(events));
  assert.ok(ids.length >= 1);
  assert.equal((await receiver.store.find(ids[0]))?.reference, reference);
});

test('a portal that is not listed cannot send, and nothing of it is stored', async () => {
  const { reference, ids, events } = await sendFrom(unlisted);
  assert.equal(reference, undefined);
  assert.ok(events.some((e) => e.type === 'efa-submit-error'));
  for (const id of ids) assert.equal(await receiver.store.find(id), undefined);
});
