/**
 * A stand-in of the FIT-Connect Submission API 1.1.3 for the tests and the demo (`npm start`), built from FITKO's OpenAPI file
 * (test/fixtures/fit-connect/submission-api-1.1.3.yaml), so a client is tested against the spec, not against our
 * own idea of it:
 * - every request must match an operation of the spec (method and path), its path and query parameters, its
 *   `Content-Type` and its body (Ajv against the spec's schemas), and carry a valid bearer token where the
 *   operation has `security`; anything else is answered 4xx and recorded in `violations`;
 * - every answer is checked against the operation's documented responses before it goes out (a stand-in that
 *   strays from the spec is recorded too, so a test can fail on it);
 * - it plays the destinations and their subscribers: it publishes each destination with an encryption key whose `x5c`
 *   chain leads to a test root, and hands each submitted submission to its subscriber (fit-connect-subscriber.ts),
 *   which decrypts it with the destination's key and checks it (metadata 2.1.0, hashes, announced attachments,
 *   the Fachdaten against the offered schema the metadata names); `onReceived` gets what it opened;
 * - OAuth2 client credentials (`client_secret_post`) at `tokenUrl`;
 * - fault injection per operation: fail the next call with a 5xx (nothing done), lose the answer to the next
 *   call after it took effect, expire every issued token right after the next call.
 * The event log holds the delivery service's `create-submission` and `submit-submission` SETs, signed PS512 with
 * its key at `/.well-known/jwks.json`, and the subscriber's answer as FITKO's docs define it (receiving/verification,
 * event-log/set-creation, read 2026-12-03), signed PS512 with the destination's own signing key
 * (`/v1/destinations/{id}/keys/{kid}`) and `iss` = the destination id: `accept-submission` with the
 * `authenticationTags` of what it opened, or `reject-submission` with `problems` (RFC 7807 fields) when it found any.
 * The problem `type` URIs of FITKO's catalogue were not found; the stand-in uses one of its own and says what is
 * wrong in `detail`.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { KeyObject, constants, generateKeyPair, randomUUID, sign, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { projectRoot } from './config.js';
import { createSubscriber, type OpenedSubmission } from './fit-connect-subscriber.js';
import { createTestRoot, issueCertificate, toPem } from './test-pki.js';

const generate = promisify(generateKeyPair);
/** Not from FITKO's problem catalogue (not found): the stand-in's own type, the subscriber's finding in `detail`. */
const STAND_IN_PROBLEM = 'https://efa-forms.de/problems/fit-connect-stand-in-subscriber';
const EVENTS = 'https://schema.fitko.de/fit-connect/events';

export interface StandInDestination {
  destinationId: string;
  services: { identifier: string; regions: string[]; submissionSchemas: { schemaUri: string; mimeType: 'application/json' | 'application/xml' }[] }[];
  metadataVersions: string[];
  status?: 'created' | 'active' | 'inactive' | 'decommissioned';
}

export interface StandInOptions {
  /** One destination per authority; each has its own keys. */
  destinations: StandInDestination[];
  /** client_id → client_secret of the senders that may get tokens. */
  clients: Record<string, string>;
  tokenLifetimeSeconds?: number;
  /** The subscriber's pickup: called with each submission it opened, before the submit is answered. */
  onReceived?: (opened: ReceivedSubmission) => Promise<void>;
}

/** A submission a destination's subscriber opened. */
export type ReceivedSubmission = OpenedSubmission & { destinationId: string };

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
  security?: unknown[];
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: object;
  $ref?: string;
}
interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  operation: Operation;
}
interface StoredSubmission {
  submissionId: string;
  caseId: string;
  destinationId: string;
  serviceType: { name: string; identifier: string };
  announced: string[];
  attachments: Map<string, string>;
  submitted?: { encryptedMetadata: string; encryptedData?: string };
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
  ) {
    super(title);
  }
}

const SPEC_FILE = join(projectRoot(), 'test/fixtures/fit-connect/submission-api-1.1.3.yaml');

function loadSpec() {
  const spec = parseYaml(readFileSync(SPEC_FILE, 'utf8'));
  // OpenAPI 3.0 schema objects are JSON Schema draft 4/7 with extras (`example`, `nullable`, `deprecated`).
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...spec, $id: 'openapi' });
  const validators = new Map<object, ReturnType<typeof ajv.compile>>();
  const resolve = <T>(node: T & { $ref?: string }): T => {
    if (!node.$ref) return node;
    return node.$ref.slice(2).split('/').reduce((at: any, key) => at[key], spec) as T;
  };
  const validate = (schema: object, value: unknown): string | undefined => {
    let check = validators.get(schema);
    if (!check) {
      // Schemas inside `paths` reference `#/components/…`: compile them as fragments of the whole document.
      const ref = (schema as { $ref?: string }).$ref;
      check = ajv.compile(ref ? { $ref: `openapi${ref}` } : (rewriteRefs(schema) as object));
      validators.set(schema, check);
    }
    return check(value) ? undefined : ajv.errorsText(check.errors);
  };
  const routes: Route[] = [];
  for (const [template, item] of Object.entries<Record<string, any>>(spec.paths)) {
    const names: string[] = [];
    const pattern = new RegExp(`^${template.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p: Parameter) => resolve(p));
      routes.push({ method: method.toUpperCase(), pattern, names, operation: { ...operation, parameters } });
    }
  }
  return { routes, validate, resolve };
}

function rewriteRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rewriteRefs);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' ? `openapi${value}` : rewriteRefs(value)]),
  );
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const lastSegment = (jwe: string) => jwe.slice(jwe.lastIndexOf('.') + 1);

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export type SubmissionApiStandIn = Awaited<ReturnType<typeof startSubmissionApiStandIn>>;

export async function startSubmissionApiStandIn(options: StandInOptions) {
  const { routes, validate } = loadSpec();
  const tokenLifetime = options.tokenLifetimeSeconds ?? 1800;

  // Each destination's encryption key (RSA-OAEP-256, x5c to a test root), and the delivery service's SET key.
  const testRoot = await createTestRoot('FIT-Connect-Stand-in Test-Root');
  /** A PS512 signing key as FIT-Connect publishes one (JWK with `x5c` to the test root). */
  async function signingKey(subject: string, modulusLength = 4096) {
    const pair: { publicKey: KeyObject; privateKey: KeyObject } = await generate('rsa', { modulusLength });
    const kid = randomUUID();
    const jwk = {
      ...(pair.publicKey.export({ format: 'jwk' }) as { n: string; e: string; kty: string }),
      key_ops: ['verify'],
      alg: 'PS512',
      kid,
      x5c: [issueCertificate({ subject, publicKey: pair.publicKey, issuer: testRoot, ca: false }).toString('base64')],
    };
    return { kid, jwk, privateKey: pair.privateKey };
  }
  type SigningKey = Awaited<ReturnType<typeof signingKey>>;
  const destinations = new Map<string, Awaited<ReturnType<typeof playDestination>>>();
  async function playDestination(config: StandInDestination) {
    const encryption = await webcrypto.subtle.generateKey(
      { name: 'RSA-OAEP', hash: 'SHA-256', modulusLength: 4096, publicExponent: new Uint8Array([1, 0, 1]) },
      true,
      ['encrypt', 'decrypt'],
    );
    const encryptionKid = randomUUID();
    const { n, e } = await webcrypto.subtle.exportKey('jwk', encryption.publicKey);
    const leaf = issueCertificate({ subject: 'Stand-in-Zustellpunkt', publicKey: KeyObject.from(encryption.publicKey), issuer: testRoot, ca: false });
    const played = { status: 'active' as const, ...config };
    return {
      config: played,
      /** The subscriber's key for its accept and reject SETs. */
      signer: await signingKey('Stand-in-Zustellpunkt (Signatur)'),
      encryptionKid,
      encryptionJwk: {
        kty: 'RSA',
        key_ops: ['wrapKey'],
        alg: 'RSA-OAEP-256',
        x5c: [leaf.toString('base64'), testRoot.certificate.toString('base64')],
        kid: encryptionKid,
        n: n!,
        e: e!,
      },
      subscriber: createSubscriber({
        privateKey: encryption.privateKey,
        encryptionKid,
        offered: (identifier) => played.services.find((s) => s.identifier === identifier)?.submissionSchemas ?? [],
      }),
    };
  }
  for (const config of options.destinations) destinations.set(config.destinationId, await playDestination(config));
  const deliveryService = await signingKey('Stand-in-Zustelldienst');

  const violations: string[] = [];
  const tokens = new Map<string, number>();
  const submissions = new Map<string, StoredSubmission>();
  const events = new Map<string, string[]>();
  const received: ReceivedSubmission[] = [];
  const failNext = new Map<string, number>();
  const loseNextAnswer = new Set<string>();
  const expireTokensAfter = new Set<string>();
  let holdNextAnswer = false;
  let misreportNextSubmit = false;
  let requestCount = 0;
  let baseUrl = '';

  /** Signs a SET for `submission` and appends it to its case's event log: the delivery service's, or `by` a destination's. */
  function setToken(submission: StoredSubmission, event: string, payload: object, by?: SigningKey) {
    const signer = by ?? deliveryService;
    const header = { kid: signer.kid, typ: 'secevent+jwt', alg: 'PS512' };
    const claims = {
      $schema: 'https://schema.fitko.de/fit-connect/set-payload/1.0.0/set-payload.schema.json',
      iss: by ? submission.destinationId : baseUrl,
      iat: Math.floor(Date.now() / 1000),
      jti: randomUUID(),
      sub: `submission:${submission.submissionId}`,
      txn: `case:${submission.caseId}`,
      events: { [`${EVENTS}/${event}`]: payload },
    };
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = sign('sha512', Buffer.from(input), { key: signer.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 });
    const log = events.get(submission.caseId) ?? [];
    log.push(`${input}.${signature.toString('base64url')}`);
    events.set(submission.caseId, log);
  }

  const tagsOf = (submission: StoredSubmission) => {
    const { encryptedMetadata, encryptedData } = submission.submitted!;
    return {
      metadata: lastSegment(encryptedMetadata),
      ...(encryptedData ? { data: lastSegment(encryptedData) } : {}),
      attachments: Object.fromEntries([...submission.attachments].map(([id, jwe]) => [id, lastSegment(jwe)])),
    };
  };

  /**
   * The subscriber's pickup, at once: every problem is recorded on the received submission, and it answers in the
   * event log: accept without problems, reject with them (unless the answer is held).
   */
  async function open(submission: StoredSubmission): Promise<void> {
    const { submissionId, caseId, destinationId, serviceType, announced, attachments } = submission;
    const played = destinations.get(destinationId)!;
    const opened = await played.subscriber.open({ submissionId, caseId, serviceType, announced, attachments, ...submission.submitted! });
    const arrived = { ...opened, destinationId };
    received.push(arrived);
    await options.onReceived?.(arrived);
    if (holdNextAnswer) {
      holdNextAnswer = false;
      return;
    }
    const { problems } = opened;
    if (problems.length === 0) setToken(submission, 'accept-submission', { authenticationTags: tagsOf(submission) }, played.signer);
    else {
      const listed = problems.map((detail) => ({ type: STAND_IN_PROBLEM, title: 'Die Einreichung ist technisch nicht verarbeitbar', detail, instance: detail.split(/[ :]/)[0] }));
      setToken(submission, 'reject-submission', { problems: listed }, played.signer);
    }
  }

  function bearer(request: IncomingMessage): void {
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    const expires = match ? tokens.get(match[1]!) : undefined;
    if (!expires || expires <= Date.now()) throw new Refusal(401, 'Unauthorized');
  }

  function submissionOf(id: string): StoredSubmission {
    const submission = submissions.get(id);
    if (!submission) throw new Refusal(404, 'Submission not found');
    return submission;
  }

  type Answer = { status: number; body?: unknown; contentType?: string };

  async function handle(operation: Operation, params: Record<string, string>, body: unknown): Promise<Answer> {
    switch (operation.operationId) {
      case 'get-destination-info': {
        const played = destinations.get(params.destinationId!);
        if (!played) throw new Refusal(404, 'Not Found');
        const { destinationId, services, metadataVersions, status } = played.config;
        return { status: 200, body: { destinationId, encryptionKid: played.encryptionKid, metadataVersions, services, status } };
      }
      case 'get-destination-key': {
        const played = destinations.get(params.destinationId!);
        if (played && params.keyId === played.encryptionKid) return { status: 200, body: played.encryptionJwk };
        if (played && params.keyId === played.signer.kid) return { status: 200, body: played.signer.jwk };
        throw new Refusal(404, 'Not Found');
      }
      case 'get-jwks.json':
        return { status: 200, body: { keys: [deliveryService.jwk] } };
      case 'create-submission': {
        const create = body as { destinationId: string; announcedAttachments: string[]; serviceType: { name: string; identifier: string } };
        const destination = destinations.get(create.destinationId)?.config;
        if (!destination) throw new Refusal(404, 'Destination not found');
        if (destination.status !== 'active') throw new Refusal(422, 'Destination not active');
        if (!destination.services.some((s) => s.identifier === create.serviceType.identifier)) throw new Refusal(422, 'Service not offered by the destination');
        const submission: StoredSubmission = {
          submissionId: randomUUID(),
          caseId: randomUUID(),
          destinationId: create.destinationId,
          serviceType: { name: create.serviceType.name, identifier: create.serviceType.identifier },
          announced: create.announcedAttachments,
          attachments: new Map(),
        };
        submissions.set(submission.submissionId, submission);
        setToken(submission, 'create-submission', {});
        return { status: 201, body: { destinationId: submission.destinationId, submissionId: submission.submissionId, caseId: submission.caseId } };
      }
      case 'add-submission-attachment': {
        const submission = submissionOf(params.submissionId!);
        if (submission.submitted) throw new Refusal(422, 'Submission already submitted');
        if (!submission.announced.includes(params.attachmentId!)) throw new Refusal(422, 'Attachment not announced');
        submission.attachments.set(params.attachmentId!, body as string);
        return { status: 204 };
      }
      case 'submit-submission': {
        const submission = submissionOf(params.submissionId!);
        if (submission.submitted) throw new Refusal(422, 'Submission already submitted');
        const missing = submission.announced.filter((id) => !submission.attachments.has(id));
        if (missing.length > 0) throw new Refusal(422, `Announced attachments not uploaded: ${missing.join(', ')}`);
        submission.submitted = body as StoredSubmission['submitted'];
        const authenticationTags = tagsOf(submission);
        if (misreportNextSubmit) authenticationTags.metadata = base64url(Buffer.alloc(16, 1));
        misreportNextSubmit = false;
        setToken(submission, 'submit-submission', { authenticationTags });
        await open(submission);
        return {
          status: 202,
          body: {
            destinationId: submission.destinationId,
            submissionId: submission.submissionId,
            caseId: submission.caseId,
            attachments: submission.announced,
            serviceType: submission.serviceType,
          },
        };
      }
      case 'get-case-events': {
        const log = events.get(params.caseId!);
        if (!log) throw new Refusal(404, 'Not Found');
        return { status: 200, body: { count: log.length, offset: 0, totalCount: log.length, eventLog: log } };
      }
      default:
        throw new Refusal(501, `${operation.operationId} is not played by the stand-in`);
    }
  }

  async function token(request: IncomingMessage, response: ServerResponse) {
    const form = new URLSearchParams((await readBody(request)).toString('utf8'));
    const json = (status: number, body: object) => {
      response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
    };
    if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return json(400, { error: 'invalid_request' });
    if (form.get('grant_type') !== 'client_credentials') return json(400, { error: 'unsupported_grant_type' });
    const id = form.get('client_id');
    if (!id || options.clients[id] === undefined || options.clients[id] !== form.get('client_secret')) return json(401, { error: 'invalid_client' });
    const accessToken = randomUUID();
    tokens.set(accessToken, Date.now() + tokenLifetime * 1000);
    return json(200, { access_token: accessToken, token_type: 'Bearer', expires_in: tokenLifetime, scope: 'send:region:DE' });
  }

  async function serve(request: IncomingMessage, response: ServerResponse) {
    requestCount += 1;
    const url = new URL(request.url ?? '/', 'http://stand-in');
    if (url.pathname === '/token' && request.method === 'POST') return token(request, response);
    const what = `${request.method} ${url.pathname}`;
    const route = routes.find((r) => r.method === request.method && r.pattern.test(url.pathname));
    const answer = async (): Promise<Answer> => {
      if (!route) {
        violations.push(`${what}: no such operation in the spec`);
        throw new Refusal(404, 'Not Found');
      }
      const { operation } = route;
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(route.pattern.exec(url.pathname)![i + 1]!)]));
      const refuse = (problem: string, status = 400): never => {
        violations.push(`${what} (${operation.operationId}): ${problem}`);
        throw new Refusal(status, problem);
      };
      for (const parameter of operation.parameters ?? []) {
        const raw = parameter.in === 'path' ? params[parameter.name] : parameter.in === 'query' ? url.searchParams.get(parameter.name) : request.headers[parameter.name.toLowerCase()];
        if (raw === undefined || raw === null) {
          if (parameter.required) refuse(`${parameter.in} parameter ${parameter.name} is missing`);
          continue;
        }
        const value = (parameter.schema as { type?: string }).type === 'integer' ? Number(raw) : raw;
        const invalid = validate(parameter.schema, value);
        if (invalid) refuse(`${parameter.in} parameter ${parameter.name}: ${invalid}`);
      }
      const bytes = await readBody(request);
      let body: unknown;
      if (operation.requestBody) {
        const type = request.headers['content-type']?.split(';')[0]!.trim().toLowerCase() ?? '';
        const media = operation.requestBody.content[type];
        if (!media) refuse(`Content-Type ${type || '(none)'} is not one of ${Object.keys(operation.requestBody.content).join(', ')}`, 415);
        const text = bytes.toString('utf8');
        try {
          body = type === 'application/json' ? JSON.parse(text) : text;
        } catch {
          refuse('the body is not JSON');
        }
        const invalid = validate(media!.schema, body);
        if (invalid) refuse(`body: ${invalid}`);
      } else if (bytes.length > 0) {
        refuse('a body where the operation has none');
      }
      if (operation.security) bearer(request);
      const failure = failNext.get(operation.operationId);
      if (failure) {
        failNext.delete(operation.operationId);
        return { status: failure, body: { type: 'about:blank', title: 'Service Unavailable', status: failure }, contentType: 'application/problem+json' };
      }
      const result = await handle(operation, params, body);
      if (expireTokensAfter.delete(operation.operationId)) tokens.clear();
      return result;
    };

    let result: Answer;
    try {
      result = await answer();
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      result = { status: error.status, body: { type: 'about:blank', title: error.title, status: error.status }, contentType: 'application/problem+json' };
    }
    const injected = result.status >= 500 && result.status !== 501;
    if (route && !injected) {
      const documented = route.operation.responses[String(result.status)];
      const contentType = result.contentType ?? 'application/json';
      if (!documented) violations.push(`stand-in answered ${what} with undocumented status ${result.status}`);
      else if (result.body !== undefined) {
        const media = documented.content?.[contentType];
        const invalid = media ? validate(media.schema, result.body) : `no ${contentType} documented`;
        if (invalid) violations.push(`stand-in answer to ${what} (${result.status}): ${invalid}`);
      } else if (documented.content) violations.push(`stand-in answered ${what} (${result.status}) without the documented body`);
    }
    if (route && result.status < 300 && loseNextAnswer.delete(route.operation.operationId)) {
      request.socket.destroy();
      return;
    }
    if (result.body === undefined) response.writeHead(result.status).end();
    else response.writeHead(result.status, { 'Content-Type': result.contentType ?? 'application/json' }).end(JSON.stringify(result.body));
  }

  const server = createServer((request, response) => {
    serve(request, response).catch((error) => {
      violations.push(`stand-in failed: ${(error as Error).stack}`);
      response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    tokenUrl: `${baseUrl}/token`,
    trustAnchor: toPem(testRoot.certificate),
    violations,
    /** Appends a SET to a case's event log as it is, forged or broken: the relay must not believe it. */
    appendEvent: (caseId: string, token: string) => void events.get(caseId)!.push(token),
    /** A signing key with the test root's certificate, as a delivery service or destination would publish it. */
    signingKey,
    /** The delivery service's SET key (kid, JWK, private key), to sign SETs the way it does. */
    deliveryService,
    /** Submissions the subscriber opened, in order of their submit. */
    received,
    /** How many submissions were created (announced), submitted or not. */
    created: () => submissions.size,
    requests: () => requestCount,
    faults: {
      /** The next call of the operation is answered `status` and has no effect. */
      failNext: (operationId: string, status = 503) => void failNext.set(operationId, status),
      /** The next successful call of the operation takes effect, but its answer never arrives. */
      loseNextAnswer: (operationId: string) => void loseNextAnswer.add(operationId),
      /** Every token issued so far expires right after the next call of the operation. */
      expireTokensAfter: (operationId: string) => void expireTokensAfter.add(operationId),
      /** The subscriber opens the next submission but answers nothing yet: it stays `submitted`. */
      holdNextAnswer: () => void (holdNextAnswer = true),
      /** The delivery service's submit event for the next submission names another metadata tag than it received. */
      misreportNextSubmit: () => void (misreportNextSubmit = true),
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
