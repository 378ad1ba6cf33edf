/**
 * The budget of scripts/budget.js on the built dist/: what each service element needs for its first step (its
 * entry and the chunks that entry imports statically) must stay within 40 kB gzip, or within the recorded
 * ceiling of a known overrun; and both services on one page share what they have in common (Lit, the shell, the
 * engine), so together they need at most 1.3 times the larger one. A size, not a timing: the same build gives the
 * same answer on any machine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BOTH_SERVICES_FACTOR, BUDGET_BYTES, KNOWN_OVERRUNS } from '../../scripts/budget.js';

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

/** The entry and every module it imports statically (not `import()`), as paths under dist/. */
function firstStepFiles(entry) {
  const files = new Set([entry]);
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    for (const [, specifier] of code.matchAll(/\bimport\s*(?:[^"'();]*?from\s*)?["'](\.\.?\/[^"']+\.js)["']/g)) {
      files.add(normalize(join(dirname(file), specifier)));
    }
  }
  return [...files];
}

// The status element is held to the same budget for what it shows first (the sign-in to a case).
for (const service of ['efa-verpflichtungserklaerung', 'efa-aufenthaltstitel', 'efa-status']) {
  const overrun = KNOWN_OVERRUNS[service];
  const limit = overrun?.ceilingBytes ?? BUDGET_BYTES;
  test(`${service}: the first step is at most ${kB(limit)} gzip${overrun ? ` (known overrun, issue ${overrun.issue})` : ''}`, () => {
    const files = firstStepFiles(`dist/${service}.js`);
    const gzip = files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
    assert.ok(gzip <= limit, `${files.join(' + ')}: ${kB(gzip)} gzip > ${kB(limit)}`);
    if (overrun) assert.ok(gzip > BUDGET_BYTES, `${service} is within ${kB(BUDGET_BYTES)} now: remove it from KNOWN_OVERRUNS`);
  });
}

test(`both services on one page need at most ${BOTH_SERVICES_FACTOR} times the larger one's first step`, () => {
  const gzipOf = (files) => [...files].reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
  const each = ['efa-verpflichtungserklaerung', 'efa-aufenthaltstitel'].map((service) => firstStepFiles(`dist/${service}.js`));
  const both = gzipOf(new Set(each.flat()));
  const larger = Math.max(...each.map(gzipOf));
  assert.ok(both <= BOTH_SERVICES_FACTOR * larger, `${kB(both)} for both > ${BOTH_SERVICES_FACTOR} × ${kB(larger)}`);
});
