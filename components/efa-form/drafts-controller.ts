import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { FormEngine } from '../../src/engine/form-engine.js';
import type { LocalDrafts, SavedDraft } from '../../src/drafts/local-drafts.js';
import { getLocale } from '../../src/i18n/locale.js';

/** What the drafts controller needs from its form. */
export interface DraftsHost extends HTMLElement {
  addController(controller: ReactiveController): void;
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
  readonly drafts: 'off' | 'local' | 'file';
  readonly draftDays: number;
  readonly authority: string;
  /** The engine of the current service; undefined until the service is known. */
  readonly draftEngine: FormEngine | undefined;
  /** Show `stepId` (if still visible) after answers were loaded. */
  resumeAt(stepId: string, announcement: string): void;
}

const AUTOSAVE_DELAY_MS = 1000;

/**
 * Drafts for the form shell: autosave to the browser (`drafts="local"`), the offer to resume, and progress
 * files (`drafts="local"` or `"file"`) that need no account. Files are never part of a draft. The draft modules
 * load only where drafts are switched on.
 */
export class DraftsController implements ReactiveController {
  private store: LocalDrafts | undefined;
  private unsubscribe: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** A stored draft the user has not yet resumed or discarded. */
  private offer: SavedDraft | undefined;
  /** A stored draft could not be used and was deleted: the citizen is told once, politely. */
  private damagedNotice = false;
  private fileMessage = '';

  constructor(private readonly host: DraftsHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Called by the form when its engine is (re)created or the drafts settings change. */
  async attach(engine: FormEngine): Promise<void> {
    this.stop();
    if (this.host.drafts !== 'local') return;
    const { LocalDrafts } = await import('../../src/drafts/local-drafts.js');
    const { service, schemaVersion } = engine.definition;
    this.store = new LocalDrafts({ service, schemaVersion, authority: this.host.authority, lifetimeDays: this.host.draftDays });
    const { draft, damaged } = this.store.load();
    this.offer = draft;
    this.damagedNotice = damaged;
    this.unsubscribe = engine.subscribe(() => this.schedule(engine));
    this.host.requestUpdate();
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.timer);
  }

  private schedule(engine: FormEngine): void {
    if (this.offer) return; // never overwrite a stored draft before the user decided about it
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const result = this.store?.save(engine.answers(), engine.currentStepId);
      if (result?.ok) {
        this.host.dispatchEvent(
          new CustomEvent('efa-draft-saved', { detail: { savedAt: result.draft.savedAt, expiresAt: result.draft.expiresAt }, bubbles: true, composed: true }),
        );
      }
    }, AUTOSAVE_DELAY_MS);
  }

  /** After a successful submission nothing of it stays in the browser. */
  submitted(): void {
    clearTimeout(this.timer);
    this.store?.discard();
    this.offer = undefined;
  }

  private resume(): void {
    const draft = this.offer!;
    this.offer = undefined;
    this.host.draftEngine!.load(draft.answers);
    this.host.resumeAt(draft.stepId, msg('Ihre gespeicherten Angaben wurden geladen.'));
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
    const engine = this.host.draftEngine!;
    const blob = await draftToFile({
      service: engine.definition.service,
      schemaVersion: engine.definition.schemaVersion,
      stepId: engine.currentStepId,
      answers: engine.answers(),
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
    const engine = this.host.draftEngine!;
    const result = await readDraftFile(file, { service: engine.definition.service, schemaVersion: engine.definition.schemaVersion });
    if (!result.ok) {
      this.fileMessage = draftFileMessage(result.reason);
      this.host.requestUpdate();
      return;
    }
    this.fileMessage = '';
    this.offer = undefined;
    engine.load(result.answers);
    this.host.resumeAt(result.stepId, msg('Ihr Zwischenstand wurde geladen.'));
  }

  renderFileActions(): TemplateResult | typeof nothing {
    // Progress files carry a SHA-256 checksum, which browsers compute only in secure contexts.
    if (this.host.drafts === 'off' || !globalThis.crypto?.subtle) return nothing;
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
