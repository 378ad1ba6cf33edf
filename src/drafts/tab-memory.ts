/**
 * The tab memory, on unless `drafts="none"`: the answers and the page shown, kept in `sessionStorage` while the
 * citizen types, so that a reload, or Back or Forward from another page, brings them back. A page opened anew
 * (a link to it, the address typed) starts afresh, as a new visit should. `sessionStorage` belongs to the tab and
 * is gone with it; it is written in the format of local drafts (local-drafts.ts), with their checks and expiry.
 * Files are never kept. While answers would be lost (uploads, `drafts="none"`, a browser that refuses to store),
 * leaving the page asks first.
 *
 * No consent is asked: the data never leaves the browser and is kept only for the service the citizen is using,
 * which § 25 Abs. 2 Nr. 2 TDDDG exempts from consent (the rule of § 25 TTDSG, in force since 1 Dec 2021, under
 * the law's name since 14 May 2024; as read on 3 Dec 2026 from memory of the text, not re-checked at the source).
 * Whether it holds for an authority's own site is for its data protection officer to confirm.
 */
import type { EngineChange, FormEngine } from '../engine/form-engine.js';
import { LocalDrafts, type LocalDraftsOptions } from './local-drafts.js';

/** Typing is kept after this pause; leaving the page keeps it at once (see `flush`). */
const KEEP_DELAY_MS = 300;

/** Whether this page was reloaded or reached with Back or Forward: only then do the answers come back. */
function returnedTo(): boolean {
  const type = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.type;
  return type === 'reload' || type === 'back_forward';
}

export interface TabMemoryOptions extends Omit<LocalDraftsOptions, 'area'> {
  /** `false` for `drafts="none"`: nothing is kept, and any change makes leaving ask first. */
  keep: boolean;
}

export class TabMemory {
  private readonly drafts: LocalDrafts | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending = false;
  private everythingKept: boolean;
  private started = false;
  /** Set while the form listens: started and on the page. */
  private unsubscribe: (() => void) | undefined;
  /** The answers as they were when the form started or came back: leaving without a change loses nothing. */
  private startingAnswers = '';
  private startingPage = '';
  /** Whether this page kept anything yet: until the citizen answers or moves on, there is nothing of theirs to keep. */
  private keptSome = false;
  private asking = false;

  /** `page`: the page shown (a step id or `review`), and `language`: one chosen in the form, kept with the answers. */
  constructor(
    private readonly engine: FormEngine,
    options: TabMemoryOptions,
    private readonly page: () => string,
    private readonly language: () => string | undefined,
  ) {
    this.drafts = options.keep ? new LocalDrafts({ ...options, area: 'sessionStorage' }) : undefined;
    this.everythingKept = options.keep;
    addEventListener('pagehide', this.flush);
    document.addEventListener('visibilitychange', this.flushWhenHidden);
  }

  /**
   * After a reload or Back/Forward, brings back what the page before kept for this form, if anything: the answers,
   * then the page (and a language chosen in the form) through `show` once the validator is there (which steps exist
   * may depend on the schema's conditions). `damaged`: what was kept could not be read and was deleted.
   */
  async restore(show: (page: string, locale: string | undefined) => void): Promise<{ restored: boolean; damaged: boolean }> {
    const { draft, damaged } = this.drafts && returnedTo() ? this.drafts.load() : { damaged: false };
    if (draft) {
      this.engine.load(draft.answers);
      await this.engine.ready;
      show(draft.stepId, draft.locale);
    }
    return { restored: draft !== undefined, damaged };
  }

  /** From now on every change is kept (and guarded); the answers now are the starting point. */
  start(): void {
    this.startingAnswers = JSON.stringify(this.engine.answers());
    this.startingPage = this.page();
    this.started = true;
    this.listen();
  }

  /** The page shown or the language chosen changed: both are kept with the answers. */
  shownChanged(): void {
    if (this.unsubscribe) this.changed();
  }

  /** Whether the form is on the page: a form taken off keeps what it had and no longer makes leaving ask. */
  attend(onPage: boolean): void {
    if (!this.started) return;
    if (onPage) this.listen();
    else {
      this.flush();
      this.unlisten();
    }
  }

  /** After a successful submission nothing of it stays, and leaving loses nothing. */
  forget(): void {
    this.dispose();
    this.drafts?.discard();
  }

  /** Stops keeping; what was pending is kept now. */
  dispose(): void {
    this.flush();
    this.unlisten();
    this.started = false;
    removeEventListener('pagehide', this.flush);
    document.removeEventListener('visibilitychange', this.flushWhenHidden);
  }

  private listen(): void {
    this.unsubscribe ??= this.engine.subscribe((change) => this.changed(change));
    this.guard();
  }

  private unlisten(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.ask(false);
  }

  /**
   * A key typed into a field (`typed`) cannot add or remove an upload, so it costs no walk through the answers: it
   * changes whether leaving asks only where nothing is kept, and then it does.
   */
  private changed({ typed }: EngineChange = {}): void {
    if (this.drafts) {
      this.pending = true;
      clearTimeout(this.timer);
      this.timer = setTimeout(this.flush, KEEP_DELAY_MS);
    }
    if (typed === undefined) this.guard();
    else if (!this.everythingKept) this.ask(true);
  }

  /** Keep what is pending now. */
  private readonly flush = (): void => {
    clearTimeout(this.timer);
    if (!this.pending) return;
    this.pending = false;
    const answers = this.engine.answers();
    // A change that is not the citizen's (a portal's identity, a preset) keeps nothing: else a reload would bring
    // back an empty form as "kept", and hide the offer of a draft stored across visits.
    if (!this.keptSome && JSON.stringify(answers) === this.startingAnswers && this.page() === this.startingPage) return;
    this.everythingKept = this.drafts!.save(answers, this.page(), this.language()).ok;
    this.keptSome = true;
    this.guard();
  };

  /** A hidden tab may be discarded without a `pagehide` (mobile browsers do). */
  private readonly flushWhenHidden = (): void => {
    if (document.visibilityState === 'hidden') this.flush();
  };

  /** Uploads are never kept; changes are lost where nothing is kept (`none`, or the browser refused). */
  private guard(): void {
    const lost =
      holdsFile(this.engine.get('')) || (!this.everythingKept && JSON.stringify(this.engine.answers()) !== this.startingAnswers);
    this.ask(Boolean(this.unsubscribe) && lost);
  }

  private ask(ask: boolean): void {
    if (ask === this.asking) return;
    this.asking = ask;
    // Only while needed: a `beforeunload` listener keeps some browsers from keeping the page for Back.
    if (ask) addEventListener('beforeunload', this.preventUnload);
    else removeEventListener('beforeunload', this.preventUnload);
  }

  /** The browser asks "Leave site? Changes you made may not be saved." Each form has its own listener. */
  private readonly preventUnload = (event: BeforeUnloadEvent): void => {
    event.preventDefault();
  };
}

/** Whether chosen uploads are among the answers (the engine holds them, no draft keeps them). */
function holdsFile(value: unknown): boolean {
  if (value instanceof File) return true;
  return typeof value === 'object' && value !== null && Object.values(value).some(holdsFile);
}
