import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getLocale, resolveLang, setLocale, type Locale } from '../../src/i18n/locale.js';

/**
 * The form speaks the language the citizen chose in it, else that of its `lang` attribute, else of the nearest
 * ancestor with one, else of the page; it follows a page that switches `<html lang>`. Choosing never changes the
 * page's own `lang`.
 */
export class LangController implements ReactiveController {
  private readonly observer = new MutationObserver(() => this.apply());
  /** Chosen in the form (the language switch, or "read the German text"). */
  private chosen: Locale | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.apply();
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer.disconnect();
  }

  choose(locale: Locale): Promise<void> {
    this.chosen = locale;
    return this.apply();
  }

  /** Settles when the language last asked for is loaded and active. */
  settled: Promise<void> = Promise.resolve();

  apply(): Promise<void> {
    const lang = this.chosen ?? resolveLang(this.host);
    if (lang !== getLocale()) this.settled = setLocale(lang);
    return this.settled;
  }
}
