/**
 * How many times the engine runs the schema validator per keystroke: what the shell asks of the engine for one
 * `input` event and the render after it (`set`, then `view()`, `visibleSteps()` and `pageCount()`). Counted, not
 * timed, so the count is the same on every machine: test/engine/typing-cost.test.ts asserts a bound on it and
 * `npm run bench:typing` reports it beside the timings.
 */
import { FormEngine } from '../src/engine/form-engine.js';
import type { FormDefinition } from '../src/engine/definition.js';
import type { JsonObject } from '../src/engine/pointer.js';
import type { Validator } from '../src/engine/validator.js';

export interface TypingScenario {
  /** Loaded as a draft would be, before the step is opened. */
  answers: JsonObject;
  step: string;
  /** The text field typed into. */
  pointer: string;
  /** Typed one character at a time; the field is emptied first, so the first keystroke gives it an answer again. */
  text: string;
}

/** A validator that counts its runs. */
export function countingValidator(validator: Validator): { validate: Validator; runs: () => number; reset: () => void } {
  let runs = 0;
  const validate: Validator = (data) => {
    runs += 1;
    const valid = validator(data);
    validate.errors = validator.errors;
    return valid;
  };
  return { validate, runs: () => runs, reset: () => (runs = 0) };
}

/** Validator runs per keystroke, one entry per character of `text`. */
export function validatorCallsPerKeystroke(definition: FormDefinition, validator: Validator, scenario: TypingScenario): number[] {
  const counter = countingValidator(validator);
  const engine = new FormEngine(definition, counter.validate);
  engine.load(scenario.answers);
  engine.goTo(scenario.step);
  engine.set(scenario.pointer, undefined);
  renderReads(engine, scenario.step);
  const perKeystroke: number[] = [];
  for (let typed = 1; typed <= scenario.text.length; typed += 1) {
    counter.reset();
    engine.set(scenario.pointer, scenario.text.slice(0, typed));
    renderReads(engine, scenario.step);
    perKeystroke.push(counter.runs());
  }
  return perKeystroke;
}

function renderReads(engine: FormEngine, step: string): void {
  engine.view();
  engine.visibleSteps();
  engine.pageCount();
  engine.stepAfter(step);
}
