import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from './generated/locale-codes.js';

export type Locale = typeof sourceLocale | (typeof targetLocales)[number];

const shipped: readonly string[] = [sourceLocale, ...targetLocales];
const translations = {
  en: () => import('./generated/locales/en.js'),
  uk: () => import('./generated/locales/uk.js'),
  ru: () => import('./generated/locales/ru.js'),
  tr: () => import('./generated/locales/tr.js'),
  fr: () => import('./generated/locales/fr.js'),
  es: () => import('./generated/locales/es.js'),
  ar: () => import('./generated/locales/ar.js'),
  fa: () => import('./generated/locales/fa.js'),
};

/**
 * One active locale per bundle: @lit/localize keeps it globally, so every efa element on a page renders
 * in the language most recently set. German is built in; a translation is a chunk beside the bundle, loaded
 * from the same origin only when that language is used.
 */
export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => translations[locale as keyof typeof translations](),
});

/** Languages written right to left, among those we ship or may ship. */
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ps', 'ur']);

/** The writing direction of a locale: the form sets it on its own surface, never on the host page. */
export function textDirection(locale: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale.split('-')[0]!) ? 'rtl' : 'ltr';
}

/** Maps a BCP 47 tag such as `en-GB` to a shipped locale, falling back to German. */
export function toShippedLocale(tag: string | null | undefined): Locale {
  const primary = (tag ?? '').trim().toLowerCase().split('-')[0];
  return (shipped.includes(primary) ? primary : sourceLocale) as Locale;
}

/**
 * The language an element should speak: its own `lang`, else the nearest ancestor's (crossing shadow roots),
 * else `<html lang>`, else German.
 */
export function resolveLang(element: Element): Locale {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.getAttribute('lang')) return toShippedLocale(node.getAttribute('lang'));
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return sourceLocale;
}
