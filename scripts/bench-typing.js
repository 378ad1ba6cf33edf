/**
 * `npm run bench:typing [-- --rounds N]`: what one keystroke costs on the longest step of each service. It
 * measures and asserts nothing (test/engine/typing-cost.test.ts bounds the validator runs).
 *
 * For each service the step is opened with a valid fixture loaded; the field is emptied, then a name is typed
 * into it one key at a time, so the first key of a round gives the field an answer again and the others change it.
 * 1. Validator runs per keystroke, counted in Node (scripts/typing-probe.ts, bundled with esbuild).
 * 2. Time per keystroke in headless Chromium, without and with 4× CPU slowdown (CDP
 *    `Emulation.setCPUThrottlingRate`): from the `keydown` event's time stamp until the form and the field
 *    have rendered (`updateComplete`), and until the frame after that has been painted. One uncounted warm-up
 *    round, then N rounds.
 * 3. The floor: the same keys typed into a plain `<input>` on a page without script, timed the same way.
 * The Markdown report goes to stdout, progress to stderr. Builds first only when dist/ is missing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build as bundle } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from './chrome.js';
import { build, root, startServer } from './bench-server.js';

const CPU_SLOWDOWNS = [1, 4];
const TYPED = 'Raghunathan-Lakshminarayanan';
const STEP_TIMEOUT_MS = 60_000;

/**
 * @typedef {{ service: string, tag: string, attributes: string, fixture: string, definition: string,
 *   definitionExport: string, validator: string, step: string, stepTitle: string, pointer: string,
 *   companions?: number }} Scenario
 */

/** @type {Scenario} */
const VE_GUEST_STEP = {
  service: 'Verpflichtungserklärung',
  tag: 'efa-verpflichtungserklaerung',
  attributes: '',
  fixture: 'test/fixtures/verpflichtungserklaerung/valid/familie.json',
  definition: 'src/services/verpflichtungserklaerung/definition.ts',
  definitionExport: 'verpflichtungserklaerungDefinition',
  validator: 'src/schema/generated/verpflichtungserklaerung.js',
  step: 'gast',
  stepTitle: 'Angaben zu Ihrem Gast',
  pointer: '/gast/familienname',
};

/** @type {Scenario[]} */
const SCENARIOS = [
  {
    service: 'Aufenthaltstitel',
    tag: 'efa-aufenthaltstitel',
    attributes: 'route="erwerbstaetigkeit"',
    fixture: 'test/fixtures/aufenthaltstitel/valid/erwerbstaetigkeit.json',
    definition: 'src/services/aufenthaltstitel/definition.ts',
    definitionExport: 'aufenthaltstitelDefinition',
    validator: 'src/schema/generated/aufenthaltstitel.js',
    step: 'person',
    stepTitle: 'Angaben zu Ihrer Person',
    pointer: '/person/familienname',
  },
  VE_GUEST_STEP,
  // Issue 19: flat cost as the travelling family grows to the schema's 15 persons; typed into the last one's name.
  ...[1, 5, 15].map((companions) => ({
    ...VE_GUEST_STEP,
    service: `Verpflichtungserklärung, ${companions} travelling`,
    pointer: `/begleitpersonen/${companions - 1}/familienname`,
    companions,
  })),
];

/** The floor: a plain input on a page without script. */
const FLOOR = { service: 'plain `<input>` (floor)', path: '/floor.html', id: 'floor' };
const FLOOR_PAGE = `<!doctype html>
<html lang="de">
  <head><meta charset="utf-8" /><title>efa-forms typing floor</title></head>
  <body><main><label for="floor">Familienname</label> <input id="floor" autocomplete="off" /></main></body>
</html>`;

/** @param {string} line */
const progress = (line) => process.stderr.write(`${line}\n`);

/** @param {number} value */
const ms = (value) => `${value.toFixed(1)} ms`;

/** The engine derives element ids from pointers this way (form-engine.ts `idFor`). @param {string} pointer */
const fieldId = (pointer) => `f${pointer.replace(/[^A-Za-z0-9]+/g, '-')}`;

/**
 * The scenario's fixture, with its travelling family grown to `companions` (the probe's `withCompanions`). Uploads
 * cannot be prefilled: they are files, not data.
 * @param {Scenario} scenario @param {{ withCompanions: (answers: unknown, count: number) => unknown }} probe
 */
function answersOf(scenario, probe) {
  const answers = JSON.parse(readFileSync(join(root, scenario.fixture), 'utf8'));
  delete answers.nachweise;
  return scenario.companions ? probe.withCompanions(answers, scenario.companions) : answers;
}

/** @param {number[]} values @param {number} quantile */
function quantile(values, quantile) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
}

/**
 * The engine in Node, bundled with esbuild: validator runs per key, for leaving the field and for "Weiter", for
 * every scenario (scripts/typing-probe.ts), and the probe's `withCompanions`.
 */
async function countValidatorRuns() {
  const dir = mkdtempSync(join(tmpdir(), 'efa-typing-probe-'));
  try {
    const imports = SCENARIOS.map(
      (s, i) =>
        `import { ${s.definitionExport} as definition${i} } from './${s.definition}';\nimport validator${i} from './${s.validator}';\n`,
    ).join('');
    const calls = SCENARIOS.map((s, i) => `(answers) => validatorCallsPerAction(definition${i}, validator${i}, { answers: answers[${i}], step: '${s.step}', pointer: '${s.pointer}', text: '${TYPED}' })`);
    const outfile = join(dir, 'probe.mjs');
    await bundle({
      stdin: {
        contents: `import { validatorCallsPerAction } from './scripts/typing-probe.ts';\nexport { withCompanions } from './scripts/typing-probe.ts';\n${imports}export const probes = [${calls.join(', ')}];\n`,
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'warning',
    });
    const probe = await import(pathToFileURL(outfile).href);
    const answers = SCENARIOS.map((scenario) => answersOf(scenario, probe));
    /** @type {{ keys: number[], leave: number, next: number, problems: number }[]} */
    const counts = probe.probes.map((/** @type {(answers: unknown[]) => any} */ count) => count(answers));
    return { probe, counts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** @param {Scenario} scenario */
const pageOf = (scenario) => `<!doctype html>
<html lang="de">
  <head>
    <meta charset="utf-8" />
    <title>efa-forms typing benchmark</title>
    <script type="module" src="/dist/${scenario.tag}.js"></script>
  </head>
  <body>
    <main><${scenario.tag} endpoint="/api/submissions" authority="09999000" ${scenario.attributes}></${scenario.tag}></main>
  </body>
</html>`;

/**
 * In the page: the answers loaded, "Weiter" until the step's heading shows. Serialised into the page.
 * @param {string} tag @param {unknown} answers @param {string} title @param {number} timeout
 */
async function openStep(tag, answers, title, timeout) {
  await customElements.whenDefined(tag);
  const form = /** @type {any} */ (document.querySelector(tag));
  form.prefill = answers;
  await form.updateComplete;
  const heading = () => form.shadowRoot.querySelector('h2')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const until = Date.now() + timeout;
  while (!heading().includes(title)) {
    if (Date.now() > until) throw new Error(`never reached "${title}"; stopped at "${heading()}"`);
    const before = heading();
    form.shadowRoot.querySelector('button.primary').click();
    while (heading() === before && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    const problems = form.shadowRoot.querySelector('.error-summary');
    if (problems) throw new Error(`"${before}" refused the fixture: ${problems.textContent.replace(/\s+/g, ' ').trim()}`);
  }
}

/**
 * In the page: focus the field's input and time every following keystroke. Serialised into the page.
 * @param {string | null} tag  null: a plain input of the page itself (the floor)
 * @param {string} id
 */
function timeKeystrokes(tag, id) {
  const form = tag ? /** @type {any} */ (document.querySelector(tag)) : undefined;
  const field = form?.shadowRoot.getElementById(id);
  const input = field ? field.shadowRoot.querySelector('input') : document.getElementById(id);
  input.focus();
  const state = /** @type {any} */ (window).__typing = { pending: Promise.resolve(undefined) };
  document.addEventListener(
    'keydown',
    (event) => {
      const start = event.timeStamp;
      state.pending = new Promise((resolve) => {
        document.addEventListener(
          'input',
          async () => {
            await form?.updateComplete;
            await field?.updateComplete;
            const rendered = performance.now() - start;
            requestAnimationFrame(() => {
              // A task after the frame's callbacks: the frame has been painted by then.
              const channel = new MessageChannel();
              channel.port1.onmessage = () => resolve({ rendered, painted: performance.now() - start });
              channel.port2.postMessage(undefined);
            });
          },
          { once: true },
        );
      });
    },
    true,
  );
}

/**
 * @param {import('puppeteer-core').Browser} browser @param {string} origin @param {Scenario | typeof FLOOR} scenario
 * @param {number} cpuSlowdown @param {number} rounds @param {{ withCompanions: (answers: unknown, count: number) => unknown }} probe
 */
async function timeScenario(browser, origin, scenario, cpuSlowdown, rounds, probe) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    /** @type {string[]} */
    const problems = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    const tag = 'tag' in scenario ? scenario.tag : null;
    const id = 'tag' in scenario ? fieldId(scenario.pointer) : scenario.id;
    await page.goto(`${origin}${'tag' in scenario ? `/${scenario.tag}.html` : scenario.path}`, { waitUntil: 'load' });
    if ('tag' in scenario) {
      await page.evaluate(openStep, scenario.tag, answersOf(scenario, probe), scenario.stepTitle, STEP_TIMEOUT_MS).catch((error) => {
        throw new Error(`${scenario.service}: ${error.message}${problems.length ? ` (page errors: ${problems.join(' | ')})` : ''}`);
      });
    }
    await page.evaluate(timeKeystrokes, tag, id);
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    const typed = () =>
      page.evaluate((tag, id) => /** @type {any} */ (tag ? document.querySelector(tag)?.shadowRoot : document)?.getElementById(id).value, tag, id);
    /** @type {{ rendered: number, painted: number, first: boolean }[]} */
    const samples = [];
    for (let round = 0; round <= rounds; round += 1) {
      if (await typed()) {
        await page.keyboard.down('Control');
        await page.keyboard.press('a');
        await page.keyboard.up('Control');
        await page.keyboard.press('Backspace');
        await page.evaluate(() => /** @type {any} */ (window).__typing.pending);
      }
      for (const [index, key] of [...TYPED].entries()) {
        await page.keyboard.type(key);
        const sample = await page.evaluate(() => /** @type {any} */ (window).__typing.pending);
        if (round > 0) samples.push({ ...sample, first: index === 0 });
      }
    }
    const value = await typed();
    if (value !== TYPED) throw new Error(`${scenario.service}: the field holds "${value}" after typing "${TYPED}"`);
    return samples;
  } finally {
    await context.close();
  }
}

/** @param {string[]} header @param {(string | number)[][]} rows @param {string[]} [align] */
function table(header, rows, align = header.map(() => '---')) {
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

async function main() {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds takes a whole number of at least 1, e.g. --rounds 3 (got "${values.rounds}").`);
  if (!existsSync(join(root, 'dist')) || !existsSync(join(root, 'build/server/app.js'))) {
    progress('dist/ or build/server/ is missing: running npm run build first …');
    await build();
  }
  const out = (/** @type {string} */ text) => process.stdout.write(`${text}\n`);
  const cpu = cpus();
  const load = Number(loadavg()[0].toFixed(1));
  out('# efa-forms typing benchmark\n');
  out(`${new Date().toISOString().slice(0, 10)} · ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version} · load average ${load} at start\n`);

  progress('Counting validator runs in Node …');
  const { probe, counts } = await countValidatorRuns();
  out(`## Validator runs (Node, deterministic)\n`);
  out(
    `"${TYPED}" typed into the emptied field; the first key gives it an answer again. Then leaving the field ` +
      '(the check on blur) and "Weiter" on the step.\n',
  );
  out(
    table(
      ['service', 'step', 'field', 'first key', 'each further key', 'leaving the field', '"Weiter"'],
      SCENARIOS.map((s, i) => {
        const { keys, leave, next, problems } = counts[i];
        if (problems > 0) throw new Error(`${s.service}: "Weiter" found ${problems} problems in the fixture`);
        const [first, ...rest] = keys;
        return [s.service, `\`${s.step}\``, `\`${s.pointer}\``, first, `${Math.min(...rest)}–${Math.max(...rest)}`, leave, next];
      }),
      ['---', '---', '---', '---:', '---:', '---:', '---:'],
    ),
  );

  const pages = new Map([...SCENARIOS.map((s) => [`/${s.tag}.html`, pageOf(s)]), [FLOOR.path, FLOOR_PAGE]]);
  const server = await startServer(pages);
  const browser = await puppeteer.launch({
    executablePath: chromePath(),
    headless: true,
    args: [...chromeArgs, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  try {
    const rows = [];
    for (const scenario of [...SCENARIOS, FLOOR]) {
      for (const cpuSlowdown of CPU_SLOWDOWNS) {
        progress(`Typing into ${'tag' in scenario ? scenario.pointer : 'the plain input'} of ${scenario.service}, CPU slowdown ${cpuSlowdown}× …`);
        const samples = await timeScenario(browser, server.origin, scenario, cpuSlowdown, rounds, probe);
        const rendered = samples.map((s) => s.rendered);
        const painted = samples.map((s) => s.painted);
        const firsts = samples.filter((s) => s.first).map((s) => s.rendered);
        rows.push([
          scenario.service,
          'step' in scenario ? `\`${scenario.step}\`` : '–',
          cpuSlowdown === 1 ? 'none' : `${cpuSlowdown}×`,
          samples.length,
          ms(quantile(rendered, 0.5)),
          ms(quantile(rendered, 0.95)),
          ms(Math.max(...rendered)),
          ms(quantile(firsts, 0.5)),
          ms(quantile(painted, 0.5)),
          ms(quantile(painted, 0.95)),
        ]);
      }
    }
    out(`\n## Time per keystroke (headless ${await browser.version()})\n`);
    out(
      `From the \`keydown\` event until the form and the field have rendered (\`updateComplete\`), and until the next ` +
        `frame has been painted (\`requestAnimationFrame\`, then a task). ${rounds} rounds of ${TYPED.length} keys after one uncounted round.\n`,
    );
    out(
      table(
        ['service', 'step', 'CPU slowdown', 'keys', 'rendered: median', 'p95', 'max', 'first key: median', 'painted: median', 'p95'],
        rows,
        ['---', '---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:'],
      ),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`\nnpm run bench:typing failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
