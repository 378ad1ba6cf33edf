/**
 * Money in a submission is a decimal string with exactly two places, e.g. `"1250.50"` (schema
 * `basis.schema.json#/$defs/betrag`). A JSON number with `multipleOf: 0.01` cannot be checked exactly by a
 * standard validator (4766.99 % 0.01 is not 0 in binary floating point), so a receiving office's validator
 * in its default settings would refuse valid submissions; a decimal string is checked exactly by a pattern
 * and maps one to one onto an XML `xs:decimal`.
 */

const DECIMAL_AMOUNT = /^-?(0|[1-9]\d*)\.\d{2}$/;

/** The amount in euros that a decimal amount string stands for; undefined for anything else. */
export function euros(value: unknown): number | undefined {
  return typeof value === 'string' && DECIMAL_AMOUNT.test(value) ? Number(value) : undefined;
}

/** A number of euros as a decimal amount string, rounded to whole cents: 1250.5 → `"1250.50"`. */
export function decimalAmount(amount: number): string {
  const cents = Math.round(Math.abs(amount) * 100);
  const sign = amount < 0 && cents > 0 ? '-' : '';
  return `${sign}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
