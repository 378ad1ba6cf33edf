/**
 * The progress count of the residence permit (issue 18): from the moment the route is known, the total is the
 * route's and never changes, whatever the purpose, the kind of application, who applies or where they were
 * born; before that there is no total. The walks of every route (test/helpers/aufenthaltstitel.ts) check the
 * rendered count page by page.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import type { EfaAufenthaltstitel } from '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import { FormEngine } from '../../src/engine/form-engine.js';
import type { FieldDef } from '../../src/engine/definition.js';
import validate from '../../src/schema/generated/aufenthaltstitel.js';
import { aufenthaltstitelDefinition as definition } from '../../src/services/aufenthaltstitel/definition.js';
import { ROUTE_ANSWERS } from '../../src/services/aufenthaltstitel/route-question.js';
import { heading, next } from '../helpers/form-driver.js';

/** The purposes the form offers on a route (none: the route has no purpose question). */
function purposesOf(route: string): (string | undefined)[] {
  const step = definition.steps.find((s) => s.id === 'zweck')!;
  const question = step.children.find(
    (n): n is FieldDef => n.type === 'field' && n.name === 'zweck' && typeof n.when === 'function' && n.when({ get: (p) => (p === '/route' ? route : undefined), pointer: '/zweck', isFixed: () => false }),
  );
  return question ? question.options!().map((o) => o.value) : [undefined];
}

const engineFor = (answers: Record<string, unknown>, fixedRoute?: string) => {
  const engine = new FormEngine(definition, validate, { today: () => '2026-12-02' });
  if (fixedRoute) engine.preset('/route', fixedRoute);
  for (const [pointer, value] of Object.entries(answers)) if (value !== undefined) engine.set(pointer, value);
  return engine;
};

describe('efa-aufenthaltstitel: a progress count that does not move', () => {
  it('shows no total while the route is open', () => {
    expect(engineFor({}).pageCount()).to.equal(undefined);
    expect(engineFor({ '/antragstellung': 'selbst' }).pageCount()).to.equal(undefined);
  });

  for (const { route } of ROUTE_ANSWERS) {
    it(`${route}: every purpose, kind of application, applicant and birthplace goes through the counted steps, chosen or fixed by the page`, () => {
      const totals = new Set<number | undefined>();
      for (const fixed of [false, true])
        for (const zweck of purposesOf(route))
          for (const antragsart of [undefined, 'ersterteilung', 'verlaengerung'])
            for (const antragstellung of ['selbst', 'vertretung'])
              for (const born of [undefined, true, false]) {
                const engine = engineFor(
                  { '/route': fixed ? undefined : route, '/zweck': zweck, '/antragsart': antragsart, '/antragstellung': antragstellung, '/einreise/inDeutschlandGeboren': born },
                  fixed ? route : undefined,
                );
                const visible = engine.visibleSteps().map((s) => s.id);
                expect(engine.pageCount(), `${zweck} ${antragsart} ${antragstellung} ${born}: ${visible.join(', ')}`).to.equal(visible.length + 1);
                totals.add(engine.pageCount()! + (fixed ? 1 : 0));
              }
      expect([...totals], 'one total per route (the page that fixes the route skips the first question)').to.have.length(1);
    });
  }

  for (const lang of ['de', 'en'] as const) {
    it(`in "${lang}": no total on the first pages, then the route's total from the question on, the same in the focused heading`, async () => {
      const form = await fixture<EfaAufenthaltstitel>(html`<efa-aufenthaltstitel lang=${lang} adapter="event"></efa-aufenthaltstitel>`);
      const [step, of] = lang === 'de' ? ['Schritt', 'von'] : ['Step', 'of'];
      await waitUntil(() => heading(form).startsWith(`${step} 1 `), heading(form));
      expect(heading(form)).not.to.contain(` ${of} `);
      await next(form);
      expect(heading(form)).to.match(new RegExp(`^${step} 2 (?!${of})`));
      const neueKarte = form.shadowRoot!.getElementById('f-route')!.shadowRoot!.querySelector<HTMLInputElement>('input[value="neue-karte"]')!;
      neueKarte.click();
      await form.updateComplete;
      const total = engineFor({ '/route': 'neue-karte' }).pageCount();
      expect(heading(form)).to.contain(`${step} 2 ${of} ${total}`);
      await next(form);
      expect(heading(form)).to.contain(`${step} 3 ${of} ${total}`);
      expect(form.shadowRoot!.activeElement?.textContent).to.contain(`${step} 3 ${of} ${total}`);
      await expect(form).to.be.accessible();
    });
  }
});
