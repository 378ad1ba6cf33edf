/**
 * The store's promises (storage/store.ts): exactly once whatever step fails, the same reference for the same
 * id. `storeContract` takes any store that can be opened on a place and told to fail at a step, so a PostgreSQL
 * store runs the same suite; the recovery tests below it are the file store's own.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openFileStore, type StoreStep } from '../storage/file-store.js';
import type { NewSubmission, SubmissionStore } from '../storage/store.js';

/** Opens a store on one place (a folder, a database) that survives reopening; counts the copies it holds. */
interface StoreUnderTest {
  open(beforeStep?: (step: StoreStep) => void): Promise<SubmissionStore>;
  copies(): Promise<string[]>;
}

const STEPS: StoreStep[] = ['attachments', 'envelope', 'receipt', 'commit', 'index'];

let counter = 0;
const newReference = (): string => `VE-2026-${String(100000 + (counter += 1)).replace(/[01]/g, 'Z')}`;

async function fresh(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'efa-store-test-'));
}

async function submission(store: SubmissionStore, id: string = crypto.randomUUID()): Promise<NewSubmission> {
  const path = join(store.uploadDir, crypto.randomUUID());
  await writeFile(path, '%PDF-1.4 test');
  return { envelope: { id, service: 'verpflichtungserklaerung', data: {} }, hash: 'h1', files: [{ name: `${id}.pdf`, path }] };
}

async function folders(dataDir: string): Promise<string[]> {
  return (await readdir(join(dataDir, 'submissions'))).sort();
}

function storeContract(name: string, place: () => Promise<StoreUnderTest>): void {
  describe(`${name}: the store contract`, () => {
    it('stores once per id and gives a repeat the first entry', async () => {
      const store = await (await place()).open();
      const sent = await submission(store);
      const first = await store.put(sent, newReference);
      const again = await store.put(await submission(store, sent.envelope.id), newReference);
      assert.equal(first.created, true);
      assert.equal(again.created, false);
      assert.deepEqual(again.entry, first.entry);
      assert.deepEqual(await store.get(first.entry.reference), first.entry);
      await store.close();
    });

    it('stores concurrent puts of one id once', async () => {
      const under = await place();
      const store = await under.open();
      const id = crypto.randomUUID();
      const results = await Promise.all([1, 2, 3].map(async () => store.put(await submission(store, id), newReference)));
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal(new Set(results.map((r) => r.entry.reference)).size, 1);
      assert.equal((await under.copies()).length, 1);
      await store.close();
    });

    for (const step of STEPS.filter((s) => s !== 'index')) {
      it(`leaves nothing when the ${step} step fails, and the retry stores once`, async () => {
        const under = await place();
        let failing: StoreStep | undefined = step;
        const store = await under.open((current) => {
          if (current === failing) throw new Error(`injected: ${current}`);
        });
        const sent = await submission(store);
        await assert.rejects(store.put(sent, newReference), /injected/);
        assert.deepEqual(await under.copies(), []);
        assert.equal(await store.find(sent.envelope.id), undefined);
        failing = undefined;
        const retry = await store.put(await submission(store, sent.envelope.id), newReference);
        assert.equal(retry.created, true);
        assert.deepEqual(await under.copies(), [retry.entry.reference]);
        await store.close();
      });
    }

    it('keeps one copy under one reference when the index write fails, also after a restart', async () => {
      const under = await place();
      let failIndex = true;
      const store = await under.open((step) => {
        if (step === 'index' && failIndex) throw new Error('injected: index');
      });
      const sent = await submission(store);
      const first = await store.put(sent, newReference);
      const retry = await store.put(await submission(store, sent.envelope.id), newReference);
      assert.equal(retry.created, false);
      assert.equal(retry.entry.reference, first.entry.reference);
      assert.deepEqual(await under.copies(), [first.entry.reference]);
      await store.close();

      failIndex = false;
      const reopened = await under.open();
      assert.equal((await reopened.find(sent.envelope.id))?.reference, first.entry.reference);
      assert.equal((await reopened.list()).length, 1);
      await reopened.close();
    });
  });
}

storeContract('file store', async () => {
  const dataDir = await fresh();
  return {
    open: (beforeStep) => openFileStore({ dataDir, ...(beforeStep ? { beforeStep } : {}) }),
    copies: () => folders(dataDir),
  };
});

describe('file store: recovery', () => {
  it('finds by reference what a store opened earlier on the same folder committed after this one started', async () => {
    const dataDir = await fresh();
    const earlier = await openFileStore({ dataDir });
    const later = await openFileStore({ dataDir });
    const { entry } = await earlier.put(await submission(earlier), newReference);
    assert.deepEqual(await later.get(entry.reference), entry);
    assert.equal(await later.get('VE-2026-NOTHER'), undefined);
    assert.equal(await later.get('../index.log'), undefined);
    await earlier.close();
    await later.close();
  });

  it('indexes again what the index log missed, once', async () => {
    const dataDir = await fresh();
    const store = await openFileStore({
      dataDir,
      beforeStep: (step) => {
        if (step === 'index') throw new Error('injected: index');
      },
    });
    const sent = await submission(store);
    const { entry } = await store.put(sent, newReference);
    await store.close();
    const reopened = await openFileStore({ dataDir });
    assert.equal(reopened.recovery.indexed, 1);
    await reopened.close();
    // The recovered entry is in the log now: the next start finds it there.
    const again = await openFileStore({ dataDir });
    assert.equal(again.recovery.indexed, 0);
    assert.equal((await again.find(sent.envelope.id))?.reference, entry.reference);
    await again.close();
  });

  it('recovers: one copy per id (the logged one), the rest quarantined, temp files and torn lines cleaned', async () => {
    const dataDir = await fresh();
    const store = await openFileStore({ dataDir });
    const sent = await submission(store);
    const { entry } = await store.put(sent, newReference);
    await store.close();

    // A second copy of the same id, as the old receiver left them after failed index writes.
    const copy = newReference();
    await cp(join(dataDir, 'submissions', entry.reference), join(dataDir, 'submissions', copy), { recursive: true });
    const receiptPath = join(dataDir, 'submissions', copy, 'receipt.json');
    await writeFile(
      receiptPath,
      JSON.stringify({ ...JSON.parse(await readFile(receiptPath, 'utf8')), reference: copy, receivedAt: '2020-01-01T00:00:00.000Z' }),
    );
    await mkdir(join(dataDir, 'submissions', '.incoming-crashed'));
    await writeFile(join(dataDir, 'submissions', '.x.tmp'), 'half');
    await writeFile(join(dataDir, 'uploads', 'half-upload'), 'half');
    await writeFile(join(dataDir, 'index.log'), '{"id":"torn', { flag: 'a' });

    const reopened = await openFileStore({ dataDir });
    assert.deepEqual(reopened.recovery.quarantined, [copy]);
    assert.equal(reopened.recovery.removedTemp, 3);
    assert.deepEqual(await folders(dataDir), [entry.reference]);
    assert.equal((await reopened.find(sent.envelope.id))?.reference, entry.reference);
    assert.deepEqual(await readdir(join(dataDir, 'uploads')), []);
    // Appends after a torn line start on a line of their own.
    const next = await reopened.put(await submission(reopened), newReference);
    await reopened.close();
    const lines = (await readFile(join(dataDir, 'index.log'), 'utf8')).split('\n').filter(Boolean);
    assert.equal(JSON.parse(lines.at(-1)!).reference, next.entry.reference);
  });
});
