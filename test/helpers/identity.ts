import { executeServerCommand } from '@web/test-runner-commands';
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

/**
 * A token signed by the test portal whose keys the test receiver trusts (web-test-runner.config.js): for tests
 * whose identity reaches the receiver, which checks it as in production. `sub`: the person (the portal's default
 * test citizen unless given).
 */
export function signedTokenFor(
  nonce: string,
  angaben: IdentityAttributes = {},
  vertrauensniveau: 'hoch' | 'substanziell' = 'hoch',
  sub?: string,
): Promise<string> {
  return executeServerCommand<string, { nonce: string; angaben: IdentityAttributes; vertrauensniveau: string; sub?: string }>('identity-token', {
    nonce,
    angaben,
    vertrauensniveau,
    ...(sub ? { sub } : {}),
  });
}

/** The `nonce` of a token's payload (read, not verified): the submission it is bound to. */
export function nonceOf(token: string): unknown {
  const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)))).nonce;
}
