import { expect } from '@open-wc/testing';
import { LocalDrafts } from '../../src/drafts/local-drafts.js';
import type { LocalDraftsOptions } from '../../src/drafts/local-drafts.js';

const SERVICE = 'verpflichtungserklaerung';
const AUTHORITY = '09999000';
const KEY = `efa-forms:draft:${SERVICE}:${AUTHORITY}`;
const DAY = 24 * 60 * 60 * 1000;
const SAVED = new Date('2026-11-24T10:00:00.000Z');

const answers = { gastgeber: { familienname: 'Yılmaz', vorname: 'Ayşe' }, gaeste: [{ vorname: 'Mehmet' }] };

function drafts(options: Partial<LocalDraftsOptions> = {}): LocalDrafts {
  return new LocalDrafts({ service: SERVICE, schemaVersion: '1.2.0', authority: AUTHORITY, ...options });
}

function at(ms: number): () => Date {
  return () => new Date(SAVED.getTime() + ms);
}

/** An in-memory Storage, to stand in for the browser's storage where its failures are needed. */
class MemoryStorage implements Storage {
  [name: string]: unknown;
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

/** Storage whose quota is used up, as in Safari's private mode of old or a full origin. */
class FullStorage extends MemoryStorage {
  override setItem(): void {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  }
}

/** Storage the browser blocks altogether (cookies disabled, sandboxed frame). */
class BlockedStorage extends MemoryStorage {
  override getItem(): string | null {
    throw new DOMException('Access is denied for this document.', 'SecurityError');
  }
  override setItem(): void {
    throw new DOMException('Access is denied for this document.', 'SecurityError');
  }
  override removeItem(): void {
    throw new DOMException('Access is denied for this document.', 'SecurityError');
  }
}

describe('LocalDrafts', () => {
  afterEach(() => localStorage.removeItem(KEY));

  it('saves to localStorage under a key per service and authority, and loads the draft back', () => {
    const result = drafts({ now: () => SAVED }).save(answers, 'gaeste');
    expect(result.ok).to.equal(true);

    const stored = JSON.parse(localStorage.getItem(KEY)!);
    expect(stored).to.deep.equal({
      format: 'efa-forms-draft',
      version: 1,
      service: SERVICE,
      schemaVersion: '1.2.0',
      authority: AUTHORITY,
      savedAt: '2026-11-24T10:00:00.000Z',
      expiresAt: '2026-12-01T10:00:00.000Z',
      stepId: 'gaeste',
      answers,
    });
    expect(result.ok && result.draft).to.deep.equal(stored);

    const loaded = drafts({ now: at(DAY) }).load();
    expect(loaded.damaged).to.equal(false);
    expect(loaded.draft?.answers).to.deep.equal(answers);
    expect(loaded.draft?.stepId).to.equal('gaeste');
  });

  it('returns undefined when nothing was saved', () => {
    expect(drafts().load().draft).to.equal(undefined);
  });

  it('discards the draft', () => {
    drafts().save(answers, 'gaeste');
    drafts().discard();
    expect(localStorage.getItem(KEY)).to.equal(null);
    expect(drafts().load().draft).to.equal(undefined);
  });

  it('keeps a draft for 7 days by default, then deletes it', () => {
    drafts({ now: () => SAVED }).save(answers, 'gaeste');
    expect(drafts({ now: at(7 * DAY - 1) }).load().draft?.answers).to.deep.equal(answers);
    expect(drafts({ now: at(7 * DAY) }).load().draft).to.equal(undefined);
    expect(localStorage.getItem(KEY), 'the expired draft is deleted').to.equal(null);
  });

  it('honours a custom lifetime', () => {
    drafts({ now: () => SAVED, lifetimeDays: 1 }).save(answers, 'gaeste');
    expect(drafts({ now: at(DAY - 1) }).load().draft?.answers).to.deep.equal(answers);
    expect(drafts({ now: at(DAY) }).load().draft).to.equal(undefined);

    drafts({ now: () => SAVED, lifetimeDays: 30 }).save(answers, 'gaeste');
    expect(drafts({ now: at(29 * DAY) }).load().draft?.answers).to.deep.equal(answers);
  });

  it("does not load another service's or another authority's draft, nor delete it", () => {
    drafts().save(answers, 'gaeste');
    expect(drafts({ service: 'aufenthaltstitel' }).load().draft).to.equal(undefined);
    expect(drafts({ authority: '06414000' }).load().draft).to.equal(undefined);
    expect(drafts().load().draft?.answers).to.deep.equal(answers);
  });

  it('loads a draft of another minor version of the schema, not one of another major version', () => {
    drafts({ schemaVersion: '1.2.0' }).save(answers, 'gaeste');
    expect(drafts({ schemaVersion: '1.5.3' }).load().draft?.answers).to.deep.equal(answers);
    expect(drafts({ schemaVersion: '2.0.0' }).load().draft).to.equal(undefined);
    expect(localStorage.getItem(KEY), 'a draft that can never be resumed is deleted').to.equal(null);
  });

  it('deletes an unreadable or damaged draft and says it was damaged', () => {
    const saved = drafts().save(answers, 'gaeste');
    const good = saved.ok ? saved.draft : undefined;
    const damaged = [
      '{"format":"efa-forms-draft",',
      JSON.stringify({ format: 'efa-forms-draft', version: 1, service: SERVICE }),
      JSON.stringify({ ...good, savedAt: 'gestern' }),
      JSON.stringify({ ...good, savedAt: 42 }),
      JSON.stringify({ ...good, expiresAt: 'nie' }),
      JSON.stringify({ ...good, answers: ['a'] }),
      JSON.stringify({ ...good, stepId: null }),
      'null',
    ];
    for (const text of damaged) {
      localStorage.setItem(KEY, text);
      expect(drafts().load(), text).to.deep.equal({ damaged: true });
      expect(localStorage.getItem(KEY), text).to.equal(null);
    }
  });

  it('deletes an expired draft or one of another major version without calling it damaged', () => {
    drafts({ now: at(0) }).save(answers, 'gaeste');
    expect(drafts({ now: at(8 * DAY) }).load()).to.deep.equal({ damaged: false });
    drafts({ schemaVersion: '1.0.0' }).save(answers, 'gaeste');
    expect(drafts({ schemaVersion: '2.0.0' }).load()).to.deep.equal({ damaged: false });
  });

  it('reports a full storage instead of throwing', () => {
    const local = drafts({ storage: new FullStorage() });
    expect(local.save(answers, 'gaeste')).to.deep.equal({ ok: false, reason: 'full' });
    expect(local.load().draft).to.equal(undefined);
  });

  it('reports a blocked storage instead of throwing, and loads and discards nothing', () => {
    const local = drafts({ storage: new BlockedStorage() });
    expect(local.save(answers, 'gaeste')).to.deep.equal({ ok: false, reason: 'unavailable' });
    expect(local.load().draft).to.equal(undefined);
    expect(() => local.discard()).not.to.throw();
  });

  it('uses an injected storage', () => {
    const storage = new MemoryStorage();
    drafts({ storage }).save(answers, 'gaeste');
    expect(storage.getItem(KEY)).not.to.equal(null);
    expect(localStorage.getItem(KEY)).to.equal(null);
    expect(drafts({ storage }).load().draft?.answers).to.deep.equal(answers);
  });

  it('keeps the tab memory in sessionStorage, and a form with an id apart from another of the same office', () => {
    const tab = drafts({ area: 'sessionStorage', formId: 'antrag-2' });
    tab.save(answers, 'gaeste');
    expect(localStorage.getItem(KEY)).to.equal(null);
    expect(sessionStorage.getItem(`${KEY}:antrag-2`)).not.to.equal(null);
    expect(drafts({ area: 'sessionStorage' }).load().draft, 'the form without an id has its own').to.equal(undefined);
    expect(tab.load().draft?.answers).to.deep.equal(answers);
    tab.discard();
    expect(sessionStorage.getItem(`${KEY}:antrag-2`)).to.equal(null);
  });
});
