/**
 * Opening a compact JWE of FIT-Connect's profile (RSA-OAEP-256 + A256GCM, shared/domain/fit-connect.md §2) with the
 * destination's private key: what a subscriber does, here the demo's and the tests' (fit-connect-subscriber.ts).
 */
import { webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
const { subtle } = webcrypto;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** `unknown-key`: encrypted for another key id; `malformed`: anything else that stops the opening. */
export class JweError extends Error {
  constructor(readonly reason: 'malformed' | 'unknown-key') {
    super(reason === 'unknown-key' ? 'The JWE is for another key.' : 'Not a JWE of the FIT-Connect profile, or it does not decrypt.');
  }
}

function decode(text: string): Uint8Array<ArrayBuffer> {
  if (!BASE64URL.test(text)) throw new JweError('malformed');
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

/** The plaintext of `jwe`, which must be addressed to `kid` and decrypt with `privateKey`. */
export async function decryptCompact(jwe: unknown, privateKey: CryptoKey, kid: string): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof jwe !== 'string') throw new JweError('malformed');
  const parts = jwe.split('.');
  if (parts.length !== 5) throw new JweError('malformed');
  const [header, wrapped, iv, ciphertext, tag] = parts.map(decode) as [Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>];
  let protectedHeader;
  try {
    protectedHeader = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(header));
  } catch {
    throw new JweError('malformed');
  }
  if (typeof protectedHeader !== 'object' || protectedHeader === null || protectedHeader.alg !== 'RSA-OAEP-256' || protectedHeader.enc !== 'A256GCM' || 'zip' in protectedHeader) {
    throw new JweError('malformed');
  }
  if (protectedHeader.kid !== kid) throw new JweError('unknown-key');
  if (iv.length !== 12 || tag.length !== 16) throw new JweError('malformed');
  try {
    const cek = await subtle.decrypt({ name: 'RSA-OAEP' }, privateKey, wrapped);
    const aesKey = await subtle.importKey('raw', cek, 'AES-GCM', false, ['decrypt']);
    const sealed = new Uint8Array(ciphertext.length + tag.length);
    sealed.set(ciphertext);
    sealed.set(tag, ciphertext.length);
    const aad = new TextEncoder().encode(parts[0]);
    return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, aesKey, sealed));
  } catch {
    throw new JweError('malformed');
  }
}
