/**
 * What the services' rules share: date arithmetic on ISO `YYYY-MM-DD` strings in whole calendar days (no time
 * zones involved), and reading answers by path.
 */

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Full years of life at `on` (someone born 2008-06-01 is 17 on 2026-05-31 and 18 on 2026-06-01). */
export function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A value somewhere in the answers, by path; undefined where the path leads nowhere. */
export function at(data: unknown, ...path: (string | number)[]): unknown {
  let node = data;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** A list in the answers, or an empty one. */
export function list(data: unknown, ...path: string[]): unknown[] {
  const value = at(data, ...path);
  return Array.isArray(value) ? value : [];
}

/** The same day `months` calendar months later, or the month's last day if it has no such day (31 Aug + 6 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const result = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(d, lastDay));
  return result.toISOString().slice(0, 10);
}
