/**
 * The reliability suite (issue 17, point 8): `npm run test:reliability` (add `-- --short` for the version CI
 * runs). Each scenario runs the real server and ends with the same check: every submission the server
 * acknowledged is stored exactly once, under the reference it acknowledged, no id is stored twice, and the
 * server still answers /health. Figures (req/s, p99, RSS) are printed at the end for the README.
 *
 * Scenarios: load at concurrency 50; kill -9 during a stream of submissions, then restart on the same data;
 * storage steps failing at random (index and disk writes) while clients retry; the oversized and amplification
 * bodies of the issue, with a valid submission sent meanwhile.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../canonical.js';
import { openFileStore } from '../storage/file-store.js';
import { envelope, postJson, root, startServer, validData } from './helpers.js';

const short = process.argv.includes('--short');
const SIZES = short
  ? { load: 400, kills: 5, faulty: 200 }
  : { load: 2000, kills: 20, faulty: 1000 };
const CONCURRENCY = 50;
const figures: Array<[string, string]> = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

interface Running {
  child: ChildProcess;
  base: string;
}

async function spawnServer(dataDir: string, port: number): Promise<Running> {
  const child = spawn(process.execPath, [join(root, 'build/server/main.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', EFA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', EFA_PORTAL: '' },
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
function assertExactlyOnce(dataDir: string, acknowledged: Map<string, string>, label: string): void {
  const dir = join(dataDir, 'submissions');
  const byId = new Map<string, string[]>();
  for (const name of readdirSync(dir)) {
    assert.ok(!name.startsWith('.incoming-'), `${label}: an incoming folder is left: ${name}`);
    const receipt = JSON.parse(readFileSync(join(dir, name, 'receipt.json'), 'utf8'));
    byId.set(receipt.id, [...(byId.get(receipt.id) ?? []), name]);
  }
  for (const [id, references] of byId) assert.equal(references.length, 1, `${label}: ${id} is stored ${references.length} times`);
  for (const [id, reference] of acknowledged) {
    assert.deepEqual(byId.get(id), [reference], `${label}: ${id} was acknowledged as ${reference}`);
  }
}

async function assertUp(base: string, label: string): Promise<void> {
  assert.equal((await fetch(`${base}/health`)).status, 200, `${label}: /health`);
}

async function load(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'efa-reliability-load-'));
  const running = await spawnServer(dataDir, await freePort());
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
    assertExactlyOnce(dataDir, acknowledged, 'load');
    await assertUp(running.base, 'load');
    figures.push(
      [`load: ${SIZES.load} submissions at concurrency ${CONCURRENCY}`, `${(SIZES.load / seconds).toFixed(0)} req/s`],
      ['load: latency p50 / p99', `${percentile(latencies, 50).toFixed(0)} ms / ${percentile(latencies, 99).toFixed(0)} ms`],
      ['load: RSS before / peak', `${(rssBefore / 2 ** 20).toFixed(0)} MB / ${(rssPeak / 2 ** 20).toFixed(0)} MB`],
    );
  } finally {
    running.child.kill('SIGKILL');
  }
}

async function kills(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'efa-reliability-kill-'));
  const port = await freePort();
  const acknowledged = new Map<string, string>();
  const waiting = new Set<Record<string, any>>();
  let sent = 0;
  for (let round = 0; round < SIZES.kills; round += 1) {
    const running = await spawnServer(dataDir, port);
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
  const running = await spawnServer(dataDir, port);
  try {
    for (const next of waiting) {
      const response = await postJson(running.base, next);
      assert.ok(response.status === 201 || response.status === 200, `retry: ${response.status}`);
      const { reference } = await response.json();
      const before = acknowledged.get(next.id);
      assert.ok(before === undefined || before === reference, `${next.id}: two references ${before}, ${reference}`);
      acknowledged.set(next.id, reference);
    }
    assertExactlyOnce(dataDir, acknowledged, 'kill -9');
    await assertUp(running.base, 'kill -9');
    figures.push([`kill -9: ${SIZES.kills} kills during ${sent} sends`, `${acknowledged.size} acknowledged, each stored once`]);
  } finally {
    running.child.kill('SIGKILL');
  }
}

async function faults(): Promise<void> {
  const steps = ['attachments', 'envelope', 'receipt', 'commit', 'index'];
  let failed = 0;
  const server = await startServer({
    beforeStoreStep: (step) => {
      if (steps.includes(step) && Math.random() < 0.1) {
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
    assertExactlyOnce(server.dataDir, acknowledged, 'write failures');
    // A restart recovers the same: what failed at the index step is indexed again, under the same reference.
    const restarted = await startServer({ dataDir: server.dataDir });
    for (const [id, reference] of acknowledged) assert.equal((await restarted.app.store.find(id))?.reference, reference);
    await assertUp(restarted.base, 'write failures');
    await restarted.close();
    figures.push([`write failures: ${SIZES.faulty} submissions, ${failed} injected failures`, 'each stored once, same reference after restart']);
  } finally {
    await server.close().catch(() => {});
  }
}

/** Sends `size` bytes as one multipart upload through node:http and reads the answer. */
function oversizedUpload(base: string, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/submissions`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=b', 'Content-Length': String(size + 200) },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.write('--b\r\nContent-Disposition: form-data; name="f"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n');
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

async function amplification(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'efa-reliability-bodies-'));
  const running = await spawnServer(dataDir, await freePort());
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

    const statuses = await Promise.all([1, 2, 3, 4, 5, 6].map(() => oversizedUpload(running.base, 31 * 1024 * 1024)));
    assert.deepEqual(statuses, [413, 413, 413, 413, 413, 413]);
    const rss = rssOf(running.child.pid!);

    assertExactlyOnce(dataDir, acknowledged, 'bodies');
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

/** Mean milliseconds of one `put` into a file store that already holds `stored` submissions. */
async function putCost(stored: number): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), `efa-reliability-cost-${stored}-`));
  // Filled as recovery expects it: one folder per submission, named in the index log.
  const lines: string[] = [];
  for (let i = 0; i < stored; i += 1) {
    const reference = `VE-2026-${i.toString(36).toUpperCase().padStart(6, '0')}`;
    mkdirSync(join(dataDir, 'submissions', reference), { recursive: true });
    lines.push(canonicalJson({ id: crypto.randomUUID(), reference, service: 'verpflichtungserklaerung', receivedAt: new Date(0).toISOString(), hash: '' }));
  }
  writeFileSync(join(dataDir, 'index.log'), `${lines.join('\n')}\n`);
  const store = await openFileStore({ dataDir });
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
  // What keeps the cost flat: each submission appends one line and leaves what was there untouched.
  const log = readFileSync(join(dataDir, 'index.log'), 'utf8');
  assert.ok(log.startsWith(`${lines.join('\n')}\n`), 'the index log was rewritten, not appended to');
  assert.equal(log.trimEnd().split('\n').length, stored + rounds);
  return mean;
}

async function cost(): Promise<void> {
  const small = await putCost(1000);
  const large = await putCost(100_000);
  figures.push(['cost of one stored submission at 1,000 / 100,000 stored', `${small.toFixed(1)} ms / ${large.toFixed(1)} ms`]);
}

const scenarios: Array<[string, () => Promise<void>]> = [
  ['load', load],
  ['kill -9', kills],
  ['write failures', faults],
  ['oversized and amplification bodies', amplification],
  // Filling 100,000 folders takes a while: only in the full run.
  ...(short ? [] : ([['cost at 100,000 stored', cost]] as Array<[string, () => Promise<void>]>)),
];
let failures = 0;
for (const [name, run] of scenarios) {
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
console.log(`\n${scenarios.length - failures} passed, ${failures} failed`);
process.exit(failures > 0 ? 1 : 0);
