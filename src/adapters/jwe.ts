/**
 * The JWE profile FIT-Connect requires (shared/domain/fit-connect.md §2), with nothing but WebCrypto:
 * compact serialization, `alg: RSA-OAEP-256`, `enc: A256GCM`, header `{ alg, enc, kid, cty }`, no `zip`.
 */

/** A public JWK as a destination publishes it; the DOM's `JsonWebKey` lacks `kid`. */
export interface EncryptionJwk extends JsonWebKey {
  kid?: string;
}

const RSA_OAEP_256: RsaHashedImportParams = { name: 'RSA-OAEP', hash: 'SHA-256' };
const MIN_MODULUS_BITS = 4096;

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('Not base64url.');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function modulusBits(n: string): number {
  const bytes = fromBase64url(n);
  const first = bytes.findIndex((b) => b !== 0);
  if (first === -1) return 0;
  return (bytes.length - first - 1) * 8 + (32 - Math.clz32(bytes[first]!));
}

/**
 * Checks the destination's encryption key against FIT-Connect's key profile (§3), then imports it.
 * Throws an `Error` that names the first requirement the key fails.
 */
export async function importEncryptionKey(jwk: EncryptionJwk): Promise<CryptoKey> {
  const problem =
    jwk.kty !== 'RSA'
      ? `kty must be "RSA", not ${JSON.stringify(jwk.kty)}`
      : jwk.alg !== 'RSA-OAEP-256'
        ? `alg must be "RSA-OAEP-256", not ${JSON.stringify(jwk.alg)}`
        : !jwk.key_ops?.includes('wrapKey')
          ? 'key_ops must contain "wrapKey"'
          : jwk.e !== 'AQAB'
            ? 'e must be "AQAB"'
            : typeof jwk.n !== 'string' || modulusBits(jwk.n) < MIN_MODULUS_BITS
              ? `the modulus must have at least ${MIN_MODULUS_BITS} bits`
              : typeof jwk.kid !== 'string' || jwk.kid === ''
                ? 'kid is missing'
                : undefined;
  if (problem) throw new Error(`The destination's encryption key is not usable: ${problem}.`);
  // WebCrypto derives the usages from key_ops/use ("wrapKey"), but we wrap the CEK with `encrypt`:
  // the checks above are done, so these fields go before the import (fit-connect.md §2).
  const { key_ops: _ops, use: _use, ext: _ext, ...bare } = jwk;
  return crypto.subtle.importKey('jwk', bare, RSA_OAEP_256, false, ['encrypt']);
}

export async function sha512Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-512', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** RFC 7516 compact JWE of `plaintext` for the holder of `key`'s private half. */
export async function encryptCompact(plaintext: Uint8Array<ArrayBuffer>, key: CryptoKey, kid: string, cty: string): Promise<string> {
  const header = base64url(new TextEncoder().encode(JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid, cty })));
  const cek = crypto.getRandomValues(new Uint8Array(32));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const wrapped = new Uint8Array(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, key, cek));
  const aesKey = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['encrypt']);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(header), tagLength: 128 }, aesKey, plaintext),
  );
  // WebCrypto appends the 16-byte tag to the ciphertext; JWE carries it as its own (fifth) part.
  const ciphertext = sealed.subarray(0, sealed.length - 16);
  const tag = sealed.subarray(sealed.length - 16);
  return [header, base64url(wrapped), base64url(iv), base64url(ciphertext), base64url(tag)].join('.');
}
