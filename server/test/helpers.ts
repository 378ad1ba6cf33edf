/** What the server's Node tests share: a real server on a free port of 127.0.0.1 over a fresh store. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import pg from 'pg';
import { startIdentityProvider } from '../../demo/idp.js';
import { buildApp, type AppOptions } from '../app.js';
import { DEFAULT_LIMITS, projectRoot } from '../config.js';

export const root = projectRoot();

export interface TestServer {
  base: string;
  dataDir: string;
  app: Awaited<ReturnType<typeof buildApp>>;
  close(): Promise<void>;
}

/** Starts on `port` (0: any free one). */
export async function startServer(options: Partial<AppOptions> = {}, port = 0): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'efa-server-test-'));
  const app = await buildApp({
    root,
    dataDir,
    limits: DEFAULT_LIMITS,
    lookupsPerMinute: 1000,
    clerkRoutes: 'open-for-tests',
    ...options,
  });
  await app.listen({ port, host: '127.0.0.1' });
  const listening = (app.server.address() as AddressInfo).port;
  return { base: `http://127.0.0.1:${listening}`, dataDir, app, close: () => app.close() };
}

export type IdentityProvider = Awaited<ReturnType<typeof startIdentityProvider>>;

/**
 * A server with the demo portal whose clerks sign in at the demo's OpenID Connect provider (demo/idp.js, started
 * here as well); `close` stops both.
 */
export async function startServerWithSignIn(options: Partial<AppOptions> = {}): Promise<TestServer & { idp: IdentityProvider }> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const idp = await startIdentityProvider({ redirectUri: `${publicUrl}/clerks/callback` });
  const server = await startServer(
    {
      clerkRoutes: 'sign-in',
      signIn: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, publicUrl, sessionKey: randomBytes(32) },
      portalDir: join(root, 'demo'),
      ...options,
    },
    port,
  );
  return {
    ...server,
    idp,
    close: async () => {
      await server.close();
      await idp.close();
    },
  };
}

export function validData(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(root, 'test/fixtures/verpflichtungserklaerung/valid/einfach.json'), 'utf8'));
}

export function envelope(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    id: crypto.randomUUID(),
    service: 'verpflichtungserklaerung',
    schemaVersion: '1.0.0',
    createdAt: new Date().toISOString(),
    locale: 'de',
    authority: '09999000',
    data: validData(),
    attachments: [],
    ...overrides,
  };
}

/** A residence-permit application (Blue Card, test/fixtures/aufenthaltstitel/valid/erwerbstaetigkeit.json) in its envelope. */
export function residencePermitEnvelope(change: (data: Record<string, any>) => Record<string, any> = (data) => data): Record<string, any> {
  const data = JSON.parse(readFileSync(join(root, 'test/fixtures/aufenthaltstitel/valid/erwerbstaetigkeit.json'), 'utf8'));
  return envelope({ service: 'aufenthaltstitel', schemaVersion: '2.0.0', data: change(data) });
}

export function postJson(base: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/api/submissions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const PDF = new TextEncoder().encode('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

export function pdfAttachment(bytes: Uint8Array, dateiname = 'Nachweis.pdf') {
  return { id: crypto.randomUUID(), dateiname, mimeType: 'application/pdf', groesse: bytes.byteLength };
}

export function postMultipart(base: string, env: unknown, files: Record<string, Blob>): Promise<Response> {
  const form = new FormData();
  form.append('submission', JSON.stringify(env));
  for (const [name, blob] of Object.entries(files)) form.append(name, blob, 'datei');
  return fetch(`${base}/api/submissions`, { method: 'POST', body: form });
}

/**
 * Sends `size` bytes as one multipart file part through node:http and reads the answer, writing on after it came
 * as a browser does. Chunked by default, so the server finds the size only while receiving; `declareLength`
 * sends an exact Content-Length instead, which the server can refuse on before reading.
 */
export function oversizedUpload(base: string, size: number, { declareLength = false } = {}): Promise<{ status: number; body: string }> {
  const boundary = 'efaboundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${crypto.randomUUID()}"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const length = declareLength ? { 'Content-Length': String(Buffer.byteLength(head) + size + Buffer.byteLength(tail)) } : { 'Transfer-Encoding': 'chunked' };
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/submissions`, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, ...length },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.write(head);
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    pump();
  });
}

/**
 * The PostgreSQL server the tests use (`DATABASE_URL`, e.g. from `eval "$(bash scripts/postgres.sh)"`); CI always
 * sets it. Unset in a local run, the PostgreSQL variants are skipped with this reason, and said so loudly.
 */
export const DATABASE_URL = process.env.DATABASE_URL || undefined;
export const POSTGRES_SKIPPED = DATABASE_URL
  ? false
  : 'DATABASE_URL is not set: the PostgreSQL store is NOT tested. Run eval "$(bash scripts/postgres.sh)" first.';
if (!DATABASE_URL) {
  if (process.env.CI) throw new Error('CI must test the PostgreSQL store: .ci/run sets DATABASE_URL (scripts/postgres.sh).');
  console.warn(`\n*** ${POSTGRES_SKIPPED} ***\n`);
}

/** A fresh, empty database on the tests' PostgreSQL server; `drop` removes it. */
export async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `efa_scratch_${crypto.randomUUID().replaceAll('-', '')}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(DATABASE_URL!);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** Runs `sql` on the database at `url` in a connection of its own. */
export async function sql<T extends pg.QueryResultRow = any>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Restarts the tests' PostgreSQL cluster, when scripts/postgres.sh made it (EFA_POSTGRES_DIR), else undefined. */
export const restartPostgres: (() => Promise<void>) | undefined = process.env.EFA_POSTGRES_DIR
  ? async () => {
      await promisify(execFile)('bash', [join(root, 'scripts/postgres.sh'), 'restart']);
    }
  : undefined;

/** A port of 127.0.0.1 that is free now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** A browser's cookies, per origin, and its way of following redirects. */
export class Browser {
  readonly cookies = new Map<string, Map<string, string>>();

  private jar(url: URL): Map<string, string> {
    let jar = this.cookies.get(url.origin);
    if (!jar) this.cookies.set(url.origin, (jar = new Map()));
    return jar;
  }

  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.jar(target);
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('Cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')).trim(), pair!.slice(pair!.indexOf('=') + 1).trim()];
      const expired = value === '' || attributes.some((a) => /^\s*max-age=0$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /** Follows redirects as a top-level navigation does; answers the last response and its URL. */
  async navigate(url: string | URL, init: RequestInit = {}): Promise<{ response: Response; url: URL }> {
    let current = new URL(url);
    let response = await this.request(current, init);
    for (let hops = 0; response.status >= 300 && response.status < 400; hops += 1) {
      assert.ok(hops < 20, 'too many redirects');
      current = new URL(response.headers.get('location')!, current);
      response = await this.request(current);
    }
    return { response, url: current };
  }
}
