import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import type { EfaForm } from '../../components/efa-form/efa-form.js';
import { targetLocales } from '../../src/i18n/generated/locale-codes.js';
import { getLocale, setLocale, textDirection } from '../../src/i18n/locale.js';
import { heading, next, tick } from '../helpers/form-driver.js';
import { validData } from '../helpers/submission.js';
import { answers } from '../helpers/aufenthaltstitel.js';
import { brokenWords, horizontalOverflow } from '../helpers/layout-checks.js';

/**
 * Issue 14: each shipped language beyond English (which has walks of its own in every service test) through
 * both services, step by step in a 320 px column: every step accessible, in that language and its writing
 * direction, without sideways scrolling or a word broken without a hyphen, and sent. That no message lacks a
 * translation is checked at build time (scripts/check-translations.js).
 */
const primary = (form: EfaForm) => form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!;
const onReview = (form: EfaForm) => form.shadowRoot!.querySelector('.review') !== null;

async function inLanguage(form: EfaForm, lang: string): Promise<void> {
  await waitUntil(() => getLocale() === lang && heading(form) !== '', `the form speaks "${lang}"`, { timeout: 10_000 });
}

/** What every page must be, whatever the language. */
async function checkPage(form: EfaForm, lang: string): Promise<void> {
  const page = heading(form);
  const surface = form.shadowRoot!.querySelector<HTMLElement>('.form')!;
  expect(surface.dir, `${page}: writing direction`).to.equal(textDirection(lang));
  expect(getComputedStyle(surface).direction).to.equal(textDirection(lang));
  expect(horizontalOverflow(form.parentElement!, form), `${page} at 320 px`).to.deep.equal([]);
  expect(brokenWords(form), `${page} at 320 px`).to.deep.equal([]);
  await expect(form).to.be.accessible();
}

/** Every step up to the review, checked, and not German. */
async function stepsToReview(form: EfaForm, lang: string): Promise<void> {
  let steps = 0;
  while (!onReview(form)) {
    expect(heading(form), 'the step heading is translated').to.not.match(/\bSchritt \d+ von \d+/);
    expect(primary(form).textContent!.trim(), 'the button is translated').to.not.equal('Weiter');
    await checkPage(form, lang);
    await next(form);
    steps += 1;
    expect(steps, 'reaches the review page').to.be.below(16);
  }
  await checkPage(form, lang);
}

/** The element in a 320 px column, as on a phone. */
async function inColumn<T extends EfaForm>(element: ReturnType<typeof html>): Promise<T> {
  const column = await fixture<HTMLDivElement>(html`<div style="inline-size: 320px">${element}</div>`);
  return column.firstElementChild as T;
}

async function sent(form: EfaForm): Promise<Record<string, unknown>> {
  await waitUntil(() => form.shadowRoot!.querySelector('.reference'), 'confirmation', { timeout: 30_000 });
  await expect(form).to.be.accessible();
  const reference = form.shadowRoot!.querySelector('.reference')!.textContent!.trim();
  return (await (await fetch(`/api/submissions/${reference}/data`)).json()) as Record<string, unknown>;
}

for (const lang of targetLocales.filter((locale) => locale !== 'en')) {
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
      await stepsToReview(form, lang);
      await next(form);
      await checkPage(form, lang);
      await tick(form, '/warnhinweisBestaetigt');
      primary(form).click();
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
      await stepsToReview(form, lang);
      primary(form).click();
      const stored = await sent(form);
      expect((stored.data as { route: string }).route).to.equal('schutz-24');
      expect(stored.locale).to.equal(lang);
    });
  });
}
