/**
 * The server's refusals. Most answers are JSON `{ code, message, ...extra }`: `code` stable for machines,
 * `message` German, for people. Two are RFC 9457 problem details (`application/problem+json`) whose shape is
 * a contract with the browser's client helper: a changed resend (409) and a body over a limit (413).
 */
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';

export interface FieldError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** An RFC 9457 problem: answered as `application/problem+json` with exactly `body`. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; title: string } & Record<string, unknown>,
  ) {
    super(body.title);
  }
}

export const PROBLEM_TYPES = {
  changedResend: 'urn:efa-forms:problem:changed-resend',
  tooLarge: 'urn:efa-forms:problem:too-large',
  tooManyParts: 'urn:efa-forms:problem:too-many-parts',
} as const;

/** @param limit the limit that was passed, in bytes */
export const tooLarge = (limit: number): Problem =>
  new Problem(413, {
    type: PROBLEM_TYPES.tooLarge,
    title: `Die Einreichung ist zu groß. Erlaubt sind ${megabytes(limit)} MB. Verkleinern Sie die Anlagen und senden Sie erneut.`,
    limit,
  });

/** @param limit the number of parts a multipart request may have */
export const tooManyParts = (limit: number): Problem =>
  new Problem(413, {
    type: PROBLEM_TYPES.tooManyParts,
    title: `Die Einreichung hat zu viele Teile. Erlaubt sind ${limit}: die Einreichung und je Anlage eine Datei.`,
    limit,
  });

export const changedResend = (reference: string, receivedAt: string): Problem =>
  new Problem(409, {
    type: PROBLEM_TYPES.changedResend,
    title: `Unter dieser Kennung ist bereits eine andere Fassung eingegangen (Vorgangsnummer ${reference}). Senden Sie die Korrektur als neue Einreichung.`,
    reference,
    receivedAt,
  });

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 });
}

export const notFound = (): HttpError => new HttpError(404, 'not-found', 'Diese Adresse gibt es nicht.');

/** @param status 400 (not a valid URL) or 414 (a part longer than the router takes) */
export const badUrl = (status: number): HttpError =>
  new HttpError(status, 'bad-url', 'Diese Adresse ist ungültig. Prüfen Sie, ob sie vollständig und richtig kopiert ist.');

export const invalidJson = (): HttpError =>
  new HttpError(400, 'invalid-json', 'Die Anfrage enthält kein gültiges JSON. Senden Sie die Einreichung als JSON-Objekt.');

export const VALIDATION_MESSAGE = 'Die Einreichung ist unvollständig oder fehlerhaft. Bitte prüfen Sie die markierten Angaben.';

/** At most this many errors go into one answer: enough to mark a form, never a flood (issue 17). */
export const MAX_ERRORS = 100;

export const validationFailed = (errors: FieldError[]): HttpError =>
  new HttpError(422, 'validation', VALIDATION_MESSAGE, { errors: errors.slice(0, MAX_ERRORS) });

export const storeFailed = (): HttpError =>
  new HttpError(500, 'unavailable', 'Die Einreichung konnte gerade nicht gespeichert werden. Bitte senden Sie sie in einigen Minuten erneut.');

/**
 * Fastify's own refusals of a request (a body it cannot parse, a content type it does not take, a bad URL) in the
 * shape of ours; undefined for every other error, which is the server's fault.
 */
export function refusalOf(error: unknown): HttpError | Problem | undefined {
  if (error instanceof HttpError || error instanceof Problem) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  if (status === 413) return new HttpError(413, 'too-large', 'Die Anfrage ist zu groß und wurde nicht bearbeitet.');
  if (status === 415) return new HttpError(415, 'unsupported-media-type', 'Dieses Format wird hier nicht angenommen.');
  return new HttpError(status, 'bad-request', 'Die Anfrage ist fehlerhaft aufgebaut und wurde nicht bearbeitet.');
}

/** Answers a refusal in its shape: a Problem as `application/problem+json`, an HttpError as JSON with its headers. */
export function sendRefusal(reply: FastifyReply, refusal: HttpError | Problem): FastifyReply {
  if (refusal instanceof Problem) return reply.code(refusal.status).type('application/problem+json').send(refusal.body);
  return reply.code(refusal.status).headers(refusal.headers).send({ code: refusal.code, message: refusal.message, ...refusal.extra });
}

/**
 * The answer to a request Node's HTTP parser refuses (a Content-Length that is no number, headers too large, a
 * request line of garbage) before Fastify sees it: written to the socket as is, then the connection is closed.
 */
export function clientErrorAnswer(error: { code?: string }): string {
  const refusal =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new HttpError(431, 'headers-too-large', 'Die Kopfzeilen der Anfrage sind zu groß. Die Anfrage wurde nicht bearbeitet.')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new HttpError(408, 'timeout', 'Die Anfrage kam nicht rechtzeitig vollständig an. Bitte senden Sie sie erneut.')
        : new HttpError(400, 'bad-request', 'Die Anfrage ist kein gültiges HTTP und wurde nicht bearbeitet.');
  const body = JSON.stringify({ code: refusal.code, message: refusal.message });
  return `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
