/**
 * An identity the host portal authenticated (DeutschlandID/BundID, a Land account, the eID function). The
 * element never runs an identification itself: the portal does, then hands over what it verified.
 *
 * This file is the contract between the three parties: the portal (hands the element an `AuthenticatedIdentity`
 * and signs an `IdentityTokenClaims` token for one submission), the element (shows the attributes read-only and
 * records them), and the receiver (verifies the token and that the submitted values are the authenticated ones).
 */

/**
 * eIDAS levels of assurance as German portals name them (Art. 8 Abs. 2 Verordnung (EU) Nr. 910/2014, German
 * text: „substanziell“, „hoch“). `hoch` is the online ID function of the Personalausweis, the eID card or the
 * electronic residence permit; `substanziell` e.g. an ELSTER certificate.
 */
export type TrustLevel = 'substanziell' | 'hoch';

/**
 * What the portal's login verified about the person, named as in our schemas. Every attribute is optional:
 * a portal passes what its identity provider delivered (the eID function has no e-mail, a Land account may
 * lack the birth place).
 */
export interface IdentityAttributes {
  vornamen?: string;
  familienname?: string;
  geburtsname?: string;
  /** ISO date, `YYYY-MM-DD`. */
  geburtsdatum?: string;
  geburtsort?: string;
  /** The address of residence in Germany, as in `common/person.schema.json#/$defs/anschriftInland`. */
  anschrift?: { strasse?: string; hausnummer?: string; postleitzahl?: string; ort?: string };
  /** A code of the XÖV nationality code list (`staatsangehoerigkeit`), e.g. `000` for German. */
  staatsangehoerigkeit?: string;
  /** DeutschlandID mailbox handle (the SAML token's `legacyPostkorbHandle`, a UUID): FIT-Connect `replyChannel.idBundDeMailbox`. */
  postfachHandle?: string;
  /** DeutschlandID application id for its status monitor (a UUID): FIT-Connect `additionalReferenceInfo.idBundDeApplicationId`. */
  antragsId?: string;
}

/** What the portal hands the element (its `identity` property, or the answer to `efa-identity-request`). */
export interface AuthenticatedIdentity {
  trustLevel: TrustLevel;
  /** Where the identity came from, shown beside every field it filled, e.g. „DeutschlandID“. */
  source?: string;
  attributes?: IdentityAttributes;
  /**
   * The portal's signed statement of this identity for one submission (a JWS, claims `IdentityTokenClaims`),
   * passed on unchanged: the receiver verifies it; the browser cannot. Its `nonce` must be the submission's
   * id, so a portal that does not know the id yet leaves it out and answers `efa-identity-request` at sending.
   */
  token?: string;
}

/**
 * The claims of the portal's identity token (a compact JWS, RS256/PS256/ES256, `kid` in the header, the key in
 * the portal's published JWKS). The receiver checks signature, `iss`, `aud`, `exp` (at most 15 minutes after
 * `iat`), that `nonce` is the submission's id (so a token is good for exactly one submission), that
 * `vertrauensniveau` is the one the submission claims, and that every authenticated value in the submission
 * equals `angaben`.
 */
export interface IdentityTokenClaims {
  iss: string;
  aud: string | string[];
  sub: string;
  iat: number;
  exp: number;
  nonce: string;
  vertrauensniveau: TrustLevel;
  quelle: string;
  angaben: IdentityAttributes;
}

/**
 * What an authority sets about identified submissions, for every service (its `config.onlineAbgabe`).
 * `identifikationsbericht: true`: FIT-Connect metadata carries the portal's identity token as the identification
 * report, a `dataSets` entry of schemas/fit-connect/identitaetsnachweis.schema.json (metadata 2.1.0 has no other
 * place for it); without it, the token travels only in the Fachdaten (`authentifizierung.token`).
 */
export interface OnlineAbgabeConfig {
  onlineAbgabe?: { identifikationsbericht?: boolean };
}

/**
 * Where the element records, for the form's conditions only (a not submitted answer), that the identity has a
 * DeutschlandID mailbox: then the form asks whether the decision may be delivered there
 * (`zustimmungZumDigitalenBescheid`, common/blocks.ts `digitalDecisionQuestion`).
 */
export const POSTFACH_VORHANDEN = '/postfachVorhanden';

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

/** An attribute of `IdentityAttributes` by its path, e.g. `anschrift/ort`. */
export type IdentityAttributePath =
  | Exclude<keyof IdentityAttributes, 'anschrift'>
  | `anschrift/${keyof NonNullable<IdentityAttributes['anschrift']>}`;

/**
 * Which answer (JSON pointer into the service's `data`) an identity attribute fills. One table per service, read
 * by the element (to fill and lock the fields) and by the receiver (to compare them with the token).
 */
export type IdentityFields = Readonly<Record<string, IdentityAttributePath>>;

export function attributeValue(attributes: IdentityAttributes, path: IdentityAttributePath): string | undefined {
  const [head, tail] = path.split('/') as [keyof IdentityAttributes, string | undefined];
  const value = attributes[head];
  if (tail === undefined) return typeof value === 'string' ? value : undefined;
  const part = (value as Record<string, unknown> | undefined)?.[tail];
  return typeof part === 'string' ? part : undefined;
}

/** The answers an identity fills: pointer → value, for each attribute the identity has. */
export function authenticatedAnswers(attributes: IdentityAttributes, fields: IdentityFields): Map<string, string> {
  const answers = new Map<string, string>();
  for (const [pointer, path] of Object.entries(fields)) {
    const value = attributeValue(attributes, path);
    if (value !== undefined && value !== '') answers.set(pointer, value);
  }
  return answers;
}
