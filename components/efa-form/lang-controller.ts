import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getLocale, resolveLang, setLocale } from '../../src/i18n/locale.js';

/**
 * The form speaks the language of its `lang` attribute, else of the nearest ancestor with one, else of the page;
 * it follows a page that switches `<html lang>`.
 */
export class LangController implements ReactiveController {
  private readonly observer = new MutationObserver(() => this.apply());

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

  apply(): void {
    const lang = resolveLang(this.host);
    if (lang !== getLocale()) void setLocale(lang);
  }
}
