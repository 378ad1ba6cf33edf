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
import { validatorCallsPerKeystroke, type TypingScenario } from '../../scripts/typing-probe.js';

async function answers(fixture: string): Promise<JsonObject> {
  const data = (await (await fetch(`/test/fixtures/${fixture}`)).json()) as JsonObject;
  delete data.nachweise; // files, not data
  return data;
}

/** Validator runs of opening the step with the answers loaded: one full walk and its required probes. */
function freshWalk(definition: FormDefinition, validator: Validator, scenario: TypingScenario): number {
  let calls = 0;
  const counting: Validator = (data) => {
    calls += 1;
    const valid = validator(data);
    counting.errors = validator.errors;
    return valid;
  };
  const engine = new FormEngine(definition, counting);
  engine.load(scenario.answers);
  calls = 0;
  engine.goTo(scenario.step);
  engine.view();
  return calls;
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
    it(`${name}: typing runs no validation once the field has an answer, and the first key at most one walk`, async () => {
      const scenario = { answers: await answers(fixture), step, pointer, text: 'Raghunathan' };
      const [first, ...further] = validatorCallsPerKeystroke(definition, validator, scenario);
      expect(further).to.deep.equal(further.map(() => 0));
      const walk = freshWalk(definition, validator, scenario);
      expect(walk, 'the step asks the schema what is shown and required').to.be.greaterThan(10);
      expect(first).to.be.at.most(walk);
    });
  }
});
