/** The XÖV/FIM code lists the services use, and the conversion between a chosen code and its XÖV value. */
import augenfarbe from '../codelists/augenfarbe.json' with { type: 'json' };
import familienstand from '../codelists/familienstand.json' with { type: 'json' };
import geschlecht from '../codelists/geschlecht.json' with { type: 'json' };
import identifikationsdokumente from '../codelists/identifikationsdokumente.json' with { type: 'json' };
import staat from '../codelists/staat.json' with { type: 'json' };
import staatsangehoerigkeit from '../codelists/staatsangehoerigkeit.json' with { type: 'json' };
import verwandtschaftsverhaeltnis from '../codelists/verwandtschaftsverhaeltnis.json' with { type: 'json' };

interface CodeList {
  canonicalUri: string;
  version: string;
  values: readonly { code: string; label: string }[];
}

const lists = {
  augenfarbe,
  familienstand,
  geschlecht,
  identifikationsdokumente,
  staat,
  staatsangehoerigkeit,
  verwandtschaftsverhaeltnis,
} satisfies Record<string, CodeList>;

export type CodeListName = keyof typeof lists;

/** A code-list value as XÖV transmits it. */
export interface CodeValue {
  code: string;
  listURI: string;
  listVersionID: string;
}

export function codeListEntries(name: CodeListName): readonly { code: string; label: string }[] {
  return lists[name].values;
}

export function toCodeValue(name: CodeListName, code: string | undefined): CodeValue | undefined {
  if (!code) return undefined;
  const list = lists[name];
  return { code, listURI: list.canonicalUri, listVersionID: list.version };
}

export function codeOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && typeof (value as CodeValue).code === 'string'
    ? (value as CodeValue).code
    : undefined;
}

export function codeLabel(name: CodeListName, code: string | undefined): string | undefined {
  return lists[name].values.find((v) => v.code === code)?.label;
}
