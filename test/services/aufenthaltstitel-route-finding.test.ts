/**
 * Route finding with personas (issue 18): an applicant who picks the first answer whose stated conditions
 * their situation meets lands on the route the law sends them to — in the data, and in the rendered form in
 * German and English. What this proves: the answers' conditions sort every persona's facts correctly, and the
 * form offers exactly those answers in that order. What it cannot prove: that a reader understands a label as
 * saying its conditions; that is for the wording, reviewed by people.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { setLocale } from '../../src/i18n/locale.js';
import type { RouteFact } from '../../src/services/aufenthaltstitel/route-facts.js';
import { NOT_SURE, ROUTE_ANSWERS, fits, notSureRoute } from '../../src/services/aufenthaltstitel/route-question.js';
import { field, fieldId } from '../helpers/form-driver.js';
import { atRouteQuestion, routeOptions } from '../helpers/aufenthaltstitel-walk.js';
import { PERSONAS } from './aufenthaltstitel-personas.js';

const fitting = (facts: readonly RouteFact[]) => ROUTE_ANSWERS.filter((a) => fits(a.conditions, new Set(facts))).map((a) => a.route);
const firstFitting = (facts: readonly RouteFact[]) => fitting(facts)[0];

/** Answers the law keeps apart: a situation never fits both sides. */
const EXCLUSIVE: [string[], string[]][] = [
  [['aufenthaltskarte'], ['familie']],
  [['nebenbestimmungen', 'neue-karte'], ROUTE_ANSWERS.map((a) => a.route).filter((r) => !['nebenbestimmungen', 'neue-karte'].includes(r))],
];

describe('efa-aufenthaltstitel: route finding with personas', () => {
  after(() => setLocale('de'));

  it('has at least 24 personas in German and English, and every route is the right one for at least one', () => {
    expect(PERSONAS.length).to.be.at.least(24);
    for (const persona of PERSONAS) {
      expect(persona.de, persona.id).not.to.equal('');
      expect(persona.en, persona.id).not.to.equal('');
      expect(ROUTE_ANSWERS.map((a) => a.route), persona.id).to.include(persona.route);
    }
    for (const { route } of ROUTE_ANSWERS) expect(PERSONAS.some((p) => p.route === route), route).to.equal(true);
    expect(ROUTE_ANSWERS.length, 'one answer per route').to.equal(new Set(ROUTE_ANSWERS.map((a) => a.route)).size);
  });

  for (const persona of PERSONAS) {
    it(`${persona.id}: the first answer that fits is ${persona.route} (${persona.en})`, () => {
      expect(firstFitting(persona.facts), persona.de).to.equal(persona.route);
      const routes = fitting(persona.facts);
      for (const [one, other] of EXCLUSIVE) {
        expect(routes.some((r) => one.includes(r)) && routes.some((r) => other.includes(r)), `${routes.join(', ')} fit at once`).to.equal(false);
      }
    });
  }

  it('the look-alike pairs of the issue: each persona fits its own answer and not the neighbour it was mistaken for', () => {
    const mistakes: [string, string][] = [
      ['turkish-wife-of-turkish-resident', 'aufenthaltskarte'],
      ['nigerian-spouse-of-french-citizen', 'familie'],
      ['nigerian-spouse-of-french-citizen', 'erwerbstaetigkeit'],
      ['brazilian-spouse-of-german', 'aufenthaltskarte'],
      ['south-african-husband-of-german-returning-from-spain', 'familie'],
      ['student-wants-to-work-more', 'erwerbstaetigkeit'],
      ['student-wants-to-work-more', 'ausbildung'],
      ['ukrainian-wants-to-move-city', 'schutz-24'],
      ['vietnamese-trainee-hired-after-training', 'nebenbestimmungen'],
      ['somali-with-duldung-and-bakery-job', 'nebenbestimmungen'],
      ['somali-with-duldung-and-bakery-job', 'erwerbstaetigkeit'],
    ];
    for (const [id, wrong] of mistakes) {
      const persona = PERSONAS.find((p) => p.id === id)!;
      expect(fitting(persona.facts), id).to.include(persona.route);
      expect(fitting(persona.facts), id).not.to.include(wrong);
    }
  });

  it('the "not sure" questions lead the family, change-of-conditions and new-card personas to their route, and nobody elsewhere', () => {
    const led = PERSONAS.filter((p) => notSureRoute(new Set(p.facts)) !== undefined);
    for (const persona of led) expect(notSureRoute(new Set(persona.facts)), persona.id).to.equal(persona.route);
    for (const route of ['familie', 'aufenthaltskarte', 'nebenbestimmungen', 'neue-karte']) {
      const mine = PERSONAS.filter((p) => p.route === route && !p.facts.includes('holds-duldung'));
      for (const persona of mine) expect(led, `${persona.id} is led by the questions`).to.include(persona);
    }
    expect(NOT_SURE.length, 'one or two questions').to.be.within(1, 2);
  });

  for (const lang of ['de', 'en'] as const) {
    it(`in "${lang}": answering the "not sure" questions in the form, each persona is pointed to the route the list gives them`, async function () {
      this.timeout(60_000);
      const form = await atRouteQuestion(lang);
      const choose = async (pointer: string, index: number) => {
        field(form, pointer).shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')[index]!.click();
        await waitUntil(() => field(form, pointer).value !== undefined && form.shadowRoot!.getElementById(fieldId(pointer)), pointer);
      };
      const notice = () => [...form.shadowRoot!.querySelectorAll('.notice')].map((n) => n.textContent!.replace(/\s+/g, ' ').trim()).join(' ');
      for (const persona of PERSONAS) {
        const facts = new Set(persona.facts);
        for (const [index, step] of NOT_SURE.entries()) {
          const answer = step.answers.findIndex((a) => fits(a.conditions, facts));
          await waitUntil(() => form.shadowRoot!.getElementById(fieldId(`/${step.name}`)), `${persona.id}: question ${index + 1} is asked`);
          await choose(`/${step.name}`, answer);
          if (step.answers[answer]!.route) break;
        }
        const led = notSureRoute(facts);
        if (led) {
          const label = ROUTE_ANSWERS.find((a) => a.route === led)!.label();
          await waitUntil(() => notice().includes(`„${label}“`) || notice().includes(`“${label}”`), `${persona.id}: ${notice()}`);
          const index = ROUTE_ANSWERS.findIndex((a) => a.route === led);
          field(form, '/route').shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')[index]!.click();
          await waitUntil(() => field(form, '/route').value === persona.route, persona.id);
        } else {
          await waitUntil(() => notice() !== '' && ROUTE_ANSWERS.every((a) => !notice().includes(a.label())), `${persona.id}: pointed to the other answers: ${notice()}`);
        }
      }
      await expect(form).to.be.accessible();
    });

    it(`in "${lang}": the form offers the answers in this order, and each persona's first fitting answer sets its route`, async function () {
      this.timeout(60_000);
      const form = await atRouteQuestion(lang);
      const options = routeOptions(form);
      expect(options.map((o) => o.value)).to.deep.equal(ROUTE_ANSWERS.map((a) => a.route));
      for (const { label, hint } of options) expect(label && hint, label).not.to.equal('');
      const guide = form.shadowRoot!.textContent!;
      expect(guide).to.contain(lang === 'de' ? 'Nicht sicher?' : 'Not sure?');
      for (const persona of PERSONAS) {
        const index = ROUTE_ANSWERS.findIndex((a) => a.route === firstFitting(persona.facts));
        field(form, '/route').shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')[index]!.click();
        await waitUntil(() => field(form, '/route').value === persona.route, `${persona.id}: ${lang === 'de' ? persona.de : persona.en}`);
      }
      await expect(form).to.be.accessible();
    });
  }
});
