/**
 * What the relay has done for each idempotency key, on disk, one JSON file per key: written (atomically, fsynced)
 * after every step that changed something at FIT-Connect, so a relay restarted at any point goes on from the
 * last step and never creates a second submission for the same key. Holds ids and ciphertext-free facts only.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../storage/fs-atomic.js';
import type { AuthenticationTags } from './event-log.js';

export interface JournalEntry {
  service: string;
  route?: string;
  /** The authority's ARS, as the browser sent it. */
  region?: string;
  destinationId: string;
  submissionId: string;
  caseId: string;
  announced: string[];
  /** Attachments uploaded (their ids); an upload repeated after a restart overwrites, which the API allows. */
  uploaded: string[];
  /**
   * The authentication tags of the JWEs forwarded: an attachment's when it is uploaded, metadata's and data's when
   * the submit is sent; the event log's SETs must name exactly these. Tags only, never ciphertext.
   */
  tags: AuthenticationTags;
  /** Set before the submit call: from then on, an answer lost may mean the submission went through. */
  submitSent?: boolean;
  receipt?: { reference: string; receivedAt: string };
}

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isIdempotencyKey(key: string): boolean {
  return KEY.test(key);
}

export function openJournal(dir: string) {
  const path = (key: string) => {
    if (!isIdempotencyKey(key)) throw new Error('Not an idempotency key.');
    return join(dir, `${key}.json`);
  };
  /** Steps for one key run one after another; different keys do not wait for each other. */
  const queues = new Map<string, Promise<unknown>>();

  return {
    async read(key: string): Promise<JournalEntry | undefined> {
      try {
        return JSON.parse(await readFile(path(key), 'utf8'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(key: string, entry: JournalEntry): Promise<void> {
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(path(key), `${JSON.stringify(entry)}\n`);
    },
    exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
      const previous = queues.get(key) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(work);
      queues.set(key, next);
      void next.finally(() => {
        if (queues.get(key) === next) queues.delete(key);
      }).catch(() => undefined);
      return next;
    },
  };
}

export type Journal = ReturnType<typeof openJournal>;
