/**
 * A page on plain HTTP under a host name that is not localhost is no secure context: the browser has no
 * `crypto.randomUUID` and no `crypto.subtle`. Chromium resolves `efa-portal.test` to this machine
 * (`--host-resolver-rules`), so the real browser applies its real rules — nothing is stubbed. There the
 * Verpflichtungserklärung sends with the `http` adapter (ids come from `crypto.getRandomValues`), and with
 * `fit-connect`, which must encrypt with WebCrypto, it tells the citizen why it cannot send and emits
 * `efa-submit-error` instead of leaving a dead button.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from '../../scripts/chrome.js';
import { walkAndSend } from './helpers/walk.js';

const HOST = 'efa-portal.test';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const page = (adapter) => `<!doctype html><html lang="de"><meta charset="utf-8"><title>Portal</title>
<script type="module" src="/dist/efa-verpflichtungserklaerung.js"></script>
<efa-verpflichtungserklaerung adapter="${adapter}" authority="09999000"></efa-verpflichtungserklaerung>`;

const received = [];
let relayCalls = 0;
const server = createServer(async (request, response) => {
  const url = new URL(request.url, 'http://x');
  if (url.pathname.startsWith('/page/')) {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page(url.pathname.slice('/page/'.length)));
  } else if (url.pathname === '/api/submissions' && request.method === 'POST') {
    let body = '';
    for await (const chunk of request) body += chunk;
    received.push({ key: request.headers['idempotency-key'], submission: JSON.parse(body) });
    response.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ reference: 'HTTP-0001' }));
  } else if (url.pathname.startsWith('/api/fit-connect')) {
    relayCalls += 1;
    response.writeHead(500).end();
  } else if (url.pathname.startsWith('/dist/')) {
    try {
      const body = await readFile(join('.', normalize(url.pathname)));
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  } else {
    response.writeHead(404).end();
  }
});

let browser;
let origin;
before(async () => {
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  origin = `http://${HOST}:${server.address().port}`;
  browser = await puppeteer.launch({
    executablePath: chromePath(),
    headless: true,
    args: [...chromeArgs, `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
  });
});
after(async () => {
  await browser?.close();
  server.close();
});

async function fillAndSend(adapter) {
  const tab = await browser.newPage();
  await tab.goto(`${origin}/page/${adapter}`);
  const outcome = await walkAndSend(tab);
  await tab.close();
  return outcome;
}

test('the page is an insecure context: no crypto.randomUUID, no crypto.subtle', async () => {
  const tab = await browser.newPage();
  await tab.goto(`${origin}/page/http`);
  const context = await tab.evaluate(() => ({ secure: isSecureContext, randomUUID: typeof crypto.randomUUID, subtle: typeof crypto.subtle }));
  await tab.close();
  assert.deepEqual(context, { secure: false, randomUUID: 'undefined', subtle: 'undefined' });
});

test('with the http adapter the submission is sent with a random UUID as its id and idempotency key', async () => {
  received.length = 0;
  const { events, reference } = await fillAndSend('http');
  assert.equal(reference, 'HTTP-0001');
  assert.equal(received.length, 1);
  const [{ key, submission }] = received;
  assert.match(submission.id, UUID_V4);
  assert.equal(key, submission.id);
  for (const attachment of submission.attachments) assert.match(attachment.id, UUID_V4);
  assert.deepEqual(events.map((e) => e.type), ['efa-submit', 'efa-submitted']);
});

test('with fit-connect the citizen reads why nothing can be sent, and efa-submit-error says insecure-context', async () => {
  relayCalls = 0;
  const { events, sendError, reference } = await fillAndSend('fit-connect');
  assert.equal(reference, undefined);
  assert.deepEqual(events.filter((e) => e.type === 'efa-submit-error').map((e) => e.failure), ['insecure-context']);
  assert.match(sendError ?? '', /nicht sicher verschlüsselt.*https:\/\//);
  assert.equal(relayCalls, 0, 'nothing was sent to the relay');
});
