/**
 * The store's promises (storage/store.ts): exactly once whatever step fails, the same reference for the same
 * id. `storeContract` is one suite that runs against both back ends, the file store and the PostgreSQL store
 * (skipped, loudly, where DATABASE_URL is unset; CI always sets it). Below it: the file store's recovery and the
 * PostgreSQL store's own faults (a killed connection, a restarted server, failing statements).
 */
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { PaymentAttempt, PaymentRecord, PaymentStatus } from '../payment.js';
import { openFileStore } from '../storage/file-store.js';
import { openPostgresStore } from '../storage/postgres-store.js';
import type { CaseMessage, NewSubmission, StepHook, SubmissionStore } from '../storage/store.js';
import { POSTGRES_SKIPPED, restartPostgres, scratchDatabase, sql } from './helpers.js';

/** Opens a store on one place (a folder, a database) that survives reopening; counts the copies it holds. */
interface StoreUnderTest {
  open(beforeStep?: StepHook): Promise<SubmissionStore>;
  copies(): Promise<string[]>;
}

interface Backend {
  name: string;
  skip: string | false;
  place(): Promise<StoreUnderTest>;
  /** The steps of `put` before its commit point, and the one after it. */
  stepsBeforeCommit: string[];
  stepAfterCommit: string;
}

let counter = 0;
/** A new reference per call: the counter's six digits as letters (replacing 0 and 1 alone made 100004 and 100014 one reference). */
const newReference = (): string => `VE-2026-${[...String((counter += 1)).padStart(6, '0')].map((digit) => 'ABCDEFGHJK'[Number(digit)]).join('')}`;

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

const scratch: Array<() => Promise<void>> = [];
after(async () => {
  for (const drop of scratch) await drop();
});

/** A fresh database for each test, dropped at the end. */
async function postgresPlace(): Promise<StoreUnderTest & { url: string }> {
  const database = await scratchDatabase();
  scratch.push(database.drop);
  const uploadDir = join(await fresh(), 'uploads');
  return {
    url: database.url,
    open: (beforeStep) => openPostgresStore({ connectionString: database.url, uploadDir, beforeStep }),
    copies: async () => (await sql(database.url, 'select reference from submissions order by reference')).map((row) => row.reference),
  };
}

const BACKENDS: Backend[] = [
  {
    name: 'file store',
    skip: false,
    place: async () => {
      const dataDir = await fresh();
      return { open: (beforeStep) => openFileStore({ dataDir, beforeStep }), copies: () => folders(dataDir) };
    },
    stepsBeforeCommit: ['attachments', 'envelope', 'receipt', 'commit'],
    stepAfterCommit: 'index',
  },
  {
    name: 'PostgreSQL store',
    skip: POSTGRES_SKIPPED,
    place: postgresPlace,
    stepsBeforeCommit: ['envelope', 'attachments', 'commit'],
    stepAfterCommit: 'committed',
  },
];

function storeContract({ name, skip, place, stepsBeforeCommit, stepAfterCommit }: Backend): void {
  describe(`${name}: the store contract`, { skip }, () => {
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

    for (const step of stepsBeforeCommit) {
      it(`leaves nothing when the ${step} step fails, and the retry stores once`, async () => {
        const under = await place();
        let failing: string | undefined = step;
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

    it(`keeps one copy under one reference when the ${stepAfterCommit} step fails, also after a restart`, async () => {
      const under = await place();
      let failAfterCommit = true;
      const store = await under.open((step) => {
        if (step === stepAfterCommit && failAfterCommit) throw new Error(`injected: ${step}`);
      });
      const sent = await submission(store);
      // The file store reports a failed index line without failing the call; a lost COMMIT answer fails it.
      const first = await store.put(sent, newReference).catch(() => undefined);
      const retry = await store.put(await submission(store, sent.envelope.id), newReference);
      assert.equal(retry.created, false);
      if (first) assert.equal(retry.entry.reference, first.entry.reference);
      assert.deepEqual(await under.copies(), [retry.entry.reference]);
      await store.close();

      failAfterCommit = false;
      const reopened = await under.open();
      assert.equal((await reopened.find(sent.envelope.id))?.reference, retry.entry.reference);
      assert.equal((await reopened.list()).length, 1);
      await reopened.close();
    });

    it('gives back the envelope and the attachment as stored, and lists newest first', async () => {
      const store = await (await place()).open();
      const sent = await submission(store);
      const { entry } = await store.put(sent, newReference);
      const later = await store.put(await submission(store), newReference);
      assert.deepEqual(await store.envelope(entry.reference), sent.envelope);
      const stored = await store.attachment(entry.reference, sent.files[0]!.name);
      assert.equal(stored?.size, 13);
      let content = '';
      for await (const chunk of stored!.stream) content += chunk;
      assert.equal(content, '%PDF-1.4 test');
      assert.equal(await store.attachment(entry.reference, 'other.pdf'), undefined);
      assert.deepEqual((await store.list()).map((e) => e.reference), [later.entry, entry].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.reference.localeCompare(a.reference)).map((e) => e.reference));
      assert.equal(await store.get('VE-2026-NOTHER'), undefined);
      await store.close();
    });

    it('keeps the access hash with the submission, and none for a submission stored without one', async () => {
      const under = await place();
      const store = await under.open();
      const { entry } = await store.put({ ...(await submission(store)), accessHash: 'scrypt$hash' }, newReference);
      const without = await store.put(await submission(store), newReference);
      await store.close();
      const reopened = await under.open();
      assert.equal(await reopened.accessHash(entry.reference), 'scrypt$hash');
      assert.equal(await reopened.accessHash(without.entry.reference), undefined);
      assert.equal(await reopened.accessHash('VE-2026-NOTHER'), undefined);
      await reopened.close();
    });

    it('replaces a case’s access hash, and keeps and forgets the address for notices', async () => {
      const under = await place();
      const store = await under.open();
      const { entry } = await store.put({ ...(await submission(store)), accessHash: 'scrypt$first' }, newReference);
      await store.replaceAccessHash(entry.reference, 'scrypt$second');
      assert.equal(await store.notifyAddress(entry.reference), undefined);
      await store.setNotifyAddress(entry.reference, 'anna@example.org');
      await assert.rejects(store.replaceAccessHash('VE-2026-NOTHER', 'scrypt$x'), 'only for a stored submission');
      await assert.rejects(store.setNotifyAddress('VE-2026-NOTHER', 'x@example.org'), 'only for a stored submission');
      await store.close();
      const reopened = await under.open();
      assert.equal(await reopened.accessHash(entry.reference), 'scrypt$second');
      assert.equal(await reopened.notifyAddress(entry.reference), 'anna@example.org');
      await reopened.setNotifyAddress(entry.reference, undefined);
      assert.equal(await reopened.notifyAddress(entry.reference), undefined);
      assert.equal(await reopened.notifyAddress('VE-2026-NOTHER'), undefined);
      await reopened.close();
    });

    it('adds a case’s messages once per id, oldest first, with their attachments', async () => {
      const under = await place();
      const store = await under.open();
      const { entry } = await store.put(await submission(store), newReference);
      const other = await store.put(await submission(store), newReference);
      const message = (type: string): CaseMessage => ({ id: crypto.randomUUID(), from: 'office', type, data: {} });
      const first = message('statusaenderung');
      const upload = await submission(store);
      const added = await store.addMessage(entry.reference, first, upload.files);
      assert.equal(added.created, true);
      assert.equal(added.message.id, first.id);
      assert.ok(added.message.receivedAt);
      const repeat = await store.addMessage(entry.reference, { ...first, type: 'changed' }, []);
      assert.equal(repeat.created, false);
      assert.deepEqual(repeat.message, added.message);
      const second = message('anhoerung');
      await store.addMessage(entry.reference, second, []);
      await assert.rejects(store.addMessage('VE-2026-NOTHER', message('anhoerung'), []), 'only to a stored submission');
      await store.close();

      const reopened = await under.open();
      assert.deepEqual((await reopened.messages(entry.reference)).map((m) => m.id), [first.id, second.id]);
      assert.deepEqual(await reopened.messages(other.entry.reference), []);
      const stored = await reopened.attachment(entry.reference, upload.files[0]!.name);
      assert.equal(stored?.size, 13);
      assert.equal(await reopened.attachment(other.entry.reference, upload.files[0]!.name), undefined);
      await reopened.close();
    });

    it('keeps case tokens by their hash until revoked', async () => {
      const under = await place();
      const store = await under.open();
      const { entry } = await store.put(await submission(store), newReference);
      const hash = 'a'.repeat(64);
      const token = { reference: entry.reference, expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
      await store.saveToken(hash, token);
      await store.close();
      const reopened = await under.open();
      assert.deepEqual(await reopened.token(hash), token);
      assert.equal(await reopened.token('b'.repeat(64)), undefined);
      await reopened.revokeToken(hash);
      assert.equal(await reopened.token(hash), undefined);
      await reopened.revokeToken(hash);
      await reopened.close();
    });

    it('finds the submissions stored with a verified identity subject, newest first, also after reopening', async () => {
      const under = await place();
      const store = await under.open();
      const first = await store.put({ ...(await submission(store)), identitySubject: 'subject-a' }, newReference);
      const other = await store.put({ ...(await submission(store)), identitySubject: 'subject-b' }, newReference);
      const without = await store.put(await submission(store), newReference);
      const second = await store.put({ ...(await submission(store)), identitySubject: 'subject-a' }, newReference);
      const expected = [second.entry, first.entry].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.reference.localeCompare(a.reference));
      assert.deepEqual(await store.casesOf('subject-a'), expected);
      await store.close();
      const reopened = await under.open();
      assert.deepEqual(await reopened.casesOf('subject-a'), expected);
      assert.deepEqual((await reopened.casesOf('subject-b')).map((e) => e.reference), [other.entry.reference]);
      assert.deepEqual(await reopened.casesOf('subject-c'), []);
      assert.ok(!(await reopened.casesOf('')).some((e) => e.reference === without.entry.reference));
      await reopened.close();
    });

    it('takes a nonce once until it expires, also in a store opened later on the same place', async () => {
      const under = await place();
      const store = await under.open();
      const nonce = crypto.randomUUID();
      const later = new Date(Date.now() + 600_000).toISOString();
      assert.deepEqual(await Promise.all([store.takeNonce(nonce, later), store.takeNonce(nonce, later)]).then((taken) => taken.sort()), [false, true]);
      const other = crypto.randomUUID();
      assert.equal(await store.takeNonce(other, new Date(Date.now() - 1000).toISOString()), true);
      await store.close();
      const reopened = await under.open();
      assert.equal(await reopened.takeNonce(nonce, later), false);
      assert.equal(await reopened.takeNonce(other, later), true, 'an expired nonce is taken anew');
      await reopened.close();
    });

    it('keeps a case’s payment record, finds it by transaction id, and keeps a save when the change fails after it', async () => {
      const under = await place();
      const store = await under.open();
      const { entry } = await store.put(await submission(store), newReference);
      const open = paymentAttempt('t-open', 'INITIAL');
      const record: PaymentRecord = { reference: entry.reference, submissionId: entry.id, amount: 29, attempts: [open] };
      await assert.rejects(
        store.payments.exclusive(entry.reference, async (saved, save) => {
          assert.equal(saved, undefined);
          await save(record);
          throw new Error('the payment service did not answer');
        }),
        /did not answer/,
      );
      const booked = { ...record, attempts: [{ ...open, paymentInformation: { ...open.paymentInformation, status: 'BOOKED' as const } }] };
      await store.payments.exclusive(entry.reference, async (saved, save) => {
        assert.deepEqual(saved, record);
        await save(booked);
      });
      await store.close();
      const reopened = await under.open();
      assert.deepEqual(await reopened.payments.get(entry.reference), booked);
      assert.equal(await reopened.payments.referenceOf('t-open'), entry.reference);
      assert.equal(await reopened.payments.referenceOf('t-other'), undefined);
      assert.equal(await reopened.payments.referenceOf('../index.log'), undefined);
      assert.equal(await reopened.payments.get('VE-2026-NOTHER'), undefined);
      await reopened.close();
    });

    it('refuses to save a payment record that books twice, reopens or changes an attempt, or changes the amount', async () => {
      const store = await (await place()).open();
      const { entry } = await store.put(await submission(store), newReference);
      const record = (...attempts: PaymentAttempt[]): PaymentRecord => ({ reference: entry.reference, submissionId: entry.id, amount: 29, attempts });
      const first = paymentAttempt('t-1', 'BOOKED');
      await store.payments.exclusive(entry.reference, (_saved, save) => save(record(first)));
      for (const [why, next] of [
        ['a second booking', record(first, paymentAttempt('t-2', 'BOOKED'))],
        ['an attempt after the booking', record(first, paymentAttempt('t-2', 'INITIAL'))],
        ['a booked attempt reopened', record({ ...first, paymentInformation: { ...first.paymentInformation, status: 'INITIAL' } })],
        ['an attempt dropped', record()],
        ['another amount', { ...record(first), amount: 2.9 }],
      ] as const) {
        await assert.rejects(
          store.payments.exclusive(entry.reference, (_saved, save) => save(next)),
          /not saved/,
          why,
        );
      }
      assert.deepEqual(await store.payments.get(entry.reference), record(first));
      assert.equal(await store.payments.referenceOf('t-2'), undefined);
      await store.close();
    });

    it('runs one change of a payment record at a time: a concurrent change sees the one before', async () => {
      const store = await (await place()).open();
      const { entry } = await store.put(await submission(store), newReference);
      const seen = await Promise.all(
        ['t-1', 't-2', 't-3'].map((id) =>
          store.payments.exclusive(entry.reference, async (saved, save) => {
            const attempts = saved?.attempts ?? [];
            await save({ reference: entry.reference, submissionId: entry.id, amount: 29, attempts: [...attempts, paymentAttempt(id, 'FAILED')] });
            return attempts.length;
          }),
        ),
      );
      assert.deepEqual(seen, [0, 1, 2]);
      assert.deepEqual((await store.payments.get(entry.reference))?.attempts.map((a) => a.transactionId), ['t-1', 't-2', 't-3']);
      await store.close();
    });
  });
}

function paymentAttempt(transactionId: string, status: PaymentStatus): PaymentAttempt {
  return {
    requestId: `r-${transactionId}`,
    createdAt: new Date().toISOString(),
    transactionId,
    redirectUrl: `https://pay.example/${transactionId}`,
    paymentInformation: { transactionId, transactionReference: 'VE-2026-AAAAAA', paymentMethod: 'OTHER', status, grossAmount: 29 },
  };
}

for (const backend of BACKENDS) storeContract(backend);

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

  it('finds a submission’s identity subject from its folder when the index log lost its line', async () => {
    const dataDir = await fresh();
    const store = await openFileStore({ dataDir });
    const { entry } = await store.put({ ...(await submission(store)), identitySubject: 'subject-a' }, newReference);
    await store.close();
    await writeFile(join(dataDir, 'index.log'), '');
    const reopened = await openFileStore({ dataDir });
    assert.equal(reopened.recovery.indexed, 1);
    assert.deepEqual(await reopened.casesOf('subject-a'), [entry]);
    await reopened.close();
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

describe('PostgreSQL store: faults', { skip: POSTGRES_SKIPPED }, () => {
  for (const step of ['envelope', 'attachments', 'commit']) {
    it(`leaves nothing when its connection is killed before the ${step} step (pg_terminate_backend), and the retry stores once`, async () => {
      const under = await postgresPlace();
      let kill = true;
      const store = await under.open(async (current) => {
        if (current !== step || !kill) return;
        kill = false;
        // The put's connection is the one waiting inside a transaction.
        const killed = await sql(
          under.url,
          "select pg_terminate_backend(pid) as done from pg_stat_activity where datname = current_database() and state = 'idle in transaction'",
        );
        assert.equal(killed.length, 1);
      });
      const sent = await submission(store);
      await assert.rejects(store.put(sent, newReference));
      assert.deepEqual(await under.copies(), []);
      const retry = await store.put(await submission(store, sent.envelope.id), newReference);
      assert.equal(retry.created, true);
      assert.deepEqual(await under.copies(), [retry.entry.reference]);
      assert.deepEqual(await sql(under.url, 'select count(*)::int as n from attachments'), [{ n: 1 }]);
      await store.close();
    });
  }

  for (const [what, trigger] of [
    ['inserting the submission', 'before insert on submissions for each row'],
    ['inserting an attachment', 'before insert on attachments for each row'],
    // A deferred constraint trigger runs at COMMIT: the COMMIT statement itself fails.
    ['the COMMIT', 'after insert on submissions deferrable initially deferred for each row'],
  ] as const) {
    it(`leaves nothing when the database refuses ${what}, and the retry stores once`, async () => {
      const under = await postgresPlace();
      const store = await under.open();
      await sql(under.url, "create function refuse() returns trigger language plpgsql as $$ begin raise exception 'injected statement failure'; end $$");
      await sql(under.url, `create ${trigger.includes('deferrable') ? 'constraint ' : ''}trigger refuse ${trigger} execute function refuse()`);
      const sent = await submission(store);
      await assert.rejects(store.put(sent, newReference), /injected statement failure/);
      assert.deepEqual(await under.copies(), []);
      assert.deepEqual(await sql(under.url, 'select count(*)::int as n from attachments'), [{ n: 0 }]);
      await sql(under.url, `drop trigger refuse on ${trigger.includes('attachments') ? 'attachments' : 'submissions'}`);
      const retry = await store.put(await submission(store, sent.envelope.id), newReference);
      assert.equal(retry.created, true);
      assert.deepEqual(await under.copies(), [retry.entry.reference]);
      await store.close();
    });
  }

  it('keeps what was stored and stores once more when the server restarts during a put', { skip: restartPostgres ? false : 'EFA_POSTGRES_DIR is not set: the cluster is not ours to restart' }, async () => {
    const under = await postgresPlace();
    let restart = false;
    const store = await under.open(async (step) => {
      if (step === 'attachments' && restart) {
        restart = false;
        await restartPostgres!();
      }
    });
    const before = await store.put(await submission(store), newReference);
    restart = true;
    const sent = await submission(store);
    await assert.rejects(store.put(sent, newReference));
    // The pool's other connections died with the server: the next calls must open new ones.
    let retry;
    for (let attempt = 0; !retry; attempt += 1) {
      retry = await store.put(await submission(store, sent.envelope.id), newReference).catch((error) => {
        if (attempt >= 3) throw error;
        return undefined;
      });
    }
    assert.equal(retry.created, true);
    assert.deepEqual(await store.find(before.entry.id), before.entry);
    assert.deepEqual(await under.copies(), [before.entry.reference, retry.entry.reference].sort());
    await store.close();
  });

  it('migrates a database once, also when several stores open it at the same time', async () => {
    const under = await postgresPlace();
    const stores = await Promise.all([1, 2, 3].map(() => under.open()));
    assert.deepEqual(await sql(under.url, 'select name from schema_migrations order by name'), [{ name: '001-submissions.sql' }, { name: '002-cases.sql' }, { name: '003-notify.sql' }, { name: '004-payments.sql' }, { name: '005-identity-subject.sql' }]);
    for (const store of stores) await store.close();
  });
});
