import { LocalDrafts, type SavedDraft } from '../../src/drafts/local-drafts.js';
import { TabMemory } from '../../src/drafts/tab-memory.js';
import type { FormEngine } from '../../src/engine/form-engine.js';
import type { ChosenLanguage, DraftsHost } from './drafts-controller.js';
import type { Place } from './page-controller.js';
import { HistoryController } from './history-controller.js';

export interface Kept {
  history: HistoryController;
  memory: TabMemory;
  /** With `drafts="local"`: the draft kept across visits, and the one to offer (none when the tab brought answers back). */
  store: LocalDrafts | undefined;
  offer: SavedDraft | undefined;
  /** Something kept could not be read and was deleted: the citizen is told. */
  damaged: boolean;
}

/**
 * What a form keeps, set up once its engine is there (loaded on demand, outside the first step's bundle): the tab
 * memory and the answers and page it brings back, Back and Forward between pages, and the local draft.
 */
export async function startKeeping(
  host: DraftsHost,
  engine: FormEngine,
  history: HistoryController | undefined,
  place: Place,
  language: ChosenLanguage,
): Promise<Kept> {
  history ??= new HistoryController(host, place);
  const { service, schemaVersion } = engine.definition;
  const kept = { service, schemaVersion, authority: host.authority, formId: host.id || undefined, lifetimeDays: host.draftDays };
  const memory = new TabMemory(engine, { ...kept, keep: host.drafts !== 'none' }, () => place.shown, () => language.chosenLocale);
  const recalled = await memory.restore((page, locale) => {
    if (locale) language.restore(locale);
    place.resumeAt(history.entryPage() ?? page);
  });
  const store = host.drafts === 'local' ? new LocalDrafts(kept) : undefined;
  const stored = store?.load();
  history.begin(recalled.restored);
  memory.start();
  return {
    history,
    memory,
    store,
    // The tab's own memory is newer than anything kept across visits: no offer beside it.
    offer: recalled.restored ? undefined : stored?.draft,
    damaged: recalled.damaged || Boolean(stored?.damaged),
  };
}
