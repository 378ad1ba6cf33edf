/**
 * `npm run bench:lighthouse`: Lighthouse (performance only) on every demo page that embeds an element, desktop and
 * mobile presets, against the demo portal as `npm start` runs it (compressed, cached). Prints a Markdown table:
 * cumulative layout shift, JavaScript on the wire against its size unpacked, JavaScript the page did not use, and
 * whether every script came compressed and the hashed chunks with a long cache lifetime.
 *
 * Throttling: `devtools` (Lighthouse's presets: 4× CPU and a slow 4G on mobile, none on desktop, applied in the
 * browser), so the layout shifts are those of a page that really loaded that slowly. Nothing leaves 127.0.0.1:
 * Chromium runs without background networking and every request to another host fails at once.
 * `RUNS=3 npm run bench:lighthouse` repeats each page and reports the worst CLS.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { UnusedJavascriptSummary } from 'lighthouse/core/computed/unused-javascript-summary.js';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from './chrome.js';
import { root } from './bench-server.js';

const RUNS = Number(process.env.RUNS || 1);
const CLS_TARGET = 0.1;

/** Demo pages that embed a form element (by their script), so the inbox and the start page are left out. */
async function embeddingPages() {
  const pages = [];
  for (const name of (await readdir(join(root, 'demo', 'pages'))).sort()) {
    const html = await readFile(join(root, 'demo', 'pages', name), 'utf8');
    if (/<script[^>]+src="\/dist\/efa-[\w-]+\.js"/.test(html)) pages.push(`/${name}`);
  }
  return pages;
}

function freePort() {
  return new Promise((found, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => found(port));
    });
    server.once('error', fail);
  });
}

/** `npm start` (demo/start.js, which builds when needed) on a free port with a throw-away data folder. */
async function startPortal() {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'efa-lighthouse-'));
  const origin = `http://localhost:${port}`;
  const child = spawn(process.execPath, ['demo/start.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: 'localhost', EFA_DATA_DIR: dataDir, EFA_PUBLIC_URL: origin },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((_, fail) => child.once('exit', (code) => fail(new Error(`demo/start.js exited (code ${code})`))));
  const up = (async () => {
    for (;;) {
      const ok = await fetch(origin).then((response) => response.ok, () => false);
      if (ok) return;
      await new Promise((next) => setTimeout(next, 250));
    }
  })();
  await Promise.race([up, exited]);
  return {
    origin,
    async stop() {
      child.kill();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The response headers of every script the page loaded, from Lighthouse's DevTools log. */
function scriptHeaders(devtoolsLog) {
  /** @type {Map<string, Record<string, string>>} */
  const headers = new Map();
  for (const { method, params } of devtoolsLog) {
    if (method !== 'Network.responseReceived' || params.type !== 'Script') continue;
    const lowered = Object.fromEntries(Object.entries(params.response.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
    headers.set(params.response.url, lowered);
  }
  return headers;
}

/**
 * Unused JavaScript on the wire, by Lighthouse's own method (unexecuted bytes of each script, scaled by that
 * script's compression), but for every script: the audit itself lists only scripts that waste more than 20 KiB.
 */
function unusedScriptBytes(artifacts, scripts) {
  let wasted = 0;
  for (const [scriptId, coverage] of Object.entries(artifacts.JsUsage)) {
    const url = artifacts.Scripts.find((script) => script.scriptId === scriptId)?.url;
    const request = scripts.find((item) => item.url === url);
    if (!request) continue;
    const { unusedLength, contentLength } = UnusedJavascriptSummary.computeWaste(coverage);
    if (contentLength > 0) wasted += (unusedLength / contentLength) * request.transferSize;
  }
  return wasted;
}

/**
 * Each layout shift the trace recorded, as "score@ms after navigation". Lighthouse's `layout-shifts` audit,
 * which names the shifted elements, fails on this Chromium (its trace engine cannot read the screenshots).
 */
function layoutShifts(trace) {
  const events = trace.traceEvents;
  const start = events.find((event) => event.name === 'navigationStart' && event.args?.data?.isLoadingMainFrame)?.ts ?? 0;
  return events
    .filter((event) => event.name === 'LayoutShift' && !event.args.data.had_recent_input)
    .map((event) => `${event.args.data.score.toFixed(3)}@${Math.round((event.ts - start) / 1000)}ms`);
}

const kib = (bytes) => (bytes / 1024).toFixed(1);

/** One Lighthouse run; a run whose trace came out unusable (NO_NAVSTART happens on a busy machine) is repeated, twice at most. */
async function lighthouseRun(port, url, viewport) {
  const flags = { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], throttlingMethod: 'devtools', maxWaitForLoad: 60_000 };
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, flags, viewport === 'desktop' ? desktopConfig : undefined);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const error = result.lhr.runtimeError;
    if (!error) return result;
    if (attempt === 3) throw new Error(`${url} (${viewport}): ${error.code} ${error.message}`);
    console.error(`${url} (${viewport}): ${error.code}, running again`);
  }
}

async function audit(port, url, viewport) {
  const { lhr, artifacts } = await lighthouseRun(port, url, viewport);
  const scripts = lhr.audits['network-requests'].details.items.filter((item) => item.resourceType === 'Script');
  const headers = scriptHeaders(artifacts.DevtoolsLog);
  const uncompressed = scripts.filter((item) => !/^(br|gzip|zstd)$/.test(headers.get(item.url)?.['content-encoding'] ?? ''));
  const hashedChunks = scripts.filter((item) => /\/chunks\/[^/]+-[\w-]{8}\.js$/.test(item.url));
  const shortCached = hashedChunks.filter((item) => !/max-age=31536000/.test(headers.get(item.url)?.['cache-control'] ?? ''));
  return {
    cls: lhr.audits['cumulative-layout-shift'].numericValue,
    shifts: layoutShifts(artifacts.Trace),
    transferred: scripts.reduce((sum, item) => sum + item.transferSize, 0),
    resourceSize: scripts.reduce((sum, item) => sum + item.resourceSize, 0),
    scriptCount: scripts.length,
    unusedJs: unusedScriptBytes(artifacts, scripts),
    compressed: uncompressed.length === 0 ? 'all' : `${scripts.length - uncompressed.length} of ${scripts.length}`,
    cached: hashedChunks.length === 0 ? 'no chunks' : shortCached.length === 0 ? `${hashedChunks.length} chunks 1 year` : `${shortCached.length} of ${hashedChunks.length} chunks short`,
  };
}

const portal = await startPortal();
const browser = await puppeteer.launch({
  executablePath: chromePath(),
  headless: true, // Chromium's new headless mode (--headless=new)
  // Lighthouse drives its own tab over the DevTools port; no request may leave this machine.
  args: [...chromeArgs, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost'],
});
const port = Number(new URL(browser.wsEndpoint()).port);
const rows = [];
let worst = 0;
try {
  for (const page of await embeddingPages()) {
    for (const viewport of ['desktop', 'mobile']) {
      const runs = [];
      for (let run = 0; run < RUNS; run++) runs.push(await audit(port, portal.origin + page, viewport));
      const result = runs.reduce((a, b) => (b.cls > a.cls ? b : a));
      worst = Math.max(worst, result.cls);
      rows.push(
        `| ${page} | ${viewport} | ${result.cls.toFixed(3)}${RUNS > 1 ? ` (${runs.map((r) => r.cls.toFixed(3)).join(', ')})` : ''} ` +
          `| ${kib(result.transferred)} / ${kib(result.resourceSize)} KiB (${result.scriptCount} files) | ${kib(result.unusedJs)} KiB ` +
          `| ${result.compressed} | ${result.cached} | ${result.shifts.join(', ') || '–'} |`,
      );
    }
  }
} finally {
  await browser.close();
  await portal.stop();
}
const { version } = JSON.parse(await readFile(join(root, 'node_modules', 'lighthouse', 'package.json'), 'utf8'));
console.log(`Lighthouse ${version}, throttling devtools, ${new Date().toISOString().slice(0, 10)}${RUNS > 1 ? `, worst of ${RUNS} runs` : ''}\n`);
console.log('| page | viewport | CLS | JS transferred / unpacked | unused JS (on the wire) | scripts compressed | hashed chunks cached | shifts (score@time) |');
console.log('| --- | --- | ---: | ---: | ---: | --- | --- | --- |');
for (const row of rows) console.log(row);
console.log(`\nWorst CLS ${worst.toFixed(3)} (target < ${CLS_TARGET}).`);
process.exitCode = worst < CLS_TARGET ? 0 : 1;
