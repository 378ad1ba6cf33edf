/**
 * The further routes of <efa-aufenthaltstitel> chosen from the first question and walked to the end, split over
 * several test files so that each stays within the runner's time per file.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import type { EfaAufenthaltstitel } from '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import { setLocale } from '../../src/i18n/locale.js';
import { answers, walkToConfirmation } from './aufenthaltstitel.js';
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
const START = { de: 'Aufenthaltstitel beantragen', en: 'Apply for a residence permit' };

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
  await setLocale(lang); // one active locale per page: a previous form's pending switch must not win the race
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
        const { route: _chosenBelow, ...prefill } = await answers(route);
        const form = await atRouteQuestion(lang, prefill);
        const options = routeOptions(form);
        const index = options.findIndex((o) => o.value === route);
        expect(options[index]!.label).to.contain(words[lang]);
        await radio(form, '/route', index);
        expect(field(form, '/route').value).to.equal(route);
        await next(form);
        await walkToConfirmation(form, lang, { ...prefill, route });
      });
    }
  }
}
