/**
 * Nothing on a demo page jumps while its form loads (issue 19): the built element (dist/) in the demo's own page
 * and CSS, at the viewport sizes of Lighthouse's desktop and mobile presets, with every layout shift of the page
 * summed up to and including the first step — what Lighthouse counts as cumulative layout shift on load
 * (`npm run bench:lighthouse` measures it with Lighthouse itself). Layout shift is a layout fact, not a timing:
 * the page paints before the module is added, as when the module comes over a network, and the result is the
 * same on an idle and on a loaded machine. The browser is this test's own, so its one page is the front page and
 * paints (a background tab of the browser tests does not).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from '../../scripts/chrome.js';
import { root, startServer } from '../../scripts/bench-server.js';

const VIEWPORTS = { desktop: { width: 1350, height: 940 }, mobile: { width: 412, height: 823 } };
const CLS_LIMIT = 0.1;

/**
 * A demo page as the portal (server/portal.ts) assembles it, but without its module script, whose `src` is
 * returned to be added once the page has painted.
 */
async function demoPage(file) {
  const layout = await readFile(join(root, 'demo', 'layout.html'), 'utf8');
  const [head, main] = (await readFile(join(root, 'demo', 'pages', file), 'utf8')).split('<!-- main -->\n');
  const script = /<script type="module" src="([^"]+)"><\/script>/.exec(head);
  const html = layout
    .replace('href="/portal.css"', 'href="/demo/portal.css"')
    .replace('{{head}}', head.replace(script[0], '').trim())
    .replace('{{main}}', main);
  return { html, src: script[1] };
}

const pages = new Map();
const tags = new Map();
for (const [file, tag] of [
  ['verpflichtungserklaerung.html', 'efa-verpflichtungserklaerung'],
  ['aufenthaltstitel.html', 'efa-aufenthaltstitel'],
]) {
  const { html, src } = await demoPage(file);
  pages.set(`/${file}`, html);
  tags.set(file, { tag, src });
}

let server;
let browser;
before(async () => {
  server = await startServer(pages);
  browser = await puppeteer.launch({ executablePath: chromePath(), headless: true, args: chromeArgs });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Loads a demo page at `viewport`, adds its module once the page has painted, waits for the first step and
 * everything it waits for (field kit, validator, language), and returns the sum of the page's layout shifts.
 * `css` goes on the page after the portal's own (the control takes the reservation away with it).
 */
async function layoutShiftUntilFirstStep(file, viewport, css = '') {
  const { tag, src } = tags.get(file);
  const tab = await browser.newPage();
  try {
    await tab.setViewport(viewport);
    // The page's strict CSP forbids a style of the test's own; only the control adds one.
    if (css) await tab.setBypassCSP(true);
    await tab.goto(`${server.origin}/${file}`);
    if (css) await tab.addStyleTag({ content: css });
    await tab.evaluate(nextPaint);
    await tab.addScriptTag({ type: 'module', url: src });
    await tab.waitForFunction((name) => document.querySelector(name)?.shadowRoot?.querySelector('h2'), {}, tag);
    return await tab.evaluate(async (name) => {
      await document.querySelector(name).updateComplete;
      // The buffered observer delivers the shifts so far, but nothing at all when there were none: the shift of
      // a marker of our own, moved after it was painted, tells that every earlier shift has been delivered.
      const marker = document.createElement('div');
      marker.style.cssText = 'position: absolute; inset: 0 auto auto 0; inline-size: 10px; block-size: 10px; background: red';
      let sum = 0;
      await new Promise((delivered) => {
        const observer = new PerformanceObserver((list) => {
          for (const shift of list.getEntries()) {
            if (shift.sources.some((source) => source.node === marker)) {
              observer.disconnect();
              delivered(undefined);
            } else {
              sum += shift.value;
            }
          }
        });
        observer.observe({ type: 'layout-shift', buffered: true });
        document.body.append(marker);
        requestAnimationFrame(() => requestAnimationFrame(() => (marker.style.insetBlockStart = '5px')));
      });
      return sum;
    }, tag);
  } finally {
    await tab.close();
  }
}

function nextPaint() {
  return new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));
}

describe(`demo pages: nothing jumps while the form loads (CLS < ${CLS_LIMIT})`, () => {
  for (const file of tags.keys()) {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      test(`${file}, ${name} ${viewport.width}×${viewport.height}`, async () => {
        const cls = await layoutShiftUntilFirstStep(file, viewport);
        assert.ok(cls < CLS_LIMIT, `CLS ${cls}`);
      });
    }
  }

  test('the measurement sees the jump when the place is not reserved (control)', async () => {
    const unreserved = 'efa-verpflichtungserklaerung, efa-verpflichtungserklaerung:not(:defined) { min-block-size: auto; }';
    const cls = await layoutShiftUntilFirstStep('verpflichtungserklaerung.html', VIEWPORTS.desktop, unreserved);
    assert.ok(cls > CLS_LIMIT, `CLS ${cls}`);
  });
});
