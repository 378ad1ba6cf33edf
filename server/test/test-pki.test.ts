/**
 * The test PKI's certificates, read by OpenSSL (node:crypto's X509Certificate), not by our own parser: what the
 * browser's key trust check is tested with must be certificates as anybody else reads them.
 */
import assert from 'node:assert/strict';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { createTestIntermediate, createTestRoot, issueCertificate, publicKeyOfJwk, type TestAuthority } from '../test-pki.js';

describe('test PKI', () => {
  let root: TestAuthority;
  let intermediate: TestAuthority;
  before(async () => {
    root = await createTestRoot('efa-forms Test-Root');
    intermediate = await createTestIntermediate('efa-forms Test-Zwischen-CA', root);
  });

  it('issues a chain OpenSSL verifies: root → intermediate → leaf, RSASSA-PSS with SHA-512', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const leaf = new X509Certificate(issueCertificate({ subject: 'Zustellpunkt', publicKey, issuer: intermediate, ca: false }));
    const middle = new X509Certificate(intermediate.certificate);
    const top = new X509Certificate(root.certificate);

    assert.equal(leaf.subject, 'CN=Zustellpunkt');
    assert.equal(leaf.issuer, 'CN=efa-forms Test-Zwischen-CA');
    assert.ok(leaf.checkIssued(middle));
    assert.ok(leaf.verify(middle.publicKey));
    assert.ok(!leaf.verify(top.publicKey), 'the control: the root did not sign the leaf');
    assert.ok(middle.checkIssued(top) && middle.verify(top.publicKey));
    assert.ok(top.verify(top.publicKey));
    assert.equal(middle.ca, true);
    assert.equal(leaf.ca, false);
    assert.ok(leaf.publicKey.equals(publicKey));
    assert.ok(new Date(leaf.validTo).getTime() > Date.now());
  });

  it('writes the dates asked for, and a key given as a JWK', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
    const notAfter = new Date('2025-01-31T12:00:00Z');
    const der = issueCertificate({
      subject: 'Abgelaufen',
      publicKey: publicKeyOfJwk(jwk),
      issuer: root,
      ca: false,
      notBefore: new Date('2024-01-01T00:00:00Z'),
      notAfter,
      scheme: 'rsa-pkcs1-sha256',
    });
    const leaf = new X509Certificate(der);
    assert.equal(new Date(leaf.validTo).getTime(), notAfter.getTime());
    assert.ok(leaf.verify(new X509Certificate(root.certificate).publicKey));
    assert.ok(leaf.publicKey.equals(publicKey));
  });
});
