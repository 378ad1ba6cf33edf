/**
 * Durable storage of the reference receiver: plain files, nothing else to install or run.
 *
 * Layout under `dataDir`:
 *   index.json                          envelope id → { reference, service, receivedAt }
 *   submissions/<reference>/receipt.json { id, reference, service, receivedAt }
 *   submissions/<reference>/submission.json  the envelope as received
 *   submissions/<reference>/attachments/<attachment id>
 *
 * Every file is written to a temp file in its own folder, fsync'd and renamed over the target, and the folder
 * is fsync'd after the rename. A submission folder is assembled under a temp name and renamed into place only
 * when complete; the index entry is written last, and only then is the submission acknowledged. After a crash
 * between the two steps the folder is complete but not indexed: `openStorage` indexes it again, so a client
 * that retries with the same id gets the reference that was already stored.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * @typedef {{ reference: string, service: string, receivedAt: string }} IndexEntry
 * @typedef {IndexEntry & { id: string }} Receipt
 * @typedef {{ id: string, bytes: Uint8Array }} StoredFile
 */

const INCOMING = '.incoming-';
/** The shape of a reference (`VE-2026-4F7K2Q`): only such names are submission folders or lookups. */
export const REFERENCE = /^[A-Z]{2}-\d{4}-[A-Z0-9]{6}$/;

/** @param {string} dir */
async function syncDir(dir) {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * @param {string} path
 * @param {string | Uint8Array} data
 */
export async function writeFileAtomic(path, data) {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomUUID()}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, path);
  await syncDir(dir);
}

/** @param {string} path */
async function readJson(path) {
  return JSON.parse(await readFile(path, 'utf8'));
}

/** @param {unknown} error */
function isMissing(error) {
  return /** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT';
}

/** @param {string} dataDir */
export async function openStorage(dataDir) {
  const submissionsDir = join(dataDir, 'submissions');
  const indexPath = join(dataDir, 'index.json');
  await mkdir(submissionsDir, { recursive: true });

  /** @type {Map<string, IndexEntry>} */
  const index = new Map();
  try {
    for (const [id, entry] of Object.entries(await readJson(indexPath))) index.set(id, entry);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  /** @type {Map<string, string>} reference → envelope id */
  const byReference = new Map([...index].map(([id, entry]) => [entry.reference, id]));

  // Recovery: drop half-written folders and temp files, index complete folders the index does not know yet.
  let recovered = false;
  for (const name of await readdir(submissionsDir)) {
    if (name.startsWith(INCOMING) || name.endsWith('.tmp')) {
      await rm(join(submissionsDir, name), { recursive: true, force: true });
    } else if (REFERENCE.test(name) && !byReference.has(name)) {
      /** @type {Receipt} */
      const receipt = await readJson(join(submissionsDir, name, 'receipt.json'));
      index.set(receipt.id, { reference: receipt.reference, service: receipt.service, receivedAt: receipt.receivedAt });
      byReference.set(receipt.reference, receipt.id);
      recovered = true;
    }
  }

  // Index writes are serialised so that a slower write never replaces a newer index with an older one.
  let indexWrites = Promise.resolve();
  /** @param {string} id @param {IndexEntry} entry */
  function commit(id, entry) {
    const write = indexWrites.then(async () => {
      const next = new Map(index).set(id, entry);
      await writeFileAtomic(indexPath, `${JSON.stringify(Object.fromEntries(next), null, 2)}\n`);
      index.set(id, entry);
      byReference.set(entry.reference, id);
    });
    indexWrites = write.catch(() => {});
    return write;
  }
  if (recovered) await writeFileAtomic(indexPath, `${JSON.stringify(Object.fromEntries(index), null, 2)}\n`);

  /** @param {string} reference */
  function folder(reference) {
    return join(submissionsDir, reference);
  }

  return {
    /** @param {string} id envelope id @returns {IndexEntry | undefined} */
    find(id) {
      return index.get(id);
    },

    /** @param {string} reference */
    has(reference) {
      return byReference.has(reference);
    },

    /** @param {string} reference @returns {IndexEntry | undefined} */
    get(reference) {
      const id = byReference.get(reference);
      return id === undefined ? undefined : index.get(id);
    },

    /** Newest first. @returns {IndexEntry[]} */
    list() {
      return [...index.values()].sort(
        (a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.reference.localeCompare(a.reference),
      );
    },

    /**
     * Writes the submission and its attachments, then the index entry. Resolves once all of it is on disk.
     * @param {{ id: string }} envelope
     * @param {StoredFile[]} files
     * @param {IndexEntry} entry
     */
    async store(envelope, files, entry) {
      const incoming = join(submissionsDir, `${INCOMING}${entry.reference}-${randomUUID()}`);
      try {
        await mkdir(join(incoming, 'attachments'), { recursive: true });
        for (const file of files) await writeFileAtomic(join(incoming, 'attachments', file.id), file.bytes);
        await writeFileAtomic(join(incoming, 'submission.json'), `${JSON.stringify(envelope, null, 2)}\n`);
        /** @type {Receipt} */
        const receipt = { id: envelope.id, ...entry };
        await writeFileAtomic(join(incoming, 'receipt.json'), `${JSON.stringify(receipt, null, 2)}\n`);
        await rename(incoming, folder(entry.reference));
        await syncDir(submissionsDir);
      } catch (error) {
        await rm(incoming, { recursive: true, force: true });
        throw error;
      }
      await commit(envelope.id, entry);
    },

    /** @param {string} reference @returns {Promise<any>} the envelope */
    async envelope(reference) {
      return readJson(join(folder(reference), 'submission.json'));
    },

    /**
     * @param {string} reference
     * @param {string} id an attachment id the envelope announced (never a path from the request)
     */
    async attachment(reference, id) {
      return readFile(join(folder(reference), 'attachments', id));
    },
  };
}

/** @typedef {Awaited<ReturnType<typeof openStorage>>} Storage */
