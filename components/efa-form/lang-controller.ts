import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { getLocale, resolveLang, setLocale, toShippedLocale, type Locale } from '../../src/i18n/locale.js';
import type { Alongside } from './review.js';

/** What the language controller needs from its form. */
export interface LangHost extends ReactiveControllerHost, HTMLElement {
  /** The languages the portal offers in the form's own switch (`languages="de en uk"`). */
  readonly languages: string | undefined;
}

/**
 * The form speaks the language the citizen chose in it, else that of its `lang` attribute, else of the nearest
 * ancestor with one, else of the page; it follows a page that switches `<html lang>`. Choosing never changes the
 * page's own `lang`. In another language than German, the German text binds: a note says so where it matters and
 * lets the citizen read it.
 */
export class LangController implements ReactiveController {
  private readonly observer = new MutationObserver(() => this.apply());
  /** Chosen in the form (the language switch, or "read the German text"). */
  private chosen: Locale | undefined;
  /** The switch and the binding-text note, loaded once wanted: a switch is offered, or the form is not German. */
  private choice: typeof import('./language-choice.js') | undefined;
  private choiceLoaded: Promise<void> | undefined;
  /** While the citizen reads the binding German text: the language to return to. */
  private readingGermanFor: Locale | undefined;
  /** While the summary prints in German: the citizen's language beside it (see `printInGerman`). */
  alongside: Alongside | undefined;
  private applied: Promise<void> = Promise.resolve();

  constructor(private readonly host: LangHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.apply();
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer.disconnect();
  }

  hostUpdate(): void {
    if (this.choiceLoaded || !(this.host.languages || getLocale() !== 'de')) return;
    this.choiceLoaded = import('./language-choice.js').then((module) => {
      this.choice = module;
      this.host.requestUpdate();
    });
  }

  /** Settles when the language last asked for is loaded and active, and with it a wanted switch. */
  get settled(): Promise<void> {
    return Promise.all([this.applied, this.choiceLoaded]).then(() => undefined);
  }

  apply(): Promise<void> {
    const lang = this.chosen ?? resolveLang(this.host);
    if (lang !== getLocale()) this.applied = setLocale(lang);
    return this.applied;
  }

  /** Where the portal offers languages: the switch. `chosen` follows each choice (the switch keeps its focus). */
  renderSwitch(chosen: () => void): unknown {
    if (!this.choice) return nothing;
    return this.choice.renderLanguageSwitch(this.choice.offeredLocales(this.host.languages), getLocale() as Locale, (locale) =>
      this.choose(locale, undefined).then(chosen),
    );
  }

  /**
   * The note that the German text binds, on pages where it does (`bindingPage`: legal notices, consents, the
   * confirmation step, the review), and on every page while the German text is read, so the way back is always
   * there. `chosen` follows each choice (its button gives way to another).
   */
  renderBindingNote(bindingPage: boolean, chosen: () => void): unknown {
    const shown = getLocale() === 'de' ? this.readingGermanFor !== undefined : bindingPage;
    if (!shown || !this.choice) return nothing;
    return this.choice.renderBindingNote(getLocale() as Locale, this.readingGermanFor, (locale, readingGermanFor) =>
      this.choose(locale, readingGermanFor).then(chosen),
    );
  }

  /** The language chosen in the form (the switch, or "read the German text"), if any. */
  get chosenLocale(): Locale | undefined {
    return this.chosen;
  }

  /** A language chosen in the form before, brought back with a draft; not one this form does not ship. */
  restore(locale: string): void {
    if (toShippedLocale(locale) === locale) void this.choose(locale as Locale, undefined);
  }

  /** The answers and the page stay; only the language changes. */
  private async choose(locale: Locale, readingGermanFor: Locale | undefined): Promise<void> {
    this.readingGermanFor = readingGermanFor;
    this.chosen = locale;
    await this.apply();
    this.host.requestUpdate();
  }
}
