/**
 * Between what a field element shows and what the answers hold: code lists become XÖV triples, Ja/Nein
 * becomes a boolean, a typed whole number a number. Text that does not convert is kept as typed, so the schema
 * reports it and nothing the user typed is lost.
 */
import { codeOf, toCodeValue } from './codelists.js';
import type { FieldDef } from './definition.js';

export function toFieldValue(def: FieldDef, value: unknown): unknown {
  if (def.codelist) return codeOf(value);
  if (def.kind === 'yesno') return value === true ? 'true' : value === false ? 'false' : undefined;
  if (def.kind === 'integer') return typeof value === 'number' ? String(value) : value;
  return value;
}

export function fromFieldValue(def: FieldDef, value: unknown): unknown {
  if (def.codelist) return toCodeValue(def.codelist, value as string | undefined);
  if (def.kind === 'yesno') return value === 'true' ? true : value === 'false' ? false : undefined;
  if (def.kind === 'integer' && typeof value === 'string' && /^\s*\d{1,9}\s*$/.test(value)) return Number(value);
  return value;
}
