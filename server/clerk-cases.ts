/**
 * The clerks' side of the return channel (issue 11): the inbox's list with its filters, a case's messages and
 * answers, and new messages from the office (schemas/return/nachricht.schema.json). Only for signed-in clerks;
 * sending needs the CSRF token of the session (`clerks.ts`).
 *
 *   GET  /api/submissions?status=&service=&answer=new   (the route is the receiver's, the list is `inboxList`)
 *        [{ reference, service, receivedAt, status, newAnswer }] newest first: `status` the case's stage, `newAnswer`
 *        true while the citizen's answer is the case's last message (the office has not written since). Each
 *        filter given narrows the list; 400 invalid-filter for a status the return channel does not have or an
 *        `answer` other than `new`.
 *   GET  /clerks/cases/:reference/messages   { reference, status, messages: [...] } oldest first, answers included
 *   POST /clerks/cases/:reference/messages   { id, type, data } (X-CSRF-Token): the server adds `caseReference`,
 *        `createdAt` and `from: office`, validates the message and stores it; 201, or 200 when this id was stored
 *        before; 422 validation; 404 for an unknown reference. A new message sends the citizen a notice without
 *        content where they left an address for it (notices.ts).
 *   GET  /api/submissions/:reference/pdf   the submission as a PDF for the file (submission-pdf.ts); 404 for an
 *        unknown reference or a service without a readable view.
 */
import type { FastifyInstance } from 'fastify';
import { caseStatus } from './cases.js';
import { csrfRefusal, type ClerkGuard } from './clerks.js';
import { HttpError, refusalOf, sendRefusal, validationFailed } from './problems.js';
import { REFERENCE, type CaseMessage, type SubmissionStore } from './storage/store.js';
import type { Validation } from './validation.js';
import type { Notices } from './notices.js';
import { readableSubmission } from './readable.js';
import { submissionPdf, type PdfAttachment, type PdfSubmission } from './submission-pdf.js';
import messageSchema from '../schemas/return/nachricht.schema.json' with { type: 'json' };

/** The stages of a case, as the return channel's status change names them. */
export const CASE_STATUSES: readonly string[] = messageSchema.$defs.statusaenderung.properties.status.enum;

export interface InboxEntry {
  reference: string;
  service: string;
  receivedAt: string;
  status: string;
  newAnswer: boolean;
}

export interface InboxFilter {
  status?: string | undefined;
  service?: string | undefined;
  /** `new`: only cases whose last message is the citizen's. */
  answer?: string | undefined;
}

/** The inbox's list, narrowed by every filter given (an empty value filters nothing, as a form sends it). */
export async function inboxList(store: SubmissionStore, { status, service, answer }: InboxFilter): Promise<InboxEntry[]> {
  if ((status && !CASE_STATUSES.includes(status)) || (answer && answer !== 'new')) {
    throw new HttpError(400, 'invalid-filter', 'Nach diesem Stand kann nicht gefiltert werden. Wählen Sie einen Stand aus der Liste.');
  }
  const entries = (await store.list()).filter((entry) => !service || entry.service === service);
  const listed = await Promise.all(
    entries.map(async ({ reference, service, receivedAt }) => {
      const messages = await store.messages(reference);
      return { reference, service, receivedAt, status: caseStatus(messages), newAnswer: messages.at(-1)?.from === 'citizen' };
    }),
  );
  return listed.filter((entry) => (!status || entry.status === status) && (!answer || entry.newAnswer));
}

export interface ClerkCaseOptions {
  store: SubmissionStore;
  validation: Validation;
  clerks: ClerkGuard;
  now: () => number;
  /** Tells a citizen who left an address that the office wrote (notices.ts). */
  notices?: Notices | undefined;
}

/** An office message is small: text, a few slots or document purposes. */
const MESSAGE_BODY_LIMIT = 64 * 1024;

export async function clerkCases(app: FastifyInstance, { store, validation, clerks, now, notices }: ClerkCaseOptions): Promise<void> {
  app.setErrorHandler((error: unknown, request, reply) => {
    const refusal = csrfRefusal(error) ?? refusalOf(error);
    if (refusal) return sendRefusal(reply, refusal);
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ code: 'internal', message: 'Ein Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.' });
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Cache-Control', 'no-store');
    return payload;
  });

  async function knownCase(reference: string): Promise<string> {
    if (!REFERENCE.test(reference) || !(await store.get(reference))) {
      throw new HttpError(404, 'not-found', 'Zu dieser Vorgangsnummer gibt es keine Einreichung. Prüfen Sie die Vorgangsnummer.');
    }
    return reference;
  }

  app.get<{ Params: { reference: string } }>('/api/submissions/:reference/pdf', { preHandler: clerks.api }, async (request, reply) => {
    const reference = await knownCase(request.params.reference);
    const { service, receivedAt } = (await store.get(reference))!;
    const envelope = (await store.envelope(reference)) as PdfSubmission['envelope'] & { attachments: PdfAttachment[] };
    const readable = await readableSubmission(service, envelope.data);
    if (!readable) throw new HttpError(404, 'not-found', 'Für diese Leistung gibt es keine lesbare Darstellung.');
    const messages = await store.messages(reference);
    const supplied = messages.flatMap((m) => (m.type === 'unterlagennachreichung' ? (m.data as { anlagen: PdfAttachment[] }).anlagen : []));
    const pdf = await submissionPdf({
      reference,
      service,
      receivedAt,
      status: caseStatus(messages),
      envelope,
      readable,
      attachments: { submitted: envelope.attachments, supplied },
      payment: await store.payments.get(reference),
    });
    return reply.type('application/pdf').header('Content-Disposition', `attachment; filename="${reference}.pdf"`).send(pdf);
  });

  app.get<{ Params: { reference: string } }>('/clerks/cases/:reference/messages', { preHandler: clerks.api }, async (request) => {
    const reference = await knownCase(request.params.reference);
    const messages = await store.messages(reference);
    return { reference, status: caseStatus(messages), messages };
  });

  app.post<{ Params: { reference: string } }>(
    '/clerks/cases/:reference/messages',
    { bodyLimit: MESSAGE_BODY_LIMIT, preHandler: clerks.action },
    async (request, reply) => {
      const reference = await knownCase(request.params.reference);
      const body = typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? request.body : {};
      const message = { ...body, caseReference: reference, createdAt: new Date(now()).toISOString(), from: 'office' };
      const errors = validation.checkMessage(message);
      if (errors.length > 0) throw validationFailed(errors);
      const { message: stored, created } = await store.addMessage(reference, message as unknown as CaseMessage, []);
      const address = created && notices ? await store.notifyAddress(reference) : undefined;
      // The message is stored either way; a notice that cannot go out is the office's to know, not a refusal.
      if (address) await notices!.tell(address).catch((error: unknown) => request.log.error({ err: error }, 'the notice could not be sent'));
      return reply.code(created ? 201 : 200).send(stored);
    },
  );
}
