/**
 * The further routes of <efa-aufenthaltstitel> chosen from the first question and walked to the end, split over
 * several test files so that each stays within the runner's time per file.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import type { EfaAufenthaltstitel } from '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import validate from '../../src/schema/generated/aufenthaltstitel.js';
import { setLocale } from '../../src/i18n/locale.js';
import { field, heading, next, radio } from './form-driver.js';

/** Each further route and the words of its answer to the first question, in both shipped languages. */
export const FURTHER_ROUTES: Record<string, { de: string; en: string }> = {
  anerkennung: { de: 'Mein Berufsabschluss aus dem Ausland soll in Deutschland anerkannt werden', en: 'qualification from abroad to be recognised' },
  forschung: { de: 'Ich forsche an einer Hochschule', en: 'I do research at a university' },
  'ict-karte': { de: 'Meine Firma im Ausland schickt mich', en: 'My company abroad is sending me' },
  arbeitsplatzsuche: { de: 'einen Abschluss gemacht und suche jetzt Arbeit', en: 'and am now looking for work' },
  bleiberecht: { de: 'seit Jahren mit einer Duldung hier', en: 'for years and want a residence permit' },
  beschaeftigungserlaubnis: { de: 'möchte arbeiten oder eine Ausbildung machen', en: 'want to work or do vocational training' },
  'neue-karte': { de: 'ich brauche nur eine neue Karte', en: 'I only need a new card' },
  'beschleunigtes-fachkraefteverfahren': { de: 'Ich bin Arbeitgeber', en: 'I am an employer' },
};
const REVIEW = { de: 'Prüfen Sie Ihre Angaben', en: 'Check your answers' };
const START = { de: 'Aufenthaltstitel beantragen', en: 'Apply for a residence permit' };

/** A route's valid fixture as answers, without the route (the person chooses it) and without uploads. */
async function answers(route: string): Promise<Record<string, unknown>> {
  const data = await (await fetch(`/test/fixtures/aufenthaltstitel/valid/${route}.json`)).json();
  delete data.route;
  delete data.nachweise;
  return data;
}

/** The answers to the first question as rendered: value, label and hint. */
export function routeOptions(form: EfaAufenthaltstitel): { value: string; label: string; hint: string }[] {
  const group = field(form, '/route').shadowRoot!;
  return [...group.querySelectorAll<HTMLInputElement>('input[type=radio]')].map((input) => ({
    value: input.value,
    label: group.querySelector(`label[for="${input.id}"]`)!.textContent!.trim(),
    hint: group.getElementById(`${input.id}-hint`)?.textContent?.trim() ?? '',
  }));
}

export async function atRouteQuestion(lang: 'de' | 'en', prefill: Record<string, unknown> = {}): Promise<EfaAufenthaltstitel> {
  const form = await fixture<EfaAufenthaltstitel>(
    html`<efa-aufenthaltstitel lang=${lang} .prefill=${prefill} endpoint="/api/submissions" authority="09999000"></efa-aufenthaltstitel>`,
  );
  await waitUntil(() => heading(form).includes(START[lang]), heading(form));
  await expect(form).to.be.accessible();
  await next(form);
  return form;
}

/** For each route and language: chosen in the first question, every step accessible, sent and stored schema-valid. */
export function walkRoutes(routes: readonly string[]): void {
  after(() => setLocale('de'));
  for (const route of routes) {
    const words = FURTHER_ROUTES[route]!;
    for (const lang of ['de', 'en'] as const) {
      it(`route ${route} in "${lang}": chosen in the first question, every step accessible, sent, stored schema-valid`, async function () {
        this.timeout(60_000);
        const prefill = await answers(route);
        const form = await atRouteQuestion(lang, prefill);
        await expect(form).to.be.accessible();
        const options = routeOptions(form);
        const index = options.findIndex((o) => o.value === route);
        expect(options[index]!.label).to.contain(words[lang]);
        await radio(form, '/route', index);
        expect(field(form, '/route').value).to.equal(route);
        await next(form);
        const headings: string[] = [];
        while (!heading(form).includes(REVIEW[lang])) {
          headings.push(heading(form));
          await expect(form).to.be.accessible();
          await next(form);
          expect(headings.length, 'reaches the review page').to.be.below(15);
        }
        await expect(form).to.be.accessible();
        form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
        await waitUntil(() => form.shadowRoot!.querySelector('.reference'), 'confirmation', { timeout: 10_000 });
        await expect(form).to.be.accessible();
        const reference = form.shadowRoot!.querySelector('.reference')!.textContent!.trim();
        const stored = await (await fetch(`/api/submissions/${reference}/data`)).json();
        expect(validate(stored.data), JSON.stringify(validate.errors)).to.equal(true);
        expect(stored.data.route).to.equal(route);
        expect(stored.data, 'the answers given, nothing invented').to.deep.include({ person: prefill.person });
        expect(stored.data.zweck).to.equal(prefill.zweck);
      });
    }
  }
}
