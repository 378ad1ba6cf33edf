import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import type { EfaForm } from '../../components/efa-form/efa-form.js';
import { targetLocales } from '../../src/i18n/generated/locale-codes.js';
import { getLocale, setLocale } from '../../src/i18n/locale.js';
import { heading, next, tick } from '../helpers/form-driver.js';
import { validData } from '../helpers/submission.js';
import { answers } from '../helpers/aufenthaltstitel.js';

/**
 * Issue 14: each shipped language beyond English (which has walks of its own in every service test) through
 * both services, keyboard-free but step by step: every step accessible, in that language, and sent. That no
 * message lacks a translation is checked at build time (scripts/check-translations.js).
 */
const primary = (form: EfaForm) => form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!;
const onReview = (form: EfaForm) => form.shadowRoot!.querySelector('.review') !== null;

async function inLanguage(form: EfaForm, lang: string): Promise<void> {
  await waitUntil(() => getLocale() === lang && heading(form) !== '', `the form speaks "${lang}"`, { timeout: 10_000 });
}

/** Every step up to the review: accessible, and not German. Returns the headings seen. */
async function stepsToReview(form: EfaForm): Promise<string[]> {
  const headings: string[] = [];
  while (!onReview(form)) {
    headings.push(heading(form));
    expect(heading(form), 'the step heading is translated').to.not.match(/\bSchritt \d+ von \d+/);
    expect(primary(form).textContent!.trim(), 'the button is translated').to.not.equal('Weiter');
    await expect(form).to.be.accessible();
    await next(form);
    expect(headings.length, 'reaches the review page').to.be.below(16);
  }
  await expect(form).to.be.accessible();
  return headings;
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
      const form = await fixture<EfaForm>(
        html`<efa-verpflichtungserklaerung lang=${lang} adapter="http" endpoint="/api/submissions" authority="09999000" .prefill=${prefill}></efa-verpflichtungserklaerung>`,
      );
      await inLanguage(form, lang);
      await stepsToReview(form);
      await next(form);
      await expect(form).to.be.accessible();
      await tick(form, '/warnhinweisBestaetigt');
      primary(form).click();
      const stored = await sent(form);
      expect(stored.locale, 'the office sees the language used').to.equal(lang);
    });

    it('the residence permit under § 24 AufenthG: every step translated and accessible, and sent', async () => {
      const prefill = await answers('schutz-24');
      await setLocale(lang);
      const form = await fixture<EfaForm>(
        html`<efa-aufenthaltstitel lang=${lang} route="schutz-24" .prefill=${prefill} endpoint="/api/submissions" authority="09999000"></efa-aufenthaltstitel>`,
      );
      await inLanguage(form, lang);
      await stepsToReview(form);
      primary(form).click();
      const stored = await sent(form);
      expect((stored.data as { route: string }).route).to.equal('schutz-24');
      expect(stored.locale).to.equal(lang);
    });
  });
}
