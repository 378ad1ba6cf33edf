/** The options a choice field offers, in the current language. */
import { msg } from '@lit/localize';
import type { FieldDef } from '../engine/definition.js';
import { codeListEntries } from '../engine/codelists.js';
import { codeLabelIn } from './code-labels.js';
import { getLocale } from './locale.js';

export interface FieldOption {
  value: string;
  label: string;
  hint?: string;
  keywords?: string[];
}

/**
 * Options are rebuilt only when the language or the allowed values change, so a field's options stay the same
 * object between renders.
 */
const optionsCache = new WeakMap<FieldDef, { key: string; options: FieldOption[] }>();

/** `allowed`: the values the schema allows there now (undefined: all); the definition supplies the labels. */
export function optionsOf(def: FieldDef, allowed?: readonly string[]): FieldOption[] {
  const locale = getLocale();
  const key = `${locale} ${allowed?.join() ?? '*'}`;
  const cached = optionsCache.get(def);
  if (cached?.key === key) return cached.options;
  const all = buildOptions(def, locale);
  const options = allowed ? all.filter((option) => allowed.includes(option.value)) : all;
  optionsCache.set(def, { key, options });
  return options;
}

function buildOptions(def: FieldDef, locale: string): FieldOption[] {
  if (def.kind === 'yesno') {
    return [
      { value: 'true', label: msg('Ja') },
      { value: 'false', label: msg('Nein') },
    ];
  }
  if (def.codelist) {
    const list = def.codelist;
    // In another language the official German label stays findable as a keyword.
    return codeListEntries(list).filter((entry) => !def.excludeCodes?.includes(entry.code)).map((entry) => ({
      value: entry.code,
      label: codeLabelIn(list, entry.code, entry.label, locale),
      ...(locale === 'de' ? {} : { keywords: [entry.label] }),
    }));
  }
  return (def.options?.() ?? []).map((o) => ({ value: o.value, label: o.label(), ...(o.hint ? { hint: o.hint() } : {}) }));
}
