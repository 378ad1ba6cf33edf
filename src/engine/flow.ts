/**
 * The way through a form: the steps, the check-your-answers page after them, an optional confirmation step
 * after that (`StepDef.confirmation`, where the sending happens), and the confirmation of receipt. The engine
 * knows which steps are visible and which is current; the flow adds the pages around them and the one rule
 * that is easy to get wrong: after "Ändern" on the review, "Weiter" returns to the review.
 *
 * No rendering and no focus here: the shell shows `page` and moves focus after each move.
 */
import type { FormEngine, SummaryEntry } from './form-engine.js';
import type { ValidationError } from './validator.js';
import { fieldsIn } from './tree.js';

export type Phase = 'form' | 'review' | 'done';

/** What "Weiter" did: moved on, found problems on the step, or reached the point where sending starts. */
export type NextOutcome = { kind: 'moved' } | { kind: 'problems'; problems: SummaryEntry[] } | { kind: 'send' };

/** A step to go back to, with the problems to list at its top. */
export interface Problems {
  stepId: string;
  problems: SummaryEntry[];
}

export class FormFlow {
  private currentPhase: Phase = 'form';
  private returnToReview = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly engine: FormEngine) {}

  /** Called after every move, including those that only change the phase. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get phase(): Phase {
    return this.currentPhase;
  }

  /** The page shown: a step id, `review` or `done`. */
  get page(): string {
    return this.currentPhase === 'form' ? this.engine.currentStepId : this.currentPhase;
  }

  /** Whether the current step is the confirmation step, whose primary button sends. */
  get onConfirmationStep(): boolean {
    return this.currentPhase === 'form' && this.engine.view().def.confirmation !== undefined;
  }

  /** Whether "Weiter" on the current step leads to the review page. */
  get nextIsReview(): boolean {
    const following = this.engine.stepAfter(this.engine.currentStepId);
    return this.returnToReview || !following || following.confirmation !== undefined;
  }

  /** Whether the page has a "Zurück": every page but the first step. */
  get hasPrevious(): boolean {
    return this.position() > 1;
  }

  /**
   * 1-based position among the pages: the steps, the review page, then a confirmation step, which comes after the
   * review although the definition lists it among the steps.
   */
  position(page = this.page): number {
    const steps = this.engine.visibleSteps();
    const beforeReview = steps.filter((s) => !s.confirmation).length;
    if (page === 'review') return beforeReview + 1;
    const index = steps.findIndex((s) => s.id === page);
    return steps[index]?.confirmation ? beforeReview + 2 : index + 1;
  }

  /** How many pages the path has, review included; undefined until the answers that decide the path are given. */
  get count(): number | undefined {
    return this.engine.pageCount();
  }

  /** "Weiter": the step's problems, or the next page, or (on a confirmation step) the go-ahead to send. */
  next(): NextOutcome {
    const problems = this.engine.checkStep();
    if (problems.length > 0) return { kind: 'problems', problems };
    if (this.onConfirmationStep) {
      this.returnToReview = false;
      return { kind: 'send' };
    }
    if (this.nextIsReview) {
      this.returnToReview = false;
      this.currentPhase = 'review';
    } else {
      this.engine.goTo(this.engine.stepAfter(this.engine.currentStepId)!.id);
    }
    this.changed();
    return { kind: 'moved' };
  }

  /** "Zurück": the previous page; false on the first step, where there is none. */
  back(): boolean {
    if (this.currentPhase === 'review') {
      this.currentPhase = 'form';
    } else if (this.onConfirmationStep) {
      this.currentPhase = 'review';
    } else {
      const previous = this.engine.stepBefore(this.engine.currentStepId);
      if (!previous) return false;
      this.engine.goTo(previous.id);
    }
    this.changed();
    return true;
  }

  /** "Ändern" on the review: the step with that answer; "Weiter" there returns to the review. */
  change(stepId: string): void {
    this.show(stepId);
    this.returnToReview = true;
  }

  /**
   * Show a page by its id (a step, or `review`), e.g. after answers were loaded or on Back: a step that is no longer
   * visible gives way to the first step. A confirmation is given on its page each time it is shown: one ticked
   * earlier (or restored from a draft) does not count.
   */
  show(page: string): void {
    if (page === 'review') {
      this.currentPhase = 'review';
    } else {
      const visible = this.engine.visibleSteps();
      const step = visible.find((s) => s.id === page) ?? visible[0]!;
      if (step.confirmation) for (const field of fieldsIn(this.engine.view(step.id).children)) this.engine.set(field.pointer, undefined);
      this.engine.goTo(step.id);
      this.currentPhase = 'form';
    }
    this.changed();
  }

  /** Before sending: the first step with problems, if any. */
  firstProblems(): Problems | undefined {
    const step = this.engine.firstInvalidStep();
    return step && { stepId: step.id, problems: this.engine.checkStep(step.id) };
  }

  /** The receiver refused answers: the first step it named, with its problems shown. */
  refused(errors: readonly ValidationError[]): Problems | undefined {
    const step = this.engine.showExternalErrors(errors);
    return step && { stepId: step.id, problems: this.engine.shownErrors(step.id) };
  }

  /** Back to a step with problems; "Weiter" returns to the review. */
  showProblems({ stepId }: Problems): void {
    this.show(stepId);
    this.returnToReview = true;
  }

  /** The receiver confirmed: the form is done and no page of it opens again. */
  sent(): void {
    this.currentPhase = 'done';
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
