import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { FormEngine } from '../../src/engine/form-engine.js';
import type { LocalDrafts, SavedDraft } from '../../src/drafts/local-drafts.js';
import type { TabMemory } from '../../src/drafts/tab-memory.js';
import { getLocale } from '../../src/i18n/locale.js';
import type { HistoryController, HistoryHost } from './history-controller.js';
import type { Place } from './page-controller.js';
import type { EfaForm } from './efa-form.js';

/** What the drafts controller needs from its form. */
export interface DraftsHost extends HistoryHost {
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
  readonly drafts: EfaForm['drafts'];
  readonly draftDays: number;
  readonly authority: string;
}

/** The language chosen in the form's own switch, kept with the answers and brought back with them. */
export interface ChosenLanguage {
  readonly chosenLocale: string | undefined;
  restore(locale: string): void;
}

const AUTOSAVE_DELAY_MS = 1000;

/**
 * Drafts for the form shell: the tab memory (every value but `drafts="none"`), which brings answers and page back
 * after a reload or Back without asking; autosave to the browser (`drafts="local"`) and the offer to resume it;
 * progress files (`drafts="local"` or `"file"`) that need no account; and the question before leaving while
 * answers would be lost. Files are never part of a draft. The draft modules and Back between pages
 * (history-controller.ts) load on demand.
 */
export class DraftsController implements ReactiveController {
  private store: LocalDrafts | undefined;
  private memory: TabMemory | undefined;
  private history: HistoryController | undefined;
  private unsubscribe: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** A stored draft the user has not yet resumed or discarded. */
  private offer: SavedDraft | undefined;
  /** A stored draft could not be used and was deleted: the citizen is told once, politely. */
  private damagedNotice = false;
  private fileMessage = '';

  private engine: FormEngine | undefined;

  constructor(
    private readonly host: DraftsHost,
    private readonly place: Place,
    private readonly language: ChosenLanguage,
  ) {
    host.addController(this);
    host.addEventListener('efa-step-change', () => this.memory?.shownChanged());
  }

  hostConnected(): void {
    this.memory?.attend(true);
  }

  hostDisconnected(): void {
    this.memory?.attend(false);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.timer);
  }

  /** Called by the form when its engine is (re)created or the drafts settings change. */
  async attach(engine: FormEngine): Promise<void> {
    this.stop();
    this.engine = engine;
    const { startKeeping } = await import('./keeping.js');
    ({ history: this.history, memory: this.memory, store: this.store, offer: this.offer, damaged: this.damagedNotice } = await startKeeping(
      this.host,
      engine,
      this.history,
      this.place,
      this.language,
    ));
    this.unsubscribe = engine.subscribe(() => this.schedule(engine));
    this.host.requestUpdate();
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.timer);
    this.memory?.dispose();
    this.memory = undefined;
    this.store = undefined;
  }

  private schedule(engine: FormEngine): void {
    if (this.offer) return; // never overwrite a stored draft before the user decided about it
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const result = this.store?.save(engine.answers(), engine.currentStepId, this.language.chosenLocale);
      if (result?.ok) {
        this.host.dispatchEvent(
          new CustomEvent('efa-draft-saved', { detail: { savedAt: result.draft.savedAt, expiresAt: result.draft.expiresAt }, bubbles: true, composed: true }),
        );
      }
    }, AUTOSAVE_DELAY_MS);
  }

  /** The citizen chose another language in the form: the tab keeps it with the answers. */
  languageChosen(): void {
    this.memory?.shownChanged();
  }

  /** After a successful submission nothing of it stays in the browser, and leaving loses nothing. */
  submitted(): void {
    this.memory?.forget();
    this.store?.discard();
    this.stop();
    this.offer = undefined;
  }

  private resume(): void {
    const draft = this.offer!;
    this.offer = undefined;
    this.engine!.load(draft.answers);
    if (draft.locale) this.language.restore(draft.locale);
    this.place.resumeAt(draft.stepId, msg('Ihre gespeicherten Angaben wurden geladen.'));
  }

  private discard(): void {
    this.store?.discard();
    this.offer = undefined;
    this.host.requestUpdate();
  }

  /** The notice and its button go; focus goes to the step's heading, not to the page's start. */
  private async closeNotice(): Promise<void> {
    this.damagedNotice = false;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.shadowRoot?.querySelector<HTMLElement>('h2[tabindex]')?.focus();
  }

  renderResumeOffer(): TemplateResult | typeof nothing {
    if (this.damagedNotice) {
      return html`<div class="notice resume" part="resume" role="status">
        <p>
          ${msg('Ihre in diesem Browser gespeicherten Angaben waren beschädigt und ließen sich nicht mehr laden. Wir haben sie gelöscht. Bitte entschuldigen Sie und füllen Sie das Formular neu aus.')}
        </p>
        <div class="actions">
          <button type="button" class="secondary" part="button" @click=${() => void this.closeNotice()}>${msg('Hinweis schließen')}</button>
        </div>
      </div>`;
    }
    if (!this.offer) return nothing;
    const saved = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(this.offer.savedAt));
    return html`<div class="notice resume" part="resume" role="region" aria-label=${msg('Gespeicherte Angaben')}>
      <p>${msg(str`Sie haben dieses Formular am ${saved} schon angefangen. Möchten Sie dort weitermachen?`)}</p>
      <div class="actions">
        <button type="button" class="primary" part="button primary-button" @click=${() => this.resume()}>${msg('Weitermachen')}</button>
        <button type="button" class="secondary" part="button" @click=${() => this.discard()}>${msg('Neu beginnen und Gespeichertes löschen')}</button>
      </div>
    </div>`;
  }

  private async saveFile(): Promise<void> {
    const { draftFileName, draftToFile } = await import('../../src/drafts/draft-file.js');
    const engine = this.engine!;
    const blob = await draftToFile({
      service: engine.definition.service,
      schemaVersion: engine.definition.schemaVersion,
      stepId: engine.currentStepId,
      answers: engine.answers(),
      locale: this.language.chosenLocale,
    });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = draftFileName(engine.definition.service, new Date());
    link.click();
    URL.revokeObjectURL(link.href);
    this.fileMessage = msg('Ihr Zwischenstand wurde als Datei gespeichert. Hochgeladene Dateien sind darin nicht enthalten.');
    this.host.requestUpdate();
  }

  private async loadFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const { draftFileMessage, readDraftFile } = await import('../../src/drafts/draft-file.js');
    const engine = this.engine!;
    const result = await readDraftFile(file, { service: engine.definition.service, schemaVersion: engine.definition.schemaVersion });
    if (!result.ok) {
      this.fileMessage = draftFileMessage(result.reason);
      this.host.requestUpdate();
      return;
    }
    this.fileMessage = '';
    this.offer = undefined;
    engine.load(result.answers);
    if (result.locale) this.language.restore(result.locale);
    this.place.resumeAt(result.stepId, msg('Ihr Zwischenstand wurde geladen.'));
  }

  renderFileActions(): TemplateResult | typeof nothing {
    // Progress files carry a SHA-256 checksum, which browsers compute only in secure contexts.
    if ((this.host.drafts !== 'local' && this.host.drafts !== 'file') || !globalThis.crypto?.subtle) return nothing;
    return html`<div class="drafts" part="drafts">
      <button type="button" class="link" part="button" @click=${() => this.saveFile()}>${msg('Zwischenstand speichern')}</button>
      <button
        type="button"
        class="link"
        part="button"
        @click=${(e: Event) => ((e.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click()}
      >
        ${msg('Zwischenstand laden')}
      </button>
      <input type="file" accept="application/json,.json" hidden @change=${(e: Event) => this.loadFile(e)} />
      <p class="drafts-message" role="status">${this.fileMessage}</p>
    </div>`;
  }
}
