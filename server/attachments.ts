/**
 * What an attachment's bytes must begin with, the extension its stored copy gets, and how its name is cleaned
 * (issue 17, finding 4: HTML declared as PDF was stored; a name with U+202E showed `…exe.pdf` and downloaded
 * as `…fdp.exe`). The types are the schema's `anlage.mimeType` enum.
 */

interface FileType {
  extension: string;
  /** Other extensions a name of this type may already end with. */
  aliases: string[];
  /** The file signature: PDF 1.7 (ISO 32000-1, 7.5.2) `%PDF-`; JPEG (ITU T.81) SOI + marker; PNG (RFC 2083, 3.1). */
  magic: number[];
}

const TYPES: Record<string, FileType> = {
  'application/pdf': { extension: 'pdf', aliases: [], magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  'image/jpeg': { extension: 'jpg', aliases: ['jpeg'], magic: [0xff, 0xd8, 0xff] },
  'image/png': { extension: 'png', aliases: [], magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
};

/** Bytes to keep from a file's start to check its signature. */
export const MAGIC_LENGTH = Math.max(...Object.values(TYPES).map((t) => t.magic.length));

/** Whether `head` (a file's first bytes) carries the signature of `mimeType`. */
export function hasSignatureOf(mimeType: string, head: Uint8Array): boolean {
  const type = TYPES[mimeType];
  return type !== undefined && type.magic.every((byte, i) => head[i] === byte);
}

/** The stored file's name: the attachment id (a schema-checked UUID) and the extension of its checked type. */
export function storedName(id: string, mimeType: string): string {
  return `${id}.${TYPES[mimeType]?.extension ?? 'bin'}`;
}

/**
 * Control characters (C0, DEL, C1) and the bidirectional formatting characters that can make a name read
 * other than it is: LRE/RLE/PDF/LRO/RLO (U+202A–202E), the isolates (U+2066–2069), LRM/RLM (U+200E/F),
 * plus ALM (U+061C).
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A file name safe to show and to offer for download: invisible and bidi characters removed, path separators
 * replaced, and ending in the extension of its checked type (`Bescheid.exe` declared as PDF becomes
 * `Bescheid.exe.pdf`, so it shows and opens as what it is).
 */
export function cleanFileName(name: string, mimeType: string): string {
  const type = TYPES[mimeType];
  const cleaned = name.replace(INVISIBLE, '').replace(/[/\\]/g, '_').trim();
  if (!type) return cleaned || 'anlage';
  const lower = cleaned.toLowerCase();
  const fits = [type.extension, ...type.aliases].some((extension) => lower.endsWith(`.${extension}`));
  return fits ? cleaned : `${cleaned || 'anlage'}.${type.extension}`;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name as RFC 5987 `filename*`. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\w.\- ]/g, '_');
  // RFC 5987: encodeURIComponent leaves ' ( ) * alone, which filename* does not allow.
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
