/** What the server's Node tests share: a real server on a free port of 127.0.0.1 over a fresh store. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp, type AppOptions } from '../app.js';
import { DEFAULT_LIMITS, projectRoot } from '../config.js';

export const root = projectRoot();

export interface TestServer {
  base: string;
  dataDir: string;
  app: Awaited<ReturnType<typeof buildApp>>;
  close(): Promise<void>;
}

export async function startServer(options: Partial<AppOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'efa-server-test-'));
  const app = await buildApp({
    root,
    dataDir,
    limits: DEFAULT_LIMITS,
    lookupsPerMinute: 1000,
    clerkRoutes: 'open',
    ...options,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, dataDir, app, close: () => app.close() };
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
