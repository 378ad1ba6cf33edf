/** Shared by the residence-permit form tests: fixtures as answers, and a walk from start to confirmation. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import type { EfaAufenthaltstitel } from '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import validate from '../../src/schema/generated/aufenthaltstitel.js';
import { setLocale } from '../../src/i18n/locale.js';
import { heading, next } from './form-driver.js';

export { CASES, ROUTES } from '../fixtures/aufenthaltstitel-fixtures.js';

/** Each walk checks every step with axe in two languages, so the walks are spread over several test files to stay within the runner's time per file. */
export function walks(names: readonly string[]): void {
  for (const name of names) {
    for (const lang of ['de', 'en'] as const) {
      it(`walk ${name} in "${lang}": every step accessible, sent, stored schema-valid`, async function () {
        this.timeout(60_000);
        await walk(name, lang);
      });
    }
  }
}

const REVIEW = { de: 'Prüfen Sie Ihre Angaben', en: 'Check your answers' };

/** The form's date today, as the engine reads it (local calendar day). */
export function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * A valid fixture as answers; uploads cannot be prefilled (they are files, not data). A person represented by
 * their parents is 17 today, whatever day the test runs.
 */
export async function answers(name: string): Promise<Record<string, unknown>> {
  const data = await (await fetch(`/test/fixtures/aufenthaltstitel/valid/${name}.json`)).json();
  delete data.nachweise;
  if (data.vertretung?.art === 'beide-eltern') data.person.geburtsdatum = `${new Date().getFullYear() - 17}-01-01`;
  return data;
}

/** The visible text of the form, whitespace collapsed. */
export const text = (form: EfaAufenthaltstitel): string => form.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** Walks a valid fixture through every step with axe on each, sends it and checks what the receiver stored. */
export async function walk(name: string, lang: 'de' | 'en'): Promise<void> {
  const prefill = await answers(name);
  await setLocale(lang); // one active locale per page: a previous form's pending switch must not win the race
  const form = await fixture<EfaAufenthaltstitel>(
    html`<efa-aufenthaltstitel lang=${lang} route=${prefill.route as string} .prefill=${prefill} endpoint="/api/submissions" authority="09999000"></efa-aufenthaltstitel>`,
  );
  await form.updateComplete;
  await walkToConfirmation(form, lang, prefill);
}

const PROGRESS = { de: /^Schritt (\d+) von (\d+)\b/, en: /^Step (\d+) of (\d+)\b/ };

/**
 * "Schritt x von n" on every page from the current one to the review, as shown and as the focused heading
 * reads it out: n never changes, x counts up by one.
 */
function expectSteadyProgress(headings: readonly string[], lang: 'de' | 'en'): void {
  const counts = headings.map((h) => PROGRESS[lang].exec(h));
  for (const [i, count] of counts.entries()) expect(count, `"${headings[i]}" shows its step and the total`).not.to.equal(null);
  const totals = new Set(counts.map((c) => c![2]));
  expect([...totals], `one total on every page: ${headings.join(' | ')}`).to.have.length(1);
  const positions = counts.map((c) => Number(c![1]));
  expect(positions, 'the steps count up one by one').to.deep.equal(positions.map((_, i) => positions[0]! + i));
  expect(positions.at(-1), 'the review is the last page counted').to.equal(Number([...totals][0]));
}

/**
 * From the current step: every step checked with axe, the review, the send, and what the receiver stored —
 * schema-valid, on `prefill.route`, with the answers given and nothing invented. On the way, the progress
 * count stays the same. Returns what was stored.
 */
export async function walkToConfirmation(
  form: EfaAufenthaltstitel,
  lang: 'de' | 'en',
  prefill: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const headings: string[] = [];
  while (!heading(form).includes(REVIEW[lang])) {
    headings.push(heading(form));
    await expect(form).to.be.accessible();
    await next(form);
    expect(headings.length, 'reaches the review page').to.be.below(16);
    expect(form.shadowRoot!.activeElement?.textContent?.replace(/\s+/g, ' ').trim(), 'the screen reader hears the heading with the count').to.equal(heading(form));
  }
  headings.push(heading(form));
  expectSteadyProgress(headings, lang);
  await expect(form).to.be.accessible();
  form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
  await waitUntil(() => form.shadowRoot!.querySelector('.reference'), 'confirmation', { timeout: 10_000 });
  await expect(form).to.be.accessible();
  const reference = form.shadowRoot!.querySelector('.reference')!.textContent!.trim();
  expect(reference).to.match(/^AT-\d{4}-[A-Z0-9]{6}$/);
  const stored = await (await fetch(`/api/submissions/${reference}/data`)).json();
  expect(validate(stored.data), JSON.stringify(validate.errors)).to.equal(true);
  expect(stored.data.route).to.equal(prefill.route);
  expect(stored.data.zweck).to.equal(prefill.zweck);
  expect(stored.data.antragstellung).to.equal(prefill.antragstellung);
  expect(stored.data, 'answers not given are not invented').to.deep.include({ person: { ...(prefill.person as object) } });
  return stored.data;
}
