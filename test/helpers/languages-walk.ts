import { expect, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import type { EfaForm } from '../../components/efa-form/efa-form.js';
import { getLocale, setLocale, textDirection } from '../../src/i18n/locale.js';
import { heading, next, pressByKeyboard, tick } from './form-driver.js';
import { validData } from './submission.js';
import { answers } from './aufenthaltstitel.js';
import { brokenWords, horizontalOverflow } from './layout-checks.js';

/**
 * The languages after German and English, in groups: each group's walks are one test file
 * (test/services/languages-*.test.ts), so that a file stays within the runner's time per file.
 */
export const LANGUAGE_GROUPS = { cyrillic: ['uk', 'ru'], latin: ['tr', 'fr', 'es'], 'right-to-left': ['ar', 'fa'] } as const;

/**
 * Issue 14: each shipped language beyond English (which has walks of its own in every service test) through
 * both services, step by step in a 320 px column and by keyboard only: every step accessible, in that language
 * and its writing direction, without sideways scrolling or a word broken without a hyphen, and sent. Each page is
 * saved as a screenshot (test-results/screenshots/<language>/), for a reader of that language to look at. That no message lacks a
 * translation is checked at build time (scripts/check-translations.js).
 */
const primary = (form: EfaForm) => form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!;
const onReview = (form: EfaForm) => form.shadowRoot!.querySelector('.review') !== null;

async function inLanguage(form: EfaForm, lang: string): Promise<void> {
  await waitUntil(() => getLocale() === lang && heading(form) !== '', `the form speaks "${lang}"`, { timeout: 10_000 });
}

/** What every page must be, whatever the language; `shot` names its screenshot. */
async function checkPage(form: EfaForm, lang: string, shot: string): Promise<void> {
  const page = heading(form);
  const { left, top, width, height } = form.getBoundingClientRect();
  const clip = { x: left + scrollX, y: top + scrollY, width, height };
  await executeServerCommand('save-screenshot', { name: `${lang}/${shot}`, clip });
  const surface = form.shadowRoot!.querySelector<HTMLElement>('.form')!;
  expect(surface.dir, `${page}: writing direction`).to.equal(textDirection(lang));
  expect(getComputedStyle(surface).direction).to.equal(textDirection(lang));
  expect(horizontalOverflow(form.parentElement!, form), `${page} at 320 px`).to.deep.equal([]);
  expect(brokenWords(form), `${page} at 320 px`).to.deep.equal([]);
  await expect(form).to.be.accessible();
}

/** Every step up to the review, checked, and not German; `service` names the screenshots. */
async function stepsToReview(form: EfaForm, lang: string, service: string): Promise<void> {
  let steps = 0;
  while (!onReview(form)) {
    expect(heading(form), 'the step heading is translated').to.not.match(/\bSchritt \d+ von \d+/);
    expect(primary(form).textContent!.trim(), 'the button is translated').to.not.equal('Weiter');
    await checkPage(form, lang, `${service}-${String(steps + 1).padStart(2, '0')}`);
    await next(form, { byKeyboard: true });
    steps += 1;
    expect(steps, 'reaches the review page').to.be.below(16);
  }
  await checkPage(form, lang, `${service}-review`);
}

/**
 * The element in a 320 px column, as on a phone. `fixtureSync`: `fixture` would wait for an animation frame for
 * the plain div, which a background page of the runner never gets.
 */
async function inColumn<T extends EfaForm>(element: ReturnType<typeof html>): Promise<T> {
  const column = fixtureSync<HTMLDivElement>(html`<div style="inline-size: 320px">${element}</div>`);
  const form = column.firstElementChild as T;
  await form.updateComplete;
  return form;
}

async function sent(form: EfaForm): Promise<Record<string, unknown>> {
  await waitUntil(() => form.shadowRoot!.querySelector('.reference'), 'confirmation', { timeout: 30_000 });
  await expect(form).to.be.accessible();
  const reference = form.shadowRoot!.querySelector('.reference')!.textContent!.trim();
  return (await (await fetch(`/api/submissions/${reference}/data`)).json()) as Record<string, unknown>;
}

/** Both services in each of `locales`. */
export function walkLanguages(locales: readonly string[]): void {
  for (const lang of locales) {
    walkLanguage(lang);
  }
}

function walkLanguage(lang: string): void {
  describe(`in "${lang}"`, function () {
    this.timeout(90_000);
    after(() => setLocale('de'));

    it('the Verpflichtungserklärung: every step translated and accessible, and sent', async () => {
      const { abgabeart: _byTheForm, warnhinweisBestaetigt: _onItsPage, ...prefill } = await validData();
      await setLocale(lang);
      const form = await inColumn(
        html`<efa-verpflichtungserklaerung lang=${lang} adapter="http" endpoint="/api/submissions" authority="09999000" .prefill=${prefill}></efa-verpflichtungserklaerung>`,
      );
      await inLanguage(form, lang);
      await stepsToReview(form, lang, 'verpflichtungserklaerung');
      await next(form, { byKeyboard: true });
      await checkPage(form, lang, 'verpflichtungserklaerung-confirm');
      await tick(form, '/warnhinweisBestaetigt');
      await pressByKeyboard(form, primary(form));
      const stored = await sent(form);
      expect(stored.locale, 'the office sees the language used').to.equal(lang);
    });

    it('the residence permit under § 24 AufenthG: every step translated and accessible, and sent', async () => {
      const prefill = await answers('schutz-24');
      await setLocale(lang);
      const form = await inColumn(
        html`<efa-aufenthaltstitel lang=${lang} route="schutz-24" .prefill=${prefill} endpoint="/api/submissions" authority="09999000"></efa-aufenthaltstitel>`,
      );
      await inLanguage(form, lang);
      await stepsToReview(form, lang, 'aufenthaltstitel');
      await pressByKeyboard(form, primary(form));
      const stored = await sent(form);
      expect((stored.data as { route: string }).route).to.equal('schutz-24');
      expect(stored.locale).to.equal(lang);
    });
  });
}
