/**
 * The embedded store: plain files under `dataDir`, nothing else to install or run. For one machine.
 *
 *   submissions/<reference>/receipt.json       the StoredEntry
 *   submissions/<reference>/submission.json    the envelope as stored
 *   submissions/<reference>/attachments/<id>.<ext>   the submission's and its answers' attachments
 *   submissions/<reference>/access             the hash of the case's access code (cases.ts)
 *   submissions/<reference>/identity-subject   the subject of the identity verified at receipt (identity.ts), if any
 *   submissions/<reference>/messages/<receivedAt>-<id>.json   the return channel's messages, one file each
 *   submissions/<reference>/payment.json       the case's payment attempts (payment-ledger.ts)
 *   payment-transactions/<transactionId>       the reference a payment transaction was made for
 *   tokens/<hash>.json                         citizens' case tokens by their hash; expired ones are removed at start
 *   nonces/<hash>                              identity nonces taken (created exclusively), until when; expired ones are removed at start
 *   index.log                                  one StoredEntry per line (with `identitySubject` where there is one), appended after each commit
 *   uploads/                                   uploads being received
 *   quarantine/<reference>                     second copies of an id found by recovery
 *
 * Commit protocol: a submission is assembled in `submissions/.incoming-<uuid>` (attachments taken over by
 * rename, every file and folder fsync'd), and the rename of that folder to `submissions/<reference>` is the commit point:
 * before it, a failure or a crash leaves only an incoming folder that recovery removes; after it, the
 * submission exists and this process knows it, even when a later step (the index line) fails. The index log
 * only speeds up start-up: recovery reads it, then indexes every submission folder it does not name, so a lost
 * or torn line costs nothing. Appending a line costs the same at 100,000 stored submissions as at 1,000.
 *
 * A message is added under the case's lock: its attachments are renamed into the case's attachments folder,
 * then the message file is written atomically, which is its commit point; a failure before removes the
 * attachments again. A message file names its id, so a repeat of that id finds it.
 *
 * A payment record is changed under the case's payment lock (in this process: the file store is for one process):
 * the files of its new transaction ids are written first, then `payment.json` atomically, which is the commit point.
 *
 * Recovery keeps one folder per envelope id (the one the log names first, else the earliest) and moves any
 * other to quarantine/, and removes incoming folders, temp files and unfinished uploads.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { canonicalJson, envelopeHash } from '../canonical.js';
import { TEMP_SUFFIX, syncDir, writeFileAtomic, writeNewFile } from './fs-atomic.js';
import { checkedSuccessor } from './payment-ledger.js';
import { REFERENCE, type CaseToken, type NewSubmission, type StoredEntry, type StoredMessage, type SubmissionStore } from './store.js';
import { PAYMENT_ID, type PaymentRecord } from '../payment.js';

const INCOMING = '.incoming-';
/** A token hash (SHA-256, hex): only such names are token files. */
const TOKEN_HASH = /^[0-9a-f]{64}$/;

/** The steps of `put`, in order; a test can make any of them fail. */
export type StoreStep = 'attachments' | 'envelope' | 'receipt' | 'commit' | 'index';

export interface FileStoreOptions {
  dataDir: string;
  /** Called before each step; throwing there simulates a failing disk (tests only). */
  beforeStep?: ((step: StoreStep) => void | Promise<void>) | undefined;
  /** Told about problems that do not fail the call (an index line that could not be written). */
  warn?: (message: string, error?: unknown) => void;
}

export interface RecoveryReport {
  indexed: number;
  quarantined: string[];
  removedTemp: number;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function readJson(path: string): Promise<any> {
  return JSON.parse(await readFile(path, 'utf8'));
}

/** Stores opened by `openFileStore` also say what their recovery did. */
export type FileStore = SubmissionStore & { readonly recovery: RecoveryReport };

export async function openFileStore({ dataDir, beforeStep = () => {}, warn = () => {} }: FileStoreOptions): Promise<FileStore> {
  const submissionsDir = join(dataDir, 'submissions');
  const uploadDir = join(dataDir, 'uploads');
  const quarantineDir = join(dataDir, 'quarantine');
  const tokensDir = join(dataDir, 'tokens');
  const transactionsDir = join(dataDir, 'payment-transactions');
  const noncesDir = join(dataDir, 'nonces');
  const logPath = join(dataDir, 'index.log');
  for (const dir of [submissionsDir, uploadDir, quarantineDir, tokensDir, transactionsDir, noncesDir]) await mkdir(dir, { recursive: true });

  const byId = new Map<string, StoredEntry>();
  const byReference = new Map<string, StoredEntry>();
  const recovery: RecoveryReport = { indexed: 0, quarantined: [], removedTemp: 0 };

  // --- recovery -------------------------------------------------------------------------------------------
  let logText = '';
  try {
    logText = await readFile(logPath, 'utf8');
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  /** What the log says, first line per id wins: the reference that id was first acknowledged with. */
  const logged = new Map<string, StoredEntry>();
  /** The verified identity subject of a stored submission, by its reference. */
  const subjects = new Map<string, string>();
  const loggedSubjects = new Map<string, string>();
  for (const line of logText.split('\n')) {
    try {
      const { identitySubject, ...entry } = JSON.parse(line) as StoredEntry & { identitySubject?: string };
      if (logged.has(entry.id)) continue;
      logged.set(entry.id, entry);
      if (identitySubject) loggedSubjects.set(entry.reference, identitySubject);
    } catch {
      // a torn line from a crash: the folder scan below finds that submission
    }
  }
  const loggedByReference = new Map([...logged.values()].map((entry) => [entry.reference, entry]));

  for (const name of await readdir(uploadDir)) {
    await rm(join(uploadDir, name), { recursive: true, force: true });
    recovery.removedTemp += 1;
  }
  for (const name of await readdir(tokensDir)) {
    const token: CaseToken | undefined = TOKEN_HASH.test(name.replace(/\.json$/, '')) ? await readJson(join(tokensDir, name)).catch(() => undefined) : undefined;
    if (!token || Date.parse(token.expiresAt) <= Date.now()) await rm(join(tokensDir, name), { force: true });
  }
  for (const name of await readdir(noncesDir)) {
    const until = await readFile(join(noncesDir, name), 'utf8').catch(() => '');
    if (!(Date.parse(until) > Date.now())) await rm(join(noncesDir, name), { force: true });
  }
  const found = new Map<string, StoredEntry[]>();
  for (const name of await readdir(submissionsDir)) {
    if (name.startsWith(INCOMING) || name.endsWith(TEMP_SUFFIX)) {
      await rm(join(submissionsDir, name), { recursive: true, force: true });
      recovery.removedTemp += 1;
      continue;
    }
    if (!REFERENCE.test(name)) continue;
    let entry = loggedByReference.get(name);
    const subject = entry ? loggedSubjects.get(name) : await readFile(join(submissionsDir, name, 'identity-subject'), 'utf8').catch((error) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    if (subject) subjects.set(name, subject);
    if (!entry) {
      const receipt = await readJson(join(submissionsDir, name, 'receipt.json'));
      // Receipts written before hashes were kept get the hash of the stored envelope.
      const hash: string = receipt.hash ?? envelopeHash(await readJson(join(submissionsDir, name, 'submission.json')));
      entry = { id: receipt.id, reference: receipt.reference, service: receipt.service, receivedAt: receipt.receivedAt, hash };
      recovery.indexed += 1;
    }
    found.set(entry.id, [...(found.get(entry.id) ?? []), entry]);
  }
  const unlogged: StoredEntry[] = [];
  for (const [id, copies] of found) {
    const keep =
      copies.find((entry) => entry.reference === logged.get(id)?.reference) ??
      [...copies].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.reference.localeCompare(b.reference))[0]!;
    for (const copy of copies) {
      if (copy === keep) continue;
      await rename(join(submissionsDir, copy.reference), join(quarantineDir, `${copy.reference}-${randomUUID()}`));
      recovery.quarantined.push(copy.reference);
    }
    byId.set(id, keep);
    byReference.set(keep.reference, keep);
    if (logged.get(id)?.reference !== keep.reference) unlogged.push(keep);
  }
  if (recovery.quarantined.length > 0) await syncDir(submissionsDir);

  // --- the index log --------------------------------------------------------------------------------------
  const log: FileHandle = await open(logPath, 'a');
  /** Entries committed but not yet in the log. */
  const pending: StoredEntry[] = [...unlogged];
  let tornTail = logText.length > 0 && !logText.endsWith('\n');
  let logWrites = Promise.resolve();

  /** Appends every pending entry; on failure they stay pending for the next append (and recovery finds them anyway). */
  function appendPending(): Promise<void> {
    logWrites = logWrites.then(async () => {
      if (pending.length === 0) return;
      const count = pending.length;
      const line = (entry: StoredEntry) => canonicalJson(subjects.has(entry.reference) ? { ...entry, identitySubject: subjects.get(entry.reference) } : entry);
      const lines = (tornTail ? '\n' : '') + pending.map((entry) => `${line(entry)}\n`).join('');
      try {
        await beforeStep('index');
        await log.write(lines);
        await log.datasync();
        pending.splice(0, count);
        tornTail = false;
      } catch (error) {
        tornTail = true; // a failed write may have left part of a line
        warn('index.log could not be written; the submissions stay stored and are indexed again at the next start', error);
      }
    });
    return logWrites;
  }
  await appendPending();

  // --- writing ----------------------------------------------------------------------------------------------
  const locks = new Map<string, Promise<unknown>>();
  /** Runs `task` after every earlier task with the same key has finished. */
  async function withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = locks.get(key) ?? Promise.resolve();
    const current = previous.then(task, task);
    const tail = current.catch(() => {});
    locks.set(key, tail);
    try {
      return await current;
    } finally {
      if (locks.get(key) === tail) locks.delete(key);
    }
  }
  const reserved = new Set<string>();

  function folder(reference: string): string {
    return join(submissionsDir, reference);
  }

  /** The folder of a committed submission; throws for anything else. */
  async function storedFolder(reference: string): Promise<string> {
    if (!REFERENCE.test(reference)) throw new Error(`not a reference: ${reference}`);
    await stat(join(folder(reference), 'receipt.json')); // a committed submission, else ENOENT
    return folder(reference);
  }

  /** A small file of the case's own (`access`, `notify`), or undefined. */
  async function caseFile(reference: string, name: string): Promise<string | undefined> {
    if (!REFERENCE.test(reference)) return undefined;
    try {
      return await readFile(join(folder(reference), name), 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async function commit({ envelope, hash, files, accessHash, identitySubject }: NewSubmission, reference: string, receivedAt: string): Promise<StoredEntry> {
    const entry: StoredEntry = { id: envelope.id, reference, service: envelope.service, receivedAt, hash };
    const incoming = join(submissionsDir, `${INCOMING}${randomUUID()}`);
    try {
      await beforeStep('attachments');
      await mkdir(join(incoming, 'attachments'), { recursive: true });
      for (const file of files) await rename(file.path, join(incoming, 'attachments', file.name));
      await syncDir(join(incoming, 'attachments'));
      // The incoming folder is private until the rename: its files need no temp names, only fsyncs.
      await beforeStep('envelope');
      await writeNewFile(join(incoming, 'submission.json'), `${JSON.stringify(envelope, null, 2)}\n`);
      if (accessHash) await writeNewFile(join(incoming, 'access'), accessHash);
      if (identitySubject) await writeNewFile(join(incoming, 'identity-subject'), identitySubject);
      await beforeStep('receipt');
      await writeNewFile(join(incoming, 'receipt.json'), `${JSON.stringify(entry, null, 2)}\n`);
      await syncDir(incoming);
      await beforeStep('commit');
      await rename(incoming, folder(reference));
    } catch (error) {
      await rm(incoming, { recursive: true, force: true });
      throw error;
    }
    // Committed: from here on this id has this reference, whatever fails next.
    byId.set(entry.id, entry);
    byReference.set(reference, entry);
    if (identitySubject) subjects.set(reference, identitySubject);
    await syncDir(submissionsDir);
    pending.push(entry);
    await appendPending();
    return entry;
  }

  function newestFirst(entries: StoredEntry[]): StoredEntry[] {
    return entries.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.reference.localeCompare(a.reference));
  }

  async function paymentRecord(reference: string): Promise<PaymentRecord | undefined> {
    const text = await caseFile(reference, 'payment.json');
    return text === undefined ? undefined : (JSON.parse(text) as PaymentRecord);
  }

  async function readMessages(reference: string): Promise<Array<{ name: string; message: StoredMessage }>> {
    const dir = join(folder(reference), 'messages');
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const files = names.filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
    return Promise.all(files.map(async (name) => ({ name, message: (await readJson(join(dir, name))) as StoredMessage })));
  }

  return {
    uploadDir,
    recovery,

    put(submission, newReference) {
      return withLock(submission.envelope.id, async () => {
        const stored = byId.get(submission.envelope.id);
        if (stored) return { entry: stored, created: false };
        const receivedAt = new Date().toISOString();
        let reference: string;
        do reference = newReference(receivedAt);
        while (byReference.has(reference) || reserved.has(reference));
        reserved.add(reference);
        try {
          return { entry: await commit(submission, reference, receivedAt), created: true };
        } finally {
          reserved.delete(reference);
        }
      });
    },

    async find(id) {
      return byId.get(id);
    },

    async get(reference) {
      const known = byReference.get(reference);
      if (known || !REFERENCE.test(reference)) return known;
      // Committed after this store read the folder, by another store on it (a restarted process): the folder is
      // the truth, so a reference once acknowledged is always found.
      try {
        const receipt = await readJson(join(folder(reference), 'receipt.json'));
        return { id: receipt.id, reference: receipt.reference, service: receipt.service, receivedAt: receipt.receivedAt, hash: receipt.hash };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async list() {
      return newestFirst([...byId.values()]);
    },

    async casesOf(identitySubject) {
      return newestFirst([...byId.values()].filter((entry) => subjects.get(entry.reference) === identitySubject));
    },

    async envelope(reference) {
      return readJson(join(folder(reference), 'submission.json'));
    },

    async attachment(reference, name) {
      const path = join(folder(reference), 'attachments', name);
      try {
        const { size } = await stat(path);
        return { stream: createReadStream(path), size };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    accessHash: (reference) => caseFile(reference, 'access'),

    async replaceAccessHash(reference, accessHash) {
      await writeFileAtomic(join(await storedFolder(reference), 'access'), accessHash);
    },

    notifyAddress: (reference) => caseFile(reference, 'notify'),

    async setNotifyAddress(reference, address) {
      const path = join(await storedFolder(reference), 'notify');
      if (address === undefined) {
        await rm(path, { force: true });
        await syncDir(dirname(path));
      } else {
        await writeFileAtomic(path, address);
      }
    },

    addMessage(reference, message, files) {
      if (!REFERENCE.test(reference)) throw new Error(`not a reference: ${reference}`);
      return withLock(`case:${reference}`, async () => {
        await storedFolder(reference);
        const earlier = (await readMessages(reference)).find(({ name }) => name.endsWith(`-${message.id}.json`));
        if (earlier) return { message: earlier.message, created: false };
        const stored: StoredMessage = { ...message, receivedAt: new Date().toISOString() };
        const messagesDir = join(folder(reference), 'messages');
        const attachmentsDir = join(folder(reference), 'attachments');
        await mkdir(messagesDir, { recursive: true });
        await syncDir(folder(reference));
        const taken: string[] = [];
        try {
          for (const file of files) {
            const target = join(attachmentsDir, file.name);
            await rename(file.path, target);
            taken.push(target);
          }
          if (taken.length > 0) await syncDir(attachmentsDir);
          await writeFileAtomic(join(messagesDir, `${stored.receivedAt}-${message.id}.json`), `${JSON.stringify(stored, null, 2)}\n`);
        } catch (error) {
          for (const path of taken) await rm(path, { force: true });
          throw error;
        }
        return { message: stored, created: true };
      });
    },

    async messages(reference) {
      if (!REFERENCE.test(reference)) return [];
      return (await readMessages(reference)).map(({ message }) => message);
    },

    async saveToken(tokenHash, token) {
      if (!TOKEN_HASH.test(tokenHash)) throw new Error('not a token hash');
      await writeFileAtomic(join(tokensDir, `${tokenHash}.json`), JSON.stringify(token));
    },

    async token(tokenHash) {
      if (!TOKEN_HASH.test(tokenHash)) return undefined;
      try {
        return (await readJson(join(tokensDir, `${tokenHash}.json`))) as CaseToken;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async revokeToken(tokenHash) {
      if (!TOKEN_HASH.test(tokenHash)) return;
      await rm(join(tokensDir, `${tokenHash}.json`), { force: true });
      await syncDir(tokensDir);
    },

    async takeNonce(nonce, expiresAt) {
      const path = join(noncesDir, createHash('sha256').update(nonce).digest('hex'));
      try {
        await writeNewFile(path, expiresAt);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        // Taken before and still alive (or being written just now): refused; one that expired is taken anew (its
        // token is expired too, so no verified token gets here with it).
        const until = Date.parse(await readFile(path, 'utf8').catch(() => ''));
        if (!(until <= Date.now())) return false;
        await writeFileAtomic(path, expiresAt);
        return true;
      }
      await syncDir(noncesDir);
      return true;
    },

    payments: {
      get: paymentRecord,

      async referenceOf(transactionId) {
        if (!PAYMENT_ID.test(transactionId)) return undefined;
        try {
          return await readFile(join(transactionsDir, transactionId), 'utf8');
        } catch (error) {
          if (isMissing(error)) return undefined;
          throw error;
        }
      },

      exclusive(reference, change) {
        return withLock(`payment:${reference}`, async () => {
          const caseFolder = await storedFolder(reference);
          let saved = await paymentRecord(reference);
          return change(saved, async (record) => {
            checkedSuccessor(saved, record);
            if (record.reference !== reference) throw new Error(`payment record of ${record.reference} saved under ${reference}`);
            const known = new Set(saved?.attempts.map((attempt) => attempt.transactionId));
            for (const { transactionId } of record.attempts) {
              if (known.has(transactionId)) continue;
              if (!PAYMENT_ID.test(transactionId)) throw new Error(`not a transaction id: ${transactionId}`);
              await writeFileAtomic(join(transactionsDir, transactionId), reference);
            }
            await writeFileAtomic(join(caseFolder, 'payment.json'), `${JSON.stringify(record, null, 2)}\n`);
            saved = record;
          });
        });
      },
    },

    async close() {
      await logWrites;
      await log.close();
    },
  };
}
