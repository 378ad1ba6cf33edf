/**
 * `node build/server/relay/main.js`: the FIT-Connect relay as its own process, configured by environment only.
 *
 *   FIT_CONNECT_TOKEN_URL      OAuth2 token endpoint, e.g. https://auth-testing.fit-connect.fitko.dev/token
 *   FIT_CONNECT_API_URL        Submission API base, e.g. https://submission-api-testing.fit-connect.fitko.dev
 *   FIT_CONNECT_CLIENT_ID      the sender client's id (Self-Service-Portal)
 *   FIT_CONNECT_CLIENT_SECRET  its secret
 *   RELAY_SERVICES             path of the services file (see services.example.json)
 *   RELAY_DATA_DIR             the journal of idempotency keys; must survive restarts (default ./relay-data)
 *   PORT, HOST                 where to listen (default 8090 on 127.0.0.1: put a TLS reverse proxy in front)
 *
 * Logs are JSON lines on stdout: method, path, status, duration, and FIT-Connect ids; never a body, a query or
 * an address.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { createRelay, type RelayServices } from './relay.js';
import { createSubmissionApi } from './submission-api.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`The relay needs ${name} (see server/relay/main.ts).`);
    process.exit(1);
  }
  return value;
}

const { $comment: _comment, ...services } = JSON.parse(readFileSync(resolve(required('RELAY_SERVICES')), 'utf8')) as RelayServices & { $comment?: string };
const api = createSubmissionApi({
  tokenUrl: required('FIT_CONNECT_TOKEN_URL'),
  apiUrl: required('FIT_CONNECT_API_URL'),
  clientId: required('FIT_CONNECT_CLIENT_ID'),
  clientSecret: required('FIT_CONNECT_CLIENT_SECRET'),
});
const log = (entry: Record<string, unknown>) => console.log(JSON.stringify({ time: new Date().toISOString(), ...entry }));
const relay = createRelay({ api, services: services as RelayServices, dataDir: resolve(process.env.RELAY_DATA_DIR ?? 'relay-data'), log });
const port = Number(process.env.PORT ?? 8090);
const host = process.env.HOST ?? '127.0.0.1';
createServer(relay.handle).listen(port, host, () => log({ event: 'listening', url: `http://${host}:${port}` }));
