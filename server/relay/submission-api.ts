/**
 * A client of the FIT-Connect Submission API 1.1.3 for a sender (shared/domain/fit-connect.md §4): OAuth2 client
 * credentials with the secret in the body (`client_secret_post`), the token kept until shortly before it
 * expires and fetched anew once when the API answers 401, and only the sender's operations. It carries
 * ciphertext only; nothing here can decrypt.
 */

export interface SubmissionApiOptions {
  tokenUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  /** Per request (default 30 s). */
  timeoutMs?: number;
}

export interface ServiceType {
  name: string;
  identifier: string;
}

export interface PublicDestination {
  destinationId: string;
  encryptionKid: string;
  metadataVersions: string[];
  services: { identifier: string; regions: string[]; submissionSchemas: { schemaUri: string; mimeType: string }[] }[];
  status: string;
}

/** The API answered with a status the caller did not expect (`status` 0: no answer at all). */
export class SubmissionApiError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly detail?: string,
  ) {
    super(`${operation}: ${status === 0 ? 'no answer' : `HTTP ${status}`}${detail ? ` (${detail})` : ''}`);
  }
}

const USER_AGENT = 'efa-forms-relay/0.1.0';
/** A token is not used in its last 30 seconds: a request sent then may arrive after it expired. */
const TOKEN_MARGIN_MS = 30_000;

export function createSubmissionApi(options: SubmissionApiOptions) {
  const { tokenUrl, apiUrl, clientId, clientSecret, timeoutMs = 30_000 } = options;
  let cached: { token: string; expiresAt: number } | undefined;

  async function token(): Promise<string> {
    if (cached && cached.expiresAt - TOKEN_MARGIN_MS > Date.now()) return cached.token;
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'User-Agent': USER_AGENT },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      signal: AbortSignal.timeout(timeoutMs),
    }).catch(() => undefined);
    if (!response?.ok) throw new SubmissionApiError('token', response?.status ?? 0);
    const answer = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof answer.access_token !== 'string' || typeof answer.expires_in !== 'number') throw new SubmissionApiError('token', response.status, 'no access_token/expires_in');
    cached = { token: answer.access_token, expiresAt: Date.now() + answer.expires_in * 1000 };
    return cached.token;
  }

  /** One API call; with a fresh token once more if the API says the token is not (or no longer) valid. */
  async function call(operation: string, method: string, path: string, body?: { json: unknown } | { jose: string }, authorized = true): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'User-Agent': USER_AGENT };
      if (authorized) headers.Authorization = `Bearer ${await token()}`;
      if (body) headers['Content-Type'] = 'json' in body ? 'application/json' : 'application/jose';
      const response = await fetch(`${apiUrl}${path}`, {
        method,
        headers,
        ...(body ? { body: 'json' in body ? JSON.stringify(body.json) : body.jose } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      }).catch(() => undefined);
      if (!response) throw new SubmissionApiError(operation, 0);
      if (response.status === 401 && authorized && attempt === 0) {
        cached = undefined;
        continue;
      }
      return response;
    }
  }

  async function expect<T>(operation: string, response: Response, status: number): Promise<T> {
    if (response.status !== status) {
      const problem = (await response.json().catch(() => undefined)) as { title?: string; detail?: string } | undefined;
      throw new SubmissionApiError(operation, response.status, problem?.detail ?? problem?.title);
    }
    return (status === 204 ? undefined : await response.json()) as T;
  }

  const id = encodeURIComponent;

  return {
    async destination(destinationId: string): Promise<PublicDestination> {
      return expect('get-destination-info', await call('get-destination-info', 'GET', `/v1/destinations/${id(destinationId)}`), 200);
    },
    /** Public: the operation has no security requirement in the spec. */
    async destinationKey(destinationId: string, kid: string): Promise<Record<string, unknown>> {
      return expect('get-destination-key', await call('get-destination-key', 'GET', `/v1/destinations/${id(destinationId)}/keys/${id(kid)}`, undefined, false), 200);
    },
    async createSubmission(request: { destinationId: string; announcedAttachments: string[]; serviceType: ServiceType }) {
      return expect<{ submissionId: string; caseId: string; destinationId: string }>(
        'create-submission',
        await call('create-submission', 'POST', '/v1/submissions', { json: request }),
        201,
      );
    },
    async uploadAttachment(submissionId: string, attachmentId: string, jwe: string): Promise<void> {
      const path = `/v1/submissions/${id(submissionId)}/attachments/${id(attachmentId)}`;
      await expect('add-submission-attachment', await call('add-submission-attachment', 'PUT', path, { jose: jwe }), 204);
    },
    async submit(submissionId: string, parts: { encryptedMetadata: string; encryptedData: string }): Promise<void> {
      await expect('submit-submission', await call('submit-submission', 'PUT', `/v1/submissions/${id(submissionId)}`, { json: parts }), 202);
    },
    /** The case's event log: security event tokens, unchecked (event-log.ts checks them). */
    async eventLog(caseId: string): Promise<string[]> {
      const { eventLog } = await expect<{ eventLog: string[] }>('get-case-events', await call('get-case-events', 'GET', `/v1/cases/${id(caseId)}/events`), 200);
      return eventLog;
    },
    /** The delivery service's published keys, with which its SETs verify. */
    async deliveryServiceKeys(): Promise<Record<string, unknown>[]> {
      const { keys } = await expect<{ keys: Record<string, unknown>[] }>('get-jwks.json', await call('get-jwks.json', 'GET', '/.well-known/jwks.json', undefined, false), 200);
      return keys;
    },
  };
}

export type SubmissionApi = ReturnType<typeof createSubmissionApi>;
