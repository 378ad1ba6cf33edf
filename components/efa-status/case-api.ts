/**
 * The citizen's side of the return channel: where `<efa-status>` opens a case, reads its messages and answers.
 * `CaseBackend` is what the element needs from a back end; `HttpCaseBackend` is its default, the reference
 * receiver's case API (server/receiver.ts, `/cases/*`); a portal may give the element its own (`backend`).
 * The element keeps the case token in the tab's `sessionStorage` only, so a reload keeps the case open and
 * closing the tab ends it; the HTTP back end sends it as a bearer header, never as a cookie.
 */
import type { NachrichtImRuckkanal } from '../../src/schema/generated/return/nachricht.js';

/** A message of the return channel, as schemas/return/nachricht.schema.json defines it. */
export type CaseMessage = Omit<NachrichtImRuckkanal, 'data'> & { data: Record<string, unknown>; receivedAt?: string };

export interface CaseView {
  reference: string;
  status: string;
  /** Every message of the case, from the office and from the citizen, oldest first. */
  messages: CaseMessage[];
  /** Whether the office sends "there is news" e-mails, and the address the citizen left for them. */
  notices?: { offered: boolean; address?: string };
}

/** A case opened with the identity: what the back end says about it, and its case token. */
export interface IdentityCase {
  reference: string;
  service: string;
  receivedAt: string;
  status: string;
  token: string;
}

/**
 * Why a request failed, in terms the element words for people. `identity-refused`: the portal gave no token, or
 * the back end did not take it; `no-identity-cases`: the identity holds, but no case was sent with it.
 */
export type CaseFailure = 'access-denied' | 'rate-limited' | 'signed-out' | 'refused' | 'unreachable' | 'identity-refused' | 'no-identity-cases';

export class CaseError extends Error {
  constructor(
    readonly failure: CaseFailure,
    readonly retryAfterSeconds?: number,
  ) {
    super(failure);
  }
}

/**
 * A back end of `<efa-status>`. A case token is the back end's own opaque string that opens one case; the
 * element keeps it in the tab and hands it back with every call. Each method fails with a `CaseError` only:
 * `access-denied` (wrong reference or code), `rate-limited` (with `retryAfterSeconds` where known),
 * `signed-out` (the token no longer holds), `refused` (the back end did not take what was sent),
 * `unreachable`, and for `openWithIdentity` also `identity-refused`. Anything else counts as a fault in the
 * back end: the element rethrows it and words nothing for the citizen.
 */
export interface CaseBackend {
  /** Opens a case with the reference (upper case, trimmed) and the access code as typed; answers its case token. */
  open(reference: string, accessCode: string): Promise<string>;
  /**
   * The cases sent with the identity of `token`, which the portal signed for `nonce`, each with its case token;
   * none: an empty list.
   */
  openWithIdentity(token: string, nonce: string): Promise<IdentityCase[]>;
  /** The case's status and every message. */
  read(reference: string, token: string): Promise<CaseView>;
  /**
   * Stores the citizen's answer to an office message (`answer.from` is `citizen`, `answer.data` refers to the
   * office message); `files` holds the uploads by the attachment ids in `answer.data.anlagen`. The message id
   * is the idempotency key: the element resends the same id after a lost answer, which must store nothing twice.
   */
  reply(token: string, answer: CaseMessage, files: ReadonlyMap<string, File>): Promise<void>;
  /** Leaves an address for "there is news" e-mails (`address`), or withdraws it (undefined). */
  setNoticeAddress(reference: string, token: string, address: string | undefined): Promise<void>;
  /** Ends the case token; the element has forgotten it already and does not wait for a failure. */
  close(reference: string, token: string): Promise<void>;
}

/** The reference receiver's case API under `endpoint` (server/receiver.ts, `{endpoint}/cases/*`). */
export class HttpCaseBackend implements CaseBackend {
  constructor(readonly endpoint: string) {}

  async open(reference: string, accessCode: string): Promise<string> {
    const response = await request(`${this.endpoint}/cases/access`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ reference, accessCode }),
    });
    return ((await response.json()) as { token: string }).token;
  }

  async openWithIdentity(token: string, nonce: string): Promise<IdentityCase[]> {
    let response: Response;
    try {
      response = await request(`${this.endpoint}/cases/identity-access`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token, nonce }),
      });
    } catch (error) {
      throw error instanceof CaseError && error.failure === 'access-denied' ? new CaseError('identity-refused') : error;
    }
    return ((await response.json()) as { cases: IdentityCase[] }).cases;
  }

  async read(reference: string, token: string): Promise<CaseView> {
    const response = await request(`${this.endpoint}/cases/${encodeURIComponent(reference)}/messages`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return (await response.json()) as CaseView;
  }

  /** Files travel beside the answer as in a submission: one part per file, named by its attachment id. */
  async reply(token: string, answer: CaseMessage, files: ReadonlyMap<string, File>): Promise<void> {
    const url = `${this.endpoint}/cases/${encodeURIComponent(answer.caseReference)}/answers`;
    const headers = { Authorization: `Bearer ${token}` };
    let init: RequestInit;
    if (files.size === 0) {
      init = { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(answer) };
    } else {
      const form = new FormData();
      form.append('message', new Blob([JSON.stringify(answer)], { type: 'application/json' }));
      for (const [id, file] of files) form.append(id, file, file.name);
      init = { method: 'POST', headers, body: form };
    }
    await request(url, init);
  }

  async setNoticeAddress(reference: string, token: string, address: string | undefined): Promise<void> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    const url = `${this.endpoint}/cases/${encodeURIComponent(reference)}/notices`;
    if (address === undefined) await request(url, { method: 'DELETE', headers });
    else await request(url, { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ address }) });
  }

  async close(_reference: string, token: string): Promise<void> {
    await request(`${this.endpoint}/cases/token`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
  }
}

async function request(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'omit', cache: 'no-store' });
  } catch {
    throw new CaseError('unreachable');
  }
  if (response.ok) return response;
  if (response.status === 401) throw new CaseError('signed-out');
  if (response.status === 403) throw new CaseError('access-denied');
  if (response.status === 429) throw new CaseError('rate-limited', Number(response.headers.get('Retry-After')) || undefined);
  if (response.status >= 500) throw new CaseError('unreachable');
  throw new CaseError('refused');
}

const TOKEN_KEY = 'efa-status:';

export function savedToken(reference: string): string | undefined {
  try {
    return sessionStorage.getItem(TOKEN_KEY + reference) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the case token in the tab (`token`), or forgets it (undefined). */
export function keepToken(reference: string, token: string | undefined): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY + reference, token);
    else sessionStorage.removeItem(TOKEN_KEY + reference);
  } catch {
    // Storage refused (private mode, policy): the case stays open until the page is left.
  }
}

/** Reference as printed on the receipt, forgivingly: case and surrounding spaces do not matter. */
export function normalizeReference(typed: string): string {
  return typed.trim().toUpperCase();
}
