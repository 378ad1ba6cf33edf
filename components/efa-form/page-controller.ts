import { msg, str } from '@lit/localize';
import type { ReactiveControllerHost } from 'lit';
import type { FormEngine, SummaryEntry } from '../../src/engine/form-engine.js';
import type { FormFlow, Problems } from '../../src/engine/flow.js';
import type { StepChangeDetail } from './events.js';
import { FocusController, reveal, type Focus } from './focus-controller.js';

/** Which page is shown, and showing another: what drafts and Back between pages need of the form. */
export interface Place {
  /** The page shown: a step id, `review` or `done`. */
  readonly shown: string;
  /** Show a page (a step or `review`) after answers were loaded or on Back, saying why (else its title). */
  resumeAt(page: string, announcement?: string): void;
}

/**
 * Moving through the pages as a person perceives it: which page shows, the problems listed at its top, where focus
 * lands and what a screen reader is told, and the `efa-step-change` event. The flow (src/engine/flow.ts) decides
 * where each move leads.
 */
export class PageController implements Place {
  /** The problems listed at the top of the step, as found on "Weiter" (like a server-rendered form). */
  summary: SummaryEntry[] = [];
  private spoken = '';
  private readonly focusing: FocusController;
  private engine!: FormEngine;
  private flow!: FormFlow;
  private unsubscribe: (() => void) | undefined;

  /** `send`: what "Weiter" does on the last page before sending. */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly send: () => Promise<void>,
  ) {
    this.focusing = new FocusController(host);
  }

  get shown(): string {
    return this.flow.page;
  }

  /** The text of the one live region: what a screen reader says beside the focus move. */
  get announcement(): string {
    return this.spoken;
  }

  set announcement(text: string) {
    this.spoken = text;
    this.host.requestUpdate();
  }

  /** Settles when focus has landed after the last move (it may wait for a field element's own first render). */
  get settled(): Promise<void> {
    return this.focusing.done;
  }

  attach(engine: FormEngine, flow: FormFlow): void {
    this.unsubscribe?.();
    this.engine = engine;
    this.flow = flow;
    this.unsubscribe = flow.subscribe(() => this.moved());
  }

  /** Every move of the flow: what was said on the last page is not said again, and the page tells the host. */
  private moved(): void {
    this.announcement = '';
    this.host.requestUpdate();
    if (this.flow.phase === 'done') return;
    const detail: StepChangeDetail = {
      stepId: this.flow.page,
      position: this.flow.position(),
      count: this.flow.count,
      title: this.flow.phase === 'review' ? msg('Angaben prüfen') : this.engine.view().def.title(),
    };
    this.host.dispatchEvent(new CustomEvent('efa-step-change', { detail, bubbles: true, composed: true }));
  }

  /** "Schritt 2 von 9" */
  progress(): string {
    return progressText(this.flow.position(), this.flow.count);
  }

  /** "Schritt 2 von 9 Wer gibt die Erklärung ab?": the heading of the page shown. */
  title(): string {
    return `${this.progress()} ${this.flow.phase === 'review' ? msg('Prüfen Sie Ihre Angaben') : this.engine.view().def.title()}`;
  }

  async next(event?: Event): Promise<void> {
    event?.preventDefault();
    await this.engine.ready;
    const fromOrdinaryStep = this.onOrdinaryStep();
    const outcome = this.flow.next();
    this.summary = outcome.kind === 'problems' ? outcome.problems : [];
    this.host.requestUpdate();
    if (outcome.kind === 'problems') this.focusing.queue({ kind: 'summary' });
    else if (outcome.kind === 'send') await this.send();
    else this.toHeading(fromOrdinaryStep && this.onOrdinaryStep());
  }

  /**
   * Enter in a text input continues, as in a plain HTML form. The inputs live in the fields' shadow roots,
   * outside the form, so the browser's implicit submission does not reach it.
   */
  submitOnEnter(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.defaultPrevented || event.isComposing) return;
    if (this.flow.onConfirmationStep) return; // sending is never a side effect of Enter
    const origin = event.composedPath()[0];
    if (origin instanceof HTMLInputElement && origin.type !== 'file') {
      event.preventDefault();
      (event.currentTarget as HTMLFormElement).requestSubmit();
    }
  }

  back(): void {
    this.summary = [];
    const fromOrdinaryStep = this.onOrdinaryStep();
    if (!this.flow.back()) return;
    this.toHeading(fromOrdinaryStep && this.onOrdinaryStep() && this.flow.hasPrevious);
  }

  /**
   * Focus goes to the heading. Between two ordinary steps the pressed button stays where it was and the focus move
   * is heard; announcing the title as well made it heard twice. Where the pressed button vanishes in the same render
   * (to or from the review or a confirmation step; "Zurück" onto the first step), Orca now and then hears no focus
   * move and says nothing: only then is the title announced as well.
   */
  private toHeading(buttonStays: boolean): void {
    if (!buttonStays) this.announcement = this.title();
    this.focusing.queue({ kind: 'heading' });
  }

  /** A step whose buttons are "Weiter" and "Zurück" (not the review page, not a confirmation step). */
  private onOrdinaryStep(): boolean {
    return this.flow.phase === 'form' && !this.flow.onConfirmationStep;
  }

  toConfirmation(stepId: string): void {
    this.flow.show(stepId);
    this.toHeading(false);
  }

  /**
   * "Ändern" on the review: focus goes to the field, so the step it is on is said through the announcer (the field
   * speaks its own label); a step change by "Weiter" or "Zurück" focuses the step heading instead. Announced once
   * focus has landed: announced in the same render, Orca said the step and never the field.
   */
  change(stepId: string, fieldId: string): void {
    this.flow.change(stepId);
    this.focusing.queue({ kind: 'field', id: fieldId }, () => {
      this.announcement = this.title();
    });
  }

  /** Back to a step from the review page, its problems listed at the top; "Weiter" returns to the review. */
  showProblems(problems: Problems): void {
    this.flow.showProblems(problems);
    this.summary = problems.problems;
    this.focusing.queue({ kind: 'summary' });
  }

  /** Show a page (a step, or `review`) after answers were loaded or on Back, saying why (else its title) through the live region. */
  resumeAt(page: string, announcement?: string): void {
    this.summary = [];
    this.flow.show(page);
    this.announcement = announcement ?? this.title();
    this.focusing.queue({ kind: 'heading' });
  }

  /** A link of the error summary. */
  focusField(event: Event, id: string): void {
    event.preventDefault();
    reveal(this.host.shadowRoot!.getElementById(id));
  }

  /** The title after a change of language, from the language switch (which keeps focus) or the note (which does not). */
  languageChanged(focusMoves: boolean): void {
    if (focusMoves) this.focusing.queue({ kind: 'heading' });
    else this.announcement = this.title();
  }

  /** Something changed on the page without a move (an item added or removed): say so, and focus where it happened. */
  changedOnPage(announcement: string, focus?: Focus): void {
    this.announcement = announcement;
    if (focus) this.focusing.queue(focus);
  }

  /** After sending: the confirmation's heading, or what went wrong. */
  sendingEnded(outcome: 'sent' | 'failed'): void {
    this.focusing.queue(outcome === 'sent' ? { kind: 'heading' } : { kind: 'element', selector: '.send-error' });
    this.host.requestUpdate();
  }
}

/** No total until the route (and with it the number of pages) is known. */
function progressText(position: number, count: number | undefined): string {
  return count === undefined ? msg(str`Schritt ${position}`) : msg(str`Schritt ${position} von ${count}`);
}
