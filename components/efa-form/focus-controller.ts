import { LitElement, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** Where focus goes after a render: the page heading, the error summary, a field (by id), or an element. */
export type Focus = { kind: 'heading' } | { kind: 'summary' } | { kind: 'field'; id: string } | { kind: 'element'; selector: string };

/** Moves focus once the render that shows its target is done, and reveals the target. */
export class FocusController implements ReactiveController {
  private pending: Focus | undefined;
  /** What to do once focus has landed. */
  private then: (() => void) | undefined;
  /** What had focus when the move was queued. */
  private leaving: Element | null = null;
  /** Settles when the last move has landed (it may wait for a field element's own first render). */
  done: Promise<void> = Promise.resolve();

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** Focus goes to `focus` after the next render; then `then` runs. */
  queue(focus: Focus, then?: () => void): void {
    this.pending = focus;
    this.then = then;
    this.leaving = this.host.shadowRoot!.activeElement;
  }

  hostUpdated(): void {
    const focus = this.pending;
    if (!focus) return;
    const then = this.then;
    this.pending = undefined;
    this.then = undefined;
    this.done = this.move(focus).then(then);
  }

  private async move(focus: Focus): Promise<void> {
    const root = this.host.shadowRoot!;
    const target =
      focus.kind === 'heading'
        ? root.querySelector<HTMLElement>('h2[tabindex]')
        : focus.kind === 'summary'
          ? root.querySelector<HTMLElement>('.error-summary')
          : focus.kind === 'field'
            ? root.getElementById(focus.id)
            : root.querySelector<HTMLElement>(focus.selector);
    if (target instanceof LitElement) await target.updateComplete;
    // Where the control that had focus was removed in the same render (a page's button, the review's "Ändern"),
    // Orca (43, on Chromium) said nothing for a focus move made at once, and now and then for one two frames later;
    // it hears a move 150 ms later (scripts/screen-reader/walk.js, the review walks).
    if (this.leaving && !this.leaving.isConnected) {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    reveal(target);
  }
}

export function reveal(target: HTMLElement | null): void {
  target?.focus();
  target?.scrollIntoView({ block: 'center' });
}
