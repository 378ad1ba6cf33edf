/**
 * Whether the destination's encryption key really belongs to the authority (shared/domain/fit-connect.md §3):
 * FITKO requires the encrypting client, which is this browser, to verify the key's `x5c` chain up to the
 * Verwaltungs-PKI. The trust comes from the page's configuration, a channel the relay does not control:
 * either a trust anchor (a CA certificate) to which the `x5c` chain must lead, or the key's pinned RFC 7638
 * thumbprint. Without either, or when neither holds, nothing is encrypted to the key.
 *
 * The X.509 handling is the minimum this needs, on WebCrypto alone: names compared as DER bytes, validity
 * dates, `basicConstraints` on every issuer, signatures with RSASSA-PKCS1-v1_5 or RSASSA-PSS over SHA-256 or
 * SHA-512, and the leaf's public key equal to the JWK. No revocation check: that needs OCSP answers the relay
 * would have to fetch.
 */
import { base64url, fromBase64url, type EncryptionJwk } from './jwe.js';

export interface KeyTrust {
  /** CA certificates (PEM, or base64 DER as in `x5c`) the destination key's `x5c` chain must lead to. */
  anchors?: readonly string[];
  /** SHA-256 JWK thumbprints (RFC 7638, base64url) of destination keys trusted as they are. */
  thumbprints?: readonly string[];
}

/** The destination key is not trusted; the message says why (in English, for logs and the error event). */
export class UntrustedKeyError extends Error {
  override name = 'UntrustedKeyError';
}

const MAX_CHAIN = 6;

// ---- DER -----------------------------------------------------------------------------------------------------

interface Node {
  tag: number;
  /** The whole element, header included (what a signature or a name comparison covers). */
  der: Uint8Array;
  content: Uint8Array;
}

function readNode(bytes: Uint8Array, offset = 0): Node {
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  if (tag === undefined || length === undefined || (tag & 0x1f) === 0x1f) throw new UntrustedKeyError('Certificate: unreadable DER.');
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new UntrustedKeyError('Certificate: unsupported DER length.');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[start + i] ?? NaN);
    start += count;
  }
  const end = start + length;
  if (!(end <= bytes.length)) throw new UntrustedKeyError('Certificate: truncated DER.');
  return { tag, der: bytes.subarray(offset, end), content: bytes.subarray(start, end) };
}

function childrenOf(node: Node): Node[] {
  const children: Node[] = [];
  for (let offset = 0; offset < node.content.length; ) {
    const child = readNode(node.content, offset);
    children.push(child);
    offset += child.der.length;
  }
  return children;
}

function expect(node: Node | undefined, tag: number, what: string): Node {
  if (node?.tag !== tag) throw new UntrustedKeyError(`Certificate: ${what} is missing or malformed.`);
  return node;
}

const SEQUENCE = 0x30;
const OID = 0x06;
const INTEGER = 0x02;
const BOOLEAN = 0x01;
const BIT_STRING = 0x03;
const OCTET_STRING = 0x04;

function oid(node: Node): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of node.content) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  const first = parts.shift() ?? 0;
  return [Math.min(2, Math.floor(first / 40)), first - Math.min(2, Math.floor(first / 40)) * 40, ...parts].join('.');
}

function time(node: Node | undefined): number {
  if (!node) throw new UntrustedKeyError('Certificate: a validity date is missing.');
  const text = new TextDecoder().decode(node.content);
  const match = (node.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/ : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/).exec(text);
  if ((node.tag !== 0x17 && node.tag !== 0x18) || !match) throw new UntrustedKeyError('Certificate: unreadable validity date.');
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  // RFC 5280 §4.1.2.5.1: two-digit years 50–99 are 19xx.
  const fullYear = node.tag === 0x17 ? (year >= 50 ? 1900 + year : 2000 + year) : year;
  return Date.UTC(fullYear, month - 1, day, hour, minute, second);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

// ---- X.509 ---------------------------------------------------------------------------------------------------

type SignatureParams = RsaPssParams | Algorithm;
interface Certificate {
  der: Uint8Array;
  tbs: Uint8Array;
  signature: Uint8Array;
  algorithm: { name: 'RSASSA-PKCS1-v1_5' | 'RSA-PSS'; hash: 'SHA-256' | 'SHA-512'; verify: SignatureParams };
  issuer: Uint8Array;
  subject: Uint8Array;
  notBefore: number;
  notAfter: number;
  isCa: boolean;
  spki: Uint8Array;
}

const HASHES: Record<string, 'SHA-256' | 'SHA-512'> = { '2.16.840.1.101.3.4.2.1': 'SHA-256', '2.16.840.1.101.3.4.2.3': 'SHA-512' };
const PKCS1: Record<string, 'SHA-256' | 'SHA-512'> = { '1.2.840.113549.1.1.11': 'SHA-256', '1.2.840.113549.1.1.13': 'SHA-512' };
const RSASSA_PSS = '1.2.840.113549.1.1.10';
const MGF1 = '1.2.840.113549.1.1.8';
const BASIC_CONSTRAINTS = '2.5.29.19';

function signatureAlgorithm(node: Node): Certificate['algorithm'] {
  const [id, params] = childrenOf(expect(node, SEQUENCE, 'the signature algorithm'));
  const name = oid(expect(id, OID, 'the signature algorithm'));
  const pkcs1Hash = PKCS1[name];
  if (pkcs1Hash) return { name: 'RSASSA-PKCS1-v1_5', hash: pkcs1Hash, verify: { name: 'RSASSA-PKCS1-v1_5' } };
  if (name !== RSASSA_PSS || !params) throw new UntrustedKeyError(`Certificate: signature algorithm ${name} is not supported.`);
  // RSASSA-PSS-params: [0] hash, [1] mask generation, [2] salt length; the defaults (SHA-1, salt 20) are not allowed here.
  let hash: string | undefined;
  let mgfHash: string | undefined;
  let saltLength = 20;
  for (const field of childrenOf(expect(params, SEQUENCE, 'the RSASSA-PSS parameters'))) {
    const [inner] = childrenOf(field);
    if (field.tag === 0xa0) hash = oid(expect(childrenOf(expect(inner, SEQUENCE, 'the PSS hash'))[0], OID, 'the PSS hash'));
    if (field.tag === 0xa1) {
      const [mgf, mgfParams] = childrenOf(expect(inner, SEQUENCE, 'the PSS mask generation'));
      if (oid(expect(mgf, OID, 'the PSS mask generation')) !== MGF1) throw new UntrustedKeyError('Certificate: PSS mask generation is not MGF1.');
      mgfHash = oid(expect(childrenOf(expect(mgfParams, SEQUENCE, 'the MGF1 hash'))[0], OID, 'the MGF1 hash'));
    }
    if (field.tag === 0xa2) saltLength = Number(integer(expect(inner, INTEGER, 'the PSS salt length')));
  }
  const pssHash = hash ? HASHES[hash] : undefined;
  if (!pssHash || mgfHash !== hash) throw new UntrustedKeyError('Certificate: RSASSA-PSS is supported with SHA-256 or SHA-512 and MGF1 of the same hash only.');
  return { name: 'RSA-PSS', hash: pssHash, verify: { name: 'RSA-PSS', saltLength } as RsaPssParams };
}

function integer(node: Node): bigint {
  return node.content.reduce((value, byte) => value * 256n + BigInt(byte), 0n);
}

function parseCertificate(der: Uint8Array): Certificate {
  const root = readNode(der);
  if (root.tag !== SEQUENCE || root.der.length !== der.length) throw new UntrustedKeyError('Certificate: not a single DER certificate.');
  const [tbsNode, algorithmNode, signatureNode] = childrenOf(root);
  const tbs = expect(tbsNode, SEQUENCE, 'the to-be-signed part');
  const fields = childrenOf(tbs);
  if (fields[0]?.tag === 0xa0) fields.shift(); // version
  const [, innerAlgorithm, issuer, validity, subject, spki, ...optional] = fields;
  expect(innerAlgorithm, SEQUENCE, 'the inner signature algorithm');
  const algorithm = signatureAlgorithm(expect(algorithmNode, SEQUENCE, 'the signature algorithm'));
  if (!equalBytes(innerAlgorithm!.der, algorithmNode!.der)) throw new UntrustedKeyError('Certificate: the two signature algorithms differ.');
  const [notBefore, notAfter] = childrenOf(expect(validity, SEQUENCE, 'the validity'));
  const signature = expect(signatureNode, BIT_STRING, 'the signature').content;
  if (signature[0] !== 0) throw new UntrustedKeyError('Certificate: the signature has unused bits.');

  let isCa = false;
  const extensions = optional.find((node) => node.tag === 0xa3);
  for (const extension of extensions ? childrenOf(expect(childrenOf(extensions)[0], SEQUENCE, 'the extensions')) : []) {
    const parts = childrenOf(expect(extension, SEQUENCE, 'an extension'));
    if (oid(expect(parts[0], OID, 'an extension id')) !== BASIC_CONSTRAINTS) continue;
    const value = expect(parts[parts.length - 1], OCTET_STRING, 'basicConstraints');
    const [cA] = childrenOf(expect(readNode(value.content), SEQUENCE, 'basicConstraints'));
    isCa = cA?.tag === BOOLEAN && cA.content[0] !== 0;
  }
  return {
    der,
    tbs: tbs.der,
    signature: signature.subarray(1),
    algorithm,
    issuer: expect(issuer, SEQUENCE, 'the issuer').der,
    subject: expect(subject, SEQUENCE, 'the subject').der,
    notBefore: time(notBefore),
    notAfter: time(notAfter),
    isCa,
    spki: expect(spki, SEQUENCE, 'the public key').der,
  };
}

/** `x5c` entries and configured anchors: base64 DER, or PEM (its base64 body). */
function decodeCertificate(text: string, what: string): Certificate {
  const body = text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  let der: Uint8Array;
  try {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new Error();
    der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  } catch {
    throw new UntrustedKeyError(`${what} is not base64.`);
  }
  try {
    return parseCertificate(der);
  } catch (error) {
    if (error instanceof UntrustedKeyError) throw new UntrustedKeyError(`${what}: ${error.message}`);
    throw new UntrustedKeyError(`${what} is not a certificate.`);
  }
}

async function signedBy(certificate: Certificate, issuer: Certificate): Promise<boolean> {
  const { name, hash, verify } = certificate.algorithm;
  try {
    const key = await crypto.subtle.importKey('spki', issuer.spki as Uint8Array<ArrayBuffer>, { name, hash }, false, ['verify']);
    return await crypto.subtle.verify(verify, key, certificate.signature as Uint8Array<ArrayBuffer>, certificate.tbs as Uint8Array<ArrayBuffer>);
  } catch {
    return false;
  }
}

function checkDates(certificate: Certificate, what: string, now: number): void {
  if (now < certificate.notBefore) throw new UntrustedKeyError(`${what} is not valid yet.`);
  if (now > certificate.notAfter) throw new UntrustedKeyError(`${what} has expired.`);
}

/** RFC 7638: SHA-256 over the required RSA members in lexicographic order, base64url. */
export async function jwkThumbprint(jwk: EncryptionJwk): Promise<string> {
  const canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical))));
}

async function leafMatchesKey(leaf: Certificate, jwk: EncryptionJwk): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey('spki', leaf.spki as Uint8Array<ArrayBuffer>, { name: 'RSA-OAEP', hash: 'SHA-256' }, true, ['encrypt']);
    const { n, e } = await crypto.subtle.exportKey('jwk', key);
    // Compared as numbers: a JWK may carry a leading zero byte the certificate does not.
    const number = (text: string | undefined) => fromBase64url(text ?? '').reduce((value, byte) => value * 256n + BigInt(byte), 0n);
    return number(n) === number(jwk.n) && number(e) === number(jwk.e);
  } catch {
    return false;
  }
}

/**
 * Resolves when `jwk` is trusted under `trust` at `now`: its thumbprint is pinned, or its `x5c` chain (leaf
 * first) is valid and ends at, or is issued by, a configured anchor. Otherwise rejects with an
 * {@link UntrustedKeyError} naming the first problem.
 */
export async function verifyDestinationKey(jwk: EncryptionJwk & { x5c?: unknown }, trust: KeyTrust, now = Date.now()): Promise<void> {
  const anchors = trust.anchors ?? [];
  const thumbprints = trust.thumbprints ?? [];
  if (anchors.length === 0 && thumbprints.length === 0) {
    throw new UntrustedKeyError('No trust anchor and no pinned key thumbprint is configured for the destination key.');
  }
  if (thumbprints.includes(await jwkThumbprint(jwk))) return;
  if (anchors.length === 0) throw new UntrustedKeyError('The destination key is not the pinned one.');

  const x5c = jwk.x5c;
  if (!Array.isArray(x5c) || x5c.length === 0) throw new UntrustedKeyError('The destination key has no certificate chain (x5c).');
  if (x5c.length > MAX_CHAIN) throw new UntrustedKeyError('The certificate chain (x5c) is too long.');
  const chain = x5c.map((entry, i) => {
    if (typeof entry !== 'string') throw new UntrustedKeyError(`x5c[${i}] is not a string.`);
    return decodeCertificate(entry, `x5c[${i}]`);
  });
  const trusted = anchors.map((anchor, i) => decodeCertificate(anchor, `Trust anchor ${i + 1}`));

  chain.forEach((certificate, i) => checkDates(certificate, `x5c[${i}]`, now));
  if (!(await leafMatchesKey(chain[0]!, jwk))) throw new UntrustedKeyError('The certificate x5c[0] is for another key than the destination key.');
  for (let i = 0; i + 1 < chain.length; i++) {
    const [certificate, issuer] = [chain[i]!, chain[i + 1]!];
    if (!equalBytes(certificate.issuer, issuer.subject)) throw new UntrustedKeyError(`x5c[${i + 1}] did not issue x5c[${i}].`);
    if (!issuer.isCa) throw new UntrustedKeyError(`x5c[${i + 1}] is not a CA certificate.`);
    if (!(await signedBy(certificate, issuer))) throw new UntrustedKeyError(`The signature of x5c[${i}] does not verify.`);
  }
  const last = chain[chain.length - 1]!;
  if (trusted.some((anchor) => equalBytes(anchor.der, last.der))) return;
  for (const [i, anchor] of trusted.entries()) {
    if (!equalBytes(last.issuer, anchor.subject)) continue;
    checkDates(anchor, `Trust anchor ${i + 1}`, now);
    if (await signedBy(last, anchor)) return;
  }
  throw new UntrustedKeyError('The certificate chain (x5c) does not lead to a configured trust anchor.');
}
