/**
 * How large a submission is on the wire, and what to take out when it is too large for the receiver. The form
 * checks before sending (its `max-request-size`, default 30 MiB like the reference receiver's multipart limit).
 */
import type { Submission } from './adapter.js';

export const MIB = 1024 * 1024;

/** Multipart headers and boundary per part, generously: names, file names and types are short. */
const PART_OVERHEAD_BYTES = 512;

/**
 * The size of the request the `http` adapter sends, in bytes: the JSON alone, or multipart with one part per
 * attachment (framing estimated from above).
 */
export function requestBytes(submission: Submission, files: ReadonlyMap<string, Blob>): number {
  const json = new Blob([JSON.stringify(submission)]).size;
  if (files.size === 0) return json;
  let total = json + PART_OVERHEAD_BYTES;
  for (const file of files.values()) total += file.size + PART_OVERHEAD_BYTES;
  return total;
}

/**
 * The fewest attachments, largest first, whose removal brings a request of `size` bytes within `limit`; all of
 * them when even that is not enough (then the answers themselves are too long, which the form's own limits on
 * text prevent).
 */
export function attachmentsToShrink(files: Iterable<File>, size: number, limit: number): File[] {
  const chosen: File[] = [];
  let excess = size - limit;
  for (const file of [...files].sort((a, b) => b.size - a.size)) {
    if (excess <= 0) break;
    chosen.push(file);
    excess -= file.size + PART_OVERHEAD_BYTES;
  }
  return chosen;
}

/** "12,4 MB" or "350 kB" (counted in 1024s, as file managers do), in the user's language. */
export function formatSize(bytes: number, locale: string): string {
  if (bytes < MIB) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} kB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / MIB)} MB`;
}
