/**
 * Drafts in the citizen's own browser, one per service, authority and form id, with an expiry date: in
 * `localStorage` for `drafts="local"` (kept across visits), in `sessionStorage` for the tab memory (tab-memory.ts,
 * gone with the tab). Nothing leaves the device. File contents are never stored: the engine's `answers()` leaves
 * them out.
 *
 * Storage can be missing, blocked (private mode, sandboxed frames, cookies disabled) or full. None of that may
 * break the form: `save` reports the failure in its result, `load` and `discard` stay silent.
 */
import type { JsonObject } from '../engine/pointer.js';

export interface SavedDraft {
  format: 'efa-forms-draft';
  version: 1;
  service: string;
  schemaVersion: string;
  authority: string;
  /** ISO 8601 timestamps. */
  savedAt: string;
  expiresAt: string;
  stepId: string;
  answers: JsonObject;
  /** The language the citizen chose in the form's own switch, if they did: it comes back with the answers. */
  locale?: string;
}

export type SaveResult =
  | { ok: true; draft: SavedDraft }
  /** `full`: the browser's quota is used up; `unavailable`: storage is missing or blocked. */
  | { ok: false; reason: 'full' | 'unavailable' };

/**
 * What `load` found: a draft to offer, or none. `damaged`: there was one, but unreadable or with fields that are
 * not what this library writes (a broken browser store, another program, a hand edit); it has been deleted, and
 * the citizen should be told.
 */
export type LoadResult = { draft: SavedDraft; damaged: false } | { draft?: undefined; damaged: boolean };

export interface LocalDraftsOptions {
  service: string;
  schemaVersion: string;
  /** AGS/ARS of the office: the same form embedded by two offices keeps two drafts. */
  authority: string;
  /** The element's `id`: two forms of one service and office on a page keep two drafts. */
  formId?: string;
  lifetimeDays?: number;
  /** Which of the browser's storage areas (default `localStorage`); `storage` replaces it in tests. */
  area?: 'localStorage' | 'sessionStorage';
  storage?: Storage;
  now?: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Drafts and draft files are interchangeable across minor and patch versions of a service's schema only. */
export function sameSchemaMajor(a: string, b: string): boolean {
  return a.split('.')[0] === b.split('.')[0];
}

function isQuotaError(error: unknown): boolean {
  // Older Firefox names it differently; code 22 is the legacy QUOTA_EXCEEDED_ERR.
  return (
    error instanceof DOMException &&
    (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED' || error.code === 22)
  );
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class LocalDrafts {
  private readonly key: string;
  private readonly service: string;
  private readonly schemaVersion: string;
  private readonly authority: string;
  private readonly lifetimeMs: number;
  private readonly area: 'localStorage' | 'sessionStorage';
  private readonly storage: Storage | undefined;
  private readonly now: () => Date;

  constructor(options: LocalDraftsOptions) {
    this.service = options.service;
    this.schemaVersion = options.schemaVersion;
    this.authority = options.authority;
    this.lifetimeMs = (options.lifetimeDays ?? 7) * DAY_MS;
    this.area = options.area ?? 'localStorage';
    this.storage = options.storage;
    this.now = options.now ?? (() => new Date());
    this.key = `efa-forms:draft:${options.service}:${options.authority}${options.formId ? `:${options.formId}` : ''}`;
  }

  /** Only call inside `try`: where storage is blocked, merely reading `localStorage` or `sessionStorage` throws. */
  private store(): Storage {
    return this.storage ?? globalThis[this.area];
  }

  save(answers: JsonObject, stepId: string, locale?: string): SaveResult {
    const savedAt = this.now();
    const draft: SavedDraft = {
      format: 'efa-forms-draft',
      version: 1,
      service: this.service,
      schemaVersion: this.schemaVersion,
      authority: this.authority,
      savedAt: savedAt.toISOString(),
      expiresAt: new Date(savedAt.getTime() + this.lifetimeMs).toISOString(),
      stepId,
      answers,
      ...(locale ? { locale } : {}),
    };
    const text = JSON.stringify(draft);
    try {
      this.store().setItem(this.key, text);
      return { ok: true, draft };
    } catch (error) {
      return { ok: false, reason: isQuotaError(error) ? 'full' : 'unavailable' };
    }
  }

  /**
   * The draft to resume, if any. A draft that can never be resumed (damaged, expired, of another major schema
   * version) is deleted at once: personal data should not outstay its use.
   */
  load(): LoadResult {
    let text: string | null;
    try {
      text = this.store().getItem(this.key);
    } catch {
      return { damaged: false };
    }
    if (text === null) return { damaged: false };
    const draft = parseDraft(text);
    if (draft && this.usable(draft)) return { draft, damaged: false };
    this.discard();
    return { damaged: !draft };
  }

  discard(): void {
    try {
      this.store().removeItem(this.key);
    } catch {
      // Nothing stored where nothing can be stored.
    }
  }

  /** Ours, of a compatible schema version, and not expired. */
  private usable(draft: SavedDraft): boolean {
    return (
      draft.service === this.service &&
      draft.authority === this.authority &&
      sameSchemaMajor(draft.schemaVersion, this.schemaVersion) &&
      this.now().getTime() < Date.parse(draft.expiresAt)
    );
  }
}

/** A date-time as `save` writes it (`toISOString`), nothing that only `Date.parse` would guess at. */
function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(value) && !Number.isNaN(Date.parse(value));
}

/** The stored text as a draft in the form `save` writes, or undefined when it is anything else. */
function parseDraft(text: string): SavedDraft | undefined {
  let draft: unknown;
  try {
    draft = JSON.parse(text);
  } catch {
    return undefined;
  }
  const wellFormed =
    isPlainObject(draft) &&
    draft.format === 'efa-forms-draft' &&
    draft.version === 1 &&
    typeof draft.service === 'string' &&
    typeof draft.authority === 'string' &&
    typeof draft.schemaVersion === 'string' &&
    typeof draft.stepId === 'string' &&
    isTimestamp(draft.savedAt) &&
    isTimestamp(draft.expiresAt) &&
    isPlainObject(draft.answers) &&
    (draft.locale === undefined || typeof draft.locale === 'string');
  return wellFormed ? (draft as unknown as SavedDraft) : undefined;
}
