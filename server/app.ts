/**
 * The server an authority runs: the receiver under /api, /health, and optionally a portal's pages. One
 * Fastify instance; `main.ts` listens with it, the browser tests mount it in their own server
 * (`app.routing(req, res)`). A request it cannot take, down to broken HTTP, is refused with a 4xx and a German
 * message (problems.ts); a 5xx means the server or a service behind it failed (server/test/fuzz.test.ts).
 */
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { join } from 'node:path';
import { clerkCases } from './clerk-cases.js';
import { clerkSessions, type ClerkAccess, type SignInOptions } from './clerks.js';
import { CSP_DIRECTIVES, STRICT_CSP } from './csp.js';
import { startFitConnectDemo, type FitConnectDemo } from './fit-connect.js';
import type { PaymentConfig } from './payment.js';
import { paymentRoutes } from './payment-routes.js';
import { identityVerifier, type IdentityIssuer } from './identity.js';
import { portal } from './portal.js';
import { portalLogin, type PortalLoginOptions } from './portal-login.js';
import { HttpError, badUrl, clientErrorAnswer, notFound, refusalOf, sendRefusal } from './problems.js';
import { DEFAULT_CASE_OPTIONS, receiver, type CaseOptions, type Limits } from './receiver.js';
import { openFileStore } from './storage/file-store.js';
import { openPostgresStore } from './storage/postgres-store.js';
import type { StepHook, SubmissionStore } from './storage/store.js';
import { loadValidation } from './validation.js';

export { STRICT_CSP };
export { DEFAULT_LIMITS, projectRoot, readConfig } from './config.js';
export { mailLog } from './notices.js';
export { paymentConfigFrom } from './payment.js';

export interface AppOptions {
  root: string;
  /** The file store's folder; with `databaseUrl`, only where uploads are received. */
  dataDir: string;
  /** A PostgreSQL connection string: submissions are stored there instead of in `dataDir`. */
  databaseUrl?: string | undefined;
  limits: Limits;
  lookupsPerMinute: number;
  /** `sign-in` needs `signIn`; `open-for-tests` only in tests that are not about access. */
  clerkRoutes: ClerkAccess;
  signIn?: SignInOptions | undefined;
  /** Origins of portals that send to this receiver from another origin (CORS). */
  corsOrigins?: string[] | undefined;
  /** Host names the `Host` header may carry; undefined: any (behind a test server that checks its own). */
  allowedHosts?: string[] | undefined;
  portalDir?: string | undefined;
  /** The portal's citizen login (only with `portalDir`). */
  portalLogin?: PortalLoginOptions | undefined;
  /** Whose identity tokens the receiver takes; undefined: a submission with `authentifizierung` is refused. */
  identityIssuer?: IdentityIssuer | undefined;
  faultQueues?: Map<string, string[]> | undefined;
  /** Make a storage step fail (tests only). */
  beforeStoreStep?: StepHook | undefined;
  /** Case tokens and access attempts (receiver.ts); the defaults where left out. */
  cases?: Partial<CaseOptions> | undefined;
  /** The authority's payment service (payment.ts); without it no fee is paid online. */
  payment?: PaymentConfig | undefined;
  logger?: FastifyServerOptions['logger'];
  trustProxy?: boolean;
  /**
   * Demo and browser tests only: FIT-Connect's production path under /api/fit-connect/ (fit-connect.ts): the relay
   * in front of the Submission API stand-in, whose subscriber stores what it opened through POST /api/submissions.
   */
  fitConnectDemo?: boolean | undefined;
}

/** Pino without personal data: no addresses, no query strings, no bodies. */
export const LOG_SERIALIZERS = {
  req: (request: { method: string; url: string }) => ({ method: request.method, path: request.url.split('?')[0] }),
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
};

function hostnameOf(host: string | undefined): string | undefined {
  if (!host) return undefined;
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
}

async function openStore(options: AppOptions, warn: (message: string, error?: unknown) => void): Promise<SubmissionStore> {
  if (options.databaseUrl) {
    return openPostgresStore({ connectionString: options.databaseUrl, uploadDir: join(options.dataDir, 'uploads'), beforeStep: options.beforeStoreStep, warn });
  }
  const store = await openFileStore({ dataDir: options.dataDir, beforeStep: options.beforeStoreStep, warn });
  if (store.recovery.quarantined.length > 0 || store.recovery.indexed > 0) warn(`storage recovered: ${JSON.stringify(store.recovery)}`);
  return store;
}

/**
 * The demo's FIT-Connect under /api/fit-connect/: the relay answers everything but the two demo routes, reading its
 * requests itself as it does as a process of its own. The subscriber delivers to the receiver like any client would.
 *   GET /api/fit-connect/demo-trust-anchor   the test root the demo destination key's x5c chain leads to (PEM)
 *   GET /api/fit-connect/demo-cases/:caseId  { reference?, problems }: what the subscriber made of a FIT-Connect case
 */
function startDemoFor(app: FastifyInstance, hosts: string[] | undefined): Promise<FitConnectDemo> {
  return startFitConnectDemo({
    async deliver(envelope, files) {
      const form = new FormData();
      form.append('submission', JSON.stringify(envelope));
      for (const { id, mimeType, dateiname } of envelope.attachments as { id: string; mimeType: string; dateiname: string }[]) {
        form.append(id, new Blob([new Uint8Array(files.get(id)!)], { type: mimeType }), dateiname);
      }
      const request = new Request('http://receiver/api/submissions', { method: 'POST', body: form });
      const answer = await app.inject({
        method: 'POST',
        url: '/api/submissions',
        headers: { 'content-type': request.headers.get('content-type')!, host: hosts?.[0] ?? 'localhost', 'idempotency-key': String(envelope.id) },
        payload: Buffer.from(await request.arrayBuffer()),
      });
      if (answer.statusCode >= 300) throw new Error(`the receiver answered ${answer.statusCode}: ${answer.body}`);
      return (answer.json() as { reference: string }).reference;
    },
  });
}

async function fitConnectDemo(app: FastifyInstance, { prefix, demo }: { prefix: string; demo: FitConnectDemo }) {
  // The relay reads its bodies itself.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  app.get('/demo-trust-anchor', async (_request, reply) => reply.type('application/x-pem-file').send(demo.trustAnchor));
  app.get<{ Params: { caseId: string } }>('/demo-cases/:caseId', async (request) => {
    const found = demo.caseOf(request.params.caseId);
    if (!found) throw notFound();
    return found;
  });
  app.route({
    method: ['GET', 'POST'],
    url: '/*',
    handler: async (request, reply) => {
      reply.hijack();
      request.raw.url = request.raw.url!.slice(prefix.length) || '/';
      await demo.relay(request.raw, reply.raw);
    },
  });
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance & { store: SubmissionStore }> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    // Slow uploads of 30 MiB still finish; a request that never does is cut.
    requestTimeout: 300_000,
    return503OnClosing: true,
    // Node's own refusal of a request without Host has no body; the hook below answers it in words.
    http: { requireHostHeader: false },
    // The router's refusals: a path that is no valid URL, or a parameter longer than it takes (no async constraints here).
    frameworkErrors: (error, _request, reply) => sendRefusal(reply, badUrl(error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400)),
    clientErrorHandler: (error: Error & { code?: string }, socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      if (socket.writable) socket.write(clientErrorAnswer(error));
      socket.destroy(error);
    },
  });
  const store = await openStore(options, (message, error) => app.log.warn({ err: error }, message));
  app.addHook('onClose', () => store.close());

  app.addHook('onRequest', async (request) => {
    if (request.headers.host === undefined && request.raw.httpVersion === '1.1') {
      throw new HttpError(400, 'missing-host', 'Der Anfrage fehlt die Kopfzeile Host. Die Anfrage wurde nicht bearbeitet.');
    }
  });
  const allowed = options.allowedHosts && new Set(options.allowedHosts.map((h) => h.toLowerCase()));
  if (allowed) {
    app.addHook('onRequest', async (request) => {
      const hostname = hostnameOf(request.headers.host)?.toLowerCase();
      if (!hostname || !allowed.has(hostname)) {
        throw new HttpError(421, 'unknown-host', 'Dieser Server antwortet unter diesem Namen nicht.');
      }
    });
  }
  app.setErrorHandler((error: unknown, request, reply) => {
    // A path the static files refuse (a folder, `..`): the same answer as a path that is not there.
    const status = (error as { statusCode?: number }).statusCode;
    if (!(error instanceof HttpError) && (status === 403 || status === 404)) return sendRefusal(reply, notFound());
    const refusal = refusalOf(error);
    if (refusal) return sendRefusal(reply, refusal);
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ code: 'internal', message: 'Ein Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.' });
  });

  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
    // Cross-origin isolation headers would stop a portal embedding the forms' assets from another origin.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: false,
  });

  app.get('/health', async () => ({ status: 'ok' }));
  const clerks = await clerkSessions(app, options.clerkRoutes, options.signIn);
  if (options.portalDir && options.portalLogin) await portalLogin(app, options.portalLogin, options.dataDir);
  const validation = await loadValidation(join(options.root, 'schemas'));
  const cases: CaseOptions = { ...DEFAULT_CASE_OPTIONS, ...options.cases };

  await app.register(receiver, {
    prefix: '/api',
    store,
    validation,
    limits: options.limits,
    lookupsPerMinute: options.lookupsPerMinute,
    clerks,
    corsOrigins: options.corsOrigins ?? [],
    faultQueues: options.faultQueues,
    cases,
    verifyIdentity: identityVerifier(options.identityIssuer),
  });
  await app.register(paymentRoutes, { prefix: '/api', store, payment: options.payment, dataDir: options.dataDir, clerks, corsOrigins: options.corsOrigins ?? [], now: cases.now });
  await app.register(clerkCases, { store, validation, clerks, now: cases.now, notices: cases.notices, dataDir: options.dataDir });
  if (options.fitConnectDemo) {
    // Started outside the plugin: its RSA 4096 keys take longer than a plugin may on a busy machine.
    const demo = await startDemoFor(app, options.allowedHosts);
    app.addHook('onClose', () => demo.close());
    await app.register(fitConnectDemo, { prefix: '/api/fit-connect', demo });
  }
  if (options.portalDir) await app.register(portal, { portalDir: options.portalDir, root: options.root, clerks });

  await app.ready();
  return Object.assign(app as FastifyInstance, { store });
}
