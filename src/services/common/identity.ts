/**
 * An identity the host portal authenticated (DeutschlandID/BundID, a Land account, the eID function). The
 * element never runs an identification itself: the portal does, then hands over what it verified.
 *
 * This is the part every later use builds on (see the identity issue): the level of assurance, which decides
 * what the form may offer, and the signed token the receiving side verifies. Authenticated attributes (names,
 * birth, address, mailbox handle) are to be added here, each shown read-only with its origin.
 */

/**
 * eIDAS levels of assurance as German portals name them (Art. 8 Abs. 2 Verordnung (EU) Nr. 910/2014, German
 * text: „substanziell“, „hoch“). `hoch` is the online ID function of the Personalausweis, the eID card or the
 * electronic residence permit; `substanziell` e.g. an ELSTER certificate.
 */
export type TrustLevel = 'substanziell' | 'hoch';

export interface AuthenticatedIdentity {
  trustLevel: TrustLevel;
  /**
   * The portal's signed statement of this identity (e.g. a JWT or SAML assertion), passed on unchanged: the
   * receiver verifies it (signature against the portal's published keys, audience, expiry); the browser cannot.
   */
  token: string;
}

/** The schema's `authentifizierung` record of an identity: what the submission says about it. */
export interface AuthenticationRecord {
  vertrauensniveau: TrustLevel;
  token: string;
}

/** The record for the submission, or undefined for anything that is not a complete identity. */
export function authenticationRecord(identity: AuthenticatedIdentity | undefined): AuthenticationRecord | undefined {
  if (!identity || (identity.trustLevel !== 'substanziell' && identity.trustLevel !== 'hoch')) return undefined;
  if (typeof identity.token !== 'string' || identity.token.trim() === '') return undefined;
  return { vertrauensniveau: identity.trustLevel, token: identity.token.trim() };
}
