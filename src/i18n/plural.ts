import { getLocale } from './locale.js';

/**
 * One message per CLDR plural category. German and English need two forms, Russian and Ukrainian three
 * ("1 результат", "2 результата", "5 результатов"), Arabic six. Each counted message therefore comes in six
 * in the German source, each with its own id (German repeats the same text, which would otherwise make them
 * one message), and every translation fills in the forms its language uses.
 */
export type PluralMessages = Record<Intl.LDMLPluralRule, () => string>;

/** The message of `messages` that fits `count` in `locale` (default: the active locale). */
export function plural(count: number, messages: PluralMessages, locale: string = getLocale()): string {
  return messages[new Intl.PluralRules(locale).select(count)]();
}
