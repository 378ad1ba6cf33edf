/** The language switch and the binding-German-text note: loaded only where a switch or another language is wanted. */
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { textDirection, toShippedLocale, type Locale } from '../../src/i18n/locale.js';

/** The shipped languages a portal offers in the form (`languages="de en uk …"`), in its order. */
export function offeredLocales(attribute: string | undefined): Locale[] {
  const tags = (attribute ?? '').split(/[\s,]+/).filter(Boolean);
  return [...new Set(tags.filter((tag) => toShippedLocale(tag) === tag.toLowerCase().split('-')[0]).map(toShippedLocale))];
}

/** A language's name in itself ("Deutsch", "Українська", "العربية"), as people look for their own. */
export function endonym(locale: Locale): string {
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

export function renderLanguageSwitch(offered: readonly Locale[], current: Locale, choose: (locale: Locale) => void): TemplateResult | typeof nothing {
  if (offered.length < 2) return nothing;
  return html`<div class="language" part="language">
    <label for="efa-language">${msg('Sprache')}</label>
    <select id="efa-language" @change=${(event: Event) => choose((event.target as HTMLSelectElement).value as Locale)}>
      ${offered.map(
        (locale) => html`<option value=${locale} lang=${locale} dir=${textDirection(locale)} ?selected=${locale === current}>${endonym(locale)}</option>`,
      )}
    </select>
  </div>`;
}

/**
 * In another language, the note that the German text is binding, with a way to read it; while the German text is
 * read that way, the way back to the citizen's language (named in itself).
 */
export function renderBindingNote(
  current: Locale,
  readingGermanFor: Locale | undefined,
  choose: (locale: Locale, readingGermanFor?: Locale) => void,
): TemplateResult {
  if (current === 'de' && readingGermanFor) {
    return html`<div class="notice binding" part="binding-note">
      <p>${msg('Sie lesen den verbindlichen deutschen Text.')}</p>
      <button type="button" class="link" part="button" lang=${readingGermanFor} dir=${textDirection(readingGermanFor)} @click=${() => choose(readingGermanFor)}>
        ${endonym(readingGermanFor)}
      </button>
    </div>`;
  }
  return html`<div class="notice binding" part="binding-note">
    <p>${msg('Diese Übersetzung hilft Ihnen beim Ausfüllen. Rechtlich verbindlich ist der deutsche Text.')}</p>
    <button type="button" class="link" part="button" @click=${() => choose('de', current)}>
      ${msg('Den deutschen Text lesen')}
    </button>
  </div>`;
}
