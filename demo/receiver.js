/**
 * The reference receiver: what an authority's back end does with a submission from an efa-forms element.
 * Plain Node (`node:http` request/response objects), no dependencies; mounted by `demo/server.js` and by
 * `web-test-runner.config.js`, so browser tests talk to the real thing.
 *
 * Routes (all JSON; every error has a stable `code` for machines and a German `message` for people):
 *   POST   /api/submissions                           the envelope as `application/json`, or `multipart/form-data`
 *                                                     with a part `submission` (the envelope) and one file part
 *                                                     per announced attachment, named by the attachment's `id`
 *          201 { reference, receivedAt }            stored
 *          200 { reference, receivedAt }            the envelope id was stored before: same receipt, nothing new
 *          400 invalid-json | invalid-multipart | missing-submission | idempotency-key-mismatch
 *          413 payload-too-large (JSON over 1 MiB, multipart over 30 MiB), 415 unsupported-media-type
 *          422 validation { errors: [{ instancePath, keyword, params }] } | unknown-service
 *   GET    /api/submissions                           [{ reference, service, receivedAt, status }], newest first
 *   GET    /api/submissions/:reference                { reference, service, receivedAt, status }
 *   GET    /api/submissions/:reference/data           the stored envelope (`?download=1`: as a file download)
 *   GET    /api/submissions/:reference/attachments/:id  the attachment with its type
 *   GET    /api/fit-connect/destination               the demo FIT-Connect destination and its public key
 *   POST   /api/fit-connect/submissions               { destinationId, encryptedMetadata, encryptedData,
 *                                                     attachments: { [id]: JWE } } as `application/json`: the
 *                                                     `fit-connect` adapter's relay request (demo/fit-connect.js).
 *          Decrypted and hash-checked, then stored exactly like POST /api/submissions, with the same answers.
 *          400 invalid-jwe | unknown-key, 422 hash-mismatch | invalid-metadata | unsupported-schema |
 *          attachments-mismatch | unknown-destination
 *
 * Validation errors: an `instancePath` that is a JSON pointer ("" or "/…") is relative to the envelope's `data`,
 * exactly as the browser's own validator reports it, so a form maps it onto its fields. Errors about the
 * envelope itself start with `#envelope` (`#envelope/authority`, `#envelope/attachments/0`), which no pointer
 * into `data` can. Attachment checks use keyword `attachment` with `params: { id, problem }`, `problem` one of
 * `missing`, `duplicate`, `size`, `type` (with `expected`, `actual`) or `unannounced`.
 *
 * Idempotency: the envelope `id` is the key (an `Idempotency-Key` header, when sent, must equal it). Requests
 * with the same key are handled one after the other, so concurrent repeats store once.
 *
 * Fault injection (only with `faults: true`, for the tests of the browser's adapters):
 *   POST   /api/__faults { next: [kind, …] }   queue faults; each following POST /api/submissions takes one
 *   DELETE /api/__faults                        clear the queue
 * `rate-limit` (429, Retry-After: 1) and `hang` (never answers; released when the client goes away) act before
 * the body is read. `fail-before-store` (500, nothing stored), `fail-after-store` (stored, then 500) and
 * `malformed-receipt` (stored, then 201 `{ ok: true }`) act at the storage step, so a request rejected before
 * it (400, 413, 415, 422) uses up its fault and gets its ordinary answer. Queues are kept per calling page (the
 * `Referer` header): test files running in parallel never take each other's faults; requests without a
 * Referer share one queue.
 */
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { RelayError, createFitConnectRelay } from './fit-connect.js';
import { REFERENCE, openStorage } from './storage.js';

const JSON_LIMIT = 1024 * 1024;
const MULTIPART_LIMIT = 30 * 1024 * 1024;
/** The multipart limit once base64url has grown the attachments by a third, plus room for data and metadata. */
const FIT_CONNECT_LIMIT = Math.ceil((MULTIPART_LIMIT * 4) / 3) + 2 * JSON_LIMIT;
const STATUS = 'eingegangen';
const PREFIX = { verpflichtungserklaerung: 'VE', aufenthaltstitel: 'AT' };
/** Easy to read out on the phone: no 0/O, 1/I/L. */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const FAULTS = ['fail-before-store', 'fail-after-store', 'hang', 'malformed-receipt', 'rate-limit'];
const GENERATED = new URL('../src/schema/generated/', import.meta.url);
const BERLIN_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' });

/**
 * @typedef {import('node:http').IncomingMessage} Request
 * @typedef {import('node:http').ServerResponse} Response
 * @typedef {{ instancePath: string, keyword: string, params: Record<string, unknown> }} FieldError
 * @typedef {((data: unknown) => boolean) & { errors?: FieldError[] | null }} Validator
 * @typedef {import('./storage.js').StoredFile} StoredFile
 * @typedef {{ id: string, dateiname: string, mimeType: string, groesse: number }} Attachment
 */

class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message German, for people
   * @param {Record<string, unknown>} [extra] more fields of the answer
   * @param {Record<string, string>} [headers]
   */
  constructor(status, code, message, extra = {}, headers = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
    this.headers = headers;
  }
}

/** The client went away while we were reading its request: there is no one left to answer. */
class ClientGone extends Error {}

const notFound = () => new HttpError(404, 'not-found', 'Diese Adresse gibt es nicht.');
const unknownReference = () =>
  new HttpError(404, 'not-found', 'Zu dieser Vorgangsnummer gibt es keine Einreichung. Prüfen Sie die Vorgangsnummer.');
const VALIDATION_MESSAGE = 'Die Einreichung ist unvollständig oder fehlerhaft. Bitte prüfen Sie die markierten Angaben.';
const storeFailed = () =>
  new HttpError(500, 'unavailable', 'Die Einreichung konnte gerade nicht gespeichert werden. Bitte senden Sie sie in einigen Minuten erneut.');

/**
 * @param {Response} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
function sendJson(res, status, body, headers = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(json)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(json);
}

/**
 * @param {Response} res
 * @param {Uint8Array} bytes
 * @param {string} type
 * @param {string} filename
 */
function sendFile(res, bytes, type, filename) {
  const ascii = filename.replace(/[^\w.\- ]/g, '_');
  // RFC 5987: encodeURIComponent leaves ' ( ) * alone, which filename* does not allow.
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': String(bytes.byteLength),
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(bytes);
}

/** @param {unknown} value @returns {value is Record<string, any>} */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const tooLarge = () =>
  new HttpError(
    413,
    'payload-too-large',
    'Die Einreichung ist zu groß. Erlaubt sind 1 MB ohne Anlagen und 30 MB mit Anlagen. Verkleinern Sie die Anlagen und senden Sie erneut.',
    {},
    { Connection: 'close' },
  );

/**
 * Reads the whole body, but never more than `limit` bytes: beyond it, buffering stops and the answer is 413.
 * @param {Request} req
 * @param {number} limit
 * @returns {Promise<Buffer>}
 */
function readBody(req, limit) {
  if (Number(req.headers['content-length']) > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    const done = () => {
      req.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onClose);
    };
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        done();
        reject(tooLarge());
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onGone = () => {
      done();
      reject(new ClientGone());
    };
    const onClose = () => {
      if (!req.complete) onGone();
    };
    req.on('data', onData).on('end', onEnd).on('error', onGone).on('close', onClose);
  });
}

/** @param {Uint8Array | string} body */
function parseJson(body) {
  try {
    return JSON.parse(typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw new HttpError(400, 'invalid-json', 'Die Anfrage enthält kein gültiges JSON. Senden Sie die Einreichung als JSON-Objekt.');
  }
}

/**
 * @param {Request} req
 * @returns {Promise<{ envelope: unknown, parts: Map<string, Array<File | string>> }>}
 */
async function readSubmission(req) {
  const contentType = req.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  if (mediaType === 'application/json') {
    return { envelope: parseJson(await readBody(req, JSON_LIMIT)), parts: new Map() };
  }
  if (mediaType !== 'multipart/form-data') {
    throw new HttpError(
      415,
      'unsupported-media-type',
      'Dieses Format wird nicht angenommen. Senden Sie die Einreichung als application/json oder multipart/form-data.',
    );
  }
  const body = await readBody(req, MULTIPART_LIMIT);
  /** @type {FormData} */
  let form;
  try {
    // Node's Buffer is a Uint8Array; its typings only allow for a shared buffer, which readBody never makes.
    const bytes = /** @type {Uint8Array<ArrayBuffer>} */ (body);
    form = await new Request('http://receiver.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: bytes }).formData();
  } catch {
    throw new HttpError(
      400,
      'invalid-multipart',
      'Die Anfrage ist kein gültiges multipart/form-data. Senden Sie die Einreichung im Teil „submission“ und jede Anlage als eigene Datei.',
    );
  }
  const submission = form.getAll('submission');
  if (submission.length !== 1) {
    throw new HttpError(400, 'missing-submission', 'Der Teil „submission“ fehlt oder ist mehrfach vorhanden. Senden Sie die Einreichung genau einmal.');
  }
  const [part] = submission;
  const envelope = parseJson(typeof part === 'string' ? part : new Uint8Array(await part.arrayBuffer()));
  /** @type {Map<string, Array<File | string>>} */
  const parts = new Map();
  for (const [name, value] of form) {
    if (name !== 'submission') parts.set(name, [...(parts.get(name) ?? []), value]);
  }
  return { envelope, parts };
}

/**
 * @param {unknown} announced the envelope's (schema-valid) attachments
 * @param {Map<string, Array<File | string>>} parts
 * @returns {Promise<{ errors: FieldError[], files: StoredFile[] }>}
 */
async function matchAttachments(announced, parts) {
  /** @type {FieldError[]} */
  const errors = [];
  /** @type {StoredFile[]} */
  const files = [];
  const seen = new Set();
  /** @param {string} instancePath @param {Record<string, unknown>} params */
  const fail = (instancePath, params) => errors.push({ instancePath, keyword: 'attachment', params });
  for (const [i, attachment] of /** @type {Attachment[]} */ (announced).entries()) {
    const at = `#envelope/attachments/${i}`;
    const { id } = attachment;
    const received = parts.get(id) ?? [];
    const file = received[0];
    if (seen.has(id) || received.length > 1) fail(at, { id, problem: 'duplicate' });
    else if (file === undefined || typeof file === 'string') fail(at, { id, problem: 'missing' });
    else if (file.size !== attachment.groesse) fail(at, { id, problem: 'size', expected: attachment.groesse, actual: file.size });
    else if (file.type.toLowerCase() !== attachment.mimeType) fail(at, { id, problem: 'type', expected: attachment.mimeType, actual: file.type });
    else files.push({ id, bytes: new Uint8Array(await file.arrayBuffer()) });
    seen.add(id);
  }
  for (const name of parts.keys()) {
    if (!seen.has(name)) fail('#envelope/attachments', { id: name, problem: 'unannounced' });
  }
  return { errors, files };
}

/** @type {Map<string, Validator>} */
const validators = new Map();

/**
 * The generated validator of a schema in `schemas/` (`npm run generate`), the same code the browser runs.
 * @param {string} name
 * @returns {Promise<Validator | undefined>}
 */
async function validatorFor(name) {
  const cached = validators.get(name);
  if (cached) return cached;
  const url = new URL(`${name}.js`, GENERATED);
  if (!existsSync(url)) return undefined;
  /** @type {Validator} */
  const validate = (await import(url.href)).default;
  validators.set(name, validate);
  return validate;
}

/**
 * @param {Validator} validate
 * @param {string} prefix
 * @returns {FieldError[]}
 */
function errorsOf(validate, prefix) {
  return (validate.errors ?? []).map(({ instancePath, keyword, params }) => ({ instancePath: prefix + instancePath, keyword, params }));
}

/**
 * @param {unknown} envelope
 * @param {Map<string, Array<File | string>>} parts
 * @returns {Promise<StoredFile[]>} the attachments, once everything is valid
 */
async function validateSubmission(envelope, parts) {
  const validateEnvelope = await validatorFor('submission');
  if (!validateEnvelope) throw new Error('src/schema/generated/submission.js is missing: run `npm run generate`.');
  const errors = validateEnvelope(envelope) ? [] : errorsOf(validateEnvelope, '#envelope');
  const wrong = (/** @type {string} */ path) => errors.some((e) => e.instancePath === path || e.instancePath.startsWith(`${path}/`));
  if (!isObject(envelope)) throw new HttpError(422, 'validation', VALIDATION_MESSAGE, { errors });

  // Checked only once the envelope says which service it is: `service` names a file below.
  if (typeof envelope.service === 'string' && !wrong('#envelope/service')) {
    const validateData = await validatorFor(envelope.service);
    if (!validateData && errors.length === 0) {
      throw new HttpError(422, 'unknown-service', 'Diese Leistung kann hier nicht angenommen werden. Wenden Sie sich bitte an die Behörde.');
    }
    if (validateData && !wrong('#envelope/data') && !validateData(envelope.data)) errors.push(...errorsOf(validateData, ''));
  }
  /** @type {StoredFile[]} */
  let files = [];
  if (!wrong('#envelope/attachments')) {
    const matched = await matchAttachments(envelope.attachments, parts);
    errors.push(...matched.errors);
    files = matched.files;
  }
  if (errors.length > 0) throw new HttpError(422, 'validation', VALIDATION_MESSAGE, { errors });
  return files;
}

/** @param {string} prefix @param {string} receivedAt */
function newReference(prefix, receivedAt) {
  let code = '';
  for (let i = 0; i < 6; i += 1) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `${prefix}-${BERLIN_YEAR.format(new Date(receivedAt))}-${code}`;
}

/** @param {string} segment */
function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * @param {object} options
 * @param {string} options.dataDir where submissions are stored; a new receiver on the same folder sees them all
 * @param {boolean} [options.faults] enable `/api/__faults` (tests only)
 * @param {Map<string, string[]>} [options.faultQueues] queued faults by calling page; a test harness that
 *   restarts the receiver passes one map so that faults queued by other tests survive the restart
 */
export function createReceiver({ dataDir, faults = false, faultQueues = new Map() }) {
  const ready = openStorage(dataDir);
  const relay = createFitConnectRelay(dataDir);
  /** @type {Map<string, Promise<unknown>>} */
  const locks = new Map();

  /**
   * Runs `task` after every earlier task with the same key has finished.
   * @template T
   * @param {string} key
   * @param {() => Promise<T>} task
   * @returns {Promise<T>}
   */
  async function withLock(key, task) {
    const previous = locks.get(key) ?? Promise.resolve();
    const current = previous.then(task, task);
    const tail = current.catch(() => {});
    locks.set(key, tail);
    try {
      return await current;
    } finally {
      if (locks.get(key) === tail) locks.delete(key);
    }
  }

  /** @param {Request} req */
  function takeFault(req) {
    const key = req.headers.referer ?? '';
    const queue = faultQueues.get(key);
    const fault = queue?.shift();
    if (queue?.length === 0) faultQueues.delete(key);
    return fault;
  }

  /** @param {Request} req @param {Response} res */
  async function postFaults(req, res) {
    const body = parseJson(await readBody(req, JSON_LIMIT));
    const next = isObject(body) ? body.next : undefined;
    if (!Array.isArray(next) || !next.every((kind) => FAULTS.includes(kind))) {
      throw new HttpError(400, 'invalid-fault', `Erwartet wird { "next": [...] } mit ${FAULTS.join(', ')}.`);
    }
    const key = req.headers.referer ?? '';
    const queue = [...(faultQueues.get(key) ?? []), ...next];
    faultQueues.set(key, queue);
    sendJson(res, 200, { queued: queue });
  }

  /** @param {Request} req @param {Response} res */
  async function submit(req, res) {
    const fault = faults ? takeFault(req) : undefined;
    if (fault === 'rate-limit') {
      throw new HttpError(429, 'rate-limited', 'Gerade gehen sehr viele Einreichungen ein. Bitte senden Sie in einer Sekunde erneut.', {}, { 'Retry-After': '1' });
    }
    if (fault === 'hang') {
      await new Promise((resolve) => res.once('close', resolve));
      req.destroy();
      return;
    }
    const { envelope, parts } = await readSubmission(req);
    await accept(req, res, envelope, parts, fault);
  }

  /**
   * Validates and stores a submission, however it arrived, and answers with its receipt.
   * @param {Request} req
   * @param {Response} res
   * @param {unknown} envelope
   * @param {Map<string, Array<File | string>>} parts
   * @param {string} [fault]
   */
  async function accept(req, res, envelope, parts, fault) {
    const key = req.headers['idempotency-key'];
    if (key !== undefined && isObject(envelope) && key !== envelope.id) {
      throw new HttpError(400, 'idempotency-key-mismatch', 'Der Header Idempotency-Key muss der id der Einreichung entsprechen.');
    }
    const files = await validateSubmission(envelope, parts);
    const valid = /** @type {{ id: string, service: keyof typeof PREFIX }} */ (envelope);
    if (fault === 'fail-before-store') throw storeFailed();

    const storage = await ready;
    const { status, entry } = await withLock(valid.id, async () => {
      const stored = storage.find(valid.id);
      if (stored) return { status: 200, entry: stored };
      const receivedAt = new Date().toISOString();
      let reference;
      do reference = newReference(PREFIX[valid.service], receivedAt);
      while (storage.has(reference));
      const created = { reference, service: valid.service, receivedAt };
      await storage.store(valid, files, created);
      return { status: 201, entry: created };
    });

    if (fault === 'fail-after-store') throw storeFailed();
    if (fault === 'malformed-receipt') return sendJson(res, 201, { ok: true });
    sendJson(res, status, { reference: entry.reference, receivedAt: entry.receivedAt }, { Location: `/api/submissions/${entry.reference}` });
  }

  /**
   * The `fit-connect` adapter's relay request: decrypted here, then the same path as a plain submission.
   * The decrypted attachments become the parts a multipart request would have had, so they are matched
   * against the envelope's announcements by the same code.
   * @param {Request} req
   * @param {Response} res
   */
  async function submitEncrypted(req, res) {
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (mediaType !== 'application/json') {
      throw new HttpError(415, 'unsupported-media-type', 'Dieses Format wird nicht angenommen. Senden Sie die verschlüsselte Einreichung als application/json.');
    }
    const body = parseJson(await readBody(req, FIT_CONNECT_LIMIT));
    let opened;
    try {
      opened = await relay.open(body);
    } catch (error) {
      if (error instanceof RelayError) throw new HttpError(error.status, error.code, error.message);
      throw error;
    }
    if (opened.data.byteLength > JSON_LIMIT) throw tooLarge();
    /** @type {Map<string, Array<File | string>>} */
    const parts = new Map(opened.files.map((f) => [f.id, [new File([f.bytes], f.filename ?? f.id, { type: f.mimeType })]]));
    await accept(req, res, parseJson(opened.data), parts);
  }

  /**
   * @param {Request} req
   * @param {Response} res
   * @param {string[]} path segments after /api/submissions/
   * @param {URLSearchParams} query
   */
  async function read(req, res, path, query) {
    const [reference, what, id, ...rest] = path;
    if (!REFERENCE.test(reference) || rest.length > 0) throw notFound();
    const storage = await ready;
    const entry = storage.get(reference);
    if (!entry) throw unknownReference();
    if (what === undefined) return sendJson(res, 200, { ...entry, status: STATUS });
    if (what === 'data' && id === undefined) {
      const envelope = await storage.envelope(reference);
      /** @type {Record<string, string>} */
      const headers = query.get('download') === '1' ? { 'Content-Disposition': `attachment; filename="${reference}.json"` } : {};
      return sendJson(res, 200, envelope, headers);
    }
    if (what === 'attachments' && id !== undefined) {
      const envelope = await storage.envelope(reference);
      /** @type {Attachment | undefined} */
      const attachment = envelope.attachments.find((/** @type {Attachment} */ a) => a.id === id);
      if (!attachment) throw new HttpError(404, 'not-found', 'Diese Anlage gibt es zu dieser Einreichung nicht.');
      return sendFile(res, await storage.attachment(reference, attachment.id), attachment.mimeType, attachment.dateiname);
    }
    throw notFound();
  }

  /** @param {Request} req @param {Response} res */
  async function route(req, res) {
    const url = new URL(req.url ?? '/', 'http://receiver.invalid');
    const segments = url.pathname.split('/').slice(1).map(decodeSegment);
    if (segments.some((s) => s === undefined || s === '')) throw notFound();
    const [api, resource, ...rest] = /** @type {string[]} */ (segments);
    if (api !== 'api') throw notFound();
    const method = req.method === 'HEAD' ? 'GET' : req.method;

    /** @param {string[]} allowed */
    const onlyFor = (...allowed) => {
      if (!allowed.includes(method ?? '')) {
        const allow = allowed.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])).join(', ');
        throw new HttpError(405, 'method-not-allowed', 'Diese Methode ist hier nicht erlaubt.', {}, { Allow: allow });
      }
    };

    if (resource === 'submissions' && rest.length === 0) {
      onlyFor('GET', 'POST');
      if (method === 'POST') return submit(req, res);
      const storage = await ready;
      return sendJson(res, 200, storage.list().map((entry) => ({ ...entry, status: STATUS })));
    }
    if (resource === 'submissions') {
      onlyFor('GET');
      return read(req, res, rest, url.searchParams);
    }
    if (resource === 'fit-connect' && rest.length === 1 && rest[0] === 'destination') {
      onlyFor('GET');
      return sendJson(res, 200, await relay.destination());
    }
    if (resource === 'fit-connect' && rest.length === 1 && rest[0] === 'submissions') {
      onlyFor('POST');
      return submitEncrypted(req, res);
    }
    if (resource === '__faults' && faults && rest.length === 0) {
      onlyFor('POST', 'DELETE');
      if (method === 'POST') return postFaults(req, res);
      faultQueues.delete(req.headers.referer ?? '');
      res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
      return;
    }
    throw notFound();
  }

  return {
    /**
     * Answers one `/api/*` request. Resolves when the answer is sent (or the client has gone away).
     * @param {Request} req
     * @param {Response} res
     */
    async handle(req, res) {
      try {
        await route(req, res);
      } catch (error) {
        if (error instanceof ClientGone) return;
        if (error instanceof HttpError) {
          if (!res.headersSent) sendJson(res, error.status, { code: error.code, message: error.message, ...error.extra }, error.headers);
          return;
        }
        console.error('[receiver]', error);
        if (res.headersSent) res.destroy();
        else sendJson(res, 500, { code: 'internal', message: 'Ein Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.' });
      }
    },
  };
}
