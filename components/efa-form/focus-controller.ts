import { LitElement, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** Where focus goes after a render: the page heading, the error summary, a field (by id), or an element. */
export type Focus = { kind: 'heading' } | { kind: 'summary' } | { kind: 'field'; id: string } | { kind: 'element'; selector: string };

/** Moves focus once the render that shows its target is done, and reveals the target. */
export class FocusController implements ReactiveController {
  private pending: Focus | undefined;
  /** Settles when the last move has landed (it may wait for a field element's own first render). */
  done: Promise<void> = Promise.resolve();

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** Focus goes to `focus` after the next render. */
  queue(focus: Focus): void {
    this.pending = focus;
  }

  hostUpdated(): void {
    const focus = this.pending;
    if (!focus) return;
    this.pending = undefined;
    this.done = this.move(focus);
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
    reveal(target);
  }
}

export function reveal(target: HTMLElement | null): void {
  target?.focus();
  target?.scrollIntoView({ block: 'center' });
}
