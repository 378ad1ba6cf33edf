/**
 * The PostgreSQL store, chosen by `DATABASE_URL`: for an authority that runs several receivers behind a load
 * balancer against one database, or wants its submissions in its database backups.
 *
 * Exactly once by one transaction: the submission row (receipt and envelope) and every attachment (as `bytea`
 * rows) are inserted in one transaction, and its COMMIT is the commit point. A failure or a lost connection
 * before it leaves nothing (PostgreSQL rolls back); after it, the submission exists. The primary key on the
 * envelope id is what keeps one copy per id across processes: a concurrent `put` of the same id waits on the
 * first one's row and, once that commits, inserts nothing and answers with the first entry. A COMMIT whose
 * answer is lost (the connection dies) fails the call, and the retry finds the submission by its id.
 *
 * Attachments are in the database rather than on disk, so there is no second place to keep in step with the
 * transaction (no two-phase scheme, no orphan files) and a database backup holds everything; the price is that
 * a submission's attachments (at most the multipart limit, 30 MiB) are read into memory once to be sent.
 *
 * A message of the return channel is one transaction as well: its row and its attachments' rows. The primary
 * key (reference, id) keeps one copy per message id; a concurrent repeat waits on the first row and then finds it.
 * Expired case tokens are deleted whenever a new one is saved, expired nonces whenever one is taken.
 *
 * The payment ledger: a change of a case's payment record holds a session-level advisory lock on the reference
 * (after waiting its turn in this process, so that a process's waiting requests hold no connections) on one
 * connection, which every read and save of the change uses; each save is a transaction of its own, so it is
 * durable at once, as in the file store, also when the change then fails (the payment service did not answer).
 * A connection that dies releases its lock with it. The lock is held while the payment service is asked (at most
 * its timeout), which is why it is not a transaction's lock: nothing need stay open in the database meanwhile.
 *
 * The schema is created and migrated at start (`migrations/*.sql`, applied in name order, each once, under an
 * advisory lock so that several processes starting together apply it once).
 */
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { projectRoot } from '../config.js';
import type { PaymentAttempt, PaymentInformation, PaymentRecord } from '../payment.js';
import { checkedSuccessor } from './payment-ledger.js';
import type { CaseMessage, IncomingFile, NewSubmission, StepHook, StoredEntry, StoredMessage, SubmissionStore } from './store.js';

/** The steps of `put`, in order; `committed` comes after the COMMIT (a lost answer to it). */
export const POSTGRES_STEPS = ['envelope', 'attachments', 'commit', 'committed'] as const;

export interface PostgresStoreOptions {
  connectionString: string;
  /** Where uploads are streamed to before `put` reads them into the transaction. */
  uploadDir: string;
  beforeStep?: StepHook | undefined;
  /** Told about problems that do not fail a call (a connection of the pool that broke while idle). */
  warn?: (message: string, error?: unknown) => void;
}

const MIGRATIONS_DIR = join(projectRoot(), 'server', 'storage', 'migrations');
/** Any constant: the advisory lock that serialises migrations of one database. */
const MIGRATION_LOCK = 4_711_066;
/** The first key of the payment ledger's advisory locks (the second: the reference's hash). */
const PAYMENT_LOCK = 4_711_067;
const UNIQUE_VIOLATION = '23505';

interface Row {
  id: string;
  reference: string;
  service: string;
  received_at: Date;
  hash: string;
}

function entryOf(row: Row): StoredEntry {
  return { id: row.id, reference: row.reference, service: row.service, receivedAt: row.received_at.toISOString(), hash: row.hash };
}

const ENTRY_COLUMNS = 'id, reference, service, received_at, hash';

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())');
    const applied = new Set((await client.query<{ name: string }>('select name from schema_migrations')).rows.map((row) => row.name));
    for (const name of (await readdir(MIGRATIONS_DIR)).filter((file) => file.endsWith('.sql')).sort()) {
      if (applied.has(name)) continue;
      await client.query(await readFile(join(MIGRATIONS_DIR, name), 'utf8'));
      await client.query('insert into schema_migrations (name) values ($1)', [name]);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export async function openPostgresStore({ connectionString, uploadDir, beforeStep = () => {}, warn = () => {} }: PostgresStoreOptions): Promise<SubmissionStore> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // A connection that breaks (the server restarted, the backend was terminated) fails the query under way and
  // is dropped by the pool, which opens a new one; it also emits errors, which without a listener on every
  // connection, idle or in use, would end the process.
  pool.on('error', (error) => warn('a database connection broke while idle; the pool opens a new one', error));
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  await mkdir(uploadDir, { recursive: true });
  for (const name of await readdir(uploadDir)) await rm(join(uploadDir, name), { recursive: true, force: true });

  async function find(id: string): Promise<StoredEntry | undefined> {
    const { rows } = await pool.query<Row>(`select ${ENTRY_COLUMNS} from submissions where id = $1`, [id]);
    return rows[0] && entryOf(rows[0]);
  }

  /** One attempt under one reference: the entry stored, `existing` when the id was stored first, `taken` when the reference was. */
  async function attempt({ envelope, hash, files, accessHash, identitySubject }: NewSubmission, reference: string, receivedAt: string): Promise<StoredEntry | 'existing' | 'taken'> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      await beforeStep('envelope');
      const inserted = await client.query<Row>(
        `insert into submissions (id, reference, service, received_at, hash, envelope, access_hash, identity_subject) values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (id) do nothing returning ${ENTRY_COLUMNS}`,
        [envelope.id, reference, envelope.service, receivedAt, hash, JSON.stringify(envelope), accessHash ?? null, identitySubject ?? null],
      );
      if (inserted.rows.length === 0) {
        await client.query('rollback');
        return 'existing';
      }
      await beforeStep('attachments');
      for (const file of files) {
        await client.query('insert into attachments (reference, name, content) values ($1, $2, $3)', [reference, file.name, await readFile(file.path)]);
      }
      await beforeStep('commit');
      await client.query('commit');
      return entryOf(inserted.rows[0]!);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION && (error as { constraint?: string }).constraint === 'submissions_reference_key') {
        await client.query('rollback');
        return 'taken';
      }
      await client.query('rollback').catch((rollbackFailed: Error) => (broken = rollbackFailed));
      throw error;
    } finally {
      // A connection whose rollback failed must not be handed out again.
      client.release(broken);
    }
  }

  async function paymentRecord(db: pg.Pool | pg.PoolClient, reference: string): Promise<PaymentRecord | undefined> {
    const { rows } = await db.query<{ submission_id: string; amount: string }>('select submission_id, amount from payments where reference = $1', [reference]);
    if (!rows[0]) return undefined;
    const attempts = await db.query<{ request_id: string; created_at: Date; transaction_id: string; redirect_url: string | null; payment_information: PaymentInformation }>(
      'select request_id, created_at, transaction_id, redirect_url, payment_information from payment_attempts where reference = $1 order by position',
      [reference],
    );
    return {
      reference,
      submissionId: rows[0].submission_id,
      amount: Number(rows[0].amount),
      attempts: attempts.rows.map((row): PaymentAttempt => ({
        requestId: row.request_id,
        createdAt: row.created_at.toISOString(),
        transactionId: row.transaction_id,
        redirectUrl: row.redirect_url ?? undefined,
        paymentInformation: row.payment_information,
      })),
    };
  }

  /** Saves `record` in one transaction on `client`: its row, then each attempt by position (the open one settles before a new one opens). */
  async function savePayment(client: pg.PoolClient, record: PaymentRecord): Promise<void> {
    await client.query('begin');
    try {
      await client.query('insert into payments (reference, submission_id, amount) values ($1, $2, $3) on conflict (reference) do nothing', [
        record.reference,
        record.submissionId,
        record.amount,
      ]);
      for (const [position, attempt] of record.attempts.entries()) {
        await client.query(
          `insert into payment_attempts (transaction_id, reference, position, request_id, created_at, redirect_url, status, payment_information)
           values ($1, $2, $3, $4, $5, $6, $7, $8)
           on conflict (transaction_id) do update set status = excluded.status, payment_information = excluded.payment_information
           where payment_attempts.reference = excluded.reference and payment_attempts.position = excluded.position`,
          [
            attempt.transactionId,
            record.reference,
            position,
            attempt.requestId,
            attempt.createdAt,
            attempt.redirectUrl ?? null,
            attempt.paymentInformation.status,
            JSON.stringify(attempt.paymentInformation),
          ],
        );
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  }

  const paymentTurns = new Map<string, Promise<unknown>>();
  /** Runs `task` after every earlier task of this process for `reference`. */
  async function paymentTurn<T>(reference: string, task: () => Promise<T>): Promise<T> {
    const previous = paymentTurns.get(reference) ?? Promise.resolve();
    const current = previous.then(task, task);
    const tail = current.catch(() => {});
    paymentTurns.set(reference, tail);
    try {
      return await current;
    } finally {
      if (paymentTurns.get(reference) === tail) paymentTurns.delete(reference);
    }
  }

  async function storedMessage(reference: string, id: string): Promise<StoredMessage | undefined> {
    const { rows } = await pool.query<{ message: StoredMessage }>('select message from case_messages where reference = $1 and id = $2', [reference, id]);
    return rows[0]?.message;
  }

  async function insertMessage(reference: string, message: CaseMessage, files: IncomingFile[]): Promise<StoredMessage | undefined> {
    const stored: StoredMessage = { ...message, receivedAt: new Date().toISOString() };
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      const inserted = await client.query(
        'insert into case_messages (reference, id, received_at, message) values ($1, $2, $3, $4) on conflict (reference, id) do nothing returning id',
        [reference, message.id, stored.receivedAt, JSON.stringify(stored)],
      );
      if (inserted.rows.length === 0) {
        await client.query('rollback');
        return undefined;
      }
      for (const file of files) {
        await client.query('insert into attachments (reference, name, content) values ($1, $2, $3)', [reference, file.name, await readFile(file.path)]);
      }
      await client.query('commit');
      return stored;
    } catch (error) {
      await client.query('rollback').catch((rollbackFailed: Error) => (broken = rollbackFailed));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  return {
    uploadDir,

    async put(submission, newReference) {
      for (;;) {
        const stored = await find(submission.envelope.id);
        if (stored) return { entry: stored, created: false };
        const receivedAt = new Date().toISOString();
        const result = await attempt(submission, newReference(receivedAt), receivedAt);
        if (result === 'existing' || result === 'taken') continue;
        await beforeStep('committed');
        await Promise.all(submission.files.map((file) => rm(file.path, { force: true })));
        return { entry: result, created: true };
      }
    },

    find,

    async get(reference) {
      const { rows } = await pool.query<Row>(`select ${ENTRY_COLUMNS} from submissions where reference = $1`, [reference]);
      return rows[0] && entryOf(rows[0]);
    },

    async list() {
      const { rows } = await pool.query<Row>(`select ${ENTRY_COLUMNS} from submissions order by received_at desc, reference desc`);
      return rows.map(entryOf);
    },

    async casesOf(identitySubject) {
      const { rows } = await pool.query<Row>(
        `select ${ENTRY_COLUMNS} from submissions where identity_subject = $1 order by received_at desc, reference desc`,
        [identitySubject],
      );
      return rows.map(entryOf);
    },

    async envelope(reference) {
      const { rows } = await pool.query<{ envelope: unknown }>('select envelope from submissions where reference = $1', [reference]);
      if (!rows[0]) throw new Error(`no submission ${reference}`);
      return rows[0].envelope;
    },

    async attachment(reference, name) {
      const { rows } = await pool.query<{ content: Buffer }>('select content from attachments where reference = $1 and name = $2', [reference, name]);
      if (!rows[0]) return undefined;
      return { stream: Readable.from([rows[0].content]), size: rows[0].content.byteLength };
    },

    async accessHash(reference) {
      const { rows } = await pool.query<{ access_hash: string | null }>('select access_hash from submissions where reference = $1', [reference]);
      return rows[0]?.access_hash ?? undefined;
    },

    async replaceAccessHash(reference, accessHash) {
      const { rowCount } = await pool.query('update submissions set access_hash = $2 where reference = $1', [reference, accessHash]);
      if (rowCount !== 1) throw new Error(`no submission ${reference}`);
    },

    async notifyAddress(reference) {
      const { rows } = await pool.query<{ notify_address: string | null }>('select notify_address from submissions where reference = $1', [reference]);
      return rows[0]?.notify_address ?? undefined;
    },

    async setNotifyAddress(reference, address) {
      const { rowCount } = await pool.query('update submissions set notify_address = $2 where reference = $1', [reference, address ?? null]);
      if (rowCount !== 1) throw new Error(`no submission ${reference}`);
    },

    async addMessage(reference, message, files) {
      const earlier = await storedMessage(reference, message.id);
      if (earlier) return { message: earlier, created: false };
      const stored = await insertMessage(reference, message, files);
      if (!stored) return { message: (await storedMessage(reference, message.id))!, created: false };
      await Promise.all(files.map((file) => rm(file.path, { force: true })));
      return { message: stored, created: true };
    },

    async messages(reference) {
      const { rows } = await pool.query<{ message: StoredMessage }>(
        'select message from case_messages where reference = $1 order by received_at, position',
        [reference],
      );
      return rows.map((row) => row.message);
    },

    async saveToken(tokenHash, token) {
      await pool.query('delete from case_tokens where expires_at <= now()');
      await pool.query('insert into case_tokens (token_hash, reference, expires_at) values ($1, $2, $3)', [tokenHash, token.reference, token.expiresAt]);
    },

    async token(tokenHash) {
      const { rows } = await pool.query<{ reference: string; expires_at: Date }>('select reference, expires_at from case_tokens where token_hash = $1', [tokenHash]);
      return rows[0] && { reference: rows[0].reference, expiresAt: rows[0].expires_at.toISOString() };
    },

    async revokeToken(tokenHash) {
      await pool.query('delete from case_tokens where token_hash = $1', [tokenHash]);
    },

    async takeNonce(nonce, expiresAt) {
      await pool.query('delete from taken_nonces where expires_at <= now()');
      const { rowCount } = await pool.query('insert into taken_nonces (nonce, expires_at) values ($1, $2) on conflict (nonce) do nothing', [nonce, expiresAt]);
      return rowCount === 1;
    },

    payments: {
      get: (reference) => paymentRecord(pool, reference),

      async referenceOf(transactionId) {
        const { rows } = await pool.query<{ reference: string }>('select reference from payment_attempts where transaction_id = $1', [transactionId]);
        return rows[0]?.reference;
      },

      exclusive(reference, change) {
        return paymentTurn(reference, async () => {
          const client = await pool.connect();
          let broken: Error | undefined;
          let locked = false;
          try {
            await client.query('select pg_advisory_lock($1, hashtext($2))', [PAYMENT_LOCK, reference]).catch((error: Error) => {
              broken = error;
              throw error;
            });
            locked = true;
            let saved = await paymentRecord(client, reference);
            return await change(saved, async (record) => {
              checkedSuccessor(saved, record);
              if (record.reference !== reference) throw new Error(`payment record of ${record.reference} saved under ${reference}`);
              await savePayment(client, record);
              saved = record;
            });
          } finally {
            // A connection whose unlock failed may still hold the lock: it is closed, which releases it.
            if (locked) await client.query('select pg_advisory_unlock($1, hashtext($2))', [PAYMENT_LOCK, reference]).catch((error: Error) => (broken = error));
            client.release(broken);
          }
        });
      },
    },

    close() {
      return pool.end();
    },
  };
}
