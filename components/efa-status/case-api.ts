/**
 * The citizen's side of the return channel (server/receiver.ts, `/cases/*`): open a case with reference and
 * access code, or the cases sent with the identity the portal confirms, read its messages, answer. The case token lives in the tab's `sessionStorage` only, so a reload
 * keeps the case open and closing the tab ends it; it is sent as a bearer header, never as a cookie.
 */
import type { NachrichtImRuckkanal } from '../../src/schema/generated/return/nachricht.js';

export type CaseMessage = Omit<NachrichtImRuckkanal, 'data'> & { data: Record<string, unknown>; receivedAt?: string };

export interface CaseView {
  reference: string;
  status: string;
  messages: CaseMessage[];
  /** Whether the office sends "there is news" e-mails, and the address the citizen left for them. */
  notices?: { offered: boolean; address?: string };
}

/** A case opened with the identity: what the receiver says about it, and its case token. */
export interface IdentityCase {
  reference: string;
  service: string;
  receivedAt: string;
  status: string;
  token: string;
}

/**
 * Why a request failed, in terms the element words for people. `identity-refused`: the portal gave no token, or
 * the receiver did not take it; `no-identity-cases`: the identity holds, but no case was sent with it.
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

const TOKEN_KEY = 'efa-status:';

export function savedToken(reference: string): string | undefined {
  try {
    return sessionStorage.getItem(TOKEN_KEY + reference) ?? undefined;
  } catch {
    return undefined;
  }
}

function keepToken(reference: string, token: string | undefined): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY + reference, token);
    else sessionStorage.removeItem(TOKEN_KEY + reference);
  } catch {
    // Storage refused (private mode, policy): the case stays open until the page is left.
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

/** Reference as printed on the receipt, forgivingly: case and surrounding spaces do not matter. */
export function normalizeReference(typed: string): string {
  return typed.trim().toUpperCase();
}

export async function openCase(endpoint: string, reference: string, accessCode: string): Promise<string> {
  const response = await request(`${endpoint}/cases/access`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ reference, accessCode }),
  });
  const { token } = (await response.json()) as { token: string };
  keepToken(reference, token);
  return token;
}

/**
 * Opens the cases sent with the identity of a token the portal signed for `nonce`; keeps each case token in the
 * tab. Throws `no-identity-cases` where there is none.
 */
export async function openCasesWithIdentity(endpoint: string, token: string, nonce: string): Promise<IdentityCase[]> {
  let response: Response;
  try {
    response = await request(`${endpoint}/cases/identity-access`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, nonce }),
    });
  } catch (error) {
    throw error instanceof CaseError && error.failure === 'access-denied' ? new CaseError('identity-refused') : error;
  }
  const { cases } = (await response.json()) as { cases: IdentityCase[] };
  if (cases.length === 0) throw new CaseError('no-identity-cases');
  for (const opened of cases) keepToken(opened.reference, opened.token);
  return cases;
}

export async function readCase(endpoint: string, reference: string, token: string): Promise<CaseView> {
  try {
    const response = await request(`${endpoint}/cases/${encodeURIComponent(reference)}/messages`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return (await response.json()) as CaseView;
  } catch (error) {
    if (error instanceof CaseError && error.failure === 'signed-out') keepToken(reference, undefined);
    throw error;
  }
}

export async function closeCase(endpoint: string, reference: string, token: string): Promise<void> {
  keepToken(reference, undefined);
  await request(`${endpoint}/cases/token`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } }).catch(() => undefined);
}

/**
 * Sends the citizen's answer to an office message; files travel beside it as in a submission (one part per
 * file, named by its attachment id). The message id is the idempotency key: a resend after a lost answer
 * stores nothing twice.
 */
export async function sendAnswer(
  endpoint: string,
  reference: string,
  token: string,
  answer: { id: string; type: CaseMessage['type']; data: Record<string, unknown> },
  files: ReadonlyMap<string, File> = new Map(),
): Promise<CaseMessage> {
  const message = { id: answer.id, caseReference: reference, createdAt: new Date().toISOString(), from: 'citizen', type: answer.type, data: answer.data };
  const url = `${endpoint}/cases/${encodeURIComponent(reference)}/answers`;
  const headers = { Authorization: `Bearer ${token}` };
  let init: RequestInit;
  if (files.size === 0) {
    init = { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(message) };
  } else {
    const form = new FormData();
    form.append('message', new Blob([JSON.stringify(message)], { type: 'application/json' }));
    for (const [id, file] of files) form.append(id, file, file.name);
    init = { method: 'POST', headers, body: form };
  }
  return (await (await request(url, init)).json()) as CaseMessage;
}

/** Leaves an address for "there is news" e-mails (`address`), or withdraws it (undefined). */
export async function setNoticeAddress(endpoint: string, reference: string, token: string, address: string | undefined): Promise<void> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  const url = `${endpoint}/cases/${encodeURIComponent(reference)}/notices`;
  if (address === undefined) await request(url, { method: 'DELETE', headers });
  else await request(url, { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ address }) });
}
