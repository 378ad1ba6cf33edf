/**
 * Dates and amounts as people read them, in a locale: its digits and separators, but always the Gregorian
 * calendar, in which the form asks dates and the office decides (Persian would otherwise show 27 March 1985 as
 * ۷ فروردین ۱۳۶۴).
 */

export function formatDate(iso: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC', calendar: 'gregory' }).format(date);
}

export function formatAmount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(value);
}
