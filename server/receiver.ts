/**
 * The reference receiver: what an authority's back end does with a submission from an efa-forms element.
 * A Fastify plugin, registered under `/api` by `app.ts`.
 *
 * Routes (JSON; errors carry a stable `code` for machines and a German `message` for people, except the two
 * problem details below):
 *   POST   /api/submissions                           the envelope as `application/json`, or `multipart/form-data`
 *                                                     with a part `submission` (the envelope) and one file part
 *                                                     per announced attachment, named by the attachment's `id`
 *          201 { reference, receivedAt, accessCode }  stored; `accessCode` opens the case (cases.ts), told only here
 *          200 { reference, receivedAt, accessCode }  this envelope was stored before: same receipt, nothing new
 *                                                   stored, but a new access code (the first may never have arrived)
 *          409 problem `urn:efa-forms:problem:changed-resend` { reference, receivedAt }: the id was stored
 *              before with a different envelope; nothing new is stored
 *          400 invalid-json | invalid-multipart | missing-submission | idempotency-key-mismatch
 *          403 problem `urn:efa-forms:problem:identity` { reason, fields? }: `data.authentifizierung` did not hold
 *              (identity.ts); nothing is stored
 *          413 problem `urn:efa-forms:problem:too-large` { limit } (JSON or the `submission` part over the JSON
 *              limit, a multipart body over its limit), `…:too-many-parts` { limit }
 *          415 unsupported-media-type, 503 busy (too many uploads at once; Retry-After)
 *          422 validation { errors: [{ instancePath, keyword, params }] } (at most 100) | unknown-service
 *   GET    /api/submissions?status=&service=&answer=new  the inbox's list, newest first, filtered (clerk-cases.ts) (clerks)
 *   GET    /api/submissions/:reference                { reference, service, receivedAt, status } (rate-limited)
 *   GET    /api/submissions/:reference/data           the stored envelope (`?download=1`: as a file) (clerks)
 *   GET    /api/submissions/:reference/readable       its answers under the form's labels, by step (readable.ts) (clerks)
 *   GET    /api/submissions/:reference/attachments/:id  the attachment with its type, also one supplied later as an answer (clerks)
 *
 * The citizen's side of the return channel (issue 11; messages: schemas/return/nachricht.schema.json):
 *   POST   /api/cases/access { reference, accessCode }  201 { reference, token, expiresAt }: a case token (cases.ts)
 *          403 access-denied: the same answer for an unknown reference and a wrong code; 429 rate-limited per
 *          reference and per client (Retry-After)
 *   POST   /api/cases/identity-access { token, nonce }  201 { cases: [{ reference, service, receivedAt, status, token,
 *          expiresAt }] } newest first: a case token for each submission stored with the verified identity whose
 *          subject is the token's (identity.ts, `caseAccessVerifier`; the portal signs the token with `nonce`, fresh
 *          for this request); none for a submission sent without an identity. 403 identity-refused for a token that
 *          does not hold (forged, expired, another nonce, used before); 429 rate-limited per client
 *   with `Authorization: Bearer <token>` (else 401 case-token-invalid, also for another case's reference):
 *   GET    /api/cases/:reference/messages           { reference, status, messages: [...] } oldest first
 *   POST   /api/cases/:reference/answers            a citizen's message as JSON, or multipart with a part `message`
 *          and one file part per attachment of `data.anlagen` (checked like a submission's); 201 stored, 200 the
 *          same id was stored before; 422 validation (also for a reference to a message the case does not have)
 *
 * Validation errors: an `instancePath` that is a JSON pointer ("" or "/…") is relative to the envelope's `data`,
 * as the browser's own validator reports it. Errors about the envelope itself start with `#envelope`.
 * Attachment checks use keyword `attachment` with `params: { id, problem }`, `problem` one of `missing`,
 * `duplicate`, `size`, `type` (with `expected`, `actual`), `content` (the bytes are not of the announced type,
 * with `expected`) or `unannounced`. Bounds checked before the validator use `maxItems` and `maxDepth`.
 *
 * Idempotency: the envelope `id` is the key (an `Idempotency-Key` header, when sent, must equal it); the store
 * handles one id at a time, so concurrent repeats store once.
 *
 * Clerks' routes answer only signed-in clerks and refuse cross-site requests (`clerks.ts`).
 *
 * Cross-origin portals: a request whose `Origin` is neither this server's own nor one of `corsOrigins` is
 * refused (403 cross-origin), preflight or not. The listed origins get CORS answers (`@fastify/cors`): a
 * preflight 204 allowing GET, POST and DELETE with `Content-Type`, `Accept`, `Idempotency-Key` and
 * `Authorization` (the case token), and `Location` and `Retry-After` readable; no credentials (neither a
 * submission nor a case needs a cookie).
 *
 * Fault injection (only with `faults`, for the tests of the browser's adapters):
 *   POST   /api/__faults { next: [kind, …] }   queue faults; each following POST /api/submissions takes one
 *   DELETE /api/__faults                        clear the queue
 * `rate-limit` (429, Retry-After: 1) and `hang` (never answers; released when the client goes away) act before
 * the body is read. `fail-before-store` (500, nothing stored), `fail-after-store` (stored, then 500) and
 * `malformed-receipt` (stored, then 201 `{ ok: true }`) act at the storage step. Queues are kept per calling
 * page (the `Referer` header).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readableSubmission } from './readable.js';
import { isMailAddress, type Notices } from './notices.js';
import { AttemptLimit, authorizedCase, bearerToken, answerErrors, caseStatus, caseTokenHash, hashAccessCode, newAccessCode, newCaseToken, verifyAccessCode } from './cases.js';
import type { ClerkGuard } from './clerks.js';
import { inboxList, type InboxFilter } from './clerk-cases.js';
import { MAGIC_LENGTH, cleanFileName, contentDisposition, hasSignatureOf, storedName } from './attachments.js';
import { envelopeHash } from './canonical.js';
import { MAX_DEPTH, nestsDeeperThan } from './guard.js';
import { IdentityRefusal, type CaseAccessVerifier, type IdentityVerifier } from './identity.js';
import {
  HttpError,
  Problem,
  changedResend,
  invalidJson,
  notFound,
  refusalOf,
  sendRefusal,
  storeFailed,
  tooLarge,
  tooManyParts,
  validationFailed,
  type FieldError,
} from './problems.js';
import { REFERENCE, type CaseMessage, type IncomingFile, type StoredEntry, type SubmissionStore } from './storage/store.js';
import type { Validation } from './validation.js';

export interface Limits {
  /** Bytes of a JSON body, and of the multipart `submission` part. Contract with the client helper: 1 MiB. */
  json: number;
  /** Bytes of a multipart body. Contract with the client helper, which checks it before sending: 30 MiB. */
  multipart: number;
  /** Multipart requests received at the same time; more are answered 503. */
  concurrentUploads: number;
}


export interface ReceiverOptions {
  store: SubmissionStore;
  validation: Validation;
  limits: Limits;
  /** Look-ups by reference per client address and minute. */
  lookupsPerMinute: number;
  /** Guards the clerks' routes (`clerks.ts`). */
  clerks: ClerkGuard;
  /** Origins of portals on other origins that embed the forms with this receiver as their endpoint. */
  corsOrigins: string[];
  /** Queued faults by calling page; present only in tests. */
  faultQueues?: Map<string, string[]> | undefined;
  cases: CaseOptions;
  /** Checks an authenticated identity in a submission (identity.ts). */
  verifyIdentity: IdentityVerifier;
  /** Checks the identity token that opens a person's cases (identity.ts). */
  verifyCaseAccess: CaseAccessVerifier;
}

export interface CaseOptions {
  /** How long a case token is valid. */
  tokenMinutes: number;
  /** Access attempts per reference, and per client address, in `windowMinutes`. */
  attemptsPerReference: number;
  attemptsPerClient: number;
  windowMinutes: number;
  /** Milliseconds since the epoch; a test's own clock in tests. */
  now: () => number;
  /** How a citizen hears that the office wrote; without it the element offers no notices. */
  notices?: Notices | undefined;
}

export const DEFAULT_CASE_OPTIONS: CaseOptions = {
  tokenMinutes: 30,
  attemptsPerReference: 10,
  attemptsPerClient: 30,
  windowMinutes: 15,
  now: Date.now,
};

const STATUS = 'eingegangen';
const PREFIX: Record<string, string> = { verpflichtungserklaerung: 'VE', aufenthaltstitel: 'AT' };
/** Easy to read out on the phone: no 0/O, 1/I/L. */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const FAULTS = ['fail-before-store', 'fail-after-store', 'hang', 'malformed-receipt', 'rate-limit'];
const BERLIN_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' });
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

interface Attachment {
  id: string;
  dateiname: string;
  mimeType: string;
  groesse: number;
}

/** A part of a multipart request other than `submission`: a file streamed to disk, or a plain field. */
type Part = { kind: 'file'; path: string; size: number; type: string; head: Uint8Array } | { kind: 'field' };

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(body: Uint8Array | string): unknown {
  let text: string;
  try {
    text = typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw invalidJson();
  }
  // The envelope adds one level above `data`; the guard checks the exact depth per path after parsing.
  if (nestsDeeperThan(text, MAX_DEPTH + 1)) throw validationFailed([{ instancePath: '#envelope', keyword: 'maxDepth', params: { limit: MAX_DEPTH } }]);
  try {
    return JSON.parse(text);
  } catch {
    throw invalidJson();
  }
}

function newReference(service: string, receivedAt: string): string {
  let code = '';
  for (let i = 0; i < 6; i += 1) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `${PREFIX[service] ?? 'XX'}-${BERLIN_YEAR.format(new Date(receivedAt))}-${code}`;
}

function receiptOf(entry: StoredEntry) {
  return { reference: entry.reference, service: entry.service, receivedAt: entry.receivedAt, status: STATUS };
}

/**
 * Reads the rest of a request we have already answered, so that the client, still sending, reads our answer
 * instead of a reset connection (issue 17, finding 5). Past `cap` bytes the connection is cut.
 */
function drain(request: FastifyRequest, cap: number): void {
  const raw = request.raw;
  if (raw.readableEnded || raw.destroyed) return;
  let seen = 0;
  raw.unpipe();
  raw.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > cap) raw.socket?.destroy();
  });
  raw.resume();
}

export async function receiver(app: FastifyInstance, options: ReceiverOptions): Promise<void> {
  const { store, validation, limits, faultQueues, cases } = options;
  /** Every part but `submission` is an attachment: at most as many as the schemas allow in any list. */
  const partsLimit = validation.guard.largestMaxItems + 1;
  let uploadsInProgress = 0;

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, 'rate-limited', 'Zu viele Abfragen in kurzer Zeit. Bitte versuchen Sie es in einer Minute erneut.', {}, {
        'Retry-After': String(Math.ceil(context.ttl / 1000)),
      }),
  });
  await app.register(multipart, { throwFileSizeLimit: true });

  const corsOrigins = new Set(options.corsOrigins);
  app.addHook('onRequest', async (request) => {
    const origin = request.headers.origin;
    // Absent or opaque (`null`): no origin to judge; a browser sends its own origin with every cross-origin request.
    if (origin === undefined || origin === 'null' || corsOrigins.has(origin)) return;
    let own = false;
    try {
      // request.host: behind a trusted proxy (EFA_TRUST_PROXY) the host the browser asked for (X-Forwarded-Host).
      own = new URL(origin).host === request.host;
    } catch {
      // not an origin at all
    }
    if (!own) throw new HttpError(403, 'cross-origin', 'Diese Seite darf an diese Behörde nicht senden: ihre Adresse ist nicht freigegeben.');
  });
  if (corsOrigins.size > 0) {
    await app.register(cors, {
      origin: [...corsOrigins],
      methods: ['GET', 'POST', 'DELETE'],
      // Authorization: the citizen's case token (cases.ts), a bearer token, no cookie.
      allowedHeaders: ['Content-Type', 'Accept', 'Idempotency-Key', 'Authorization'],
      exposedHeaders: ['Location', 'Retry-After'],
      maxAge: 600,
    });
  }

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseJson(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.removeContentTypeParser('text/plain');

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.setNotFoundHandler(() => {
    throw notFound();
  });

  app.setErrorHandler((error: unknown, request, reply) => {
    let answer = error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') answer = tooLarge(request.routeOptions.bodyLimit ?? limits.json);
    else if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') answer = tooManyParts(partsLimit);
    else if (code === 'FST_REQ_FILE_TOO_LARGE') answer = tooLarge(limits.multipart);
    else if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || code === 'FST_ERR_CTP_INVALID_TYPE') {
      answer = new HttpError(
        415,
        'unsupported-media-type',
        'Dieses Format wird nicht angenommen. Senden Sie die Einreichung als application/json oder multipart/form-data.',
      );
    } else if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') answer = invalidJson();

    const refusal = refusalOf(answer);
    if (refusal) {
      drain(request, 2 * limits.multipart);
      return sendRefusal(reply, refusal);
    }
    if (reply.raw.destroyed) return reply;
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ code: 'internal', message: 'Ein Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.' });
  });

  /** Answers every method but `allowed` at `url` with 405 and an `Allow` header. */
  function onlyFor(url: string, ...allowed: Array<(typeof METHODS)[number]>): void {
    const allow = allowed.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])).join(', ');
    const refuse = async (): Promise<never> => {
      throw new HttpError(405, 'method-not-allowed', 'Diese Methode ist hier nicht erlaubt.', {}, { Allow: allow });
    };
    // Refused on arrival, before a body is parsed: the method is wrong whatever it carries.
    app.route({ method: METHODS.filter((m) => !allowed.includes(m)), url, onRequest: refuse, handler: refuse });
  }

  const clerksOnly = options.clerks.api;

  const lookupLimit = { rateLimit: { max: options.lookupsPerMinute, timeWindow: 60_000 } };

  async function storedOr404(reference: string): Promise<StoredEntry> {
    if (!REFERENCE.test(reference)) throw notFound();
    const entry = await store.get(reference);
    if (!entry) throw new HttpError(404, 'not-found', 'Zu dieser Vorgangsnummer gibt es keine Einreichung. Prüfen Sie die Vorgangsnummer.');
    return entry;
  }

  // --- receiving --------------------------------------------------------------------------------------------

  function takeFault(request: FastifyRequest): string | undefined {
    if (!faultQueues) return undefined;
    const key = request.headers.referer ?? '';
    const queue = faultQueues.get(key);
    const fault = queue?.shift();
    if (queue?.length === 0) faultQueues.delete(key);
    return fault;
  }

  /** Streams one file part to the upload folder, never holding more than a chunk in memory. */
  async function receiveFile(file: NodeJS.ReadableStream, type: string, count: (bytes: number) => void): Promise<Part> {
    const path = join(store.uploadDir, randomUUID());
    const head = new Uint8Array(MAGIC_LENGTH);
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        if (size < MAGIC_LENGTH) head.set(chunk.subarray(0, MAGIC_LENGTH - size), size);
        size += chunk.length;
        try {
          count(chunk.length);
          callback(null, chunk);
        } catch (error) {
          callback(error as Error);
        }
      },
    });
    try {
      await pipeline(file, measure, createWriteStream(path, { flags: 'wx' }));
      const handle = await open(path, 'r');
      await handle.sync().finally(() => handle.close());
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { kind: 'file', path, size, type: type.toLowerCase(), head: head.subarray(0, Math.min(size, MAGIC_LENGTH)) };
  }

  /** `main`: the name of the JSON part (`submission`, or `message` for a citizen's answer); every other part is an attachment. */
  async function readMultipart(request: FastifyRequest, main: 'submission' | 'message'): Promise<{ envelope: unknown; parts: Map<string, Part[]> }> {
    const parts = new Map<string, Part[]>();
    const submissions: string[] = [];
    let total = 0;
    const count = (bytes: number): void => {
      total += bytes;
      if (total > limits.multipart) throw tooLarge(limits.multipart);
    };
    const add = (name: string, part: Part): void => {
      parts.set(name, [...(parts.get(name) ?? []), part]);
    };
    try {
      const iterator = request.parts({
        limits: { parts: partsLimit, fieldSize: limits.json, fileSize: limits.multipart, headerPairs: 100 },
      });
      for await (const part of iterator) {
        if (part.fieldname === main) {
          if (part.type === 'field') {
            if (part.valueTruncated) throw tooLarge(limits.json);
            const text = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
            count(Buffer.byteLength(text));
            submissions.push(text);
          } else {
            const bytes = await part.toBuffer();
            if (bytes.byteLength > limits.json) throw tooLarge(limits.json);
            count(bytes.byteLength);
            submissions.push(bytes.toString('utf8'));
          }
        } else if (part.type === 'file') {
          add(part.fieldname, await receiveFile(part.file, part.mimetype, count));
        } else {
          count(String(part.value).length);
          add(part.fieldname, { kind: 'field' });
        }
      }
    } catch (error) {
      await removeUploads(parts);
      if (error instanceof Problem || error instanceof HttpError) throw error;
      const code = (error as { code?: string }).code;
      if (code?.startsWith('FST_')) throw error;
      throw new HttpError(
        400,
        'invalid-multipart',
        `Die Anfrage ist kein gültiges multipart/form-data. Senden Sie die Angaben im Teil „${main}“ und jede Anlage als eigene Datei.`,
      );
    }
    if (submissions.length !== 1) {
      await removeUploads(parts);
      throw new HttpError(400, `missing-${main}`, `Der Teil „${main}“ fehlt oder ist mehrfach vorhanden. Senden Sie die Angaben genau einmal.`);
    }
    try {
      return { envelope: parseJson(submissions[0]!), parts };
    } catch (error) {
      await removeUploads(parts);
      throw error;
    }
  }

  /** Receives a multipart request within the limits and hands its JSON part and files to `handle`; removes whatever files the store did not take over. */
  async function receiveMultipart<T>(request: FastifyRequest, main: 'submission' | 'message', handle: (json: unknown, parts: Map<string, Part[]>) => Promise<T>): Promise<T> {
    if (Number(request.headers['content-length']) > limits.multipart) throw tooLarge(limits.multipart);
    if (uploadsInProgress >= limits.concurrentUploads) {
      throw new HttpError(503, 'busy', 'Gerade werden sehr viele Anlagen empfangen. Bitte senden Sie in einigen Sekunden erneut.', {}, { 'Retry-After': '5' });
    }
    uploadsInProgress += 1;
    let parts = new Map<string, Part[]>();
    try {
      const read = await readMultipart(request, main);
      parts = read.parts;
      return await handle(read.envelope, parts);
    } finally {
      uploadsInProgress -= 1;
      await removeUploads(parts);
    }
  }

  async function removeUploads(parts: Map<string, Part[]>): Promise<void> {
    for (const part of [...parts.values()].flat()) if (part.kind === 'file') await rm(part.path, { force: true });
  }

  /** `at`: where the announced attachments are, as the errors' path prefix. */
  function matchAttachments(announced: Attachment[], parts: Map<string, Part[]>, at = '#envelope/attachments'): { errors: FieldError[]; files: IncomingFile[] } {
    const errors: FieldError[] = [];
    const files: IncomingFile[] = [];
    const seen = new Set<string>();
    const fail = (instancePath: string, params: Record<string, unknown>): void => {
      errors.push({ instancePath, keyword: 'attachment', params });
    };
    for (const [i, attachment] of announced.entries()) {
      const item = `${at}/${i}`;
      const { id, mimeType, groesse } = attachment;
      const received = parts.get(id) ?? [];
      const file = received[0];
      if (seen.has(id) || received.length > 1) fail(item, { id, problem: 'duplicate' });
      else if (file === undefined || file.kind !== 'file') fail(item, { id, problem: 'missing' });
      else if (file.size !== groesse) fail(item, { id, problem: 'size', expected: groesse, actual: file.size });
      else if (file.type !== mimeType) fail(item, { id, problem: 'type', expected: mimeType, actual: file.type });
      else if (!hasSignatureOf(mimeType, file.head)) fail(item, { id, problem: 'content', expected: mimeType });
      else files.push({ name: storedName(id, mimeType), path: file.path });
      seen.add(id);
    }
    for (const name of parts.keys()) {
      if (!seen.has(name)) fail(at, { id: name, problem: 'unannounced' });
    }
    return { errors, files };
  }

  /** Validates and stores a submission, however it arrived, and answers with its receipt. */
  async function accept(request: FastifyRequest, reply: FastifyReply, envelope: unknown, parts: Map<string, Part[]>, fault?: string) {
    const key = request.headers['idempotency-key'];
    if (key !== undefined && isObject(envelope) && key !== envelope.id) {
      throw new HttpError(400, 'idempotency-key-mismatch', 'Der Header Idempotency-Key muss der id der Einreichung entsprechen.');
    }
    const errors = validation.check(envelope);
    // The files are matched only against attachments the envelope's schema took: an envelope without them, or
    // no object at all, is told so by the schema's errors.
    const envelopeWrong = errors.some((e) => e.instancePath.startsWith('#envelope'));
    let files: IncomingFile[] = [];
    if (!envelopeWrong) {
      const matched = matchAttachments((envelope as { attachments: Attachment[] }).attachments, parts);
      errors.push(...matched.errors);
      files = matched.files;
    }
    if (errors.length > 0) throw validationFailed(errors);
    const valid = envelope as { id: string; service: string; attachments: Attachment[] } & Record<string, unknown>;
    // A resend of a stored submission is answered by the store (same receipt, or a changed resend): its identity
    // was verified when it first came, and the token may have expired since.
    const identitySubject = (await store.find(valid.id)) ? undefined : await options.verifyIdentity(valid, request.log);
    if (fault === 'fail-before-store') throw storeFailed();

    const hash = envelopeHash(valid);
    const toStore = { ...valid, attachments: valid.attachments.map((a) => ({ ...a, dateiname: cleanFileName(a.dateiname, a.mimeType) })) };
    const accessCode = newAccessCode();
    const accessHash = await hashAccessCode(accessCode);
    const { entry, created } = await store.put({ envelope: toStore, hash, files, accessHash, identitySubject }, (receivedAt) => newReference(valid.service, receivedAt));
    if (!created && entry.hash !== hash) throw changedResend(entry.reference, entry.receivedAt);
    // A resend means the sender may never have read the first receipt, and with it the code (told only there):
    // it gets a new one, and the old one stops opening the case. Only the sender knows the id and the content.
    if (!created) await store.replaceAccessHash(entry.reference, accessHash);

    if (fault === 'fail-after-store') throw storeFailed();
    if (fault === 'malformed-receipt') return reply.code(201).send({ ok: true });
    return reply
      .code(created ? 201 : 200)
      .header('Location', `/api/submissions/${entry.reference}`)
      .send({ reference: entry.reference, receivedAt: entry.receivedAt, accessCode });
  }

  onlyFor('/submissions', 'GET', 'POST');
  app.post('/submissions', {
    bodyLimit: limits.json,
    preParsing: async (request, reply, payload) => {
      const fault = takeFault(request);
      if (fault === 'rate-limit') {
        throw new HttpError(429, 'rate-limited', 'Gerade gehen sehr viele Einreichungen ein. Bitte senden Sie in einer Sekunde erneut.', {}, { 'Retry-After': '1' });
      }
      if (fault === 'hang') {
        await new Promise((resolve) => reply.raw.once('close', resolve));
        request.raw.destroy();
      }
      (request as FastifyRequest & { fault?: string }).fault = fault;
      return payload;
    },
    handler: async (request, reply) => {
      const fault = (request as FastifyRequest & { fault?: string }).fault;
      if (!request.isMultipart()) {
        const parts = new Map<string, Part[]>();
        return accept(request, reply, request.body, parts, fault);
      }
      return receiveMultipart(request, 'submission', (envelope, parts) => accept(request, reply, envelope, parts, fault));
    },
  });

  // --- reading ------------------------------------------------------------------------------------------------

  app.get<{ Querystring: InboxFilter }>('/submissions', { preHandler: clerksOnly }, async (request) => inboxList(store, request.query));

  onlyFor('/submissions/:reference', 'GET');
  app.get<{ Params: { reference: string } }>('/submissions/:reference', { config: lookupLimit }, async (request) =>
    receiptOf(await storedOr404(request.params.reference)),
  );

  onlyFor('/submissions/:reference/data', 'GET');
  app.get<{ Params: { reference: string }; Querystring: { download?: string } }>(
    '/submissions/:reference/data',
    { config: lookupLimit, preHandler: clerksOnly },
    async (request, reply) => {
      const { reference } = await storedOr404(request.params.reference);
      if (request.query.download === '1') reply.header('Content-Disposition', `attachment; filename="${reference}.json"`);
      return store.envelope(reference);
    },
  );

  onlyFor('/submissions/:reference/readable', 'GET');
  app.get<{ Params: { reference: string } }>(
    '/submissions/:reference/readable',
    { config: lookupLimit, preHandler: clerksOnly },
    async (request) => {
      const { reference } = await storedOr404(request.params.reference);
      const { service, data } = (await store.envelope(reference)) as { service: string; data: Record<string, unknown> };
      const readable = await readableSubmission(service, data);
      if (!readable) throw new HttpError(404, 'not-found', 'Für diese Leistung gibt es keine lesbare Darstellung.');
      return readable;
    },
  );

  onlyFor('/submissions/:reference/attachments/:id', 'GET');
  app.get<{ Params: { reference: string; id: string } }>(
    '/submissions/:reference/attachments/:id',
    { config: lookupLimit, preHandler: clerksOnly },
    async (request, reply) => {
      const { reference } = await storedOr404(request.params.reference);
      const envelope = (await store.envelope(reference)) as { attachments: Attachment[] };
      // The submission's own attachments, then those the citizen supplied later (return channel).
      const supplied = (await store.messages(reference)).flatMap((m) => (m.type === 'unterlagennachreichung' ? (m.data as { anlagen: Attachment[] }).anlagen : []));
      const attachment = [...envelope.attachments, ...supplied].find((a) => a.id === request.params.id);
      const stored = attachment && (await store.attachment(reference, storedName(attachment.id, attachment.mimeType)));
      if (!attachment || !stored) throw new HttpError(404, 'not-found', 'Diese Anlage gibt es zu dieser Einreichung nicht.');
      return reply
        .type(attachment.mimeType)
        .header('Content-Length', String(stored.size))
        .header('Content-Disposition', contentDisposition(cleanFileName(attachment.dateiname, attachment.mimeType)))
        .send(stored.stream);
    },
  );

  // --- the citizen's case (issue 11) -------------------------------------------------------------------------

  const referenceAttempts = new AttemptLimit(cases.attemptsPerReference, cases.windowMinutes * 60_000, cases.now);
  const clientAttempts = new AttemptLimit(cases.attemptsPerClient, cases.windowMinutes * 60_000, cases.now);
  /** Counts an attempt at opening a case; 429 once the client or the reference has had too many. */
  const takeAttempt = (limit: AttemptLimit, key: string): void => {
    const { allowed, retryAfterSeconds } = limit.take(key);
    if (!allowed) {
      throw new HttpError(
        429,
        'rate-limited',
        'Zu viele Versuche in kurzer Zeit. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.',
        {},
        { 'Retry-After': String(retryAfterSeconds) },
      );
    }
  };
  /** The case the request's token opens, which must be `reference`; else 401 (cases.ts). */
  const authorizedCaseOf = (request: FastifyRequest, reference: string): Promise<string> =>
    authorizedCase(request.headers.authorization, reference, store, cases.now());

  onlyFor('/cases/access', 'POST');
  app.post('/cases/access', { bodyLimit: 4096 }, async (request, reply) => {
    const body = isObject(request.body) ? request.body : {};
    const typed = typeof body.reference === 'string' ? body.reference.trim().toUpperCase().slice(0, 32) : '';
    takeAttempt(clientAttempts, request.ip);
    takeAttempt(referenceAttempts, typed);
    const stored = REFERENCE.test(typed) ? await store.accessHash(typed) : undefined;
    if (!(await verifyAccessCode(body.accessCode, stored))) {
      throw new HttpError(
        403,
        'access-denied',
        'Vorgangsnummer und Zugangscode passen nicht zusammen. Bitte prüfen Sie beide Angaben auf Ihrer Eingangsbestätigung.',
      );
    }
    const token = newCaseToken();
    const expiresAt = new Date(cases.now() + cases.tokenMinutes * 60_000).toISOString();
    await store.saveToken(caseTokenHash(token), { reference: typed, expiresAt });
    return reply.code(201).send({ reference: typed, token, expiresAt });
  });

  /** At most this many of a person's cases are opened at once, the newest. */
  const CASES_PER_IDENTITY = 50;
  onlyFor('/cases/identity-access', 'POST');
  app.post('/cases/identity-access', { bodyLimit: 16_384 }, async (request, reply) => {
    const body = isObject(request.body) ? request.body : {};
    takeAttempt(clientAttempts, request.ip);
    const refused = (): HttpError =>
      new HttpError(403, 'identity-refused', 'Ihre Anmeldung ließ sich nicht bestätigen. Bitte melden Sie sich im Portal erneut an und versuchen Sie es dann noch einmal.');
    const { subject, expiresAt: tokenExpiresAt } = await options.verifyCaseAccess(body.token, body.nonce, request.log).catch((error: unknown) => {
      throw error instanceof IdentityRefusal ? refused() : error;
    });
    // A token read off an earlier request (the same nonce) opens nothing again, in any process on the store.
    if (!(await store.takeNonce(String(body.nonce), tokenExpiresAt))) {
      request.log.warn({ reason: 'replayed' }, 'identity refused for opening cases');
      throw refused();
    }
    const expiresAt = new Date(cases.now() + cases.tokenMinutes * 60_000).toISOString();
    const opened = [];
    for (const entry of (await store.casesOf(subject)).slice(0, CASES_PER_IDENTITY)) {
      const token = newCaseToken();
      await store.saveToken(caseTokenHash(token), { reference: entry.reference, expiresAt });
      const status = caseStatus(await store.messages(entry.reference));
      opened.push({ reference: entry.reference, service: entry.service, receivedAt: entry.receivedAt, status, token, expiresAt });
    }
    return reply.code(201).send({ cases: opened });
  });

  onlyFor('/cases/token', 'DELETE');
  app.delete('/cases/token', async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (token !== undefined) await store.revokeToken(caseTokenHash(token));
    return reply.code(204).send();
  });

  onlyFor('/cases/:reference/messages', 'GET');
  app.get<{ Params: { reference: string } }>('/cases/:reference/messages', async (request) => {
    const reference = await authorizedCaseOf(request, request.params.reference);
    const messages = await store.messages(reference);
    const address = cases.notices ? await store.notifyAddress(reference) : undefined;
    return { reference, status: caseStatus(messages), messages, notices: { offered: Boolean(cases.notices), ...(address ? { address } : {}) } };
  });

  onlyFor('/cases/:reference/notices', 'PUT', 'DELETE');
  app.put<{ Params: { reference: string } }>('/cases/:reference/notices', { bodyLimit: 4096 }, async (request, reply) => {
    const reference = await authorizedCaseOf(request, request.params.reference);
    if (!cases.notices) throw new HttpError(404, 'notices-not-offered', 'Diese Behörde verschickt keine Hinweise per E-Mail.');
    const address = isObject(request.body) && typeof request.body.address === 'string' ? request.body.address.trim() : undefined;
    if (!isMailAddress(address)) throw validationFailed([{ instancePath: '/address', keyword: 'format', params: { format: 'email' } }]);
    await store.setNotifyAddress(reference, address);
    return reply.code(204).send();
  });
  app.delete<{ Params: { reference: string } }>('/cases/:reference/notices', async (request, reply) => {
    await store.setNotifyAddress(await authorizedCaseOf(request, request.params.reference), undefined);
    return reply.code(204).send();
  });

  /** Validates a citizen's answer and its files, and stores it; answers 201, or 200 for a repeated id. */
  async function acceptAnswer(reply: FastifyReply, reference: string, message: unknown, parts: Map<string, Part[]>) {
    const errors = validation.checkMessage(message);
    if (errors.length > 0) throw validationFailed(errors);
    const valid = message as CaseMessage & { caseReference: string; data: Record<string, unknown> };
    if (valid.from !== 'citizen') throw validationFailed([{ instancePath: '/from', keyword: 'const', params: { allowedValue: 'citizen' } }]);
    if (valid.caseReference !== reference) throw validationFailed([{ instancePath: '/caseReference', keyword: 'const', params: { allowedValue: reference } }]);
    const caseErrors = answerErrors(valid, await store.messages(reference));
    const announced = valid.type === 'unterlagennachreichung' ? (valid.data.anlagen as Attachment[]) : [];
    const matched = matchAttachments(announced, parts, '/data/anlagen');
    if (caseErrors.length + matched.errors.length > 0) throw validationFailed([...caseErrors, ...matched.errors]);
    const toStore =
      valid.type === 'unterlagennachreichung'
        ? { ...valid, data: { ...valid.data, anlagen: announced.map((a) => ({ ...a, dateiname: cleanFileName(a.dateiname, a.mimeType) })) } }
        : valid;
    const { message: stored, created } = await store.addMessage(reference, toStore, matched.files);
    return reply.code(created ? 201 : 200).send(stored);
  }

  onlyFor('/cases/:reference/answers', 'POST');
  app.post<{ Params: { reference: string } }>('/cases/:reference/answers', { bodyLimit: limits.json }, async (request, reply) => {
    const reference = await authorizedCaseOf(request, request.params.reference);
    if (!request.isMultipart()) return acceptAnswer(reply, reference, request.body, new Map());
    return receiveMultipart(request, 'message', (message, parts) => acceptAnswer(reply, reference, message, parts));
  });

  // --- fault injection (tests) ----------------------------------------------------------------------------------

  if (faultQueues) {
    onlyFor('/__faults', 'POST', 'DELETE');
    app.post('/__faults', async (request) => {
      const next = isObject(request.body) ? request.body.next : undefined;
      if (!Array.isArray(next) || !next.every((kind) => FAULTS.includes(kind))) {
        throw new HttpError(400, 'invalid-fault', `Erwartet wird { "next": [...] } mit ${FAULTS.join(', ')}.`);
      }
      const key = request.headers.referer ?? '';
      const queue = [...(faultQueues.get(key) ?? []), ...next];
      faultQueues.set(key, queue);
      return { queued: queue };
    });
    app.delete('/__faults', async (request, reply) => {
      faultQueues.delete(request.headers.referer ?? '');
      return reply.code(204).send();
    });
  }
}
