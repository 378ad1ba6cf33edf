/**
 * A portal's identity-token signer for the browser tests (web-test-runner.config.js): its own ES256 key, the
 * public half published as a JWKS on a free port of 127.0.0.1, and `sign(claims)`, which issues tokens as a
 * portal does (src/services/common/identity.ts, `IdentityTokenClaims`). The test receiver is configured with
 * this issuer, so an identity a test sends is checked exactly as in production.
 */
import { createServer } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

export async function startTestIdentityPortal() {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-portal', alg: 'ES256', use: 'sig' };
  const server = createServer((request, response) => {
    if (request.url !== '/jwks.json') return response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const issuer = 'https://portal.test.example';
  const audience = 'efa-forms-test-receiver';
  return {
    issuer,
    audience,
    jwksUrl: `http://127.0.0.1:${server.address().port}/jwks.json`,
    /** A token for submission `nonce`, valid for ten minutes, for the person `sub`; `claims` override the defaults. */
    sign({ nonce, angaben = {}, vertrauensniveau = 'hoch', quelle = 'DeutschlandID', sub = 'test-citizen' }) {
      return new SignJWT({ nonce, vertrauensniveau, quelle, angaben })
        .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(sub)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
    },
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
