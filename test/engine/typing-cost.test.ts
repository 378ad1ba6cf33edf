/**
 * What a keystroke costs the engine, counted in validator runs (deterministic; the times are in the README,
 * from `npm run bench:typing`). The longest step of each service, with a valid fixture loaded.
 */
import { expect } from '@open-wc/testing';
import { FormEngine } from '../../src/engine/form-engine.js';
import type { FormDefinition } from '../../src/engine/definition.js';
import type { JsonObject } from '../../src/engine/pointer.js';
import type { Validator } from '../../src/engine/validator.js';
import { aufenthaltstitelDefinition } from '../../src/services/aufenthaltstitel/definition.js';
import { verpflichtungserklaerungDefinition } from '../../src/services/verpflichtungserklaerung/definition.js';
import aufenthaltstitelValidator from '../../src/schema/generated/aufenthaltstitel.js';
import verpflichtungserklaerungValidator from '../../src/schema/generated/verpflichtungserklaerung.js';
import { countingValidator, validatorCallsPerAction, validatorCallsPerKeystroke, withCompanions, type TypingScenario } from '../../scripts/typing-probe.js';

async function answers(fixture: string): Promise<JsonObject> {
  const data = (await (await fetch(`/test/fixtures/${fixture}`)).json()) as JsonObject;
  delete data.nachweise; // files, not data
  return data;
}

/** Validator runs of opening the step with the answers loaded: one walk and the step's required probes. */
function freshWalk(definition: FormDefinition, validator: Validator, scenario: TypingScenario): number {
  const counter = countingValidator(validator);
  const engine = new FormEngine(definition, counter.validate);
  engine.load(scenario.answers);
  engine.goTo(scenario.step);
  engine.view();
  return counter.runs();
}

describe('typing cost', () => {
  const cases = [
    {
      name: 'the residence permit person step',
      definition: aufenthaltstitelDefinition,
      validator: aufenthaltstitelValidator,
      fixture: 'aufenthaltstitel/valid/erwerbstaetigkeit.json',
      step: 'person',
      pointer: '/person/familienname',
    },
    {
      name: 'the Verpflichtungserklärung guest step (with the travelling family)',
      definition: verpflichtungserklaerungDefinition,
      validator: verpflichtungserklaerungValidator,
      fixture: 'verpflichtungserklaerung/valid/familie.json',
      step: 'gast',
      pointer: '/gast/familienname',
    },
  ];
  for (const { name, definition, validator, fixture, step, pointer } of cases) {
    it(`${name}: typing runs no validation, also when the field gains or loses its answer`, async () => {
      const scenario = { answers: await answers(fixture), step, pointer, text: 'Raghunathan' };
      const perKeystroke = validatorCallsPerKeystroke(definition, validator, scenario);
      expect(perKeystroke).to.deep.equal([...scenario.text].map(() => 0));
      expect(freshWalk(definition, validator, scenario), 'opening the step does ask the schema what is shown and required').to.be.greaterThan(10);
    });
  }
});

/**
 * Issue 19: the cost of a key, of leaving a field and of "Weiter" stays flat as the travelling family grows from
 * 1 to 15 persons (the schema's maximum): counted in validator runs, on the guest step where they are entered.
 */
describe('cost as the travelling family grows', () => {
  it('a key runs no validation, and leaving a field or "Weiter" as many with 1, 5 or 15 persons', async () => {
    const fixture = await answers('verpflichtungserklaerung/valid/familie.json');
    const measured = [1, 5, 15].map((count) => {
      const data = withCompanions(fixture, count);
      expect(verpflichtungserklaerungValidator(data), `${count} persons: a valid declaration`).to.equal(true);
      const pointer = `/begleitpersonen/${count - 1}/familienname`;
      return validatorCallsPerAction(verpflichtungserklaerungDefinition, verpflichtungserklaerungValidator, { answers: data, step: 'gast', pointer, text: 'Yılmaz' });
    });
    for (const { keys, problems } of measured) {
      expect(keys).to.deep.equal([...'Yılmaz'].map(() => 0));
      expect(problems, 'the step is complete').to.equal(0);
    }
    expect(new Set(measured.map(({ leave }) => leave)).size, `leaving a field: ${measured.map(({ leave }) => leave)}`).to.equal(1);
    expect(new Set(measured.map(({ next }) => next)).size, `"Weiter": ${measured.map(({ next }) => next)}`).to.equal(1);
    expect(measured[0]!.leave, 'leaving a field checks it').to.be.greaterThan(0);
  });
});
