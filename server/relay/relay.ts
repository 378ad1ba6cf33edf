/**
 * The FIT-Connect relay (back end for front end) an authority or its IT provider runs in front of the Submission
 * API (issue 12, point 1). It holds the OAuth client credentials, never a private key; it passes the browser's
 * JWEs on unread. Per idempotency key it makes exactly one FIT-Connect submission, also across restarts
 * (journal.ts), and answers the browser with a receipt whose reference is the FIT-Connect case id.
 *
 * One relay may serve several authorities (an IT provider for a Land or a Kreis): per service, and per route where it
 * differs, the services file names one destination, or one per region (`regions`, keyed by the authority's
 * Amtlicher Regionalschlüssel, 12 digits; the browser sends the element's `authority`). A region that is not
 * configured is refused, never sent to another authority's destination.
 *
 * Browser contract (src/adapters/fit-connect.ts):
 *   GET  /destination?service=<service>[&route=<route>][&region=<ARS>]
 *        → { destinationId, encryptionKid, publicKey (the destination's JWK with x5c), metadataVersions, submissionSchemas }
 *   POST /submissions   { service, route?, region?, destinationId, encryptedMetadata, encryptedData, attachments: { [id]: JWE } },
 *        `Idempotency-Key: <submission id>` → 201 { reference, receivedAt }
 *   GET  /submissions/{Idempotency-Key}/status
 *        → { status: "submitted" | "accepted" | "rejected", problems? }: what the event log says, every SET verified
 *        (event-log.ts); for a portal's "my application" page, so the citizen learns of a later refusal
 *   GET  /health        → { status: "ok" }
 * Refusals are `{ code, message }` with a German message, as the reference receiver's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { openJournal, isIdempotencyKey, type JournalEntry } from './journal.js';
import { readEvents, sameTags, type VerifiedEvent } from './event-log.js';
import { SubmissionApiError, type ServiceType, type SubmissionApi } from './submission-api.js';

export interface RelayTarget {
  destinationId: string;
  serviceType: ServiceType;
}

/** An authority's destination, by its ARS; it may have its own service type. */
export type RelayRegions = Record<string, { destinationId: string; serviceType?: ServiceType }>;

/** Where a service or route goes: one destination for every region, or one per region (never both: checkServices). */
interface Destinations {
  destinationId?: string;
  regions?: RelayRegions;
}

/**
 * Per service (the envelope's `service`) a LeiKa service type and where it goes; a route may override the service
 * type and, with its own `destinationId` or `regions`, where it goes.
 */
export type RelayServices = Record<
  string,
  { serviceType: ServiceType; routes?: Record<string, { serviceType?: ServiceType } & Destinations> } & Destinations
>;

/** The Amtlicher Regionalschlüssel: Land, Regierungsbezirk, Kreis, Gemeindeverband, Gemeinde (2+1+2+4+3 digits). */
const ARS = /^\d{12}$/;

/** Refuses a services file the relay could misroute with: it fails at start, not at a citizen's sending. */
export function checkServices(services: RelayServices): void {
  const where = (name: string, entry: Destinations, required: boolean) => {
    if (entry.destinationId !== undefined && entry.regions !== undefined) throw new Error(`${name}: destinationId or regions, not both.`);
    if (required && entry.destinationId === undefined && entry.regions === undefined) throw new Error(`${name}: needs destinationId or regions.`);
    for (const ars of Object.keys(entry.regions ?? {})) {
      if (!ARS.test(ars)) throw new Error(`${name}: region "${ars}" is not an Amtlicher Regionalschlüssel (12 digits).`);
    }
  };
  for (const [service, config] of Object.entries(services)) {
    where(service, config, true);
    for (const [route, override] of Object.entries(config.routes ?? {})) where(`${service}/${route}`, override, false);
  }
}

export interface RelayOptions {
  api: SubmissionApi;
  services: RelayServices;
  /** Where the journal of idempotency keys lives; must survive restarts. */
  dataDir: string;
  /** Largest relay request (default MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  log?: (entry: Record<string, unknown>) => void;
}

/** The default largest relay request: 30 MB of attachments grow by a third as base64url JWEs. */
export const MAX_BODY_BYTES = 45_000_000;

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A JWE's authentication tag: its fifth segment, as the event log's SETs name it. */
const tagOf = (jwe: string) => jwe.slice(jwe.lastIndexOf('.') + 1);
const STATUS_PATH = /^\/submissions\/([^/]+)\/status$/;

/** A subscriber's problem as reject-submission lists it (RFC 7807 fields); anything else in it is dropped. */
type Problem = { type?: string; title?: string; detail?: string; instance?: string };

const JWE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;
const ATTACHMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface RelayRequest {
  service: string;
  route?: string;
  region?: string;
  destinationId: string;
  encryptedMetadata: string;
  encryptedData: string;
  attachments: Record<string, string>;
}

function isRelayRequest(value: unknown): value is RelayRequest {
  const body = value as Partial<RelayRequest> | undefined;
  return (
    typeof body?.service === 'string' &&
    (body.route === undefined || typeof body.route === 'string') &&
    (body.region === undefined || typeof body.region === 'string') &&
    typeof body.destinationId === 'string' &&
    typeof body.encryptedMetadata === 'string' &&
    JWE.test(body.encryptedMetadata) &&
    typeof body.encryptedData === 'string' &&
    JWE.test(body.encryptedData) &&
    typeof body.attachments === 'object' &&
    body.attachments !== null &&
    !Array.isArray(body.attachments) &&
    Object.entries(body.attachments).every(([id, jwe]) => ATTACHMENT_ID.test(id) && typeof jwe === 'string' && JWE.test(jwe))
  );
}

export function createRelay(options: RelayOptions) {
  const { api, services, maxBodyBytes = MAX_BODY_BYTES, log = () => {} } = options;
  checkServices(services);
  const journal = openJournal(options.dataDir);

  /** The destination and service type for a service, route and region; `regional`: chosen by the region. */
  function target(service: unknown, route: unknown, region: unknown): RelayTarget & { regional: boolean } {
    const configured = typeof service === 'string' && Object.hasOwn(services, service) ? services[service]! : undefined;
    if (!configured) throw new Refusal(404, 'unknown-service', 'Diese Leistung wird über diesen Zugang nicht angenommen.');
    const override = typeof route === 'string' && configured.routes && Object.hasOwn(configured.routes, route) ? configured.routes[route] : undefined;
    const serviceType = override?.serviceType ?? configured.serviceType;
    const where: Destinations = override?.destinationId !== undefined || override?.regions !== undefined ? override : configured;
    if (!where.regions) return { destinationId: where.destinationId!, serviceType, regional: false };
    if (typeof region !== 'string' || region === '') {
      throw new Refusal(422, 'region-missing', 'Das Formular nennt die zuständige Behörde nicht (Attribut authority mit ihrem Regionalschlüssel). Bitte wenden Sie sich an die Behörde.');
    }
    const regional = Object.hasOwn(where.regions, region) ? where.regions[region]! : undefined;
    if (!regional) {
      throw new Refusal(404, 'unknown-region', 'Für diese Behörde (Regionalschlüssel) ist über diesen Zugang kein Zustellpunkt eingerichtet. Bitte wenden Sie sich an die Behörde.');
    }
    return { destinationId: regional.destinationId, serviceType: regional.serviceType ?? serviceType, regional: true };
  }

  async function destination(service: unknown, route: unknown, region: unknown) {
    const { destinationId, serviceType, regional } = target(service, route, region);
    const found = await api.destination(destinationId);
    if (found.status !== 'active') throw new Refusal(503, 'destination-inactive', 'Der Zustellpunkt der Behörde nimmt gerade nichts an. Bitte versuchen Sie es später erneut.');
    const offered = found.services.find((s) => s.identifier === serviceType.identifier);
    if (!offered) throw new Refusal(422, 'service-not-offered', 'Der Zustellpunkt der Behörde bietet diese Leistung nicht an. Bitte wenden Sie sich an die Behörde.');
    // The destination's own regions ('DE' + an ARS prefix) must cover the region it was configured for: a services
    // file that maps an authority to another authority's destination is caught before anything is sent.
    if (regional && !offered.regions.some((r) => `DE${region}`.startsWith(r))) {
      throw new Refusal(422, 'region-not-offered', 'Der Zustellpunkt bietet diese Leistung für diese Behörde nicht an. Bitte wenden Sie sich an die Behörde.');
    }
    return {
      destinationId,
      encryptionKid: found.encryptionKid,
      publicKey: await api.destinationKey(destinationId, found.encryptionKid),
      metadataVersions: found.metadataVersions,
      submissionSchemas: offered.submissionSchemas,
    };
  }

  async function finish(key: string, entry: JournalEntry) {
    entry.receipt = { reference: entry.caseId, receivedAt: new Date().toISOString() };
    await journal.write(key, entry);
    log({ event: 'submitted', idempotencyKey: key, submissionId: entry.submissionId });
    return entry.receipt;
  }

  async function submit(key: string, request: RelayRequest) {
    const { destinationId, serviceType } = target(request.service, request.route, request.region);
    if (request.destinationId !== destinationId) {
      throw new Refusal(422, 'unknown-destination', 'Diesen Zustellpunkt gibt es hier nicht. Bitte laden Sie das Formular neu und senden Sie erneut.');
    }
    const attachmentIds = Object.keys(request.attachments);
    return journal.exclusive(key, async () => {
      let entry = await journal.read(key);
      if (entry?.receipt) return entry.receipt;
      if (entry && [...entry.announced].sort().join() !== [...attachmentIds].sort().join()) {
        throw new Refusal(409, 'attachments-changed', 'Diese Einreichung wurde schon mit anderen Anlagen begonnen. Bitte senden Sie sie als neue Einreichung.');
      }
      if (!entry) {
        const created = await api.createSubmission({ destinationId, announcedAttachments: attachmentIds, serviceType });
        entry = {
          service: request.service,
          ...(request.route ? { route: request.route } : {}),
          ...(request.region ? { region: request.region } : {}),
          destinationId,
          submissionId: created.submissionId,
          caseId: created.caseId,
          announced: attachmentIds,
          uploaded: [],
          tags: { attachments: {} },
        };
        await journal.write(key, entry);
      }
      for (const id of entry.announced.filter((a) => !entry!.uploaded.includes(a))) {
        await api.uploadAttachment(entry.submissionId, id, request.attachments[id]!);
        entry.uploaded.push(id);
        entry.tags.attachments[id] = tagOf(request.attachments[id]!);
        await journal.write(key, entry);
      }
      // An earlier submit whose answer was lost may have gone through: the event log says, with the tags of the
      // JWEs that earlier attempt forwarded.
      if (entry.submitSent) {
        const submitted = (await events(entry)).find((e) => e.event === 'submit-submission');
        if (submitted) {
          checkTags(entry, submitted);
          return finish(key, entry);
        }
      }
      entry.submitSent = true;
      entry.tags.metadata = tagOf(request.encryptedMetadata);
      entry.tags.data = tagOf(request.encryptedData);
      await journal.write(key, entry);
      await api.submit(entry.submissionId, { encryptedMetadata: request.encryptedMetadata, encryptedData: request.encryptedData });
      return finish(key, entry);
    });
  }

  const events = (entry: JournalEntry) => readEvents(api, entry, log);

  /**
   * The delivery service's submit event (and the subscriber's accept) must name exactly the JWEs the relay forwarded
   * (interop note item 6): otherwise someone between relay and subscriber swapped a part, and no receipt or status
   * may say that what the citizen sent arrived.
   */
  function checkTags(entry: JournalEntry, event: VerifiedEvent) {
    if (sameTags(event.payload.authenticationTags, entry.tags)) return;
    log({ event: 'authentication-tags-differ', caseId: entry.caseId, submissionId: entry.submissionId, in: event.event });
    throw new Refusal(502, 'event-log-mismatch', 'FIT-Connect meldet andere verschlüsselte Teile, als weitergeleitet wurden. Bitte wenden Sie sich an die Behörde.');
  }

  async function status(key: string) {
    const entry = isIdempotencyKey(key) ? await journal.read(key) : undefined;
    if (!entry?.receipt) throw new Refusal(404, 'unknown-submission', 'Zu dieser Kennung gibt es hier keine gesendete Einreichung.');
    const verified = await events(entry);
    const submitted = verified.find((e) => e.event === 'submit-submission');
    if (submitted) checkTags(entry, submitted);
    // The subscriber's last word counts (FITKO: either accept or reject; the later one if a log had both).
    const answer = verified.filter((e) => e.event === 'accept-submission' || e.event === 'reject-submission').sort((a, b) => a.issuedAt - b.issuedAt).at(-1);
    if (answer?.event === 'accept-submission') {
      checkTags(entry, answer);
      return { status: 'accepted' as const };
    }
    if (answer?.event === 'reject-submission') {
      const listed = Array.isArray(answer.payload.problems) ? (answer.payload.problems as Record<string, unknown>[]) : [];
      const problems = listed.map((problem) =>
        Object.fromEntries(['type', 'title', 'detail', 'instance'].filter((k) => typeof problem?.[k] === 'string').map((k) => [k, problem[k]])) as Problem,
      );
      return { status: 'rejected' as const, problems };
    }
    return { status: 'submitted' as const };
  }

  async function readBody(request: IncomingMessage): Promise<unknown> {
    if (!request.headers['content-type']?.toLowerCase().startsWith('application/json')) {
      throw new Refusal(415, 'unsupported-media-type', 'Dieses Format wird nicht angenommen. Senden Sie die verschlüsselte Einreichung als application/json.');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > maxBodyBytes) throw new Refusal(413, 'too-large', 'Die Einreichung ist zu groß.');
      chunks.push(chunk as Buffer);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      throw new Refusal(400, 'invalid-json', 'Die Einreichung ist kein gültiges JSON. Bitte senden Sie sie erneut.');
    }
  }

  async function answer(request: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const url = new URL(request.url ?? '/', 'http://relay');
    if (url.pathname === '/health' && request.method === 'GET') return { status: 200, body: { status: 'ok' } };
    if (url.pathname === '/destination' && request.method === 'GET') {
      const { searchParams: query } = url;
      return { status: 200, body: await destination(query.get('service'), query.get('route') ?? undefined, query.get('region') ?? undefined) };
    }
    const statusOf = STATUS_PATH.exec(url.pathname);
    if (statusOf && request.method === 'GET') return { status: 200, body: await status(decodeURIComponent(statusOf[1]!)) };
    if (url.pathname === '/submissions' && request.method === 'POST') {
      const key = String(request.headers['idempotency-key'] ?? '');
      if (!isIdempotencyKey(key)) throw new Refusal(400, 'idempotency-key', 'Der Einreichung fehlt ihre Kennung (Idempotency-Key). Bitte laden Sie das Formular neu.');
      const body = await readBody(request);
      if (!isRelayRequest(body)) throw new Refusal(400, 'invalid-request', 'Die verschlüsselte Einreichung ist unvollständig. Bitte senden Sie sie erneut.');
      return { status: 201, body: await submit(key, body) };
    }
    throw new Refusal(404, 'not-found', 'Diese Adresse gibt es hier nicht.');
  }

  /** The relay as a Node request handler: mount it with `http.createServer(relay.handle)` or behind any router. */
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = Date.now();
    let status: number;
    let body: unknown;
    try {
      ({ status, body } = await answer(request));
    } catch (error) {
      if (error instanceof Refusal) {
        ({ status } = error);
        body = { code: error.code, message: error.message };
      } else if (error instanceof SubmissionApiError) {
        // 5xx or no answer: worth another try (the journal goes on from the last step); 4xx: a configuration problem.
        const retry = error.status === 0 || error.status >= 500;
        status = retry ? 503 : 422;
        body = retry
          ? { code: 'fit-connect-unavailable', message: 'FIT-Connect ist gerade nicht erreichbar. Ihre Angaben sind nicht verloren. Bitte senden Sie in einigen Minuten erneut.' }
          : { code: 'fit-connect-refused', message: 'FIT-Connect hat die Einreichung abgelehnt. Bitte wenden Sie sich an die Behörde.' };
        log({ event: 'submission-api', operation: error.operation, status: error.status });
      } else {
        status = 500;
        body = { code: 'internal', message: 'Beim Weiterleiten ist ein Fehler aufgetreten. Bitte senden Sie in einigen Minuten erneut.' };
        log({ event: 'error', error: (error as Error).message });
      }
    }
    // Logs name method, path and status only: no query, no body, no address.
    log({ event: 'request', method: request.method, path: (request.url ?? '/').split('?')[0], status, ms: Date.now() - started });
    response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
  }

  return { handle, destination, submit, status };
}
