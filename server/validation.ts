/**
 * Validation of an envelope with the generated validators (`npm run generate`: the server build, which stops at
 * the first error), behind the guard that bounds the input first. The schemas are read from `schemas/`, the
 * single source of truth; nothing here restates a constraint.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Validator } from '../src/engine/validator.js';
import { validators } from '../src/schema/generated/server/index.js';
import { validators as returnValidators } from '../src/schema/generated/server/return/index.js';
import { createGuard, type Guard } from './guard.js';
import { HttpError, MAX_ERRORS, type FieldError } from './problems.js';

const ENVELOPE = 'submission';
/** schemas/return/nachricht.schema.json: every message of the return channel (issue 11). */
const MESSAGE = 'nachricht';

export interface Validation {
  /**
   * Every error of the envelope and its data (at most MAX_ERRORS), empty when valid. Paths into `data` are JSON
   * pointers relative to `data`, as the browser's validator reports them; envelope paths start with `#envelope`.
   * Throws 422 `unknown-service` for a valid envelope whose service has no schema here.
   */
  check(envelope: unknown): FieldError[];
  /** The first error of a return channel message (schemas/return/), empty when valid; paths are JSON pointers into the message. */
  checkMessage(message: unknown): FieldError[];
  readonly guard: Guard;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8'));
}

function errorsOf(validate: Validator, prefix: string): FieldError[] {
  return (validate.errors ?? []).map(({ instancePath, keyword, params }) => ({ instancePath: prefix + instancePath, keyword, params }));
}

function withPrefix(error: FieldError, prefix: string): FieldError {
  return { ...error, instancePath: prefix + error.instancePath };
}

/** @param schemasDir the published `schemas/` folder */
export async function loadValidation(schemasDir: string): Promise<Validation> {
  const ids = new Map<string, string>();
  const all: Record<string, unknown>[] = [];
  for (const file of (await readdir(schemasDir)).filter((f) => f.endsWith('.schema.json'))) {
    const schema = await readJson(join(schemasDir, file));
    ids.set(file.replace(/\.schema\.json$/, ''), String(schema.$id));
    all.push(schema);
  }
  for (const file of (await readdir(join(schemasDir, 'common'))).filter((f) => f.endsWith('.json'))) {
    all.push(await readJson(join(schemasDir, 'common', file)));
  }
  const messageSchema = await readJson(join(schemasDir, 'return', `${MESSAGE}.schema.json`));
  all.push(messageSchema);
  const guard = createGuard(all);
  const validatorOf = (name: string): Validator | undefined => (Object.hasOwn(validators, name) ? validators[name] : undefined);
  const validateEnvelope = validatorOf(ENVELOPE);
  const validateMessage = Object.hasOwn(returnValidators, MESSAGE) ? returnValidators[MESSAGE] : undefined;
  if (!validateEnvelope || !ids.has(ENVELOPE) || !validateMessage) throw new Error('The server validators are missing: run `npm run generate`.');

  return {
    guard,
    checkMessage(message) {
      const bounded = guard.check(String(messageSchema.$id), message);
      if (bounded) return [bounded];
      return validateMessage(message) ? [] : errorsOf(validateMessage, '');
    },
    check(envelope) {
      // `data` is bounded below by its service's schema, not by the envelope's `{ type: object }`.
      const bounded = guard.check(ids.get(ENVELOPE)!, isObject(envelope) ? { ...envelope, data: {} } : envelope);
      if (bounded) return [withPrefix(bounded, '#envelope')];
      const errors = validateEnvelope(envelope) ? [] : errorsOf(validateEnvelope, '#envelope');
      if (!isObject(envelope)) return errors;
      const wrong = (path: string): boolean => errors.some((e) => e.instancePath === path || e.instancePath.startsWith(`${path}/`));

      // Checked only once the envelope says which service it is.
      if (typeof envelope.service === 'string' && envelope.service !== ENVELOPE && !wrong('#envelope/service')) {
        const validateData = validatorOf(envelope.service);
        const schemaId = ids.get(envelope.service);
        if ((!validateData || !schemaId) && errors.length === 0) {
          throw new HttpError(422, 'unknown-service', 'Diese Leistung kann hier nicht angenommen werden. Wenden Sie sich bitte an die Behörde.');
        }
        if (validateData && schemaId && !wrong('#envelope/data')) {
          const problem = guard.check(schemaId, envelope.data);
          if (problem) errors.push(problem);
          else if (!validateData(envelope.data)) errors.push(...errorsOf(validateData, ''));
        }
      }
      return errors.slice(0, MAX_ERRORS);
    },
  };
}
