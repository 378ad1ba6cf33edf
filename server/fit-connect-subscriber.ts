/**
 * The subscriber's side of FIT-Connect for the demo and the tests: what the authority's system does when it picks
 * up a submission (shared/domain/fit-connect.md §5, §6). It decrypts metadata, Fachdaten and attachments with the
 * destination's private key, checks the metadata against FITKO's metadata 2.1.0 schema, every SHA-512 hash, that
 * the attachments are exactly the announced ones, that the Fachdaten schema the metadata names is one the
 * destination offers for the service, and that the Fachdaten are valid against that published schema. From the
 * metadata, the Fachdaten and the `dataSets` entry of schemas/fit-connect/kontext.schema.json it rebuilds the
 * envelope of schemas/submission.schema.json that the receiver stores (src/adapters/fit-connect.ts says what
 * goes where).
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createHash, type webcrypto } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KONTEXT_SCHEMA } from '../src/adapters/fit-connect.js';
import { projectRoot } from './config.js';
import { decryptCompact } from './jwe.js';

const METADATA_SCHEMA_FILE = 'test/fixtures/schemas/fit-connect-metadata-2.1.0.schema.json';
/** The published Fachdaten schemas name their version in their `$id`: schemas/<service>.schema.json. */
const FACHDATEN_ID = /^https:\/\/efa-forms\.de\/schemas\/([a-z]+)-(\d+\.\d+\.\d+)\.schema\.json$/;

export interface SchemaReference {
  schemaUri: string;
  mimeType: string;
}

/** A submission as the Submission API holds it for the subscriber: ciphertext and what the sender announced. */
export interface EncryptedSubmission {
  submissionId: string;
  caseId: string;
  serviceType: { name: string; identifier: string };
  announced: string[];
  encryptedMetadata: string;
  encryptedData?: string | undefined;
  attachments: Map<string, string>;
}

/** A submission as the subscriber opened it: its decrypted parts, the rebuilt envelope and what was wrong. */
export interface OpenedSubmission {
  submissionId: string;
  caseId: string;
  serviceType: { name: string; identifier: string };
  metadata: any;
  data: Uint8Array;
  attachments: Map<string, Uint8Array>;
  /** The envelope of schemas/submission.schema.json, when nothing is missing to rebuild it. */
  envelope?: Record<string, unknown>;
  /** Empty when the submission is one the subscriber accepts. */
  problems: string[];
}

export interface SubscriberOptions {
  privateKey: webcrypto.CryptoKey;
  encryptionKid: string;
  /** The Fachdaten schemas the destination offers for a service identifier (its `services[].submissionSchemas`). */
  offered: (serviceIdentifier: string) => readonly SchemaReference[];
}

const sha512 = (bytes: Uint8Array) => createHash('sha512').update(bytes).digest('hex');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The published schemas, compiled as a receiving office would: Ajv 2020 with formats, default settings. */
function publishedSchemas(root: string) {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  for (const dir of ['schemas', 'schemas/common', 'schemas/fit-connect']) {
    for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith('.json'))) ajv.addSchema(readJson(join(root, dir, file)));
  }
  return (uri: string, value: unknown): string | undefined => {
    const validate = ajv.getSchema(uri);
    if (!validate) return `schema ${uri} is not published by efa-forms`;
    return validate(value) ? undefined : ajv.errorsText(validate.errors);
  };
}

function metadataValidator(root: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const check = ajv.compile(readJson(join(root, METADATA_SCHEMA_FILE)));
  return (value: unknown) => (check(value) ? undefined : ajv.errorsText(check.errors));
}

/** Every object in the Fachdaten whose `id` is one of `ids`: the attachment references (`anlage`) of the service schema. */
function referencesIn(data: unknown, ids: ReadonlySet<string>, found = new Map<string, Record<string, unknown>>()) {
  if (Array.isArray(data)) for (const item of data) referencesIn(item, ids, found);
  else if (isObject(data)) {
    if (typeof data.id === 'string' && ids.has(data.id)) found.set(data.id, data);
    else for (const value of Object.values(data)) referencesIn(value, ids, found);
  }
  return found;
}

export function createSubscriber(options: SubscriberOptions) {
  const root = projectRoot();
  const validatePublished = publishedSchemas(root);
  const validateMetadata = metadataValidator(root);

  /** The envelope the receiver stores, from the opened parts; `problems` says why it cannot be rebuilt. */
  function rebuild(metadata: any, fachdaten: unknown, problems: string[]): Record<string, unknown> | undefined {
    const schemaUri: unknown = metadata?.contentStructure?.data?.submissionSchema?.schemaUri;
    const named = typeof schemaUri === 'string' ? FACHDATEN_ID.exec(schemaUri) : null;
    if (!named) return void problems.push(`data: ${String(schemaUri)} is no Fachdaten schema of efa-forms`);
    const id = metadata.additionalReferenceInfo?.senderReference;
    if (typeof id !== 'string') return void problems.push('metadata: additionalReferenceInfo.senderReference is missing');

    const kontextSets = (Array.isArray(metadata.dataSets) ? metadata.dataSets : []).filter((s: any) => s?.schema?.schemaUri === KONTEXT_SCHEMA);
    if (kontextSets.length !== 1) return void problems.push(`dataSets: expected one entry of ${KONTEXT_SCHEMA}, found ${kontextSets.length}`);
    const [kontextSet] = kontextSets;
    if (typeof kontextSet.content !== 'string' || sha512(new TextEncoder().encode(kontextSet.content)) !== kontextSet.hash?.content) {
      return void problems.push('dataSets: the kontext is no JSON text, or its hash does not match');
    }
    const kontext = JSON.parse(kontextSet.content);
    const invalidKontext = validatePublished(KONTEXT_SCHEMA, kontext);
    if (invalidKontext) return void problems.push(`dataSets: kontext: ${invalidKontext}`);

    const described: { attachmentId: string; filename?: string; mimeType: string }[] = metadata.contentStructure.attachments;
    const references = referencesIn(fachdaten, new Set(described.map((a) => a.attachmentId)));
    const attachments = [];
    for (const part of described) {
      const reference = references.get(part.attachmentId);
      if (!reference || reference.dateiname !== part.filename || reference.mimeType !== part.mimeType) {
        return void problems.push(`attachment ${part.attachmentId}: the Fachdaten do not refer to it as the metadata describe it`);
      }
      attachments.push(reference);
    }
    return { id, service: named[1], schemaVersion: named[2], ...kontext, data: fachdaten, attachments };
  }

  async function open(submission: EncryptedSubmission): Promise<OpenedSubmission> {
    const problems: string[] = [];
    const decrypt = async (jwe: string | undefined, what: string) => {
      try {
        return await decryptCompact(jwe, options.privateKey, options.encryptionKid);
      } catch (error) {
        problems.push(`${what}: ${(error as Error).message}`);
        return undefined;
      }
    };
    const metadataBytes = await decrypt(submission.encryptedMetadata, 'metadata');
    let metadata: any;
    if (metadataBytes) {
      metadata = JSON.parse(new TextDecoder().decode(metadataBytes));
      const invalid = validateMetadata(metadata);
      if (invalid) problems.push(`metadata 2.1.0: ${invalid}`);
    }
    const data = (await decrypt(submission.encryptedData, 'data')) ?? new Uint8Array();
    if (metadata && metadata.contentStructure?.data?.hash?.content !== sha512(data)) problems.push('data: hash mismatch');
    const schemaUri = metadata?.contentStructure?.data?.submissionSchema?.schemaUri;
    if (!options.offered(submission.serviceType.identifier).some((s) => s.schemaUri === schemaUri)) problems.push(`data: schema ${schemaUri} not offered for the service`);
    let fachdaten: unknown;
    try {
      fachdaten = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
      const invalid = typeof schemaUri === 'string' ? validatePublished(schemaUri, fachdaten) : 'no schema named';
      if (invalid) problems.push(`data against ${schemaUri}: ${invalid}`);
    } catch {
      problems.push('data: not JSON');
    }
    const attachments = new Map<string, Uint8Array>();
    const described: { attachmentId: string; hash: { content: string } }[] = metadata?.contentStructure?.attachments ?? [];
    if (JSON.stringify(described.map((a) => a.attachmentId).sort()) !== JSON.stringify([...submission.announced].sort())) {
      problems.push('attachments: metadata and announcement differ');
    }
    for (const part of described) {
      const bytes = await decrypt(submission.attachments.get(part.attachmentId), `attachment ${part.attachmentId}`);
      if (!bytes) continue;
      if (sha512(bytes) !== part.hash.content) problems.push(`attachment ${part.attachmentId}: hash mismatch`);
      attachments.set(part.attachmentId, bytes);
    }
    const envelope = problems.length === 0 ? rebuild(metadata, fachdaten, problems) : undefined;
    const { submissionId, caseId, serviceType } = submission;
    return { submissionId, caseId, serviceType, metadata, data, attachments, ...(envelope ? { envelope } : {}), problems };
  }

  return { open };
}
