/**
 * Configuration by environment variables (one place; README "Server" lists them):
 *   PORT                      8000
 *   HOST                      localhost. On anything but a loopback address the clerks' routes are refused
 *                             (there is no sign-in yet) and a warning is logged.
 *   EFA_DATA_DIR              where the file store keeps submissions (default `data/` in the project); with
 *                             DATABASE_URL only where uploads are received before they go into the database
 *   DATABASE_URL              postgres://user:password@host:port/database: store submissions in PostgreSQL
 *                             (the schema is created and migrated at start); unset: the file store
 *   EFA_ALLOWED_HOSTS         comma-separated host names the `Host` header may carry (DNS rebinding); default
 *                             localhost, 127.0.0.1, ::1 and HOST
 *   EFA_PORTAL                a folder with portal pages to serve as well (`npm start`: demo/), else API only
 *   EFA_JSON_LIMIT            bytes, default 1 MiB (the client helper assumes this default)
 *   EFA_MULTIPART_LIMIT       bytes, default 30 MiB (the client helper checks this before sending)
 *   EFA_CONCURRENT_UPLOADS    multipart requests received at once, default 8
 *   EFA_LOOKUPS_PER_MINUTE    reference look-ups per client address and minute, default 60
 *   EFA_TRUST_PROXY           `true` behind a reverse proxy that sets X-Forwarded-For
 *   LOG_LEVEL                 pino level, default info
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Limits } from './receiver.js';

export const DEFAULT_LIMITS: Limits = { json: 1024 * 1024, multipart: 30 * 1024 * 1024, concurrentUploads: 8 };

/** The project folder (with `schemas/`), found from this module whether it runs as source or as the bundle. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'schemas', 'submission.schema.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('The project folder (with schemas/) was not found above the server code.');
    dir = parent;
  }
  return dir;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  allowedHosts: string[];
  portalDir: string | undefined;
  limits: Limits;
  lookupsPerMinute: number;
  trustProxy: boolean;
  logLevel: string;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not "${raw}".`);
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = projectRoot();
  const host = env.HOST || 'localhost';
  const allowed = env.EFA_ALLOWED_HOSTS?.split(',').map((h) => h.trim()).filter(Boolean);
  return {
    port: positive(env, 'PORT', 8000),
    host,
    dataDir: resolve(env.EFA_DATA_DIR || join(root, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    allowedHosts: allowed ?? ['localhost', '127.0.0.1', '[::1]', host],
    portalDir: env.EFA_PORTAL ? resolve(env.EFA_PORTAL) : undefined,
    limits: {
      json: positive(env, 'EFA_JSON_LIMIT', DEFAULT_LIMITS.json),
      multipart: positive(env, 'EFA_MULTIPART_LIMIT', DEFAULT_LIMITS.multipart),
      concurrentUploads: positive(env, 'EFA_CONCURRENT_UPLOADS', DEFAULT_LIMITS.concurrentUploads),
    },
    lookupsPerMinute: positive(env, 'EFA_LOOKUPS_PER_MINUTE', 60),
    trustProxy: env.EFA_TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL || 'info',
  };
}
