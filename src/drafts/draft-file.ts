/**
 * "Save progress as a file" and "continue from a file": the citizen keeps the draft, no account needed.
 *
 * The file carries a SHA-256 checksum over its content. It detects a corrupted or hand-edited file, so that the
 * citizen gets a clear message instead of a half-loaded form. It is not a signature: anyone who edits the file
 * and recomputes the checksum gets it accepted. That is acceptable because a draft only prefills the form —
 * every answer is validated again by the form and, on submission, by the receiver.
 *
 * The checksum uses WebCrypto, which browsers offer in secure contexts (HTTPS, localhost) only; elsewhere
 * `draftToFile` and `readDraftFile` reject.
 */
import { msg } from '@lit/localize';
import type { JsonObject } from '../engine/pointer.js';
import { sameSchemaMajor } from './local-drafts.js';

export const MAX_DRAFT_FILE_BYTES = 1024 * 1024;

export interface DraftFileContent {
  service: string;
  schemaVersion: string;
  stepId: string;
  answers: JsonObject;
  /** The language the citizen chose in the form's own switch, if they did. */
  locale?: string;
}

export type DraftFileRefusal = 'not-json' | 'foreign' | 'other-service' | 'incompatible-version' | 'tampered' | 'too-large';

export type DraftFileResult =
  | { ok: true; answers: JsonObject; stepId: string; /** ISO 8601 */ savedAt: string; locale?: string }
  | { ok: false; reason: DraftFileRefusal };

const FORMAT = 'efa-forms-draft-file';

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * Canonical JSON in the spirit of RFC 8785: keys sorted by UTF-16 code units, no whitespace. Throws on anything
 * that is not a JSON value, and on `__proto__` keys, which would change an object's prototype once the answers
 * are copied into the form.
 */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('Not a JSON number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    if (keys.includes('__proto__')) throw new TypeError('Forbidden key __proto__');
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  throw new TypeError(`Not a JSON value: ${typeof value}`);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The file to download. Throws a TypeError when the answers are not plain JSON (a programming error). */
export async function draftToFile(draft: DraftFileContent, now: Date = new Date()): Promise<Blob> {
  const content = {
    format: FORMAT,
    version: 1,
    service: draft.service,
    schemaVersion: draft.schemaVersion,
    savedAt: now.toISOString(),
    stepId: draft.stepId,
    answers: draft.answers,
    ...(draft.locale ? { locale: draft.locale } : {}),
  };
  const checksum = await sha256Hex(canonicalJson(content));
  return new Blob([JSON.stringify({ ...content, checksum }, null, 2)], { type: 'application/json' });
}

/** E.g. `verpflichtungserklaerung-zwischenstand-2026-11-24.json`, by the citizen's local date. */
export function draftFileName(service: string, date: Date): string {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return `${service}-zwischenstand-${day}.json`;
}

export async function readDraftFile(
  file: Blob,
  expected: { service: string; schemaVersion: string },
): Promise<DraftFileResult> {
  if (file.size > MAX_DRAFT_FILE_BYTES) return { ok: false, reason: 'too-large' };
  let document: unknown;
  try {
    document = JSON.parse(await file.text());
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  if (!isPlainObject(document) || document.format !== FORMAT) return { ok: false, reason: 'foreign' };

  const { checksum, ...content } = document;
  const { service, schemaVersion, stepId, savedAt, answers, locale } = content;
  if (
    typeof checksum !== 'string' ||
    typeof service !== 'string' ||
    typeof schemaVersion !== 'string' ||
    typeof stepId !== 'string' ||
    typeof savedAt !== 'string' ||
    Number.isNaN(Date.parse(savedAt)) ||
    !isPlainObject(answers) ||
    (locale !== undefined && typeof locale !== 'string')
  ) {
    return { ok: false, reason: 'tampered' };
  }
  let canonical: string;
  try {
    canonical = canonicalJson(content);
  } catch {
    // Not a JSON tree of plain values, or nested deeper than the call stack allows.
    return { ok: false, reason: 'tampered' };
  }
  if ((await sha256Hex(canonical)) !== checksum) return { ok: false, reason: 'tampered' };

  if (service !== expected.service) return { ok: false, reason: 'other-service' };
  if (content.version !== 1 || !sameSchemaMajor(schemaVersion, expected.schemaVersion)) {
    return { ok: false, reason: 'incompatible-version' };
  }
  return { ok: true, answers, stepId, savedAt, ...(locale ? { locale } : {}) };
}

/** What to tell the citizen when a file is refused. The button name must match the shell's save button. */
export function draftFileMessage(reason: DraftFileRefusal): string {
  switch (reason) {
    case 'not-json':
      return msg(
        'Diese Datei kann nicht gelesen werden. Wählen Sie die Datei, die Sie mit „Zwischenstand speichern“ heruntergeladen haben. Sie hat die Endung „.json“.',
      );
    case 'foreign':
      return msg(
        'Diese Datei ist kein Zwischenstand dieses Formulars. Wählen Sie die Datei, die Sie mit „Zwischenstand speichern“ heruntergeladen haben.',
      );
    case 'other-service':
      return msg(
        'Diese Datei ist der Zwischenstand eines anderen Formulars. Öffnen Sie dieses andere Formular, um dort weiterzumachen, oder wählen Sie einen Zwischenstand dieses Formulars.',
      );
    case 'incompatible-version':
      return msg(
        'Dieses Formular wurde geändert, seit Sie den Zwischenstand gespeichert haben. Der Zwischenstand kann deshalb nicht geladen werden. Bitte füllen Sie das Formular neu aus.',
      );
    case 'tampered':
      return msg(
        'Diese Datei wurde nach dem Speichern verändert und kann deshalb nicht geladen werden. Wählen Sie die unveränderte Datei oder füllen Sie das Formular neu aus.',
      );
    case 'too-large':
      return msg(
        'Diese Datei ist zu groß für einen Zwischenstand. Wählen Sie die Datei, die Sie mit „Zwischenstand speichern“ heruntergeladen haben.',
      );
  }
}
