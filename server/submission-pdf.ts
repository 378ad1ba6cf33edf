/**
 * One submission as a PDF for the file (Akte): the readable view of the inbox (readable.ts: the form's steps,
 * labels, option and code-list names, file names), headed by the reference, the time of receipt in the
 * office's time zone, the identity the portal established and the online payment, where there are any.
 *
 * Made with PDFKit as a tagged PDF that declares PDF/A-2a (headings, paragraphs and the document language in
 * its structure tree, the font embedded; not checked with a PDF/A validator here). The font is DejaVu Sans
 * from Debian's fonts-dejavu-core: one font with Latin, Cyrillic and Arabic, as applicants' names come in.
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import purposeList from '../schemas/codelists/dokumentzweck.json' with { type: 'json' };
import type { PaymentRecord } from './payment.js';
import type { ReadableSubmission } from './readable.js';

export const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const FONTS = { regular: `${FONT_DIR}/DejaVuSans.ttf`, bold: `${FONT_DIR}/DejaVuSans-Bold.ttf` };

const SERVICES: Record<string, string> = { verpflichtungserklaerung: 'Verpflichtungserklärung', aufenthaltstitel: 'Aufenthaltstitel' };
const STATUSES: Record<string, string> = {
  eingegangen: 'Eingegangen',
  'in-bearbeitung': 'In Bearbeitung',
  'unterlagen-fehlen': 'Unterlagen fehlen',
  'termin-angeboten': 'Termin angeboten',
  'entscheidung-liegt-vor': 'Entscheidung liegt vor',
  abgeschlossen: 'Abgeschlossen',
};
const PAYMENT_STATUSES: Record<string, string> = { INITIAL: 'begonnen, nicht abgeschlossen', BOOKED: 'bezahlt', FAILED: 'fehlgeschlagen', CANCELED: 'abgebrochen' };
const PURPOSES = new Map(purposeList.values.map((value) => [value.code, value.de]));
const BERLIN = new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' });

export interface PdfAttachment {
  dateiname: string;
  mimeType: string;
  groesse: number;
  zweck?: string;
}

export interface PdfSubmission {
  reference: string;
  service: string;
  receivedAt: string;
  status: string;
  envelope: { id: string; authority?: string; locale: string; schemaVersion: string; data: Record<string, unknown> };
  readable: ReadableSubmission;
  /** The submission's files, then those the citizen supplied later. */
  attachments: { submitted: PdfAttachment[]; supplied: PdfAttachment[] };
  payment?: PaymentRecord | undefined;
}

interface Identity {
  vertrauensniveau: string;
  quelle?: string;
  angaben: string[];
}

/** "3. Dezember 2026 um 14:05 Uhr (Europe/Berlin)" */
export const berlinTime = (iso: string): string => `${BERLIN.format(new Date(iso))} Uhr (Europe/Berlin)`;

const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const LETTER = /\p{L}/u;

/**
 * PDFKit shapes Arabic letters but lays out words in the order they are typed; a value with right-to-left words
 * is put in the order the eye reads them here (a simplified Unicode bidi: runs of right-to-left words reversed,
 * and the runs themselves when the value starts right to left). Its words are joined by no-break spaces so
 * that PDFKit does not move a space to the wrong side of a right-to-left word; such a value wraps only where a
 * word is too long for the line.
 */
export function visualOrder(text: string): string {
  if (!RTL.test(text)) return text;
  const direction = (word: string): 'rtl' | 'ltr' | undefined => (RTL.test(word) ? 'rtl' : LETTER.test(word) ? 'ltr' : undefined);
  const words = text.split(/\s+/).filter(Boolean);
  const paragraph = direction(words.find((word) => direction(word)) ?? '') ?? 'ltr';
  const runs: { direction: 'rtl' | 'ltr'; words: string[] }[] = [];
  for (const word of words) {
    // A number or a sign goes with the words before it (at the start: with the paragraph's direction).
    const own = direction(word) ?? runs.at(-1)?.direction ?? paragraph;
    if (runs.at(-1)?.direction === own) runs.at(-1)!.words.push(word);
    else runs.push({ direction: own, words: [word] });
  }
  const ordered = paragraph === 'rtl' ? runs.reverse() : runs;
  return ordered.map((run) => (run.direction === 'rtl' ? [...run.words].reverse() : run.words).join('\u00a0')).join('\u00a0');
}

function size(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('de-DE')} KB`
    : `${(bytes / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`;
}

const euros = (amount: number): string => amount.toLocaleString('de-DE', { style: 'currency', currency: 'EUR' });

/** A value the form computed, as lines "key › key: value". */
function flatten(value: unknown, path: string[] = []): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => flatten(item, [...path, String(index + 1)]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, child]) => flatten(child, [...path, key]));
  const shown = typeof value === 'boolean' ? (value ? 'ja' : 'nein') : typeof value === 'number' ? value.toLocaleString('de-DE') : String(value ?? '—');
  return [[path.join(' › '), shown]];
}

export function submissionPdf(submission: PdfSubmission): Promise<Buffer> {
  if (!existsSync(FONTS.regular) || !existsSync(FONTS.bold)) {
    throw new Error(`The PDF needs the DejaVu fonts in ${FONT_DIR} (Debian: apt-get install fonts-dejavu-core).`);
  }
  const { reference, readable, envelope } = submission;
  const title = `Vorgang ${reference}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    bufferPages: true,
    subset: 'PDF/A-2a',
    tagged: true,
    lang: 'de-DE',
    displayTitle: true,
    info: { Title: title, Subject: `${SERVICES[submission.service] ?? submission.service}, eingegangen am ${berlinTime(submission.receivedAt)}`, Creator: 'efa-forms' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);

  const root = doc.struct('Document');
  doc.addStructure(root);
  /** Content drawn by `draw`, tagged as an element of the structure tree. */
  const tagged = (type: string, draw: () => unknown): void => void root.add(doc.struct(type, {}, draw));
  const heading = (level: 'H1' | 'H2' | 'H3', text: string): void => {
    const sizes = { H1: 18, H2: 14, H3: 12 };
    tagged(level, () => doc.font('bold').fontSize(sizes[level]).text(visualOrder(text), { paragraphGap: 4 }));
    doc.fontSize(10);
  };
  const pair = (label: string, value: string): void =>
    // A question keeps its question mark: "Wer verpflichtet sich? Ich selbst", not "…?: Ich selbst".
    tagged('P', () => doc.font('bold').text(`${visualOrder(label)}${/[?:.!]$/.test(label) ? '' : ':'} `, { continued: true }).font('regular').text(visualOrder(value || '—'), { paragraphGap: 3 }));
  const gap = (): void => void doc.moveDown(0.6);

  heading('H1', title);
  pair('Leistung', SERVICES[submission.service] ?? submission.service);
  pair('Eingegangen am', berlinTime(submission.receivedAt));
  pair('Stand', STATUSES[submission.status] ?? submission.status);
  pair('Behörde (AGS)', envelope.authority ?? '—');
  pair('Sprache', envelope.locale);
  pair('Schema-Version', envelope.schemaVersion);
  pair('Kennung der Einreichung', envelope.id);

  const identity = envelope.data.authentifizierung as Identity | undefined;
  if (identity) {
    gap();
    heading('H2', 'Identität');
    pair('Festgestellt durch das Portal', identity.quelle ?? 'ja');
    pair('Vertrauensniveau', identity.vertrauensniveau);
    const labels = new Map(readable.steps.flatMap((step) => step.sections.flatMap((section) => section.rows.map((row) => [row.pointer, row.label]))));
    pair('Aus der Identität übernommen', identity.angaben.map((pointer) => labels.get(pointer) ?? pointer).join(', ') || 'keine Angaben');
  }

  if (submission.payment) {
    const { amount, attempts } = submission.payment;
    const last = attempts.at(-1)?.paymentInformation;
    gap();
    heading('H2', 'Zahlung');
    pair('Gebühr', euros(amount));
    pair('Stand der Zahlung', last ? (PAYMENT_STATUSES[last.status] ?? last.status) : 'noch nicht begonnen');
    if (last) {
      pair('Zahlungsart', [last.paymentMethod, last.paymentMethodDetail].filter(Boolean).join(', '));
      pair('Transaktionsreferenz', last.transactionReference);
      pair('Transaktionskennung', last.transactionId);
      if (last.transactionTimestamp) pair('Zeitpunkt', berlinTime(last.transactionTimestamp));
    }
  }

  for (const step of readable.steps) {
    gap();
    heading('H2', step.title);
    for (const section of step.sections) {
      if (section.heading) heading('H3', section.heading);
      for (const row of section.rows) pair(row.label, row.value);
    }
  }

  const { authentifizierung: _shownAbove, ...computed } = readable.computed;
  if (Object.keys(computed).length > 0) {
    gap();
    heading('H2', 'Vom Formular berechnet');
    for (const [key, value] of flatten(computed)) pair(key, value);
  }

  const files = (list: PdfAttachment[]): void => {
    for (const file of list) {
      const purpose = file.zweck ? (PURPOSES.get(file.zweck) ?? file.zweck) : 'Ohne Angabe des Zwecks';
      pair(purpose, `${file.dateiname} (${file.mimeType.split('/')[1]!.toUpperCase()}, ${size(file.groesse)})`);
    }
  };
  gap();
  heading('H2', 'Anlagen');
  if (submission.attachments.submitted.length === 0) tagged('P', () => doc.font('regular').text('Keine Anlagen.'));
  files(submission.attachments.submitted);
  if (submission.attachments.supplied.length > 0) {
    heading('H3', 'Später nachgereicht');
    files(submission.attachments.supplied);
  }

  root.end();
  // Each page names the case and its number, so that printed pages that come apart find their way back.
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font('regular').fontSize(8).text(`${title} · Seite ${index - start + 1} von ${count}`, doc.page.margins.left, doc.page.height - bottom / 2, { lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}
