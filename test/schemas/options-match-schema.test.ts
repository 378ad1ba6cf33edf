/**
 * A choice field offers the values its schema allows there for the answers around it (`FormEngine.allowedValues`);
 * the definition only supplies their labels. Here: every value the schema allows has a label, so none is silently
 * never offered, for every choice field shown with every valid fixture.
 */
import { expect } from '@open-wc/testing';
import { FormEngine } from '../../src/engine/form-engine.js';
import { fieldsIn } from '../../src/engine/tree.js';
import type { Validator } from '../../src/engine/validator.js';
import type { FormDefinition } from '../../src/engine/definition.js';
import validateVe from '../../src/schema/generated/verpflichtungserklaerung.js';
import validateAt from '../../src/schema/generated/aufenthaltstitel.js';
import { verpflichtungserklaerungDefinition } from '../../src/services/verpflichtungserklaerung/definition.js';
import { aufenthaltstitelDefinition } from '../../src/services/aufenthaltstitel/definition.js';

async function validFixture(service: string, name: string): Promise<Record<string, unknown>> {
  return (await fetch(`/test/fixtures/${service}/valid/${name}`)).json();
}

const services: [string, FormDefinition, Validator][] = [
  ['verpflichtungserklaerung', verpflichtungserklaerungDefinition, validateVe as Validator],
  ['aufenthaltstitel', aufenthaltstitelDefinition, validateAt as Validator],
];

for (const [service, definition, validate] of services) {
  describe(`${service}: offered options are the schema's allowed values`, () => {
    it('for every choice field shown with every valid fixture', async () => {
      const names: string[] = await (await fetch(`/__valid-fixtures__/${service}`)).json();
      expect(names.length).to.be.greaterThan(3);
      const checked = new Set<string>();
      const mismatches: string[] = [];
      for (const name of names) {
        const engine = new FormEngine(definition, validate);
        engine.prefill(await validFixture(service, name));
        for (const step of engine.visibleSteps()) {
          for (const field of fieldsIn(engine.view(step.id).children)) {
            // Answers that only steer the form ("Nicht sicher?") are never submitted: the schema knows none of them.
            if (!field.def.options || field.def.notSubmitted) continue;
            const labelled = field.def.options().map((option) => option.value);
            const allowed = engine.allowedValues(field.pointer, field.def.kind === 'checkboxes');
            checked.add(field.pointer.replace(/\/\d+(?=\/|$)/g, '/*'));
            if (allowed === undefined) mismatches.push(`${name} ${field.pointer}: the schema names no values`);
            else if (allowed.some((value) => !labelled.includes(value))) {
              mismatches.push(`${name} ${field.pointer}: no label for ${allowed.filter((value) => !labelled.includes(value)).join(', ')}`);
            }
          }
        }
      }
      expect(mismatches).to.deep.equal([]);
      expect(checked.size, 'choice fields checked').to.be.greaterThan(5);
    });
  });
}

describe('options follow the answers', () => {
  it('offers only the documents the chosen route allows as the current residence right', async () => {
    const engine = new FormEngine(aufenthaltstitelDefinition, validateAt as Validator);
    engine.prefill(await validFixture('aufenthaltstitel', 'arbeitsplatzsuche.json'));
    // The schema's conditions per route (aufenthaltstitel.schema.json, `allOf`), not a list written here again.
    expect([...engine.allowedValues('/aufenthaltstitelAktuell/art')!].sort()).to.deep.equal(['aufenthaltserlaubnis', 'fiktionsbescheinigung']);
    engine.prefill(await validFixture('aufenthaltstitel', 'beschaeftigungserlaubnis.json'));
    expect([...engine.allowedValues('/aufenthaltstitelAktuell/art')!].sort()).to.deep.equal(['aufenthaltsgestattung', 'duldung']);
  });
});
