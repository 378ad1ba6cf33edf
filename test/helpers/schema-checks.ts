/** Checking fixtures against a generated validator, with messages that list what the schema reported. */
import { expect } from '@open-wc/testing';
import type { ValidationError, Validator } from '../../src/engine/validator.js';

/** An error the schema must report; `params` is matched as a subset. */
export interface ExpectedError {
  instancePath: string;
  keyword: string;
  params?: Record<string, unknown>;
}

/** The schema misses a property the condition requires. */
export const required = (instancePath: string, missingProperty: string): ExpectedError => ({
  instancePath,
  keyword: 'required',
  params: { missingProperty },
});

/** The schema refuses a property the condition forbids (`"name": false`). */
export const forbidden = (instancePath: string): ExpectedError => ({ instancePath, keyword: 'false schema' });

export function matches(error: ValidationError, expected: ExpectedError): boolean {
  return (
    error.instancePath === expected.instancePath &&
    error.keyword === expected.keyword &&
    Object.entries(expected.params ?? {}).every(([key, value]) => JSON.stringify(error.params[key]) === JSON.stringify(value))
  );
}

export function schemaChecks(validate: Validator, fixtures: string) {
  const show = (errors: readonly ValidationError[]): string =>
    errors.map((e) => `${e.instancePath || '/'} ${e.keyword} ${JSON.stringify(e.params)}`).join('\n');
  return {
    show,
    async load<T>(path: string): Promise<T> {
      const response = await fetch(`${fixtures}/${path}`);
      if (!response.ok) throw new Error(`fixture ${path}: ${response.status}`);
      return (await response.json()) as T;
    },
    errorsOf(data: unknown): ValidationError[] {
      return validate(data) ? [] : [...(validate.errors ?? [])];
    },
    expectErrors(errors: readonly ValidationError[], expected: readonly ExpectedError[]): void {
      for (const wanted of expected) {
        expect(
          errors.some((e) => matches(e, wanted)),
          `expected ${JSON.stringify(wanted)} among:\n${show(errors)}`,
        ).to.equal(true);
      }
    },
  };
}
