/**
 * Storage of submissions: one interface, so that the embedded file store (the default, `file-store.ts`) and the
 * PostgreSQL store (`postgres-store.ts`, chosen by `DATABASE_URL`) pass the same test suite
 * (server/test/storage.test.ts runs against both).
 *
 * Promises every implementation keeps:
 * - Exactly once: `put` either stores one complete submission (envelope, every attachment, its receipt) or
 *   nothing, whatever step fails; a failure after the commit point is reported but the submission stays, and
 *   the next `put` with the same id finds it.
 * - The same envelope id always gets the same reference; a second `put` with that id stores nothing and
 *   returns the first entry (`created: false`), whose `hash` the caller compares to tell a changed resend.
 * - A submission is also a case (issue 11): the hash of its access code is stored with it in the same commit,
 *   and the messages of the return channel are added to it later, each exactly once by its id, with its
 *   attachments in the same commit.
 * - A case's payment attempts are case data too: `payments` keeps them (`payment-ledger.ts`).
 */
import type { Readable } from 'node:stream';
import type { PaymentLedger } from './payment-ledger.js';

export interface StoredEntry {
  /** The envelope id (UUID), the idempotency key. */
  id: string;
  reference: string;
  service: string;
  receivedAt: string;
  /** SHA-256 (hex) of the canonical envelope as received (`canonical.ts`). */
  hash: string;
}

/** An attachment already streamed to a file in the store's `uploadDir`; `put` takes it over. */
export interface IncomingFile {
  /** Its name in storage: the attachment id and an extension derived from the checked type (`attachments.ts`). */
  name: string;
  path: string;
}

export interface NewSubmission {
  envelope: { id: string; service: string } & Record<string, unknown>;
  hash: string;
  files: IncomingFile[];
  /** The slow salted hash of the case's access code (`cases.ts`); only a submission stored with one can be opened by the citizen. */
  accessHash?: string | undefined;
  /** The subject (`sub`, the portal's pseudonym of the person) of the identity verified at receipt (`identity.ts`). */
  identitySubject?: string | undefined;
}

/** A message of the return channel (schemas/return/nachricht.schema.json), as validated. */
export type CaseMessage = { id: string; from: 'office' | 'citizen'; type: string } & Record<string, unknown>;

/** A stored message: as sent, plus when this server stored it (the order of a case's messages). */
export type StoredMessage = CaseMessage & { receivedAt: string };

/** What a citizen's case token (`cases.ts`, stored only as its hash) opens, and until when. */
export interface CaseToken {
  reference: string;
  expiresAt: string;
}

export interface StoredAttachment {
  stream: Readable;
  size: number;
}

export interface SubmissionStore {
  /** Where uploads are streamed to before `put`; on the same file system as the store, so taking them over is a rename. */
  readonly uploadDir: string;
  /**
   * Stores the submission unless its id is known. `newReference` proposes references (for the time of receipt) until one is free.
   * Resolves once everything is durable.
   */
  put(submission: NewSubmission, newReference: (receivedAt: string) => string): Promise<{ entry: StoredEntry; created: boolean }>;
  find(id: string): Promise<StoredEntry | undefined>;
  get(reference: string): Promise<StoredEntry | undefined>;
  /** Newest first. */
  list(): Promise<StoredEntry[]>;
  /** The submissions stored with this verified identity subject, newest first. */
  casesOf(identitySubject: string): Promise<StoredEntry[]>;
  envelope(reference: string): Promise<unknown>;
  /** `name` is built from an id the stored envelope announces (`storedName`), never a path from a request. */
  attachment(reference: string, name: string): Promise<StoredAttachment | undefined>;
  /** The hash of the case's access code; undefined for an unknown reference or a submission stored without one. */
  accessHash(reference: string): Promise<string | undefined>;
  /** Replaces the hash of the stored submission `reference`'s access code: the earlier code no longer opens the case. */
  replaceAccessHash(reference: string, accessHash: string): Promise<void>;
  /** Where the citizen wants to hear that there is news in the case (an e-mail address), if anywhere. */
  notifyAddress(reference: string): Promise<string | undefined>;
  /** Sets the address of the stored submission `reference`, or with undefined forgets it. */
  setNotifyAddress(reference: string, address: string | undefined): Promise<void>;
  /**
   * Adds a message to the submission `reference` (which must exist), with its attachments, unless a message with
   * its id is stored there; then nothing is stored and the first one is returned (`created: false`).
   */
  addMessage(reference: string, message: CaseMessage, files: IncomingFile[]): Promise<{ message: StoredMessage; created: boolean }>;
  /** The case's messages, oldest first. */
  messages(reference: string): Promise<StoredMessage[]>;
  saveToken(tokenHash: string, token: CaseToken): Promise<void>;
  token(tokenHash: string): Promise<CaseToken | undefined>;
  /** Forgets a token; forgetting an unknown one is no error. */
  revokeToken(tokenHash: string): Promise<void>;
  /**
   * Takes a one-time value (an identity token's nonce, `identity.ts`) until `expiresAt`: true the first time, false
   * for every later call, in every process on the store, until it expired.
   */
  takeNonce(nonce: string, expiresAt: string): Promise<boolean>;
  readonly payments: PaymentLedger;
  close(): Promise<void>;
}

/** Called before each step of a `put` (each store names its steps); throwing there simulates a failure (tests only). */
export type StepHook = (step: string) => void | Promise<void>;

/** The shape of a reference (`VE-2026-4F7K2Q`): only such names are submission folders or lookups. */
export const REFERENCE = /^[A-Z]{2}-\d{4}-[A-Z0-9]{6}$/;
