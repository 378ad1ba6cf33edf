import type { ReactiveController } from 'lit';
import type { Place } from './page-controller.js';
import { randomUuid } from '../../src/engine/random-uuid.js';
import type { StepChangeDetail } from './efa-form.js';

/** What the history controller needs from its form. */
export interface HistoryHost extends HTMLElement {
  addController(controller: ReactiveController): void;
}

/** The one key of `history.state` that is ours; the host page's own keys stay beside it. */
const STATE_KEY = 'efa-forms';

/**
 * One form's part of a history entry. `journey` names one filling-in of the form: it continues through a reload
 * only when the answers do, and ends when they are sent, so that Back never shows answers that are gone.
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

function entryIn(state: unknown, key: string): Entry | undefined {
  const ours = isRecord(state) ? state[STATE_KEY] : undefined;
  const entry = isRecord(ours) ? ours[key] : undefined;
  return isRecord(entry) && typeof entry.journey === 'string' && typeof entry.page === 'string' ? (entry as unknown as Entry) : undefined;
}

/** The forms on the page: one `popstate` listener decides for all of them, so that they do not fight. */
const forms = new Set<HistoryController>();

/**
 * Each form shows its page of the entry. Where no form has anything to show but one held a page there that is
 * gone (answers sent, or lost with a reload), Back goes on: it never seems to do nothing because of a form.
 */
function popped(event: PopStateEvent): void {
  const moves = [...forms].map((form) => form.move(event.state)).filter((move) => move !== undefined);
  if (moves.length > 0) for (const move of moves) move();
  else if ([...forms].some((form) => form.heldGonePage(event.state))) history.back();
}

/**
 * Back and Forward move between the pages of the form: every page change adds a history entry that holds only
 * state (`history.pushState` without a URL), so the page's URL, its hash and its own state keys stay as they are;
 * Back from the first page leaves as it would without the form. Each form keeps its part of an entry under its
 * `id` (or its tag), so two forms on a page do not take each other's pages. After sending, Back passes over the
 * form's pages. A host page whose `history.state` is not an object keeps its history to itself.
 */
export class HistoryController implements ReactiveController {
  /** Undefined until the drafts decided whether answers continue (`begin`): until then nothing is written. */
  private journey: string | undefined;
  private sent = false;
  /** While following a `popstate`: a page change replaces the entry rather than adding one. */
  private following = false;

  constructor(
    private readonly host: HistoryHost,
    private readonly place: Place,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (forms.size === 0) addEventListener('popstate', popped);
    forms.add(this);
    this.host.addEventListener('efa-step-change', this.stepChanged);
    this.host.addEventListener('efa-submitted', this.submitted);
  }

  hostDisconnected(): void {
    forms.delete(this);
    if (forms.size === 0) removeEventListener('popstate', popped);
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

  /** What this form does for a `popstate` to an entry with `state`: show the entry's page, if it has one to show. */
  move(state: unknown): (() => void) | undefined {
    const entry = this.entryIn(state);
    if (!entry || !this.shows(entry) || entry.page === this.place.shown) return undefined;
    return () => {
      this.following = true;
      try {
        this.place.resumeAt(entry.page);
      } finally {
        this.following = false;
      }
    };
  }

  /** Whether the entry holds a page of this form that cannot be shown again: of lost answers, or before sending. */
  heldGonePage(state: unknown): boolean {
    const entry = this.entryIn(state);
    if (!entry || this.journey === undefined) return false;
    return entry.journey !== this.journey || (this.sent && entry.page !== 'done');
  }

  /** Whether an entry is of the answers the form has now, unsent. */
  private shows(entry: Entry): boolean {
    return this.journey !== undefined && !this.sent && entry.journey === this.journey;
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

  private key(): string {
    return this.host.id || this.host.localName;
  }

  private entryIn(state: unknown): Entry | undefined {
    return entryIn(state, this.key());
  }

  private write(how: 'push' | 'replace'): void {
    const state: unknown = history.state ?? {};
    if (!isRecord(state)) return;
    const ours = isRecord(state[STATE_KEY]) ? state[STATE_KEY] : {};
    const entry: Entry = { journey: this.journey!, page: this.place.shown };
    const next = { ...state, [STATE_KEY]: { ...ours, [this.key()]: entry } };
    if (how === 'push') history.pushState(next, '');
    else history.replaceState(next, '');
  }
}
