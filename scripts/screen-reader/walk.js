/**
 * `npm run test:sr` (inside scripts/test-sr.sh): Orca reads both services in Chromium, driven by keyboard only, in
 * German, English and Arabic (right to left). Two walks each: from the start page, a step change, a failed step (error
 * summary), every error link of the failed steps to its field, "Zurück" back to the first step; and with valid answers
 * given, from the review: "Ändern" and back, an emptied check-box group, the confirmation before sending. Asserts on what Orca said;
 * the transcripts are kept in test-results/sr/. `SR_ONLY=aufenthaltstitel` (or `…-review-en`) runs only the walks
 * whose name starts so.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from './session.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const results = join(root, 'test-results', 'sr');

/** What the walk listens for, in each language: the words of the form and Orca's English role names. */
const words = {
  de: {
    next: /^Weiter push button/,
    back: /^Zurück push button/,
    step: 'Schritt',
    of: 'von',
    problem: 'Es gibt ein Problem',
    review: 'Prüfen Sie Ihre Angaben',
    change: /^Ändern (.+) push button/,
    toReview: /^Weiter zur Übersicht push button/,
    send: /^Verbindlich absenden push button/,
  },
  // In English a legal step says, under its heading, that the German text binds, with a button to read it.
  en: {
    next: /^Continue push button/,
    back: /^Back push button/,
    step: 'Step',
    of: 'of',
    problem: 'There is a problem',
    bindingNote: /^Read the German text push button/,
    review: 'Check your answers',
    change: /^Change (.+) push button/,
    toReview: /^Continue to summary push button/,
    send: /^Submit binding declaration push button/,
  },
  // Right to left: the same walk in Arabic.
  ar: {
    next: /^متابعة push button/,
    back: /^رجوع push button/,
    step: 'الخطوة',
    of: 'من',
    problem: 'توجد مشكلة',
    bindingNote: /^قراءة النص الألماني push button/,
    review: 'راجعوا بياناتكم',
    change: /^تعديل (.+) push button/,
    toReview: /^متابعة إلى الملخص push button/,
    send: /^إرسال ملزِم push button/,
  },
};

const services = [
  {
    tag: 'efa-verpflichtungserklaerung',
    page: 'verpflichtungserklaerung',
    // Step 1's fixed warning: text of the page, never a live region spoken at load.
    staticWarning: { de: /Sie haften bis zu fünf Jahre/, en: /five years/, ar: /خمس سنوات/ },
    // Fails on step 2 (a radio group), then on step 3, whose errors cover text, date and combobox.
    kinds: ['radio button', 'entry', 'editable combo box', 'combo box'],
    // After the review, the warning is confirmed by a check box before sending.
    review: { answers: 'verpflichtungserklaerung/valid/einfach.json', leaveOut: ['warnhinweisBestaetigt'], confirmationStep: true },
  },
  {
    tag: 'efa-aufenthaltstitel',
    page: 'aufenthaltstitel',
    staticWarning: undefined,
    kinds: ['radio button'],
    // Uploads cannot be prefilled. "Wovon leben Sie?" (check boxes) is changed from the review and left empty.
    review: {
      answers: 'aufenthaltstitel/valid/erwerbstaetigkeit.json',
      leaveOut: ['nachweise'],
      route: 'erwerbstaetigkeit',
      confirmationStep: false,
      checkBoxes: { de: 'Wovon leben Sie?', en: 'How do you pay for your living costs?', ar: 'من أين تعيشون؟' },
    },
  },
];

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/**
 * The demo portal with pages per service and language: the same element, its `lang` set; and a second page whose
 * element is given the valid answers of a test fixture (`review.answers` minus `review.leaveOut`) and shows the
 * review, as after a draft was loaded. The portal serves scripts only from a fixed list; its themes folder serves
 * any file, so the page's script goes there.
 */
function portal(dir) {
  cpSync(join(root, 'demo'), dir, { recursive: true, filter: (path) => !path.includes(`${join(root, 'demo', 'data')}`) });
  for (const { tag, page, review } of services) {
    const source = readFileSync(join(root, 'demo', 'pages', `${page}.html`), 'utf8');
    const answers = JSON.parse(readFileSync(join(root, 'test', 'fixtures', review.answers), 'utf8'));
    for (const path of review.leaveOut) {
      const keys = path.split('.');
      delete keys.slice(0, -1).reduce((node, key) => node[key], answers)[keys.at(-1)];
    }
    writeFileSync(
      join(dir, 'themes', `sr-review-${page}.js`),
      [
        `await customElements.whenDefined('${tag}');`,
        `const form = document.querySelector('${tag}');`,
        `form.prefill = ${JSON.stringify(answers)};`,
        'await form.updateComplete;',
        "form.resumeAt('review');",
      ].join('\n'),
    );
    for (const lang of Object.keys(words)) {
      writeFileSync(join(dir, 'pages', `sr-${page}-${lang}.html`), source.replace(`<${tag} `, `<${tag} lang="${lang}" `));
      const route = review.route ? ` route="${review.route}"` : '';
      writeFileSync(
        join(dir, 'pages', `sr-${page}-${lang}-review.html`),
        `<script type="module" src="/themes/sr-review-${page}.js"></script>\n${source.replace(`<${tag} `, `<${tag} lang="${lang}"${route} `)}`,
      );
    }
  }
}

class Walk {
  constructor(session, name) {
    this.session = session;
    this.name = name;
    this.lines = [];
    this.failures = [];
  }

  record(action, heard) {
    this.lines.push(`> ${action}`, ...heard.map((u) => `  ${u}`));
    return heard;
  }

  check(ok, message, heard) {
    if (ok) return;
    this.failures.push(`${this.name}: ${message}\n    heard: ${heard.map((u) => JSON.stringify(u)).join('\n           ')}`);
    this.lines.push(`! FAILED: ${message}`);
  }

  async press(keys, expect) {
    return this.record(keys, await this.session.press(keys, expect));
  }

  /** Tab until Orca names something that matches; returns all it said on the way; fails the walk after `max` tabs. */
  async tabTo(pattern, max = 40) {
    const all = [];
    for (let i = 0; i < max; i += 1) {
      const heard = await this.press('Tab');
      all.push(...heard);
      if (heard.some((u) => pattern.test(u))) return all;
    }
    throw new Error(`${this.name}: no ${pattern} within ${max} tabs`);
  }
}

async function walk(session, service, lang, base) {
  const w = new Walk(session, `${service.page} (${lang})`);
  const t = words[lang];
  // "Schritt 2 von 9 …"; on the residence permit "Schritt 2 …" until the route, and with it the total, is known.
  const stepHeading = (n) => new RegExp(`^${t.step} ${n}( ${t.of} \\d+)? \\S`);
  const glued = new RegExp(`${t.step} \\d+( ${t.of} \\d+)?[^\\s\\d]`);
  try {
    const url = `${base}/sr-${service.page}-${lang}.html`;
    const atLoad = [...w.record(`open ${url}`, await session.openBrowser(url)), ...(await w.tabTo(t.next))];
    if (service.staticWarning) {
      w.check(!atLoad.some((u) => service.staticWarning[lang].test(u)), 'the fixed warning of step 1 is not spoken at load (no live region)', atLoad);
    }
    let heard = await w.press('Return', stepHeading(2));
    w.check(heard.some((u) => stepHeading(2).test(u)), 'forward: step 2 is announced', heard);
    w.check(!heard.some((u) => glued.test(u)), 'the step heading has a space after "x of n"', heard);

    const kinds = new Set();
    await failAndFollowLinks(w, t, kinds);
    // On the first field after the links: answer step 2 (the first option of its first question) and continue.
    heard = await w.press('space');
    await w.tabTo(t.next);
    heard = await w.press('Return', stepHeading(3));
    w.check(heard.some((u) => stepHeading(3).test(u)), 'forward: step 3 is announced', heard);
    await failAndFollowLinks(w, t, kinds);
    for (const kind of service.kinds) w.check(kinds.has(kind), `an error is spoken at a ${kind}`, [...kinds]);

    await w.tabTo(t.back);
    heard = await w.press('Return', stepHeading(2));
    w.check(heard.some((u) => stepHeading(2).test(u)), '"Zurück" from step 3: step 2 is announced', heard);
    heard.push(...(await w.press('Tab')));
    w.check(heard.filter((u) => stepHeading(2).test(u)).length === 1, '"Zurück" from step 3: step 2 is heard once, not also from the live region', heard);
    await w.tabTo(t.back);
    heard = await w.press('Return', stepHeading(1));
    w.check(heard.some((u) => stepHeading(1).test(u)), '"Zurück" from step 2: step 1 is announced', heard);
    if (service.staticWarning) {
      w.check(heard.filter((u) => service.staticWarning[lang].test(u)).length === 0, 'the fixed warning is not spoken again on "Zurück"', heard);
    }
  } catch (error) {
    w.failures.push(`${w.name}: ${error.message}`);
    w.lines.push(`! ABORTED: ${error.message}`);
  }
  const file = join(results, `${service.page}-${lang}.txt`);
  writeFileSync(file, `${w.lines.join('\n')}\n`);
  return { file, failures: w.failures };
}

/**
 * On the current step: `button` ("Weiter" unless said otherwise) without answers, the summary heard once; then each
 * error link, followed to its field, where the field's error must be spoken. Enter in the field tries the step again
 * (the summary takes focus again).
 */
async function failAndFollowLinks(w, t, kinds, button = t.next) {
  await w.tabTo(button);
  let heard = await w.press('Return', new RegExp(t.problem));
  for (let link = 1; link <= 6; link += 1) {
    w.check(heard.filter((u) => u.includes(t.problem)).length === 1, `the error summary's title is spoken once`, heard);
    let target;
    for (let i = 0; i < link; i += 1) target = await w.press('Tab');
    const message = linkText(target);
    if (!message) {
      // Past the last link: the step's first field, or before it the binding-text note's button.
      if (link === 1) w.check(false, 'the error summary has a link', target);
      if (t.bindingNote && target.some((u) => t.bindingNote.test(u))) await w.press('Tab');
      return;
    }
    w.check(heard.filter((u) => u.includes(message)).length <= 1, `"${message}" is spoken at most once with the summary`, heard);
    await followErrorLink(w, message, kinds);
    // Enter in an input tries the step again; in a select it opens the list, on a check box it does nothing.
    heard = await w.press('Return', new RegExp(t.problem));
    if (!heard.some((u) => u.includes(t.problem))) {
      await w.press('Escape');
      await w.tabTo(button);
      heard = await w.press('Return', new RegExp(t.problem));
    }
  }
}

/** The error message of a summary link Orca read ("Geben Sie … ein. link"), if it read one. */
function linkText(heard) {
  return heard.map((u) => /^(.*?)\.? link\.?$/.exec(u)?.[1]).find(Boolean);
}

/** Follows the focused error link to its field, where its message must be spoken; notes the kind of field. */
async function followErrorLink(w, message, kinds) {
  let atField = await w.press('Return', new RegExp(escape(message)));
  if (atField.length === 0) {
    // Now and then Orca misses the focus event after a link (the same link was spoken at the field in other
    // runs): ask it where focus is (Orca's "where am I", KP_Enter), which reads what a focus event would.
    w.lines.push('  (Orca said nothing; asking where focus is)');
    atField = await w.press('KP_Enter', new RegExp(escape(message)));
  }
  w.check(atField.some((u) => u.includes(message)), `following "${message}": the error is spoken at the field`, atField);
  const kind = atField.map((u) => /(editable combo box|combo box|radio button|check box|entry)( (not )?checked)?\.?$/.exec(u)?.[1]).find(Boolean);
  if (kind) kinds.add(kind);
}

/**
 * With valid answers given, on the review: "Ändern" on its first answer announces that step with focus at the
 * answer, and "Weiter zur Übersicht" the review again. On the residence permit, "Wovon leben Sie?" is changed to no
 * answer: its error is spoken at the check box. On the declaration, the confirmation step after the review is
 * announced, sending without confirming fails at its check box, and "Zurück" announces the review.
 */
async function reviewWalk(session, service, lang, base) {
  const w = new Walk(session, `${service.page} review (${lang})`);
  const t = words[lang];
  const { review } = service;
  const anyStep = new RegExp(`^${t.step} \\d+( ${t.of} \\d+)? \\S`);
  const reviewHeading = new RegExp(`^${t.step} \\d+ ${t.of} \\d+ ${escape(t.review)}`);
  const kinds = new Set();
  /** "Ändern" (the first, or the one for `label`): its step is announced, focus is at the answer. */
  const change = async (label) => {
    const pattern = label ? new RegExp(`${t.change.source.replace('(.+)', escape(label))}`) : t.change;
    const name = label ?? (await w.tabTo(pattern, 80)).map((u) => t.change.exec(u)?.[1]).find(Boolean);
    if (label) await w.tabTo(pattern, 80);
    const heard = await w.press('Return', anyStep);
    w.check(heard.some((u) => anyStep.test(u)), `"${name}" changed from the review: its step is announced`, heard);
    w.check(heard.some((u) => u.includes(name)), `"${name}" changed from the review: focus is at that answer`, heard);
  };
  const backToReview = async (how) => {
    await w.tabTo(how === 'back' ? t.back : t.toReview, 80);
    const heard = await w.press('Return', reviewHeading);
    w.check(heard.some((u) => reviewHeading.test(u)), `${how === 'back' ? '"Zurück"' : '"Weiter zur Übersicht"'} to the review: it is announced`, heard);
  };
  try {
    const url = `${base}/sr-${service.page}-${lang}-review.html`;
    w.record(`open ${url}`, await session.openBrowser(url));
    await change();
    await backToReview('forward');
    if (review.checkBoxes) {
      await change(review.checkBoxes[lang]);
      await w.press('space');
      await failAndFollowLinks(w, t, kinds, t.toReview);
      w.check(kinds.has('check box'), 'an error is spoken at a check box', [...kinds]);
    }
    if (review.confirmationStep) {
      await w.tabTo(t.next, 80);
      const heard = await w.press('Return', anyStep);
      w.check(heard.some((u) => anyStep.test(u)), 'the confirmation step after the review is announced', heard);
      await failAndFollowLinks(w, t, kinds, t.send);
      w.check(kinds.has('check box'), 'an error is spoken at a check box', [...kinds]);
      await backToReview('back');
    }
  } catch (error) {
    w.failures.push(`${w.name}: ${error.message}`);
    w.lines.push(`! ABORTED: ${error.message}`);
  }
  const file = join(results, `${service.page}-review-${lang}.txt`);
  writeFileSync(file, `${w.lines.join('\n')}\n`);
  return { file, failures: w.failures };
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function main() {
  mkdirSync(results, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'efa-sr-'));
  const session = new Session(dir);
  const port = await freePort();
  const portalDir = join(dir, 'portal');
  portal(portalDir);
  const server = spawn(process.execPath, [join(root, 'build', 'server', 'main.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', EFA_PORTAL: portalDir, EFA_DATA_DIR: join(dir, 'data') },
    stdio: 'ignore',
  });
  const failures = [];
  const files = [];
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      session.stop();
      server.kill();
      process.exit(1);
    });
  }
  try {
    await session.startDesktop();
    await session.startOrca();
    const version = spawnSync('orca', ['--version'], { encoding: 'utf8' }).stdout.trim();
    const chromium = spawnSync(process.env.CHROME_PATH || '/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout.trim();
    console.log(`Screen reader: Orca ${version}; browser: ${chromium}`);
    for (const service of services) {
      for (const lang of Object.keys(words)) {
        for (const [name, run] of [
          [`${service.page}-${lang}`, walk],
          [`${service.page}-review-${lang}`, reviewWalk],
        ]) {
          if (!name.startsWith(process.env.SR_ONLY ?? '')) continue;
          const result = await run(session, service, lang, `http://127.0.0.1:${port}`);
          console.log(`${result.failures.length === 0 ? 'ok  ' : 'FAIL'} ${name}: ${result.file}`);
          files.push(result.file);
          failures.push(...result.failures);
        }
      }
    }
  } catch (error) {
    failures.push(`the screen-reader desktop did not start: ${error.message} (logs in ${dir})`);
  } finally {
    session.stop();
    server.kill();
  }
  for (const failure of failures) console.log(`\n✗ ${failure}`);
  console.log(`\nTranscripts (what Orca said after each key): ${results}/`);
  const failedWalks = new Set(failures.map((failure) => failure.split(':')[0])).size;
  console.log(`${Math.max(files.length - failedWalks, 0)} passed, ${failedWalks} failed`);
  // Chromium may still be writing its profile as it exits: retry rather than fail a green run on its clean-up.
  if (failures.length === 0) rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  process.exit(failures.length === 0 ? 0 : 1);
}

await main();
