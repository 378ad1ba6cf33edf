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

/**
 * Validator runs for each key, for leaving the field afterwards (`fieldLeft`, the check on blur) and for "Weiter" on
 * the step (`checkStep`), with the problems "Weiter" found (none for a complete step).
 */
export function validatorCallsPerAction(
  definition: FormDefinition,
  validator: Validator,
  scenario: TypingScenario,
): { keys: number[]; leave: number; next: number; problems: number } {
  const keys = validatorCallsPerKeystroke(definition, validator, scenario);
  const counter = countingValidator(validator);
  const engine = new FormEngine(definition, counter.validate);
  engine.load(scenario.answers);
  engine.goTo(scenario.step);
  renderReads(engine, scenario.step);
  counter.reset();
  engine.fieldLeft(scenario.pointer);
  renderReads(engine, scenario.step);
  const leave = counter.runs();
  counter.reset();
  const problems = engine.checkStep(scenario.step).length;
  return { keys, leave, next: counter.runs(), problems };
}

/** The fixture's travelling family (a spouse and a child), the child repeated until `count` persons travel. */
export function withCompanions(answers: JsonObject, count: number): JsonObject {
  const [spouse, child] = answers.begleitpersonen as JsonObject[];
  // Names without digits: the schema holds names to DIN 91379's letters.
  const names = ['Emre', 'Elif', 'Can', 'Zeynep', 'Mert', 'Ela', 'Kerem', 'Defne', 'Aras', 'Nehir', 'Deniz', 'Ada', 'Efe', 'Su'];
  return { ...answers, begleitpersonen: [spouse, ...names.map((vornamen) => ({ ...child, vornamen }))].slice(0, count) };
}

function renderReads(engine: FormEngine, step: string): void {
  engine.view();
  engine.visibleSteps();
  engine.pageCount();
  engine.stepAfter(step);
}
