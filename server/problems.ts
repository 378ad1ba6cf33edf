/**
 * The receiver's refusals. Most answers are JSON `{ code, message, ...extra }`: `code` stable for machines,
 * `message` German, for people. Two are RFC 9457 problem details (`application/problem+json`) whose shape is
 * a contract with the browser's client helper: a changed resend (409) and a body over a limit (413).
 */

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

export const invalidJson = (): HttpError =>
  new HttpError(400, 'invalid-json', 'Die Anfrage enthält kein gültiges JSON. Senden Sie die Einreichung als JSON-Objekt.');

export const VALIDATION_MESSAGE = 'Die Einreichung ist unvollständig oder fehlerhaft. Bitte prüfen Sie die markierten Angaben.';

/** At most this many errors go into one answer: enough to mark a form, never a flood (issue 17). */
export const MAX_ERRORS = 100;

export const validationFailed = (errors: FieldError[]): HttpError =>
  new HttpError(422, 'validation', VALIDATION_MESSAGE, { errors: errors.slice(0, MAX_ERRORS) });

export const storeFailed = (): HttpError =>
  new HttpError(500, 'unavailable', 'Die Einreichung konnte gerade nicht gespeichert werden. Bitte senden Sie sie in einigen Minuten erneut.');
