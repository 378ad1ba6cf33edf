import type { IdentityAttributes } from '../../src/services/common/identity.js';

/**
 * A portal's identity token as the element sees it: a compact JWS whose payload binds it to a submission (`nonce`)
 * and states what the portal verified (`angaben`). Unsigned: the browser only reads a token's payload; verifying
 * it is the receiver's part.
 */
export function tokenFor(nonce: string, angaben: IdentityAttributes = {}): string {
  const base64url = (text: string) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const claims = { nonce, vertrauensniveau: 'hoch', quelle: 'DeutschlandID', angaben };
  return `${base64url(JSON.stringify({ alg: 'ES256', kid: 'demo' }))}.${base64url(JSON.stringify(claims))}.c2ln`;
}
