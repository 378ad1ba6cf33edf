/**
 * `npm run bench [-- --runs N]`: measures what the README reports and asserts nothing.
 *
 * 1. Size of every dist/*.js: raw, gzip (level 9), brotli (quality 11).
 * 2. Budget: a service bundle (every dist/efa-*.js except efa-forms.js) ≤ 40 kB gzip, ✓/✗. A blown budget
 *    is reported, never turned into a failing exit code: the integrator decides.
 * 3. Time to first interactive step of scripts/bench-page.html in headless Chromium, N fresh pages (cache
 *    off), without and with 4× CPU slowdown. Before dist/efa-verpflichtungserklaerung.js exists it times an
 *    <efa-text-field> from dist/efa-forms.js instead.
 * 4. The floor (issue 19): the same first step as plain HTML — our rendered step with every shadow root
 *    flattened into the page, custom elements turned into divs, styles and scripts dropped, so labels, hints,
 *    options, patterns and buttons are the same — timed the same way; every timing is also given as a ratio
 *    to it.
 * 5. A closing table to paste into the README.
 * It also warns (stderr) about dated legal parameters that end within 60 days (scripts/legal-parameters.js).
 *
 * The Markdown report goes to stdout, progress to stderr; the figures also go to bench-results.json.
 * Builds first only when dist/ is missing. Nothing leaves localhost: the page is served in-process on
 * 127.0.0.1 and Chromium resolves no host name.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from './chrome.js';
import { printLegalParameterWarnings } from './legal-parameters.js';
import { BUDGET_BYTES } from './budget.js';
import { build, root, startServer } from './bench-server.js';

const distDir = join(root, 'dist');
const resultsFile = join(root, 'bench-results.json');
const PAGE_PATH = '/scripts/bench-page.html';
const CPU_SLOWDOWNS = [1, 4];
const READY_TIMEOUT_MS = 30_000;

/**
 * What "first step interactive" means for the element on the page. `heading`: a selector that must match
 * an element with text; `control`: a selector that must match a focusable, rendered control. Both are looked
 * up through the element's shadow root and every shadow root nested in it.
 * @typedef {{ bundle: string, tag: string, heading: string | null, control: string, condition: string }} Scenario
 */

/** @type {Scenario} */
const SERVICE = {
  bundle: 'efa-verpflichtungserklaerung.js',
  tag: 'efa-verpflichtungserklaerung',
  heading: 'h2',
  // The primary button is public API (`::part(primary-button)` of the form shell), so the selector is stable.
  control: 'button[part~="primary-button"]',
  condition: 'its first step heading (h2) and a focusable primary button',
};

/** @type {Scenario} */
const FALLBACK = {
  bundle: 'efa-forms.js',
  tag: 'efa-text-field',
  heading: null,
  control: 'input',
  condition: 'a focusable input (fallback: no service bundle in dist/ yet)',
};

/** The plain-HTML floor: the same first step without our code, looked up in the document itself. */
const FLOOR = {
  tag: null,
  heading: SERVICE.heading,
  control: SERVICE.control,
  condition: 'the same heading and primary button',
};
const FLOOR_PATH = '/scripts/bench-floor.html';

/** @param {string} line */
const progress = (line) => process.stderr.write(`${line}\n`);

/** @param {number} bytes */
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

/** @param {number} value */
const ms = (value) => `${value.toFixed(1)} ms`;

function parseRuns() {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number of at least 1, e.g. --runs 5 (got "${values.runs}").`);
  return runs;
}

/** @param {string} file */
function measureSize(file) {
  const raw = readFileSync(join(distDir, file));
  const brotli = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  return { file, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, brotli: brotli.length };
}

/** @param {number[]} values */
function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : Math.round(((sorted[mid - 1] + sorted[mid]) / 2) * 10) / 10;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: values };
}

/**
 * bench-page.html as served for a scenario: as written for the service, rewritten to load efa-forms.js
 * with a text field while the service bundle does not exist yet.
 * @param {Scenario} scenario
 */
function pageFor(scenario) {
  const page = readFileSync(join(root, PAGE_PATH), 'utf8');
  if (scenario === SERVICE) return page;
  const element = /<efa-verpflichtungserklaerung\b[^>]*><\/efa-verpflichtungserklaerung>/;
  const script = `/dist/${SERVICE.bundle}`;
  if (!element.test(page) || !page.includes(script)) {
    throw new Error(`${PAGE_PATH} no longer loads ${script} with an <efa-verpflichtungserklaerung>: update pageFor() in scripts/bench.js.`);
  }
  return page
    .replace(script, `/dist/${FALLBACK.bundle}`)
    .replace(element, '<efa-text-field label="Familienname" autocomplete="family-name"></efa-text-field>');
}


/**
 * Injected with evaluateOnNewDocument, so it runs before any script of the page; serialised into the page,
 * so it may use nothing from this module.
 *
 * Why not `waitForFunction`: it can only start once `goto` has returned, and its `mutation` polling watches
 * the document, not shadow roots, where Lit renders — `raf` polling would round every time up to a frame.
 * Instead this wraps `attachShadow` (also catching closed roots) and watches every new shadow root with a
 * MutationObserver: its callback runs right after Lit commits a render, so `performance.now()` (0 =
 * navigation start) is taken the moment the condition first holds. A check on every animation frame as well
 * catches what no mutation announces (the control becoming visible through layout alone).
 *
 * @param {{ tag: string | null, heading: string | null, control: string }} want  no tag: the document itself
 */
function probe(want) {
  /** @type {WeakMap<Element, ShadowRoot>} */
  const shadowRoots = new WeakMap();
  /** @type {(result: { ms: number, heading: string | null, control: string }) => void} */
  let settle = () => {};
  /** @type {any} */ (window).__efaBench = new Promise((resolve) => (settle = resolve));
  let done = false;

  /** @param {ParentNode} scope @param {string} selector @returns {Generator<Element>} */
  function* deep(scope, selector) {
    yield* scope.querySelectorAll(selector);
    for (const element of scope.querySelectorAll('*')) {
      const inner = shadowRoots.get(element);
      if (inner) yield* deep(inner, selector);
    }
  }

  /** @param {Element} element */
  const text = (element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();

  function check() {
    if (done) return;
    const host = want.tag && document.querySelector(want.tag);
    const shadow = want.tag ? host && shadowRoots.get(host) : document;
    if (!shadow) return;
    const heading = want.heading ? [...deep(shadow, want.heading)].find((h) => text(h) !== '') : undefined;
    if (want.heading && !heading) return;
    const control = /** @type {HTMLButtonElement | HTMLInputElement | undefined} */ (
      [...deep(shadow, want.control)].find((c) => {
        const candidate = /** @type {HTMLButtonElement} */ (c);
        return !candidate.disabled && candidate.tabIndex >= 0 && candidate.checkVisibility();
      })
    );
    if (!control) return;
    // performance.now() is coarsened to 0.1 ms anyway; rounding keeps float noise out of the JSON.
    const at = Math.round(performance.now() * 10) / 10;
    done = true;
    observer.disconnect();
    settle({ ms: at, heading: heading ? text(heading) : null, control: text(control) || `<${control.localName}>` });
  }

  const observer = new MutationObserver(check);
  if (!want.tag) document.addEventListener('DOMContentLoaded', check);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const shadow = attachShadow.call(this, init);
    shadowRoots.set(this, shadow);
    observer.observe(shadow, { subtree: true, childList: true, characterData: true, attributes: true });
    return shadow;
  };
  const everyFrame = () => {
    check();
    if (!done) requestAnimationFrame(everyFrame);
  };
  requestAnimationFrame(everyFrame);
}

/**
 * Serialised into the page once its first step is ready: the composed tree of the element as plain HTML.
 * Shadow roots are inlined, slots replaced by what they show, custom elements become divs; styles and
 * scripts are dropped. Attributes stay, so labels, hints, options, patterns and buttons are the same.
 * @param {string} tag
 */
function flattenedElement(tag) {
  const VOID = new Set(['input', 'br', 'img', 'hr', 'meta', 'link', 'wbr']);
  const escapeText = (/** @type {string} */ text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const escapeAttribute = (/** @type {string} */ text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  /** @param {Node} node @returns {string} */
  const serialize = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return escapeText(/** @type {Text} */ (node).data);
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    const element = /** @type {Element} */ (node);
    const name = element.localName;
    if (name === 'style' || name === 'script') return '';
    if (name === 'slot') {
      const shown = /** @type {HTMLSlotElement} */ (element).assignedNodes({ flatten: true });
      return (shown.length ? shown : [...element.childNodes]).map(serialize).join('');
    }
    const tagName = name.includes('-') ? 'div' : name;
    const attributes = [...element.attributes].map((a) => ` ${a.name}="${escapeAttribute(a.value)}"`).join('');
    const children = element.shadowRoot ? element.shadowRoot.childNodes : element.childNodes;
    return VOID.has(tagName) ? `<${tagName}${attributes}>` : `<${tagName}${attributes}>${[...children].map(serialize).join('')}</${tagName}>`;
  };
  const host = document.querySelector(tag);
  return host ? serialize(host) : '';
}

/**
 * The floor page: the bench page with its script removed and the element replaced by its flattened first step.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} url  the bench page
 * @param {string} pageHtml
 */
async function floorPage(browser, url, pageHtml) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.evaluateOnNewDocument(probe, { tag: SERVICE.tag, heading: SERVICE.heading, control: SERVICE.control });
    await page.goto(url, { waitUntil: 'load', timeout: READY_TIMEOUT_MS });
    await page.evaluate(() => /** @type {any} */ (window).__efaBench);
    const flattened = await page.evaluate(flattenedElement, SERVICE.tag);
    const element = new RegExp(`<${SERVICE.tag}\\b[^>]*></${SERVICE.tag}>`);
    const script = /<script\b[^>]*><\/script>\s*/;
    if (!flattened || !element.test(pageHtml) || !script.test(pageHtml)) throw new Error(`${PAGE_PATH} changed shape: update floorPage() in scripts/bench.js.`);
    const controls = (flattened.match(/<(input|select|textarea|button)\b/g) ?? []).length;
    return { html: pageHtml.replace(script, '').replace(element, () => flattened), controls };
  } finally {
    await context.close();
  }
}

/**
 * One timed load in a fresh browser context (nothing shared with earlier runs) with the HTTP cache off.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} url
 * @param {Scenario} scenario
 * @param {number} cpuSlowdown
 */
async function timeOnce(browser, url, scenario, cpuSlowdown) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    /** @type {string[]} */
    const problems = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('requestfailed', (request) => problems.push(`${request.url()}: ${request.failure()?.errorText}`));
    await page.setCacheEnabled(false);
    if (cpuSlowdown > 1) await page.emulateCPUThrottling(cpuSlowdown);
    await page.evaluateOnNewDocument(probe, { tag: scenario.tag, heading: scenario.heading, control: scenario.control });
    const response = await page.goto(url, { waitUntil: 'load', timeout: READY_TIMEOUT_MS });
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}.`);
    const result = await page.evaluate(
      (timeout) =>
        Promise.race([
          /** @type {any} */ (window).__efaBench,
          new Promise((resolve) => setTimeout(() => resolve(null), timeout)),
        ]),
      READY_TIMEOUT_MS,
    );
    if (!result) {
      const seen = problems.length ? ` The page reported: ${problems.join(' | ')}` : ' The page reported no error.';
      throw new Error(`${scenario.tag ? `<${scenario.tag}>` : url} did not show ${scenario.condition} within ${READY_TIMEOUT_MS / 1000} s.${seen}`);
    }
    return /** @type {{ ms: number, heading: string | null, control: string }} */ (result);
  } finally {
    await context.close();
  }
}

/**
 * Times `runs` cold loads of `url` per CPU setting, after one uncounted warm-up load each (the very first also
 * pays for the browser's own start-up).
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} url
 * @param {{ tag: string | null, heading: string | null, control: string, condition: string }} scenario
 * @param {number} runs
 * @param {() => void} [beforeCounting]  called after each warm-up
 */
async function timeSeries(browser, url, scenario, runs, beforeCounting = () => {}) {
  const modes = [];
  let ready;
  for (const cpuSlowdown of CPU_SLOWDOWNS) {
    const label = cpuSlowdown === 1 ? 'no throttling' : `${cpuSlowdown}× CPU slowdown`;
    await timeOnce(browser, url, scenario, cpuSlowdown);
    beforeCounting();
    const samples = [];
    for (let run = 1; run <= runs; run += 1) {
      const result = await timeOnce(browser, url, scenario, cpuSlowdown);
      progress(`  ${scenario.tag ? `<${scenario.tag}>` : 'plain HTML'}, ${label}, run ${run}/${runs}: ${ms(result.ms)}`);
      samples.push(result.ms);
      ready = result;
    }
    modes.push({ cpuSlowdown, label, ...summarize(samples) });
  }
  return { modes, ready };
}

/**
 * Our first step, and for the service also its plain-HTML floor, timed in one browser.
 * @param {Scenario} scenario
 * @param {number} runs
 */
async function timeFirstStep(scenario, runs) {
  const pageHtml = pageFor(scenario);
  const pages = new Map([[PAGE_PATH, pageHtml]]);
  const server = await startServer(pages);
  /** @type {import('puppeteer-core').Browser | undefined} */
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath: chromePath(),
      headless: true,
      // Every host name fails to resolve: the page can reach 127.0.0.1 and nothing else.
      args: [...chromeArgs, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
    const url = `${server.origin}${PAGE_PATH}`;
    const ours = await timeSeries(browser, url, scenario, runs, () => server.fetched.clear());
    const fetchedJs = [...server.fetched].filter((path) => path.endsWith('.js')).sort();
    let floor;
    if (scenario === SERVICE) {
      const { html, controls } = await floorPage(browser, url, pageHtml);
      pages.set(FLOOR_PATH, html);
      progress(`Timing the plain-HTML floor (controls: ${controls}) …`);
      floor = { url: FLOOR_PATH, controls, ...(await timeSeries(browser, `${server.origin}${FLOOR_PATH}`, FLOOR, runs)) };
    }
    return { chromium: await browser.version(), url: PAGE_PATH, ready: ours.ready, modes: ours.modes, fetchedJs, floor };
  } finally {
    await browser?.close();
    await server.close();
  }
}

/** @param {string[]} header @param {(string | number)[][]} rows @param {string[]} [align] */
function table(header, rows, align = header.map(() => '---')) {
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

async function main() {
  const runs = parseRuns();
  await printLegalParameterWarnings();
  const builtFirst = !existsSync(distDir) || !existsSync(join(root, 'build/server/app.js'));
  if (builtFirst) {
    progress('dist/ or build/server/ is missing: running npm run build first …');
    await build();
  }
  // Entries, then the chunks they load on demand (translations, validator, adapters, drafts).
  const chunkDir = join(distDir, 'chunks');
  const chunks = existsSync(chunkDir) ? readdirSync(chunkDir).filter((file) => file.endsWith('.js')).map((file) => `chunks/${file}`) : [];
  const files = [...readdirSync(distDir).filter((file) => file.endsWith('.js')).sort(), ...chunks.sort()];
  if (files.length === 0) throw new Error('dist/ holds no .js bundle. Run npm run build, then npm run bench again.');

  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}`;
  const measuredAt = new Date().toISOString();
  // Timings from a machine busy with other work are noisy; the load average lets the reader judge that.
  const load = Number(loadavg()[0].toFixed(1));
  if (load > cpu.length) progress(`Load average ${load} on ${cpu.length} CPUs: the machine is busy, timings will be noisy.`);
  /** @type {Record<string, unknown>} */
  const results = { measuredAt, machine, loadAverage1min: load, builtFirst, kB: 1024 };

  const out = (/** @type {string} */ text) => process.stdout.write(`${text}\n`);
  out('# efa-forms benchmark\n');
  out(
    `${measuredAt.slice(0, 10)} · ${machine} · load average ${load} at start · 1 kB = 1024 bytes` +
      `${builtFirst ? ' · dist/ was missing and was built first' : ''}\n`,
  );

  const sizes = files.map(measureSize);
  results.sizes = sizes;
  out('## Size of dist/*.js and dist/chunks/*.js\n');
  out(
    table(
      ['file', 'raw', 'gzip -9', 'brotli -11'],
      sizes.map((s) => [`\`${s.file}\``, `${kB(s.raw)} (${s.raw} B)`, `${kB(s.gzip)} (${s.gzip} B)`, `${kB(s.brotli)} (${s.brotli} B)`]),
      ['---', '---:', '---:', '---:'],
    ),
  );

  const budget = sizes
    .filter((s) => s.file.startsWith('efa-') && s.file !== FALLBACK.bundle)
    .map((s) => ({ file: s.file, gzip: s.gzip, budget: BUDGET_BYTES, withinBudget: s.gzip <= BUDGET_BYTES }));
  results.budget = budget;
  out(`\n## Budget: what a service element needs for its first step in German ≤ ${kB(BUDGET_BYTES)} gzip\n`);
  if (budget.length === 0) {
    out(`No service bundle in dist/ yet (only ${files.map((f) => `\`${f}\``).join(', ')}): nothing to check.`);
  } else {
    out(
      table(
        ['service bundle', 'gzip', 'budget', 'result'],
        budget.map((b) => [
          `\`${b.file}\``,
          kB(b.gzip),
          kB(b.budget),
          b.withinBudget ? `✓ ${kB(b.budget - b.gzip)} to spare` : `✗ ${kB(b.gzip - b.budget)} over budget`,
        ]),
        ['---', '---:', '---:', '---'],
      ),
    );
  }

  const scenario = files.includes(SERVICE.bundle) ? SERVICE : FALLBACK;
  if (!files.includes(scenario.bundle)) throw new Error(`dist/ has neither ${SERVICE.bundle} nor ${FALLBACK.bundle} to time.`);
  progress(`Timing <${scenario.tag}> from dist/${scenario.bundle}: ${runs} runs per CPU setting, plus one uncounted warm-up run each …`);
  const timing = await timeFirstStep(scenario, runs);
  results.timing = { bundle: scenario.bundle, element: scenario.tag, condition: scenario.condition, runsPerMode: runs, ...timing };
  const gzipOf = (/** @type {string} */ path) => sizes.find((s) => `/dist/${s.file}` === path)?.gzip;
  out('\n## Time to first interactive step\n');
  out(
    `\`${timing.url}\` with \`<${scenario.tag}>\` from \`dist/${scenario.bundle}\`, headless ${timing.chromium}, served from 127.0.0.1 ` +
      `(no network throttling). Measured in the page from navigation start (0) until the element's shadow root holds ` +
      `${scenario.condition}. ${runs} runs per row, each in a fresh browser context with the HTTP cache off, after one uncounted warm-up run.\n`,
  );
  out(
    table(
      ['CPU', 'median', 'min', 'max', 'all runs (ms)'],
      timing.modes.map((m) => [m.label, ms(m.median), ms(m.min), ms(m.max), m.runs.map((v) => v.toFixed(1)).join(', ')]),
      ['---', '---:', '---:', '---:', '---'],
    ),
  );
  const ready = timing.ready;
  out(`\nReady state seen: ${ready?.heading ? `heading "${ready.heading}", ` : ''}control "${ready?.control}".`);
  out(`JS the page fetched: ${timing.fetchedJs.map((path) => `\`${path}\` (${kB(gzipOf(path) ?? 0)} gzip)`).join(', ')}.`);

  const floor = timing.floor;
  if (floor) {
    out('\n## Against the plain-HTML floor\n');
    out(
      `\`${floor.url}\`: the same first step (controls: ${floor.controls}) as plain HTML without script or styles, ` +
        `timed the same way. Ratio = our median / the floor's median; the spread is our slowest run over the floor's fastest ` +
        `and our fastest over the floor's slowest. Target (issue 19): ≤ 1.2×.\n`,
    );
    const ratio = (/** @type {number} */ a, /** @type {number} */ b) => `${(a / b).toFixed(2)}×`;
    out(
      table(
        ['CPU', 'ours (median)', 'plain HTML (median)', 'ratio', 'spread', 'plain HTML, all runs (ms)'],
        timing.modes.map((m, i) => {
          const f = floor.modes[i];
          return [m.label, ms(m.median), ms(f.median), ratio(m.median, f.median), `${ratio(m.min, f.max)}–${ratio(m.max, f.min)}`, f.runs.map((v) => v.toFixed(1)).join(', ')];
        }),
        ['---', '---:', '---:', '---:', '---', '---'],
      ),
    );
  }

  const [normal, slow] = timing.modes;
  out('\n## For the README\n');
  out(
    `Measured with \`npm run bench\` on ${measuredAt.slice(0, 10)} (${machine}, headless ${timing.chromium}). Sizes in kB of 1024 bytes; ` +
      `time from navigation start until the first step is interactive, median of ${runs} cold loads from localhost (min–max).\n`,
  );
  out(
    table(
      ['bundle', 'gzip', 'brotli', `budget (${kB(BUDGET_BYTES)} gzip)`, 'first step interactive', `at ${slow.cpuSlowdown}× CPU slowdown`],
      sizes.map((s) => {
        const inBudget = budget.find((b) => b.file === s.file);
        const timed = s.file === scenario.bundle;
        const span = (/** @type {typeof normal} */ m) => `${Math.round(m.median)} ms (${Math.round(m.min)}–${Math.round(m.max)})`;
        return [
          `\`${s.file}\`${timed && scenario === FALLBACK ? ` (\`<${FALLBACK.tag}>\`)` : ''}`,
          kB(s.gzip),
          kB(s.brotli),
          inBudget ? (inBudget.withinBudget ? '✓' : '✗') : '–',
          timed ? span(normal) : '–',
          timed ? span(slow) : '–',
        ];
      }),
      ['---', '---:', '---:', ':---:', '---:', '---:'],
    ),
  );
  if (floor) {
    const [floorNormal, floorSlow] = floor.modes;
    out(
      `\nThe same first step as plain HTML (the floor): ${Math.round(floorNormal.median)} ms, at ${slow.cpuSlowdown}× ${Math.round(floorSlow.median)} ms; ` +
        `ours is ${(normal.median / floorNormal.median).toFixed(2)}× and ${(slow.median / floorSlow.median).toFixed(2)}× the floor (target ≤ 1.2×).`,
    );
  }
  return results;
}

let results;
try {
  results = await main();
} catch (error) {
  process.stderr.write(`\nnpm run bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
if (results) {
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  progress(`\nWritten to bench-results.json.`);
}
