/**
 * Between what a field shows and what the answers hold, one parse/format pair per kind of field that converts:
 * code lists become XÖV triples, Ja/Nein a boolean, a typed whole number a number, an amount typed the user's way
 * a decimal string, three date inputs an ISO date. Text that does not convert is kept as typed, so the schema
 * reports it and nothing the user typed is lost.
 */
import { codeOf, toCodeValue } from './codelists.js';
import type { FieldDef } from './definition.js';
import { decimalAmount, euros } from './money.js';

/**
 * Digits as typed on an Arabic (٠–٩) or Persian (۰–۹) keyboard, and those scripts' decimal and group signs (٫ ٬),
 * read as ASCII: the answers hold `0–9`, whatever keyboard the citizen has.
 */
export function asciiDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/\u066b/g, '.')
    .replace(/\u066c/g, ',');
}

/** What the shell hands a field and takes from it: code lists, Ja/Nein and whole numbers (their own elements show the rest). */
export function toFieldValue(def: FieldDef, value: unknown): unknown {
  if (def.codelist) return codeOf(value);
  if (def.kind === 'yesno') return value === true ? 'true' : value === false ? 'false' : undefined;
  if (def.kind === 'integer') return typeof value === 'number' ? String(value) : value;
  return value;
}

export function fromFieldValue(def: FieldDef, value: unknown): unknown {
  if (def.codelist) return toCodeValue(def.codelist, value as string | undefined);
  if (def.kind === 'yesno') return value === 'true' ? true : value === 'false' ? false : undefined;
  if (def.kind === 'integer' && typeof value === 'string' && /^\s*\d{1,9}\s*$/.test(asciiDigits(value))) return Number(asciiDigits(value));
  return value;
}

// ---- amounts --------------------------------------------------------------------------------------------

/** Latin digits in inputs: what every keyboard can type back (a Persian form would otherwise show ۱٬۲۵۰٫۵۰). */
const LATIN = { numberingSystem: 'latn' } as const;

/** The locale's separators in Latin digits; a group written as a space may be typed as any space. */
function separators(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale, LATIN).formatToParts(12345.6);
  const group = parts.find((part) => part.type === 'group')?.value ?? '';
  return {
    group: /^\s$/.test(group) ? ' ' : asciiDigits(group),
    decimal: asciiDigits(parts.find((part) => part.type === 'decimal')?.value ?? '.'),
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads an amount of euros written the way the locale writes numbers: German `1.250,50`, `1250,5`, `1250`;
 * English `1,250.50`, `1250.5`; French `1 250,50` with any kind of space; Persian `۱٬۲۵۰٫۵` or `1250.5`. A euro
 * sign before or after is allowed, at most two decimals (cents). Anything else (`1.5` in German, `12,345` in
 * German, `zwölf`) is not a number: `undefined`.
 */
export function parseAmount(text: string, locale: string): number | undefined {
  const { group, decimal } = separators(locale);
  const grouped = group ? `\\d{1,3}(?:${escapeRegExp(group)}\\d{3})+|` : '';
  const match = new RegExp(`^(-?)(${grouped}\\d+)(?:${escapeRegExp(decimal)}(\\d{1,2}))?$`).exec(
    asciiDigits(text)
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^€\s*|\s*€$/g, ''),
  );
  if (!match) return undefined;
  const [, sign, whole, fraction = '0'] = match;
  return Number(`${sign}${whole!.split(group).join('')}.${fraction}`);
}

export const amountValue = {
  /** The answer for typed text: a decimal amount string (`"1250.50"`), or the text as typed if it is none. */
  parse(text: string, locale: string): string | undefined {
    if (text.trim() === '') return undefined;
    const amount = parseAmount(text, locale);
    return amount === undefined ? text : decimalAmount(amount);
  },
  /** The text for an answer: the amount with two decimals in the locale's way, or what was typed. */
  format(value: string | undefined, locale: string): string {
    const amount = euros(value);
    return amount === undefined
      ? (value ?? '')
      : new Intl.NumberFormat(locale, { ...LATIN, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
  },
};

// ---- dates ----------------------------------------------------------------------------------------------

export type DateParts = { day: string; month: string; year: string };

export const dateValue = {
  /**
   * The answer for the three inputs: `YYYY-MM-DD` when every part is digits, else the parts as typed, joined with
   * `-` (so the schema flags it and nothing is lost), `undefined` when all are empty.
   */
  parse({ day, month, year }: DateParts): string | undefined {
    if (day === '' && month === '' && year === '') return undefined;
    const digits = [day, month, year].map((part) => asciiDigits(part.trim()));
    if (digits.every((part) => /^\d+$/.test(part))) {
      return `${digits[2]}-${digits[1]!.padStart(2, '0')}-${digits[0]!.padStart(2, '0')}`;
    }
    return `${year}-${month}-${day}`;
  },
  format(value: string | undefined): DateParts {
    const [year = '', month = '', ...day] = (value ?? '').split('-');
    return { day: day.join('-'), month, year };
  },
};
