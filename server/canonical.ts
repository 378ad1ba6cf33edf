import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level (RFC 8785 ordering for the ASCII keys our schemas use), so two
 * envelopes with the same content have the same text whatever order their keys were sent in.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the canonical JSON: what a changed resend is told by. */
export function envelopeHash(envelope: unknown): string {
  return createHash('sha256').update(canonicalJson(envelope)).digest('hex');
}
