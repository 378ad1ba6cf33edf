/**
 * A stand-in, for the browser tests only, for two answers of the receiver contract (issue 17) that
 * demo/receiver.js does not give yet. Remove it once the receiver in server/ gives them, and point the tests that
 * use `/contract/submissions` at `/api/submissions`.
 *
 * POST /contract/submissions (JSON only), keyed by `Idempotency-Key`, kept in memory:
 * - a new key is stored and answered 201 `{ reference, receivedAt }`; the same key with the same body gets the
 *   same receipt;
 * - the same key with another body: 409 `application/problem+json`
 *   `{ type: "urn:efa-forms:problem:changed-resend", title, reference, receivedAt }` with the stored receipt;
 * - a body over `?limit=<bytes>` (default 1 MiB, the receiver's JSON limit): read to the end, then 413
 *   `{ type: "urn:efa-forms:problem:too-large", title, limit }`;
 * - `?lose-answer`: stored, but answered 503 with a `Retry-After` too long to wait for, as if the answer had
 *   been lost on the way;
 * - `?hang`: read, never answered (until the client goes away).
 * It validates nothing, so the form shell's tests can send their small test service through the `http` adapter.
 */
import { createHash, randomBytes } from 'node:crypto';

const PATH = '/contract/submissions';
const JSON_LIMIT = 1024 * 1024;

function problem(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/problem+json', ...headers });
  res.end(JSON.stringify(body));
}

export function contractReceiver() {
  /** @type {Map<string, { hash: string, reference: string, receivedAt: string }>} */
  const stored = new Map();

  return async function contractSubmissions(ctx, next) {
    if (ctx.path !== PATH || ctx.method !== 'POST') return next();
    ctx.respond = false;
    const { req, res } = ctx;
    const limit = Number(ctx.query.limit ?? JSON_LIMIT);
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    }
    if (size > limit) {
      return problem(res, 413, { type: 'urn:efa-forms:problem:too-large', title: 'Die Anfrage ist zu groß.', limit });
    }
    if ('hang' in ctx.query) return;
    const key = String(req.headers['idempotency-key'] ?? '');
    const hash = createHash('sha256').update(Buffer.concat(chunks)).digest('hex');
    const earlier = stored.get(key);
    if (earlier && earlier.hash !== hash) {
      return problem(res, 409, {
        type: 'urn:efa-forms:problem:changed-resend',
        title: 'Unter dieser Kennung ist bereits eine andere Fassung eingegangen.',
        reference: earlier.reference,
        receivedAt: earlier.receivedAt,
      });
    }
    const receipt = earlier ?? {
      hash,
      reference: `VE-2026-${randomBytes(3).toString('hex').toUpperCase()}`,
      receivedAt: new Date().toISOString(),
    };
    stored.set(key, receipt);
    if ('lose-answer' in ctx.query) {
      return problem(res, 503, { title: 'Die Antwort ging verloren.' }, { 'Retry-After': '3600' });
    }
    res.writeHead(201, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ reference: receipt.reference, receivedAt: receipt.receivedAt }));
  };
}
