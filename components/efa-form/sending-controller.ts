import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { FormEngine } from '../../src/engine/form-engine.js';
import type { FormFlow, Problems } from '../../src/engine/flow.js';
import type { Text } from '../../src/engine/definition.js';
import { fieldsIn } from '../../src/engine/tree.js';
import type { ServiceSpec } from '../../src/services/service.js';
import type { OnlineAbgabeConfig } from '../../src/services/common/identity.js';
import { buildSubmission } from '../../src/services/submission.js';
import { SubmitError, untilAborted, type Adapter, type Receipt } from '../../src/adapters/adapter.js';
import type { KeyTrust } from '../../src/adapters/key-trust.js';
import { MIB, attachmentsToShrink, requestBytes } from '../../src/adapters/limits.js';
import { getLocale } from '../../src/i18n/locale.js';
import { renderSendFailure, type SendFailure } from './send-failure.js';

/** What the sending controller needs from its form. */
export interface SendingHost extends ReactiveControllerHost, EventTarget {
  readonly spec: ServiceSpec<never> | undefined;
  readonly endpoint: string;
  readonly adapter: string | Adapter;
  readonly keyTrust: KeyTrust | undefined;
  readonly authority: string;
  readonly maxRequestSize: number;
  readonly config: unknown;
}

/** What the form does around a sending: before it, and when it finds problems or ends. */
export interface SendingOutcomes {
  /** Go to a step whose answers have problems, listed at its top. */
  showProblems(problems: Problems): void;
  /** The sending ended: the confirmation is shown, or the failure (`.send-error`) is to be focused. */
  ended(outcome: 'sent' | 'failed'): void;
  /** The id of a new submission (the first, or a correction's). */
  newSubmissionId(): string;
  /**
   * Before each sending of a submission (retries included), with its id: what the service binds to it, e.g. the
   * Verpflichtungserklärung's identity token. A `SubmitError` it throws is the sending's failure.
   */
  prepare(submissionId: string, signal: AbortSignal): Promise<void>;
}

/**
 * Sending through the endpoint adapter: one sending at a time, cancellable, retried under the same id (so nothing
 * arrives twice), with the failure and what to do about it shown on the sending page.
 */
export class SendingController {
  /** While a sending runs: the one there is, and how to cancel it. */
  private controller: AbortController | undefined;
  /** Kept across retries: it is the idempotency key, so a retry after a lost answer stores nothing twice. */
  private submissionId: string | undefined;
  private createdAt: string | undefined;
  private failure: SendFailure | undefined;
  /** What the receiver confirmed. */
  receipt: Receipt | undefined;

  constructor(
    private readonly host: SendingHost,
    private readonly form: () => { engine: FormEngine; flow: FormFlow },
    private readonly outcomes: SendingOutcomes,
  ) {}

  /** From the request leaving to its answer: what the sending page shows meanwhile. */
  private sending = false;

  readonly submit = async (): Promise<void> => {
    // Taken before the first `await`: clicks in the same moment find it and send nothing more.
    if (this.controller) return;
    this.controller = new AbortController();
    try {
      await this.send(this.controller.signal);
    } finally {
      this.controller = undefined;
      this.sending = false;
      this.host.requestUpdate();
    }
  };

  /** "Senden abbrechen": the answers stay; sending again later uses the same id, so nothing arrives twice. */
  private readonly cancel = (): void => {
    this.controller?.abort();
  };

  /**
   * After a changed resend: the corrected answers go as a new submission (a new id, so a new reference); the
   * earlier version stays with the office under its own reference.
   */
  private readonly sendCorrection = (): void => {
    if (this.controller) return;
    this.submissionId = undefined;
    this.createdAt = undefined;
    void this.submit();
  };

  private async send(signal: AbortSignal): Promise<void> {
    const host = this.host;
    const { engine, flow } = this.form();
    await engine.ready;
    const problems = flow.firstProblems();
    if (problems) {
      this.outcomes.showProblems(problems);
      return;
    }
    const id = (this.submissionId ??= this.outcomes.newSubmissionId());
    this.sending = true;
    this.failure = undefined;
    host.requestUpdate();
    try {
      await untilAborted(this.outcomes.prepare(id, signal), signal);
    } catch (cause) {
      this.failed(this.reported(cause), new Map(), 0);
      return;
    }
    const submission = buildSubmission(host.spec!, engine, host.config as never, {
      id,
      createdAt: (this.createdAt ??= new Date().toISOString()),
      locale: getLocale(),
      authority: host.authority,
    });
    const files = engine.attachments();
    const size = requestBytes(submission, files);
    const limit = host.maxRequestSize * MIB;
    if (size > limit) {
      this.failed(new SubmitError('too-large', 'The submission is larger than the endpoint accepts.', { limit }), files, size);
      return;
    }
    try {
      const adapter = await this.resolveAdapter();
      if (!adapter.ownsSubmitEvent) {
        const proceed = host.dispatchEvent(
          new CustomEvent('efa-submit', { detail: { submission, files }, bubbles: true, composed: true, cancelable: true }),
        );
        if (!proceed) return;
      }
      this.receipt = await untilAborted(adapter.submit(submission, { files, signal }), signal);
      flow.sent();
      this.outcomes.ended('sent');
      host.dispatchEvent(new CustomEvent('efa-submitted', { detail: { receipt: this.receipt, submission }, bubbles: true, composed: true }));
    } catch (cause) {
      this.failed(this.reported(cause), files, size);
    }
  }

  /** A sending's failure as a `SubmitError`, told to the page (`efa-submit-error`). */
  private reported(cause: unknown): SubmitError {
    const error = cause instanceof SubmitError ? cause : new SubmitError('network', String(cause), { cause });
    this.host.dispatchEvent(new CustomEvent('efa-submit-error', { detail: { error }, bubbles: true, composed: true }));
    return error;
  }

  /** Adapters (and the receipt parser) load when first needed, not with the first step. */
  private async resolveAdapter(): Promise<Adapter> {
    const { adapter, endpoint } = this.host;
    if (typeof adapter === 'object') return adapter;
    if (adapter === 'event') return (await import('../../src/adapters/event.js')).eventAdapter(this.host);
    if (adapter === 'fit-connect') {
      // Encrypted in this browser; `endpoint` is the relay that holds the FIT-Connect client credentials.
      return (await import('../../src/adapters/fit-connect.js')).fitConnectAdapter({
        relay: endpoint || '/api/fit-connect',
        trust: this.host.keyTrust ?? {},
        identificationReport: (this.host.config as OnlineAbgabeConfig | undefined)?.onlineAbgabe?.identifikationsbericht === true,
      });
    }
    const { httpAdapter } = await import('../../src/adapters/http.js');
    return httpAdapter({ endpoint: endpoint || '/api/submissions' });
  }

  private failed(error: SubmitError, files: ReadonlyMap<string, File>, size: number): void {
    const refused = error.failure === 'validation' && error.details.fieldErrors ? this.form().flow.refused(error.details.fieldErrors) : undefined;
    if (refused) {
      this.outcomes.showProblems(refused);
      return;
    }
    // A receiver that refuses without naming its limit has one below this size: then the largest file first.
    const shrink = error.failure === 'too-large' ? attachmentsToShrink(files.values(), size, error.details.limit ?? size - 1) : [];
    this.failure = { error, shrink, changed: this.labelsOf(error.details.identity?.fields ?? []) };
    this.outcomes.ended('failed');
  }

  /** The labels of the visible fields at these pointers, in the order of the form (read in the language shown). */
  private labelsOf(pointers: readonly string[]): Text[] {
    const { engine } = this.form();
    return engine
      .visibleSteps()
      .flatMap((step) => fieldsIn(engine.view(step.id).children))
      .filter((field) => pointers.includes(field.pointer))
      .map(({ whose, def }) => () => (whose ? `${whose()}: ${def.label()}` : def.label()));
  }

  /**
   * What the sending page shows: a failure, the progress while sending and the send buttons. The sending page is the
   * review, or a confirmation step after it (`StepDef.confirmation`), where the primary button submits its form.
   */
  render(label: string, primaryType: 'button' | 'submit', back: () => void): TemplateResult {
    const sending = this.sending;
    const correction = this.failure?.error.failure === 'changed-resend' && !sending;
    return html`${this.failure ? renderSendFailure(this.failure) : nothing}
      <p class="send-progress" role="status">
        ${sending ? msg('Ihre Angaben werden gesendet. Das dauert höchstens eine Minute, mit großen Dateien etwas länger.') : ''}
      </p>
      <div class="actions">
        ${correction
          ? html`<button type="button" class="primary" part="button primary-button" @click=${this.sendCorrection}>
              ${msg('Korrektur als neue Einreichung senden')}
            </button>`
          : html`<button
              type=${primaryType}
              class="primary"
              part="button primary-button"
              aria-disabled=${sending ? 'true' : 'false'}
              @click=${primaryType === 'button' ? this.submit : nothing}
            >
              ${sending ? msg('Wird gesendet …') : this.failure ? msg('Erneut senden') : label}
            </button>`}
        ${sending
          ? html`<button type="button" class="secondary" part="button" @click=${this.cancel}>${msg('Senden abbrechen')}</button>`
          : html`<button type="button" class="secondary" part="button" @click=${back}>${msg('Zurück')}</button>`}
      </div>`;
  }
}
