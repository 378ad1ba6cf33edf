/**
 * "There is news" notices (issue 11): when the office writes to a case whose citizen left an e-mail address,
 * the citizen gets a notice that says only that there is news and where to read it — no reference, no name, no
 * content, so a notice read by someone else tells them nothing about the case.
 *
 * What carries the notice is an authority's choice; this server has one way built in, a mail log: each notice
 * as one JSON line `{ at, to, subject, text }` appended to a file (`EFA_MAIL_LOG`), for the demo and for an
 * authority's own mail relay to pick up. Sending SMTP itself is not built in.
 */
import { appendFile } from 'node:fs/promises';

export interface Notices {
  /** Tells `address` that there is news; a failure is the caller's to log, never the citizen's to see. */
  tell(address: string): Promise<void>;
}

const SUBJECT = 'Neuigkeiten zu Ihrem Antrag / News about your application';

function noticeText(statusUrl: string | undefined): string {
  const where = statusUrl ? ` ${statusUrl}` : '';
  return [
    'Guten Tag,',
    '',
    `die Ausländerbehörde hat Ihnen zu Ihrem Antrag geschrieben. Lesen Sie die Nachricht unter „Mein Antrag“${where} mit Ihrer Vorgangsnummer und Ihrem Zugangscode.`,
    '',
    `The immigration office has written to you about your application. Read the message under “Mein Antrag”${where} with your reference number and access code.`,
    '',
    'Diese E-Mail enthält mit Absicht keine Angaben zu Ihrem Antrag. / This e-mail deliberately contains no details of your application.',
  ].join('\n');
}

export function mailLog(path: string, statusUrl?: string): Notices {
  const text = noticeText(statusUrl);
  return {
    async tell(address) {
      await appendFile(path, `${JSON.stringify({ at: new Date().toISOString(), to: address, subject: SUBJECT, text })}\n`, { mode: 0o600 });
    },
  };
}

/** A plausible e-mail address (what a mail relay would take): one @, a dot in the domain, no spaces, at most 254 characters. */
export function isMailAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(value);
}
