/**
 * The reliability suite (issue 17, point 8): `npm run test:reliability` (add `-- --short` for the version CI
 * runs). Each scenario runs the real server and ends with the same check: every submission the server
 * acknowledged is stored exactly once, under the reference it acknowledged, no id is stored twice, and the
 * server still answers /health. Figures (req/s, p99, RSS) are printed at the end for the README.
 *
 * Scenarios, each against both storage back ends (the file store and, where DATABASE_URL is set, PostgreSQL, in
 * a fresh database per scenario): load at concurrency 50; kill -9 during a stream of submissions, then restart
 * on the same data; storage steps failing at random while clients retry; the cost of one submission at 1,000
 * and at 100,000 stored. For PostgreSQL also: the database server restarted, and every connection of the
 * receiver terminated (pg_terminate_backend), during a stream. Once: the oversized and amplification bodies of
 * the issue, with a valid submission sent meanwhile.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../canonical.js';
import type { AppOptions } from '../app.js';
import { openFileStore } from '../storage/file-store.js';
import { POSTGRES_STEPS, openPostgresStore } from '../storage/postgres-store.js';
import type { SubmissionStore } from '../storage/store.js';
import { POSTGRES_SKIPPED, envelope, freePort, oversizedUpload, postJson, restartPostgres, root, scratchDatabase, sql, startServer, validData } from './helpers.js';

const short = process.argv.includes('--short');
/** `--only TEXT`: run only the scenarios whose name contains TEXT. */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const SIZES = short
  ? { load: 400, kills: 5, faulty: 200 }
  : { load: 2000, kills: 20, faulty: 1000 };
const CONCURRENCY = 50;
const figures: Array<[string, string]> = [];

interface Running {
  child: ChildProcess;
  base: string;
}

/** Where one scenario stores: a fresh folder, or a fresh database (with a folder for uploads). */
interface Place {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Every stored submission: its id and reference. */
  stored(): Promise<Array<{ id: string; reference: string }>>;
}

interface Backend {
  name: string;
  place(): Promise<Place>;
  /** The steps of a `put` that the write-failure scenario makes fail. */
  steps: readonly string[];
  open(place: Place): Promise<SubmissionStore>;
  /** Fills a fresh place with `count` submissions. */
  fill(place: Place, count: number): Promise<void>;
}

const fileBackend: Backend = {
  name: 'file store',
  async place() {
    const dataDir = mkdtempSync(join(tmpdir(), 'efa-reliability-'));
    return {
      dataDir,
      async stored() {
        const dir = join(dataDir, 'submissions');
        return readdirSync(dir).map((name) => {
          assert.ok(!name.startsWith('.incoming-'), `an incoming folder is left: ${name}`);
          return { id: JSON.parse(readFileSync(join(dir, name, 'receipt.json'), 'utf8')).id, reference: name };
        });
      },
    };
  },
  steps: ['attachments', 'envelope', 'receipt', 'commit', 'index'],
  open: (place) => openFileStore({ dataDir: place.dataDir }),
  async fill(place, count) {
    // As recovery expects it: one folder per submission, named in the index log.
    const lines: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const reference = `VE-2026-${i.toString(36).toUpperCase().padStart(6, '0')}`;
      mkdirSync(join(place.dataDir, 'submissions', reference), { recursive: true });
      lines.push(canonicalJson({ id: crypto.randomUUID(), reference, service: 'verpflichtungserklaerung', receivedAt: new Date(0).toISOString(), hash: '' }));
    }
    writeFileSync(join(place.dataDir, 'index.log'), `${lines.join('\n')}\n`);
  },
};

const postgresBackend: Backend = {
  name: 'PostgreSQL',
  async place() {
    const database = await scratchDatabase();
    cleanups.push(database.drop);
    return {
      dataDir: mkdtempSync(join(tmpdir(), 'efa-reliability-pg-')),
      databaseUrl: database.url,
      stored: () => sql(database.url, 'select id, reference from submissions'),
    };
  },
  steps: POSTGRES_STEPS,
  open: (place) => openPostgresStore({ connectionString: place.databaseUrl!, uploadDir: join(place.dataDir, 'uploads') }),
  async fill(place, count) {
    await (await this.open(place)).close(); // creates the schema
    await sql(
      place.databaseUrl!,
      `insert into submissions (id, reference, service, received_at, hash, envelope)
       select gen_random_uuid(), 'VE-2026-' || lpad(upper(to_hex(i)), 6, '0'), 'verpflichtungserklaerung', 'epoch', '', '{}'
       from generate_series(1, $1::int) as i`,
      [count],
    );
    // As a database that grew over time would be: statistics current, the bulk insert's WAL checkpointed (so
    // the measurement does not pay for it).
    await sql(place.databaseUrl!, 'vacuum analyze submissions');
    await sql(place.databaseUrl!, 'checkpoint');
  },
};

const cleanups: Array<() => Promise<void>> = [];

async function spawnServer(place: Place, port: number): Promise<Running> {
  const child = spawn(process.execPath, [join(root, 'build/server/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      EFA_DATA_DIR: place.dataDir,
      DATABASE_URL: place.databaseUrl ?? '',
      LOG_LEVEL: 'warn',
      EFA_PORTAL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i += 1) {
    try {
      if ((await fetch(`${base}/health`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

/** Runs `task` for every item, `concurrency` at a time. */
async function pool<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Every acknowledged id is stored exactly once, under its acknowledged reference; no id twice. */
async function assertExactlyOnce(place: Place, acknowledged: Map<string, string>, label: string): Promise<void> {
  const byId = new Map<string, string[]>();
  for (const { id, reference } of await place.stored()) byId.set(id, [...(byId.get(id) ?? []), reference]);
  for (const [id, references] of byId) assert.equal(references.length, 1, `${label}: ${id} is stored ${references.length} times`);
  for (const [id, reference] of acknowledged) {
    assert.deepEqual(byId.get(id), [reference], `${label}: ${id} was acknowledged as ${reference}`);
  }
}

async function assertUp(base: string, label: string): Promise<void> {
  assert.equal((await fetch(`${base}/health`)).status, 200, `${label}: /health`);
}

async function load(backend: Backend): Promise<void> {
  const place = await backend.place();
  const running = await spawnServer(place, await freePort());
  try {
    const rssBefore = rssOf(running.child.pid!);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf(running.child.pid!))), 100);
    const acknowledged = new Map<string, string>();
    const latencies: number[] = [];
    const sends = Array.from({ length: SIZES.load }, () => envelope());
    const start = performance.now();
    await pool(sends, CONCURRENCY, async (sent) => {
      const t = performance.now();
      const response = await postJson(running.base, sent);
      latencies.push(performance.now() - t);
      assert.equal(response.status, 201);
      acknowledged.set(sent.id, (await response.json()).reference);
    });
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    await assertExactlyOnce(place, acknowledged, 'load');
    await assertUp(running.base, 'load');
    figures.push(
      [`${backend.name}, load: ${SIZES.load} submissions at concurrency ${CONCURRENCY}`, `${(SIZES.load / seconds).toFixed(0)} req/s`],
      [`${backend.name}, load: latency p50 / p99`, `${percentile(latencies, 50).toFixed(0)} ms / ${percentile(latencies, 99).toFixed(0)} ms`],
      [`${backend.name}, load: RSS before / peak`, `${(rssBefore / 2 ** 20).toFixed(0)} MB / ${(rssPeak / 2 ** 20).toFixed(0)} MB`],
    );
  } finally {
    running.child.kill('SIGKILL');
  }
}

async function kills(backend: Backend): Promise<void> {
  const place = await backend.place();
  const port = await freePort();
  const acknowledged = new Map<string, string>();
  const waiting = new Set<Record<string, any>>();
  let sent = 0;
  for (let round = 0; round < SIZES.kills; round += 1) {
    const running = await spawnServer(place, port);
    const killAt = performance.now() + 300 + Math.random() * 500;
    // Clients keep sending (and retrying what was not acknowledged, with the same id) until the kill.
    await pool(Array.from({ length: 10 }, (_, i) => i), 10, async () => {
      while (performance.now() < killAt) {
        const next = [...waiting][0] ?? envelope();
        waiting.delete(next);
        sent += 1;
        try {
          const response = await postJson(running.base, next);
          if (response.status === 201 || response.status === 200) {
            const { reference } = await response.json();
            const before = acknowledged.get(next.id);
            assert.ok(before === undefined || before === reference, `${next.id}: two references ${before}, ${reference}`);
            acknowledged.set(next.id, reference);
            continue;
          }
        } catch {
          // the connection broke: send again later
        }
        waiting.add(next);
      }
    });
    const pending = pool(Array.from({ length: 10 }, () => [...waiting][0] ?? envelope()), 10, async (next) => {
      waiting.delete(next);
      sent += 1;
      try {
        const response = await postJson(running.base, next);
        if (response.ok) acknowledged.set(next.id, (await response.json()).reference);
        else waiting.add(next);
      } catch {
        waiting.add(next);
      }
    });
    const exited = new Promise((resolve) => running.child.once('exit', resolve));
    running.child.kill('SIGKILL'); // while the last requests are in flight
    await pending;
    await exited;
  }
  // One more start: recovery, then every request not yet acknowledged is sent again.
  const running = await spawnServer(place, port);
  try {
    for (const next of waiting) {
      const response = await postJson(running.base, next);
      assert.ok(response.status === 201 || response.status === 200, `retry: ${response.status}`);
      const { reference } = await response.json();
      const before = acknowledged.get(next.id);
      assert.ok(before === undefined || before === reference, `${next.id}: two references ${before}, ${reference}`);
      acknowledged.set(next.id, reference);
    }
    await assertExactlyOnce(place, acknowledged, 'kill -9');
    await assertUp(running.base, 'kill -9');
    figures.push([`${backend.name}, kill -9: ${SIZES.kills} kills during ${sent} sends`, `${acknowledged.size} acknowledged, each stored once`]);
  } finally {
    running.child.kill('SIGKILL');
  }
}

async function faults(backend: Backend): Promise<void> {
  const place = await backend.place();
  const at: Partial<AppOptions> = { dataDir: place.dataDir, databaseUrl: place.databaseUrl };
  let failed = 0;
  const server = await startServer({
    ...at,
    beforeStoreStep: (step) => {
      if (backend.steps.includes(step) && Math.random() < 0.1) {
        failed += 1;
        throw new Error(`injected: ${step} write failed`);
      }
    },
  });
  try {
    const acknowledged = new Map<string, string>();
    await pool(Array.from({ length: SIZES.faulty }, () => envelope()), CONCURRENCY, async (sent) => {
      for (;;) {
        const response = await postJson(server.base, sent);
        if (response.status === 500) continue; // the client retries with the same id
        assert.ok(response.status === 201 || response.status === 200, `status ${response.status}`);
        const { reference } = await response.json();
        const before = acknowledged.get(sent.id);
        assert.ok(before === undefined || before === reference);
        acknowledged.set(sent.id, reference);
        return;
      }
    });
    await server.close();
    await assertExactlyOnce(place, acknowledged, 'write failures');
    // A restart recovers the same: what failed after the commit point is found again, under the same reference.
    const restarted = await startServer(at);
    for (const [id, reference] of acknowledged) assert.equal((await restarted.app.store.find(id))?.reference, reference);
    await assertUp(restarted.base, 'write failures');
    await restarted.close();
    figures.push([`${backend.name}, write failures: ${SIZES.faulty} submissions, ${failed} injected failures`, 'each stored once, same reference after restart']);
  } finally {
    await server.close().catch(() => {});
  }
}

async function amplification(): Promise<void> {
  const place = await fileBackend.place();
  const running = await spawnServer(place, await freePort());
  try {
    const acknowledged = new Map<string, string>();
    const attack = envelope({ data: { ...validData(), begleitpersonen: Array.from({ length: 8000 }, () => ({})) } });
    const valid = envelope();
    const t = performance.now();
    const refused = postJson(running.base, attack).then(async (r) => {
      const body = await r.text();
      return { status: r.status, size: body.length, problem: JSON.parse(body), ms: performance.now() - t };
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const t2 = performance.now();
    const accepted = await postJson(running.base, valid);
    const validMs = performance.now() - t2;
    assert.equal(accepted.status, 201);
    acknowledged.set(valid.id, (await accepted.json()).reference);
    const attackResult = await refused;
    assert.equal(attackResult.status, 422);
    assert.ok(attackResult.size < 100 * 1024);
    // The bound check refuses it before the schema validator runs (whose work grew with items × errors: the
    // issue's 15.2 s): its one problem names the array and its bound. The time is a figure, not a pass mark.
    assert.deepEqual(
      attackResult.problem.errors.map((e: { instancePath: string; keyword: string }) => [e.instancePath, e.keyword]),
      [['/begleitpersonen', 'maxItems']],
    );

    const form = new FormData();
    form.append('submission', JSON.stringify(envelope()));
    for (let i = 0; i < 10_000; i += 1) form.append(`p${i}`, 'x');
    const t3 = performance.now();
    const parts = await fetch(`${running.base}/api/submissions`, { method: 'POST', body: form });
    const partsMs = performance.now() - t3;
    assert.equal(parts.status, 413);
    assert.ok((await parts.text()).length < 1024);

    const statuses = await Promise.all([1, 2, 3, 4, 5, 6].map(() => oversizedUpload(running.base, 31 * 1024 * 1024, { declareLength: true }).then((r) => r.status)));
    assert.deepEqual(statuses, [413, 413, 413, 413, 413, 413]);
    const rss = rssOf(running.child.pid!);

    await assertExactlyOnce(place, acknowledged, 'bodies');
    await assertUp(running.base, 'bodies');
    figures.push(
      ['8,000 empty begleitpersonen (26 KiB)', `422 in ${attackResult.ms.toFixed(0)} ms, ${attackResult.size} bytes; valid one meanwhile ${validMs.toFixed(0)} ms`],
      ['10,000 extra multipart parts', `413 in ${partsMs.toFixed(0)} ms`],
      ['6 parallel 31 MiB uploads', `6 × 413 read by the client, RSS after ${(rss / 2 ** 20).toFixed(0)} MB`],
    );
  } finally {
    running.child.kill('SIGKILL');
  }
}

/** Mean milliseconds of one `put` into a store that already holds `stored` submissions. */
async function putCost(backend: Backend, stored: number): Promise<number> {
  const place = await backend.place();
  await backend.fill(place, stored);
  const store = await backend.open(place);
  assert.equal((await store.list()).length, stored);
  const rounds = 200;
  let n = 0;
  const t = performance.now();
  for (let i = 0; i < rounds; i += 1) {
    const sent = envelope();
    await store.put({ envelope: sent as { id: string; service: string }, hash: 'h', files: [] }, () => `AT-2026-${(n += 1).toString(36).toUpperCase().padStart(6, 'Z')}`);
  }
  const mean = (performance.now() - t) / rounds;
  await store.close();
  return mean;
}

/** Figures only: a timing is no pass/fail criterion on a shared machine. */
async function cost(backend: Backend): Promise<void> {
  const small = await putCost(backend, 1000);
  const large = await putCost(backend, 100_000);
  figures.push([`${backend.name}: cost of one stored submission at 1,000 / 100,000 stored`, `${small.toFixed(1)} ms / ${large.toFixed(1)} ms (× ${(large / small).toFixed(2)})`]);
}

/**
 * Ten clients send `count` submissions, each retried with the same id until acknowledged, while `disrupt`
 * runs; then every acknowledged one is stored exactly once.
 */
async function streamThrough(backend: Backend, label: string, count: number, disrupt: (place: Place, done: () => boolean) => Promise<number>): Promise<void> {
  const place = await backend.place();
  const running = await spawnServer(place, await freePort());
  try {
    const acknowledged = new Map<string, string>();
    let failures = 0;
    let finished = false;
    const disruption = disrupt(place, () => finished);
    const sending = pool(Array.from({ length: count }, () => envelope()), 10, async (sent) => {
      for (let attempt = 0; ; attempt += 1) {
        assert.ok(attempt < 200, `${label}: ${sent.id} was never acknowledged`);
        try {
          const response = await postJson(running.base, sent);
          if (response.status === 201 || response.status === 200) {
            acknowledged.set(sent.id, (await response.json()).reference);
            return;
          }
          assert.equal(response.status, 500, `${label}: status ${response.status}`);
        } catch (error) {
          if (error instanceof assert.AssertionError) throw error;
        }
        failures += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    // The disruption stops when the sending does, also when that failed.
    let disruptions: number;
    try {
      await sending;
    } finally {
      finished = true;
      disruptions = await disruption;
    }
    await assertExactlyOnce(place, acknowledged, label);
    await assertUp(running.base, label);
    figures.push([`${backend.name}, ${label}: ${disruptions} times during ${count} submissions`, `${failures} failed sends retried, each stored once`]);
  } finally {
    running.child.kill('SIGKILL');
  }
}

async function postgresRestarts(): Promise<void> {
  await streamThrough(postgresBackend, 'database server restarted', SIZES.faulty, async (_place, done) => {
    let restarts = 0;
    while (!done() && restarts < SIZES.kills) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await restartPostgres!();
      restarts += 1;
    }
    return restarts;
  });
}

async function postgresTerminations(): Promise<void> {
  await streamThrough(postgresBackend, 'every receiver connection terminated', SIZES.faulty, async (place, done) => {
    let rounds = 0;
    while (!done()) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await sql(place.databaseUrl!, 'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      rounds += 1;
    }
    return rounds;
  });
}

type Scenario = [string, () => Promise<void>];
const perBackend = (backend: Backend): Scenario[] => [
  [`${backend.name}: load`, () => load(backend)],
  [`${backend.name}: kill -9`, () => kills(backend)],
  [`${backend.name}: write failures`, () => faults(backend)],
];
const scenarios: Scenario[] = [
  ...perBackend(fileBackend),
  ['oversized and amplification bodies', amplification],
  // Filling 100,000 folders takes a while: only in the full run.
  ...(short ? [] : ([['file store: cost at 100,000 stored', () => cost(fileBackend)]] as Scenario[])),
  ...(POSTGRES_SKIPPED
    ? []
    : [
        ...perBackend(postgresBackend),
        ['PostgreSQL: cost at 100,000 stored', () => cost(postgresBackend)] as Scenario,
        ['PostgreSQL: connections terminated', postgresTerminations] as Scenario,
        ...(restartPostgres ? [['PostgreSQL: server restarted', postgresRestarts] as Scenario] : []),
      ]),
];
if (POSTGRES_SKIPPED) console.log(`*** ${POSTGRES_SKIPPED} ***`);
else if (!restartPostgres) console.log('*** EFA_POSTGRES_DIR is not set: the scenario "PostgreSQL: server restarted" is NOT run. ***');
const chosen = scenarios.filter(([name]) => only === undefined || name.includes(only));
let failures = 0;
for (const [name, run] of chosen) {
  const t = performance.now();
  try {
    await run();
    console.log(`ok   ${name} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failures += 1;
    console.log(`FAIL ${name}: ${(error as Error).stack ?? error}`);
  }
}
console.log(`\n| reliability${short ? ' (short)' : ''} | result |\n| --- | --- |`);
for (const [what, value] of figures) console.log(`| ${what} | ${value} |`);
for (const cleanup of cleanups) await cleanup().catch(() => {});
console.log(`\n${chosen.length - failures} passed, ${failures} failed`);
process.exit(failures > 0 ? 1 : 0);
