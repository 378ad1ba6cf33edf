import type { ReactiveController } from 'lit';
import { randomUuid } from '../../src/engine/random-uuid.js';
import type { StepChangeDetail } from './efa-form.js';

/** What the history controller needs from its form. */
export interface HistoryHost extends HTMLElement {
  addController(controller: ReactiveController): void;
  /** The page shown: a step id, `review` or `done`. */
  readonly shownPage: string;
  /** Show a page (a step or `review`), announcing its title. */
  resumeAt(page: string): void;
}

/** The one key of `history.state` that is ours; the host page's own keys stay beside it. */
const STATE_KEY = 'efa-forms';

/**
 * Ours in one history entry, per form. `journey` names one filling-in of the form: it continues through a
 * reload only when the answers do, and ends when they are sent, so that Back never shows answers that are gone.
 */
interface Entry {
  journey: string;
  /** A step id, `review`, or `done` once sent. */
  page: string;
}

type Record = { [key: string]: unknown };

function isRecord(value: unknown): value is Record {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Back and Forward move between the pages of the form: every page change adds a history entry that holds only
 * state (`history.pushState` without a URL), so the page's URL, its hash and its own state keys stay as they are;
 * Back from the first page leaves as it would without the form. Each form keeps its entry under its `id` (or its
 * tag), so two forms on a page do not take each other's pages. After sending, Back passes over the form's entries.
 * A host page whose `history.state` is not an object (nothing to nest ours in) keeps its history to itself.
 */
export class HistoryController implements ReactiveController {
  /** Undefined until the drafts decided whether answers continue (`begin`): until then nothing is written. */
  private journey: string | undefined;
  private sent = false;
  /** While following a `popstate`: a page change replaces the entry rather than adding one. */
  private following = false;

  constructor(private readonly host: HistoryHost) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('popstate', this.popped);
    this.host.addEventListener('efa-step-change', this.stepChanged);
    this.host.addEventListener('efa-submitted', this.submitted);
  }

  hostDisconnected(): void {
    removeEventListener('popstate', this.popped);
    this.host.removeEventListener('efa-step-change', this.stepChanged);
    this.host.removeEventListener('efa-submitted', this.submitted);
  }

  /** The page the current history entry showed (after a reload, or Back from another page), if it was ours. */
  entryPage(): string | undefined {
    const page = this.entryIn(history.state)?.page;
    return page === 'done' ? undefined : page;
  }

  /**
   * Called once the answers are settled: `continued` when they came back from the tab memory, so the entries of
   * the pages before the one shown still lead somewhere.
   */
  begin(continued: boolean): void {
    this.sent = false;
    const entry = this.entryIn(history.state);
    this.journey = continued && entry ? entry.journey : randomUuid();
    this.write('replace');
  }

  private readonly stepChanged = (event: Event): void => {
    const { stepId } = (event as CustomEvent<StepChangeDetail>).detail;
    if (this.journey === undefined || stepId === this.entryIn(history.state)?.page) return;
    this.write(this.following ? 'replace' : 'push');
  };

  private readonly submitted = (): void => {
    this.sent = true;
    this.write('replace');
  };

  private readonly popped = (event: PopStateEvent): void => {
    const entry = this.entryIn(event.state);
    if (!entry || this.journey === undefined) return;
    if (this.sent || entry.journey !== this.journey) {
      // An entry of sent or lost answers: nothing to show there, so Back goes on to what came before the form.
      history.back();
      return;
    }
    if (entry.page === this.host.shownPage) return;
    this.following = true;
    try {
      this.host.resumeAt(entry.page);
    } finally {
      this.following = false;
    }
  };

  private key(): string {
    return this.host.id || this.host.localName;
  }

  private entryIn(state: unknown): Entry | undefined {
    if (!isRecord(state) || !isRecord(state[STATE_KEY])) return undefined;
    const entry = state[STATE_KEY][this.key()];
    return isRecord(entry) && typeof entry.journey === 'string' && typeof entry.page === 'string' ? (entry as unknown as Entry) : undefined;
  }

  private write(how: 'push' | 'replace'): void {
    const state: unknown = history.state ?? {};
    if (!isRecord(state)) return;
    const ours = isRecord(state[STATE_KEY]) ? state[STATE_KEY] : {};
    const entry: Entry = { journey: this.journey!, page: this.host.shownPage };
    const next = { ...state, [STATE_KEY]: { ...ours, [this.key()]: entry } };
    if (how === 'push') history.pushState(next, '');
    else history.replaceState(next, '');
  }
}
