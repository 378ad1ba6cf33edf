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

/** Validator runs per keystroke, one entry per character of `text`. */
export function validatorCallsPerKeystroke(definition: FormDefinition, validator: Validator, scenario: TypingScenario): number[] {
  let calls = 0;
  const counting: Validator = (data) => {
    calls += 1;
    const valid = validator(data);
    counting.errors = validator.errors;
    return valid;
  };
  const engine = new FormEngine(definition, counting);
  engine.load(scenario.answers);
  engine.goTo(scenario.step);
  engine.set(scenario.pointer, undefined);
  renderReads(engine, scenario.step);
  const perKeystroke: number[] = [];
  for (let typed = 1; typed <= scenario.text.length; typed += 1) {
    calls = 0;
    engine.set(scenario.pointer, scenario.text.slice(0, typed));
    renderReads(engine, scenario.step);
    perKeystroke.push(calls);
  }
  return perKeystroke;
}

function renderReads(engine: FormEngine, step: string): void {
  engine.view();
  engine.visibleSteps();
  engine.pageCount();
  engine.stepAfter(step);
}
