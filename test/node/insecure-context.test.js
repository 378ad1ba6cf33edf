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
import { extname, join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from '../../scripts/chrome.js';

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
  } else if (url.pathname.startsWith('/dist/') || url.pathname.startsWith('/test/fixtures/')) {
    try {
      const body = await readFile(join('.', normalize(url.pathname)));
      const type = extname(url.pathname) === '.js' ? 'text/javascript' : 'application/json';
      response.writeHead(200, { 'Content-Type': type }).end(body);
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

/** Opens the form with answers prefilled, walks to the warning page, confirms it and presses "send". */
async function fillAndSend(adapter) {
  const tab = await browser.newPage();
  await tab.goto(`${origin}/page/${adapter}`);
  const outcome = await tab.evaluate(async () => {
    const until = async (condition, what) => {
      for (const started = performance.now(); !condition(); await new Promise((r) => setTimeout(r, 50))) {
        if (performance.now() - started > 20_000) throw new Error(`waited in vain for ${what}`);
      }
    };
    await customElements.whenDefined('efa-verpflichtungserklaerung');
    const form = document.querySelector('efa-verpflichtungserklaerung');
    const { abgabeart: _byTheForm, warnhinweisBestaetigt: _onItsPage, ...answers } = await (
      await fetch('/test/fixtures/verpflichtungserklaerung/valid/einfach.json')
    ).json();
    form.prefill = { ...answers, abgabeart: 'vor-ort' };
    const events = [];
    for (const type of ['efa-submit', 'efa-submitted', 'efa-submit-error']) {
      form.addEventListener(type, (event) => events.push({ type, failure: event.detail.error?.failure, id: event.detail.submission?.id }));
    }
    const heading = () => form.shadowRoot.querySelector('h2')?.textContent ?? '';
    const next = async () => {
      const before = heading();
      form.shadowRoot.querySelector('button.primary').click();
      await form.updateComplete;
      const errors = form.shadowRoot.querySelector('.error-summary');
      if (errors) throw new Error(`errors on "${before}": ${errors.textContent}`);
      await until(() => heading() !== before, `leaving "${before}"`);
    };
    await form.updateComplete;
    while (!heading().includes('Prüfen Sie Ihre Angaben')) await next();
    await next();
    await until(() => form.shadowRoot.getElementById('f-warnhinweisBestaetigt'), 'the warning');
    form.shadowRoot.getElementById('f-warnhinweisBestaetigt').shadowRoot.querySelector('input').click();
    await form.updateComplete;
    form.shadowRoot.querySelector('button.primary').click();
    await until(() => events.some((e) => e.type !== 'efa-submit'), 'the outcome of sending');
    await form.updateComplete;
    return {
      events,
      reference: form.shadowRoot.querySelector('.reference')?.textContent.trim(),
      sendError: form.shadowRoot.querySelector('.send-error')?.textContent.replace(/\s+/g, ' ').trim(),
    };
  });
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
