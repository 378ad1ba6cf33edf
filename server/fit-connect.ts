/**
 * FIT-Connect for the demo (`npm start`) and the browser tests: the production path, with stand-ins only where
 * FIT-Connect and the authority's own system would be. The relay (server/relay/, as an authority deploys it) runs
 * in front of the Submission API stand-in (submission-api-standin.ts, which checks every request and answer against
 * FITKO's OpenAPI file); the stand-in's subscriber opens each submission with the destination's test key
 * (fit-connect-subscriber.ts), and `deliver` stores the envelope it rebuilt, so the inbox shows it like any other.
 * Nothing here decrypts on the relay's side: the relay passes ciphertext on, as it does in production.
 *
 * The destination key is made at each start and its `x5c` chain leads to a test root made with it; the demo page
 * trusts that root (`trustAnchor`, demo/fit-connect-trust.js). A real page carries the Verwaltungs-PKI root.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './config.js';
import type { OpenedSubmission } from './fit-connect-subscriber.js';
import { createRelay, type RelayServices } from './relay/relay.js';
import { createSubmissionApi } from './relay/submission-api.js';
import { startSubmissionApiStandIn } from './submission-api-standin.js';

/** A fixed demo destination, as a real one is configured once per authority. */
export const DEMO_DESTINATION_ID = '6b0c5a4e-2f1d-4c8a-9e3b-7d5f1a2c4e60';
const CLIENT = { id: 'efa-demo-relay', secret: 'demo-secret-of-the-relay-not-for-production' };

/** The relay's services file of the demo: server/relay/services.example.json with the demo destination. */
function demoServices(): RelayServices {
  const { $comment: _comment, ...services } = JSON.parse(readFileSync(join(projectRoot(), 'server/relay/services.example.json'), 'utf8')) as RelayServices & { $comment?: string };
  for (const service of Object.values(services)) {
    service.destinationId = DEMO_DESTINATION_ID;
    for (const route of Object.values(service.routes ?? {})) delete route.destinationId;
  }
  return services;
}

/** The published `$id` of a service's Fachdaten schema: what the authority enters as the schema its destination accepts. */
function publishedSchemaUri(service: string): string {
  return JSON.parse(readFileSync(join(projectRoot(), 'schemas', `${service}.schema.json`), 'utf8')).$id;
}

/** What the demo subscriber made of a FIT-Connect case: the store's reference, or why it did not store it. */
export interface DemoCase {
  reference?: string;
  problems: string[];
}

export interface FitConnectDemoOptions {
  /** Stores a rebuilt envelope with its attachment bytes (by id) and gives the store's reference, or throws. */
  deliver: (envelope: Record<string, unknown>, files: Map<string, Uint8Array>) => Promise<string>;
}

export type FitConnectDemo = Awaited<ReturnType<typeof startFitConnectDemo>>;

export async function startFitConnectDemo({ deliver }: FitConnectDemoOptions) {
  const services = demoServices();
  // The destination offers every configured service type, each with its service's schema in the forms' version.
  const offered = Object.entries(services).flatMap(([service, target]) => {
    const submissionSchemas = [{ schemaUri: publishedSchemaUri(service), mimeType: 'application/json' as const }];
    const serviceTypes = [target.serviceType, ...Object.values(target.routes ?? {}).flatMap((route) => route.serviceType ?? [])];
    return serviceTypes.map(({ identifier }) => ({ identifier, regions: ['DE09'], submissionSchemas }));
  });
  const cases = new Map<string, DemoCase>();

  async function pickUp(opened: OpenedSubmission): Promise<void> {
    if (!opened.envelope || opened.problems.length > 0) {
      cases.set(opened.caseId, { problems: opened.problems });
      return;
    }
    try {
      cases.set(opened.caseId, { reference: await deliver(opened.envelope, opened.attachments), problems: [] });
    } catch (error) {
      cases.set(opened.caseId, { problems: [(error as Error).message] });
    }
  }

  const standIn = await startSubmissionApiStandIn({
    destinations: [{ destinationId: DEMO_DESTINATION_ID, services: offered, metadataVersions: ['2.1.0'] }],
    clients: { [CLIENT.id]: CLIENT.secret },
    onReceived: pickUp,
  });
  // The journal belongs to this stand-in, which forgets its submissions when the demo stops.
  const journalDir = mkdtempSync(join(tmpdir(), 'efa-demo-relay-'));
  const api = createSubmissionApi({ tokenUrl: standIn.tokenUrl, apiUrl: standIn.url, clientId: CLIENT.id, clientSecret: CLIENT.secret });
  const relay = createRelay({ api, services, dataDir: journalDir });

  return {
    /** The relay as a Node request handler, for requests whose URL is relative to the relay's base. */
    relay: relay.handle,
    trustAnchor: standIn.trustAnchor,
    /** By FIT-Connect case id (the citizen's reference): what the demo subscriber made of it. */
    caseOf: (caseId: string): DemoCase | undefined => cases.get(caseId),
    /** Requests that strayed from FITKO's OpenAPI file, on either side (should stay empty). */
    violations: standIn.violations,
    async close() {
      await standIn.close();
      await rm(journalDir, { recursive: true, force: true });
    },
  };
}
