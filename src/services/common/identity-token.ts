import type { IdentityTokenClaims } from './identity.js';

/**
 * The claims a portal's identity token (a compact JWS) states in its payload: read, not verified. Only the
 * receiver can verify them; the browser reads them to know whether a token is bound to a submission (`nonce`) and
 * to pass on what the portal signed (the DeutschlandID mailbox handle). Undefined for anything unreadable.
 */
export function unverifiedClaims(token: unknown): Partial<IdentityTokenClaims> | undefined {
  const payload = typeof token === 'string' ? token.split('.')[1] : undefined;
  if (!payload) return undefined;
  try {
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Partial<IdentityTokenClaims>) : undefined;
  } catch {
    return undefined;
  }
}
