/**
 * A test PKI: X.509 certificates written as DER with node:crypto alone, for the demo destination's `x5c` and
 * the browser tests of the key trust check (src/adapters/key-trust.ts). Test certificates only, never for
 * real data: the keys are made at run time and the root's private key is not stored.
 *
 * Certificates are X.509 v3 with `basicConstraints` (critical) and `keyUsage`; names carry one common name.
 * FITKO's profile (shared/domain/fit-connect.md §3) signs with RSASSA-PSS over SHA-512, the default here.
 */
import { constants, createPublicKey, generateKeyPair, randomBytes, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, ...content: Buffer[]) => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const sequence = (...content: Buffer[]) => tlv(0x30, ...content);
const explicit = (n: number, ...content: Buffer[]) => tlv(0xa0 + n, ...content);
const boolean = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0]));
const bitString = (bytes: Buffer) => tlv(0x03, Buffer.from([0]), bytes);
const octetString = (bytes: Buffer) => tlv(0x04, bytes);
const NULL = Buffer.from([0x05, 0x00]);

function integer(bytes: Buffer): Buffer {
  return tlv(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [first * 40 + second];
  for (const part of rest) {
    const base128 = [part & 0x7f];
    for (let value = Math.floor(part / 128); value > 0; value = Math.floor(value / 128)) base128.unshift(0x80 | (value & 0x7f));
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

const name = (commonName: string) => sequence(tlv(0x31, sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));

export type SignatureScheme = 'rsa-pss-sha512' | 'rsa-pkcs1-sha256';

const SHA512 = sequence(oid('2.16.840.1.101.3.4.2.3'), NULL);
const ALGORITHMS: Record<SignatureScheme, Buffer> = {
  'rsa-pss-sha512': sequence(
    oid('1.2.840.113549.1.1.10'),
    sequence(explicit(0, SHA512), explicit(1, sequence(oid('1.2.840.113549.1.1.8'), SHA512)), explicit(2, integer(Buffer.from([64])))),
  ),
  'rsa-pkcs1-sha256': sequence(oid('1.2.840.113549.1.1.11'), NULL),
};

function signWith(scheme: SignatureScheme, key: KeyObject, data: Buffer): Buffer {
  return scheme === 'rsa-pss-sha512'
    ? sign('sha512', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 })
    : sign('sha256', data, key);
}

/** A certificate authority of the test PKI: its certificate (DER) and the key it signs with. */
export interface TestAuthority {
  name: string;
  certificate: Buffer;
  privateKey: KeyObject;
}

export interface IssueOptions {
  subject: string;
  publicKey: KeyObject;
  /** The issuing authority; none: self-signed with `selfKey`. */
  issuer?: TestAuthority;
  selfKey?: KeyObject;
  ca: boolean;
  notBefore?: Date;
  notAfter?: Date;
  scheme?: SignatureScheme;
}

const DAY = 86_400_000;

export function issueCertificate(options: IssueOptions): Buffer {
  const { subject, publicKey, issuer, ca, scheme = 'rsa-pss-sha512' } = options;
  const signingKey = issuer?.privateKey ?? options.selfKey;
  if (!signingKey) throw new Error('A certificate needs an issuer or a key to sign itself with.');
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY);
  const notAfter = options.notAfter ?? new Date(Date.now() + 365 * DAY);
  const keyUsage = ca ? Buffer.from([0x01, 0x06]) : Buffer.from([0x05, 0x20]); // keyCertSign+cRLSign / keyEncipherment
  const extensions = sequence(
    sequence(oid('2.5.29.19'), boolean(true), octetString(ca ? sequence(boolean(true)) : sequence())),
    sequence(oid('2.5.29.15'), boolean(true), octetString(tlv(0x03, keyUsage))),
  );
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(randomBytes(16)),
    ALGORITHMS[scheme],
    name(issuer?.name ?? subject),
    sequence(time(notBefore), time(notAfter)),
    name(subject),
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  );
  return sequence(tbs, ALGORITHMS[scheme], bitString(signWith(scheme, signingKey, tbs)));
}

/** FITKO's CAs use RSA 4096; tests may ask for smaller keys, which are much quicker to make. */
export interface AuthorityOptions {
  modulusLength?: number;
}

/** A fresh self-signed root of the test PKI. */
export async function createTestRoot(rootName: string, { modulusLength = 4096 }: AuthorityOptions = {}): Promise<TestAuthority> {
  const { publicKey, privateKey } = await generate('rsa', { modulusLength });
  return { name: rootName, privateKey, certificate: issueCertificate({ subject: rootName, publicKey, selfKey: privateKey, ca: true }) };
}

/** An intermediate CA under `issuer`; `ca: false` makes one without the CA flag (a test of the check). */
export async function createTestIntermediate(
  intermediateName: string,
  issuer: TestAuthority,
  { ca = true, modulusLength = 4096 }: AuthorityOptions & { ca?: boolean } = {},
): Promise<TestAuthority> {
  const { publicKey, privateKey } = await generate('rsa', { modulusLength });
  return { name: intermediateName, privateKey, certificate: issueCertificate({ subject: intermediateName, publicKey, issuer, ca }) };
}

/** The public RSA key a JWK's `n` and `e` describe. */
export function publicKeyOfJwk(jwk: { n: string; e: string }): KeyObject {
  return createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
}

export const toPem = (der: Buffer) => `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
