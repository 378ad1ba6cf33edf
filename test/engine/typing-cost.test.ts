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
import { countingValidator, validatorCallsPerKeystroke, type TypingScenario } from '../../scripts/typing-probe.js';

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
