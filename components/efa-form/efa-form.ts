import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { define } from '../define.js';
import { base, tokens } from '../shared/tokens.styles.js';
import { draftStyles, formStyles } from './efa-form.styles.js';
import type { ContentBlock, ContentContext, FieldDef } from '../../src/engine/definition.js';
import { FormEngine, type FieldView, type GroupView, type NodeView, type SummaryEntry } from '../../src/engine/form-engine.js';
import { codeListEntries } from '../../src/engine/codelists.js';
import { fromFieldValue, toFieldValue } from '../../src/engine/values.js';
import { summarize } from '../../src/engine/summary.js';
import { randomUuid } from '../../src/engine/random-uuid.js';
import type { ServiceSpec } from '../../src/services/service.js';
import { SubmitError, untilAborted, type Adapter, type Receipt, type Submission } from '../../src/adapters/adapter.js';
import type { KeyTrust } from '../../src/adapters/key-trust.js';
import { MIB, attachmentsToShrink, formatSize, requestBytes } from '../../src/adapters/limits.js';
import { getLocale, resolveLang, setLocale, textDirection } from '../../src/i18n/locale.js';
import { codeLabelIn } from '../../src/i18n/code-labels.js';
import { DraftsController } from './drafts-controller.js';

type Phase = 'form' | 'review' | 'done';

/** Why the last sending did not work; when it was too large, also the attachments to remove or shrink. */
interface SendFailure {
  error: SubmitError;
  shrink: File[];
}

/**
 * The field kit loads beside the shell: a start page shows without it, and by the time the user continues it
 * is there. Started once, when the shell's module is first evaluated.
 */
const fieldsLoaded = import('../fields.js');

type Focus = { kind: 'heading' } | { kind: 'summary' } | { kind: 'field'; id: string } | { kind: 'element'; selector: string };

export interface StepChangeDetail {
  stepId: string;
  /** 1-based position among the visible steps; the review page comes after the last. */
  position: number;
  /** How many pages the path has, review included; undefined until the answers that decide the path are given. */
  count: number | undefined;
  title: string;
}

/**
 * @summary The form shell every service uses: steps with progress, error summary, check-your-answers page,
 * sending through an endpoint adapter, confirmation. A service element only supplies its `spec`.
 *
 * @event efa-step-change - A new step (or the review page) is shown. `detail: { stepId, position, count, title }`.
 * @event efa-submit - Before sending; cancelable. With `adapter="event"` the host answers via `detail.respondWith(promise)`.
 * @event efa-submitted - The receiver confirmed. `detail: { receipt, submission }`.
 * @event efa-submit-error - Sending failed or was cancelled; everything entered is kept. `detail: { error }` (a `SubmitError` with `failure`).
 * @event efa-draft-saved - With `drafts="local"`: the answers were saved in this browser. `detail: { savedAt, expiresAt }`.
 * @csspart form - The whole form.
 * @csspart progress - "Schritt 2 von 7".
 * @csspart error-summary - The list of problems at the top of a step.
 * @csspart button - Every button.
 * @csspart primary-button - Continue / send.
 * @csspart review - The check-your-answers list.
 * @csspart send-error - Why sending did not work, and what to do.
 * @csspart confirmation - The confirmation panel with the reference.
 * @csspart resume - The offer to continue with answers saved in this browser.
 * @csspart drafts - "Zwischenstand speichern / laden".
 * @csspart label - Every field's label or legend (the parts below come from the field kit, forwarded with `exportparts`).
 * @csspart hint - Every field's hint.
 * @csspart error - Every field's error message.
 * @csspart input - Text, date, amount, combobox and file inputs.
 * @csspart textarea - Multi-line inputs.
 * @csspart select - Native selects.
 * @csspart checkbox - Checkboxes (consents and checkbox groups).
 * @csspart radio - Radio buttons.
 * @csspart option - The row of one radio or checkbox option; one option of a combobox list.
 * @csspart count - The character count under a multi-line input.
 * @csspart currency - The "€" beside an amount.
 * @csspart popup - The box a combobox opens.
 * @csspart listbox - The list of options in that box.
 * @csspart note - "No results" or "first 50 shown" in that box.
 * @csspart files - The list of files added to an upload.
 * @csspart file - One added file.
 * @csspart remove-button - The button that removes an added file.
 * @cssprop [--efa-color-scheme=light dark] - Which default colours: `light`, `dark`, or `light dark` (the reader's preference).
 * @cssprop [--efa-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif] - All text. Name the site's family to use it (a custom property cannot carry `inherit`).
 * @cssprop [--efa-heading-font-family=var(--efa-font-family)] - Step headings.
 * @cssprop [--efa-font-size=medium] - Base size; every size in the form is in em of it. `medium` is the reader's browser setting, independent of the page's root size; `1em` follows the text around the element, `1rem` the page's root.
 * @cssprop [--efa-line-height=1.5] - Line height of text.
 * @cssprop [--efa-color-text=light-dark(#1b1b1b, #f2f2f2)] - Text.
 * @cssprop [--efa-color-text-muted=light-dark(#4f4f4f, #c7c7c7)] - Hints, progress.
 * @cssprop [--efa-color-background=light-dark(#ffffff, #1a1a1a)] - The form's surface and inputs.
 * @cssprop [--efa-color-surface=light-dark(#f3f3f3, #2e2e2e)] - Notices, the file button, amount currency.
 * @cssprop [--efa-color-border=light-dark(#5f5f5f, #949494)] - Input borders, separators.
 * @cssprop [--efa-color-primary=light-dark(#0b4f8a, #8cc4ff)] - Buttons and links.
 * @cssprop [--efa-color-on-primary=light-dark(#ffffff, #0b0c0c)] - Text on primary and on success.
 * @cssprop [--efa-color-error=light-dark(#b3261e, #ff9990)] - Errors and the error summary.
 * @cssprop [--efa-color-success=light-dark(#1e6b34, #8fd4a4)] - The confirmation panel.
 * @cssprop [--efa-color-focus=#ffbf47] - Focus ring.
 * @cssprop [--efa-color-focus-text=#0b0c0c] - Outer focus ring.
 * @cssprop [--efa-space=1em] - Spacing unit.
 * @cssprop [--efa-padding=clamp(0.25em, 1.5%, 1em)] - Space between the form's surface edge and its content.
 * @cssprop [--efa-radius=0.25em] - Corners.
 * @cssprop [--efa-border-width=2px] - Input borders.
 * @cssprop [--efa-focus-width=3px] - Focus ring.
 * @cssprop [--efa-input-max-width=32em] - Widest input.
 */
export class EfaForm extends LitElement {
  static override styles = [tokens, base, formStyles, draftStyles];

  static override properties = {
    spec: { attribute: false },
    endpoint: {},
    adapter: {},
    keyTrust: { attribute: 'key-trust', type: Object },
    authority: {},
    drafts: {},
    draftDays: { attribute: 'draft-days', type: Number },
    maxFileSize: { attribute: 'max-file-size', type: Number },
    maxRequestSize: { attribute: 'max-request-size', type: Number },
    config: { attribute: false },
    prefill: { attribute: false },
    langAttribute: { attribute: 'lang' },
    phase: { state: true },
    summary: { state: true },
    sending: { state: true },
    sendFailure: { state: true },
    receipt: { state: true },
    announcement: { state: true },
  };

  declare spec: ServiceSpec<never> | undefined;
  /** Where the `http` adapter posts the submission; for `fit-connect` the relay's base URL. */
  declare endpoint: string;
  /** `http` (default), `event` or `fit-connect`; or an object implementing the adapter interface. */
  declare adapter: string | Adapter;
  /**
   * `fit-connect` only: what makes the destination key trusted, set by the authority (never by the relay):
   * `{ anchors: [CA certificate, PEM or base64 DER], thumbprints: [RFC 7638 SHA-256 thumbprint] }`, as a
   * property or as JSON in the `key-trust` attribute. For production the anchor is the Verwaltungs-PKI root.
   */
  declare keyTrust: KeyTrust | undefined;
  /** AGS (8 digits) or ARS (12 digits) of the receiving office. */
  declare authority: string;
  /**
   * `off` (default); `local`: answers are saved in this browser as they are entered and offered on return,
   * and progress can be saved to and loaded from a file; `file`: the file part only. Uploads are never saved.
   */
  declare drafts: 'off' | 'local' | 'file';
  /** Days a local draft is kept (default 7). */
  declare draftDays: number;
  /** Largest upload in MB (default 10); a larger file is refused at once with a message that says so. */
  declare maxFileSize: number;
  /**
   * Largest request the endpoint accepts, in MB (default 30, the reference receiver's limit for answers with
   * attachments): a larger submission is not sent, and the citizen is told which files to remove or shrink.
   */
  declare maxRequestSize: number;
  /** Authority settings passed to the service (fees, creditworthiness parameters, …). */
  declare config: unknown;
  /** Answers known beforehand (e.g. identity data from the portal's login); values the schema rejects are dropped. */
  declare prefill: Record<string, unknown> | undefined;
  declare langAttribute: string | null;

  declare protected phase: Phase;
  declare protected summary: SummaryEntry[];
  declare protected sending: boolean;
  declare protected sendFailure: SendFailure | undefined;
  declare protected receipt: Receipt | undefined;
  declare protected announcement: string;

  protected engine: FormEngine | undefined;
  private unsubscribe: (() => void) | undefined;
  private returnToReview = false;
  /** The warnings of the step as last rendered, in its language: one that appears on the same step is announced. */
  private shownWarnings: { page: string; texts: string[] } | undefined;
  private pendingFocus: Focus | undefined;
  private focusDone: Promise<void> = Promise.resolve();
  private draftsAttached: Promise<void> = Promise.resolve();
  private fieldsReady = false;
  /** Set from the first moment of a sending to its end: the one sending there is, and how to cancel it. */
  private sendController: AbortController | undefined;
  /** Kept across retries: it is the idempotency key, so a retry after a lost answer stores nothing twice. */
  private submissionId: string | undefined;
  private createdAt: string | undefined;
  private readonly langObserver = new MutationObserver(() => this.applyLang());
  private readonly draftsController = new DraftsController(this);

  constructor() {
    super();
    this.endpoint = '';
    this.adapter = 'http';
    this.authority = '';
    this.drafts = 'off';
    this.draftDays = 7;
    this.maxFileSize = 10;
    this.maxRequestSize = 30;
    this.langAttribute = null;
    this.phase = 'form';
    this.summary = [];
    this.sending = false;
    this.sendFailure = undefined;
    this.receipt = undefined;
    this.announcement = '';
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.fieldsReady) {
      void fieldsLoaded.then(() => {
        this.fieldsReady = true;
        this.requestUpdate();
      });
    }
    this.applyLang();
    this.langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.langObserver.disconnect();
  }

  private applyLang(): void {
    const lang = resolveLang(this);
    if (lang !== getLocale()) void setLocale(lang);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('langAttribute')) this.applyLang();
    if (changed.has('spec') && this.spec) {
      this.unsubscribe?.();
      this.engine = new FormEngine(this.spec.definition, this.spec.loadValidator());
      this.unsubscribe = this.engine.subscribe(() => this.requestUpdate());
    }
    if (this.engine && this.prefill && (changed.has('spec') || changed.has('prefill'))) this.engine.prefill(this.prefill);
    if (this.engine && (changed.has('spec') || changed.has('drafts') || changed.has('authority') || changed.has('draftDays'))) {
      this.draftsAttached = this.draftsController.attach(this.engine);
    }
    this.announceNewWarnings();
  }

  /**
   * A warning that appears because of an answer is read out once, through the one live region; a warning that is
   * there when the step is shown is read with the step, like any text (a live region would speak it on every load).
   */
  private announceNewWarnings(): void {
    const engine = this.engine;
    if (!engine?.isReady || this.phase !== 'form') {
      this.shownWarnings = undefined;
      return;
    }
    const page = `${engine.currentStepId} ${getLocale()}`;
    const texts = warningsIn(engine.view().children, this.contentContext());
    const before = this.shownWarnings;
    this.shownWarnings = { page, texts };
    if (before?.page !== page) return;
    const added = texts.filter((text) => !before.texts.includes(text));
    if (added.length > 0) this.announcement = added.map((text) => `${msg('Wichtig:')} ${text}`).join(' ');
  }

  protected override updated(): void {
    const focus = this.pendingFocus;
    if (!focus) return;
    this.pendingFocus = undefined;
    this.focusDone = this.moveFocus(focus);
  }

  /**
   * `updateComplete` also waits for the field kit, the validator and the drafts to arrive and for focus to land
   * (which may need a field element's own first render).
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    await fieldsLoaded;
    await this.engine?.ready;
    await this.draftsAttached;
    const result = await super.getUpdateComplete();
    await this.focusDone;
    return result;
  }

  private async moveFocus(focus: Focus): Promise<void> {
    const root = this.shadowRoot!;
    const target =
      focus.kind === 'heading'
        ? root.querySelector<HTMLElement>('h2[tabindex]')
        : focus.kind === 'summary'
          ? root.querySelector<HTMLElement>('.error-summary')
          : focus.kind === 'field'
            ? root.getElementById(focus.id)
            : root.querySelector<HTMLElement>(focus.selector);
    if (!target) return;
    if (target instanceof LitElement) await target.updateComplete;
    target.focus();
    target.scrollIntoView({ block: 'center' });
  }

  // ---- drafts (see DraftsController) ----------------------------------------------------------------------

  get draftEngine(): FormEngine | undefined {
    return this.engine;
  }

  resumeAt(stepId: string, announcement: string): void {
    const engine = this.engine!;
    const visible = engine.visibleSteps();
    engine.goTo(visible.some((s) => s.id === stepId) ? stepId : visible[0]!.id);
    this.phase = 'form';
    this.summary = [];
    this.announcement = announcement;
    this.pendingFocus = { kind: 'heading' };
    this.stepChanged();
  }

  // ---- steps ----------------------------------------------------------------------------------------------

  private stepChanged(): void {
    const engine = this.engine!;
    const steps = engine.visibleSteps();
    const onReview = this.phase === 'review';
    const position = this.positionOf(onReview ? 'review' : engine.currentStepId);
    const detail: StepChangeDetail = {
      stepId: onReview ? 'review' : engine.currentStepId,
      position,
      count: engine.pageCount(),
      title: onReview ? msg('Angaben prüfen') : (steps.find((s) => s.id === engine.currentStepId)?.title() ?? ''),
    };
    this.dispatchEvent(new CustomEvent('efa-step-change', { detail, bubbles: true, composed: true }));
  }

  /** "Schritt 2 von 9 Wer gibt die Erklärung ab?": the heading of the page shown. */
  private pageTitle(): string {
    const engine = this.engine!;
    const onReview = this.phase === 'review';
    const title = onReview ? msg('Prüfen Sie Ihre Angaben') : engine.view().def.title();
    return `${progressText(this.positionOf(onReview ? 'review' : engine.currentStepId), engine.pageCount())} ${title}`;
  }

  /**
   * 1-based position among the pages: the steps, the review page, then a confirmation step (see
   * `StepDef.confirmation`), which comes after the review.
   */
  private positionOf(page: string): number {
    const steps = this.engine!.visibleSteps();
    const beforeReview = steps.filter((s) => !s.confirmation).length;
    if (page === 'review') return beforeReview + 1;
    const index = steps.findIndex((s) => s.id === page);
    return steps[index]?.confirmation ? beforeReview + 2 : index + 1;
  }

  private async next(event?: Event): Promise<void> {
    event?.preventDefault();
    const engine = this.engine!;
    await engine.ready;
    this.summary = engine.checkStep();
    if (this.summary.length > 0) {
      this.pendingFocus = { kind: 'summary' };
      return;
    }
    if (engine.view().def.confirmation) {
      this.returnToReview = false;
      return this.submit();
    }
    const following = engine.stepAfter(engine.currentStepId);
    if (this.returnToReview || !following || following.confirmation) {
      this.returnToReview = false;
      this.phase = 'review';
    } else {
      engine.goTo(following.id);
    }
    this.announcement = '';
    this.pendingFocus = { kind: 'heading' };
    this.stepChanged();
  }

  /**
   * Enter in a text input continues, as in a plain HTML form. The inputs live in the fields' shadow roots,
   * outside this form, so the browser's implicit submission does not reach it.
   */
  private submitOnEnter(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.defaultPrevented || event.isComposing) return;
    if (this.engine!.view().def.confirmation) return; // sending is never a side effect of Enter
    const origin = event.composedPath()[0];
    if (origin instanceof HTMLInputElement && origin.type !== 'file') {
      event.preventDefault();
      void this.next();
    }
  }

  private back(): void {
    const engine = this.engine!;
    this.summary = [];
    if (this.phase === 'review') {
      this.phase = 'form';
    } else if (engine.view().def.confirmation) {
      this.phase = 'review';
    } else {
      const previous = engine.stepBefore(engine.currentStepId);
      if (!previous) return;
      engine.goTo(previous.id);
    }
    // Focus goes to the heading, but the focused "Zurück" may vanish in the same render (on the first step, or
    // coming from the review): then Orca takes the heading as focused without a focus event and says nothing.
    this.announcement = this.pageTitle();
    this.pendingFocus = { kind: 'heading' };
    this.stepChanged();
  }

  /** A confirmation is given on its page each time: one ticked earlier (or restored from a draft) does not count. */
  private toConfirmation(stepId: string): void {
    const engine = this.engine!;
    for (const field of fieldsIn(engine.view(stepId).children)) engine.set(field.pointer, undefined);
    engine.goTo(stepId);
    this.phase = 'form';
    this.pendingFocus = { kind: 'heading' };
    this.stepChanged();
  }

  /**
   * "Ändern" on the review: focus goes to the field, so the step it is on is said through the announcer (the field
   * speaks its own label); a step change by "Weiter" or "Zurück" focuses the step heading instead.
   */
  private change(stepId: string, fieldId: string): void {
    const engine = this.engine!;
    engine.goTo(stepId);
    this.phase = 'form';
    this.returnToReview = true;
    this.announcement = this.pageTitle();
    this.pendingFocus = { kind: 'field', id: fieldId };
    this.stepChanged();
  }

  private focusField(event: Event, id: string): void {
    event.preventDefault();
    const field = this.shadowRoot!.getElementById(id);
    field?.focus();
    field?.scrollIntoView({ block: 'center' });
  }

  // ---- input from the fields ------------------------------------------------------------------------------

  private onInput(view: FieldView, event: Event): void {
    const value = (event.currentTarget as HTMLElement & { value: unknown }).value;
    this.engine!.set(view.pointer, fromFieldValue(view.def, value));
  }

  private onChange(view: FieldView): void {
    this.engine!.fieldLeft(view.pointer);
  }

  private addItem(group: GroupView): void {
    const index = this.engine!.addItem(group.pointer);
    this.announcement = group.def.repeat!.added(index);
    const first = this.engine!.view().children;
    const item = findGroup(first, group.pointer)?.items?.[index];
    const firstField = item && firstFieldIn(item.children);
    if (firstField) this.pendingFocus = { kind: 'field', id: firstField.id };
  }

  private removeItem(group: GroupView, index: number): void {
    this.engine!.removeItem(group.pointer, index);
    this.announcement = group.def.repeat!.removed(index);
    this.pendingFocus = { kind: 'element', selector: `[data-add="${group.id}"]` };
  }

  // ---- sending --------------------------------------------------------------------------------------------

  /** Adapters (and the receipt parser) load when first needed, not with the first step. */
  private async resolveAdapter(): Promise<Adapter> {
    if (typeof this.adapter === 'object') return this.adapter;
    if (this.adapter === 'event') return (await import('../../src/adapters/event.js')).eventAdapter(this);
    if (this.adapter === 'fit-connect') {
      // Encrypted in this browser; `endpoint` is the relay that holds the FIT-Connect client credentials.
      return (await import('../../src/adapters/fit-connect.js')).fitConnectAdapter({
        relay: this.endpoint || '/api/fit-connect',
        trust: this.keyTrust ?? {},
      });
    }
    const { httpAdapter } = await import('../../src/adapters/http.js');
    return httpAdapter({ endpoint: this.endpoint || '/api/submissions' });
  }

  private buildSubmission(): Submission {
    const spec = this.spec!;
    const engine = this.engine!;
    this.submissionId ??= randomUuid();
    this.createdAt ??= new Date().toISOString();
    const today = this.createdAt.slice(0, 10);
    const data = spec.derive ? spec.derive(engine.submissionData(), this.config as never, today) : engine.submissionData();
    const attachments = engine.attachmentReferences() as Submission['attachments'];
    return {
      id: this.submissionId,
      service: spec.service as Submission['service'],
      schemaVersion: spec.definition.schemaVersion,
      createdAt: this.createdAt,
      locale: getLocale(),
      ...(this.authority ? { authority: this.authority } : {}),
      data,
      attachments,
    };
  }

  private async submit(): Promise<void> {
    // Taken before the first `await`: clicks in the same moment find it and send nothing more.
    if (this.sendController) return;
    const controller = new AbortController();
    this.sendController = controller;
    try {
      await this.send(controller.signal);
    } finally {
      this.sendController = undefined;
      this.sending = false;
    }
  }

  private async send(signal: AbortSignal): Promise<void> {
    const engine = this.engine!;
    await engine.ready;
    const invalid = engine.firstInvalidStep();
    if (invalid) {
      this.showProblems(invalid.id, engine.checkStep(invalid.id));
      return;
    }
    const submission = this.buildSubmission();
    const files = engine.attachments();
    const size = requestBytes(submission, files);
    const limit = this.maxRequestSize * MIB;
    if (size > limit) {
      this.failed(new SubmitError('too-large', 'The submission is larger than the endpoint accepts.', { limit }), files, size);
      return;
    }
    this.sending = true;
    this.sendFailure = undefined;
    try {
      const adapter = await this.resolveAdapter();
      if (!adapter.ownsSubmitEvent) {
        const proceed = this.dispatchEvent(
          new CustomEvent('efa-submit', { detail: { submission, files }, bubbles: true, composed: true, cancelable: true }),
        );
        if (!proceed) return;
      }
      this.receipt = await untilAborted(adapter.submit(submission, { files, signal }), signal);
      this.draftsController.submitted();
      this.phase = 'done';
      this.pendingFocus = { kind: 'heading' };
      this.dispatchEvent(new CustomEvent('efa-submitted', { detail: { receipt: this.receipt, submission }, bubbles: true, composed: true }));
    } catch (cause) {
      const error = cause instanceof SubmitError ? cause : new SubmitError('network', String(cause), { cause });
      this.dispatchEvent(new CustomEvent('efa-submit-error', { detail: { error }, bubbles: true, composed: true }));
      this.failed(error, files, size);
    }
  }

  /** "Senden abbrechen": the answers stay; sending again later uses the same id, so nothing arrives twice. */
  private cancelSending(): void {
    this.sendController?.abort();
  }

  /**
   * After a changed resend: the corrected answers go as a new submission (a new id, so a new reference); the
   * earlier version stays with the office under its own reference.
   */
  private sendCorrection(): void {
    if (this.sendController) return;
    this.submissionId = undefined;
    this.createdAt = undefined;
    void this.submit();
  }

  /** Back to a step from the review page, its problems listed at the top; "Weiter" returns to the review. */
  private showProblems(stepId: string, summary: SummaryEntry[]): void {
    this.engine!.goTo(stepId);
    this.phase = 'form';
    this.returnToReview = true;
    this.summary = summary;
    this.pendingFocus = { kind: 'summary' };
    this.stepChanged();
  }

  private failed(error: SubmitError, files: ReadonlyMap<string, File>, size: number): void {
    const engine = this.engine!;
    if (error.failure === 'validation' && error.details.fieldErrors) {
      const step = engine.showExternalErrors(error.details.fieldErrors);
      if (step) {
        this.showProblems(step.id, engine.shownErrors(step.id));
        return;
      }
    }
    // A receiver that refuses without naming its limit has one below this size: then the largest file first.
    const shrink = error.failure === 'too-large' ? attachmentsToShrink(files.values(), size, error.details.limit ?? size - 1) : [];
    this.sendFailure = { error, shrink };
    this.pendingFocus = { kind: 'element', selector: '.send-error' };
  }

  /**
   * The printed summary is for the authority, so it is in German whatever language the form is used in:
   * switch, print, switch back.
   */
  private async printInGerman(): Promise<void> {
    const previous = getLocale();
    if (previous !== 'de') {
      await setLocale('de');
      await this.updateComplete;
    }
    window.print();
    if (previous !== 'de') await setLocale(previous);
  }

  // ---- rendering ------------------------------------------------------------------------------------------

  override render() {
    if (!this.engine) return nothing;
    const locale = getLocale();
    return html`<div class="form" part="form" lang=${locale} dir=${textDirection(locale)}>
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
      ${this.phase === 'done' ? this.renderConfirmation() : this.phase === 'review' ? this.renderReview() : this.renderStep()}
    </div>`;
  }

  private contentContext(): ContentContext {
    const engine = this.engine!;
    return { get: (pointer) => engine.visibleValue(pointer), config: this.config, today: engine.todayIso() };
  }

  private renderProgress(position: number, count: number | undefined): TemplateResult {
    // A line break, not a block: text after a block is joined to it without a space ("Schritt 2 von 8Wer …").
    return html`<span class="progress" part="progress">${progressText(position, count)}</span><br />`;
  }

  private renderStep(): TemplateResult {
    const engine = this.engine!;
    const view = engine.view();
    const position = this.positionOf(view.def.id);
    const hasPrevious = position > 1;
    const following = engine.stepAfter(view.def.id);
    const confirmation = view.def.confirmation;
    return html`<form novalidate @submit=${this.next} @keydown=${this.submitOnEnter}>
      ${this.draftsController.renderResumeOffer()} ${this.renderErrorSummary()}
      <h2 tabindex="-1">${this.renderProgress(position, engine.pageCount())} ${view.def.title()}</h2>
      ${(engine.isReady && this.fieldsReady) || view.children.every((node) => node.kind === 'content')
        ? this.renderNodes(view.children)
        : html`<p role="status">${msg('Das Formular wird geladen …')}</p>`}
      ${confirmation
        ? this.renderSendControls(confirmation.submitLabel(), 'submit')
        : html`<div class="actions">
            <button type="submit" class="primary" part="button primary-button">
              ${this.returnToReview || !following || following.confirmation ? msg('Weiter zur Übersicht') : msg('Weiter')}
            </button>
            ${hasPrevious ? html`<button type="button" class="secondary" part="button" @click=${this.back}>${msg('Zurück')}</button>` : nothing}
          </div>`}
      ${this.draftsController.renderFileActions()}
    </form>`;
  }

  private renderErrorSummary(): TemplateResult | typeof nothing {
    if (this.summary.length === 0) return nothing;
    // Focused, so read once with its list as description; not also a live region (an alert was read two or three times).
    return html`<div
      class="error-summary"
      part="error-summary"
      tabindex="-1"
      role="group"
      aria-labelledby="error-summary-title"
      aria-describedby="error-summary-list"
    >
      <h2 id="error-summary-title">${msg('Es gibt ein Problem')}</h2>
      <ul id="error-summary-list">
        ${this.summary.map(
          (entry) => html`<li><a href="#${entry.id}" @click=${(e: Event) => this.focusField(e, entry.id)}>${entry.message()}</a></li>`,
        )}
      </ul>
    </div>`;
  }

  private renderNodes(nodes: readonly NodeView[]): unknown[] {
    return nodes.map((node) =>
      node.kind === 'field' ? this.renderField(node) : node.kind === 'group' ? this.renderGroup(node) : renderBlocks(node.def.blocks(this.contentContext())),
    );
  }

  private renderGroup(group: GroupView): TemplateResult {
    const { def } = group;
    const hint = def.hint ? html`<p class="hint">${def.hint()}</p>` : nothing;
    if (!def.repeat) {
      if (!def.legend) return html`${this.renderNodes(group.children)}`;
      return html`<fieldset class="group"><legend>${def.legend()}</legend>${hint}${this.renderNodes(group.children)}</fieldset>`;
    }
    const repeat = def.repeat;
    return html`<fieldset class="group repeat" id=${group.id}>
      ${def.legend ? html`<legend>${def.legend()}</legend>` : nothing}${hint}
      ${group.items!.map(
        (item) => html`<fieldset class="item">
          <legend>${item.legend}</legend>
          ${this.renderNodes(item.children)}
          ${group.canRemove
            ? html`<button type="button" class="secondary" part="button" @click=${() => this.removeItem(group, item.index)}>
                ${repeat.removeLabel(item.index)}
              </button>`
            : nothing}
        </fieldset>`,
      )}
      ${group.canAdd
        ? html`<button type="button" class="secondary" part="button" data-add=${group.id} @click=${() => this.addItem(group)}>
            ${repeat.addLabel()}
          </button>`
        : nothing}
    </fieldset>`;
  }

  private renderField(view: FieldView): TemplateResult {
    const { def } = view;
    const common = {
      label: def.label(),
      hint: def.hint?.() ?? '',
      error: view.error?.() ?? '',
      optional: !view.required,
      autocomplete: def.autocomplete ?? '',
    };
    const value = toFieldValue(def, view.value);
    const onInput = (e: Event) => this.onInput(view, e);
    const onChange = () => this.onChange(view);
    const options = optionsOf(def);
    switch (def.kind) {
      case 'text':
      case 'integer':
        return html`<efa-text-field id=${view.id} exportparts=${FIELD_PARTS} .label=${common.label} .hint=${common.hint} .error=${common.error}
          ?optional=${common.optional} .autocomplete=${common.autocomplete} .value=${value} .type=${def.inputType ?? 'text'}
          .inputmode=${def.inputmode ?? (def.kind === 'integer' ? 'numeric' : '')}
          .width=${def.width ?? (def.kind === 'integer' ? 'short' : 'full')} @input=${onInput} @change=${onChange}></efa-text-field>`;
      case 'textarea':
        return html`<efa-textarea id=${view.id} exportparts=${FIELD_PARTS} .label=${common.label} .hint=${common.hint} .error=${common.error}
          ?optional=${common.optional} .value=${value} @input=${onInput} @change=${onChange}></efa-textarea>`;
      case 'amount':
        return html`<efa-amount-field id=${view.id} exportparts=${FIELD_PARTS} .label=${common.label} .hint=${common.hint} .error=${common.error}
          ?optional=${common.optional} .value=${value} @input=${onInput} @change=${onChange}></efa-amount-field>`;
      case 'date':
        return html`<efa-date-field id=${view.id} exportparts=${FIELD_PARTS} .label=${common.label} .hint=${common.hint} .error=${common.error}
          ?optional=${common.optional} .autocomplete=${common.autocomplete} .value=${value} @input=${onInput}
          @change=${onChange}></efa-date-field>`;
      case 'select':
        return html`<efa-select id=${view.id} exportparts=${FIELD_PARTS} .label=${common.label} .hint=${common.hint} .error=${common.error}
          ?optional=${common.optional} .autocomplete=${common.autocomplete} .options=${options} .value=${value}
          @input=${onInput} @change=${onChange}></efa-select>`;
      case 'combobox':
        return html`<efa-combobox id=${view.id} exportparts=${FIELD_PARTS} .label=${common.label} .hint=${common.hint} .error=${common.error}
          ?optional=${common.optional} .autocomplete=${common.autocomplete} .options=${options} .value=${value}
          @input=${onInput} @change=${onChange}></efa-combobox>`;
      case 'radio':
      case 'yesno':
        return html`<efa-radio-group id=${view.id} exportparts=${FIELD_PARTS} .label=${common.label} .hint=${common.hint} .error=${common.error}
          ?optional=${common.optional} .options=${options} ?inline=${def.inline ?? def.kind === 'yesno'} .value=${value}
          @input=${onInput} @change=${onChange}></efa-radio-group>`;
      case 'checkboxes':
        return html`<efa-checkbox-group id=${view.id} exportparts=${FIELD_PARTS} .label=${common.label} .hint=${common.hint} .error=${common.error}
          ?optional=${common.optional} .options=${options} .value=${value} @input=${onInput}
          @change=${onChange}></efa-checkbox-group>`;
      case 'consent':
        return html`<efa-consent id=${view.id} exportparts=${FIELD_PARTS} .label=${common.label} .hint=${common.hint} .error=${common.error}
          ?optional=${common.optional} .value=${value} @input=${onInput} @change=${onChange}></efa-consent>`;
      case 'file':
        return html`<efa-file-upload id=${view.id} exportparts=${FIELD_PARTS} .label=${common.label} .hint=${common.hint} .error=${common.error}
          ?optional=${common.optional} .value=${value} accept=${(def.accept ?? ['application/pdf', 'image/jpeg', 'image/png']).join(',')}
          .maxSize=${def.maxSize ?? this.maxFileSize * 1024 * 1024} ?multiple=${def.multiple ?? false} @input=${onInput}
          @change=${onChange}></efa-file-upload>`;
    }
  }

  private renderReviewSections(editable: boolean): TemplateResult[] {
    const engine = this.engine!;
    const locale = getLocale();
    return engine.visibleSteps().flatMap((step) => {
      if (step.confirmation) return [];
      const view = engine.view(step.id);
      const sections = summarize(view, locale);
      if (sections.length === 0) return [];
      const ids = new Map(fieldsIn(view.children).map((f) => [f.pointer, f.id]));
      return [
        html`<section class="review-step">
          <h3>${step.title()}</h3>
          ${sections.map(
            (section) => html`${section.heading ? html`<h4>${section.heading}</h4>` : nothing}
              <dl class="summary-list">
                ${section.rows.map(
                  (row) => html`<div class="row">
                    <dt>${row.label}</dt>
                    <dd>${row.value}</dd>
                    ${editable
                      ? html`<dd class="change">
                          <button type="button" class="link" part="button" @click=${() => this.change(step.id, ids.get(row.pointer)!)}>
                            ${msg('Ändern')}<span class="visually-hidden"> ${row.label}</span>
                          </button>
                        </dd>`
                      : nothing}
                  </div>`,
                )}
              </dl>`,
          )}
        </section>`,
      ];
    });
  }

  private renderReview(): TemplateResult {
    const engine = this.engine!;
    const confirmation = engine.visibleSteps().find((s) => s.confirmation);
    return html`<div class="review" part="review">
      <h2 tabindex="-1">${this.renderProgress(this.positionOf('review'), engine.pageCount())} ${msg('Prüfen Sie Ihre Angaben')}</h2>
      <p>${msg('Bitte prüfen Sie alles, bevor Sie es absenden. Mit „Ändern“ kommen Sie zur jeweiligen Angabe.')}</p>
      ${this.renderReviewSections(true)}
      ${confirmation
        ? html`<div class="actions">
            <button type="button" class="primary" part="button primary-button" @click=${() => this.toConfirmation(confirmation.id)}>
              ${msg('Weiter')}
            </button>
            <button type="button" class="secondary" part="button" @click=${this.back}>${msg('Zurück')}</button>
          </div>`
        : this.renderSendControls(msg('Verbindlich absenden'), 'button')}
    </div>`;
  }

  /**
   * What the sending page shows: a failure, the progress while sending and the send buttons. The sending page is the
   * review, or a confirmation step after it (`StepDef.confirmation`), where the primary button submits its form.
   */
  private renderSendControls(label: string, primaryType: 'button' | 'submit'): TemplateResult {
    const correction = this.sendFailure?.error.failure === 'changed-resend' && !this.sending;
    return html`${this.sendFailure ? this.renderSendFailure(this.sendFailure) : nothing}
      <p class="send-progress" role="status">
        ${this.sending ? msg('Ihre Angaben werden gesendet. Das dauert höchstens eine Minute, mit großen Dateien etwas länger.') : ''}
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
              aria-disabled=${this.sending ? 'true' : 'false'}
              @click=${primaryType === 'button' ? this.submit : nothing}
            >
              ${this.sending ? msg('Wird gesendet …') : this.sendFailure ? msg('Erneut senden') : label}
            </button>`}
        ${this.sending
          ? html`<button type="button" class="secondary" part="button" @click=${this.cancelSending}>${msg('Senden abbrechen')}</button>`
          : html`<button type="button" class="secondary" part="button" @click=${this.back}>${msg('Zurück')}</button>`}
      </div>`;
  }

  private renderSendFailure({ error, shrink }: SendFailure): TemplateResult {
    const locale = getLocale();
    const earlier = error.details.earlier?.reference;
    return html`<div class="send-error" part="send-error" role="alert" tabindex="-1">
      ${error.failure === 'changed-resend'
        ? html`<h3>${msg('Eine frühere Fassung ist schon angekommen')}</h3>
            <p>
              ${earlier
                ? msg(str`Eine frühere Fassung Ihrer Angaben ist bei der Behörde unter der Vorgangsnummer ${earlier} eingegangen. Ihre Änderungen danach sind dort nicht angekommen.`)
                : msg('Eine frühere Fassung Ihrer Angaben ist bei der Behörde eingegangen. Ihre Änderungen danach sind dort nicht angekommen.')}
              ${msg('Ihre Angaben hier sind nicht verloren.')}
            </p>
            <p>
              ${msg('Wenn die Behörde Ihre geänderten Angaben bekommen soll, senden Sie sie als Korrektur. Die Korrektur bekommt eine eigene Vorgangsnummer; nennen Sie bei Rückfragen beide Nummern.')}
            </p>`
        : html`<h3>${msg('Das Senden hat nicht geklappt')}</h3>
            <p>${sendErrorText(error, locale)}</p>`}
      ${shrink.length > 0
        ? html`<p>${msg('Entfernen oder verkleinern Sie zum Beispiel diese Dateien (etwa mit geringerer Auflösung eingescannt):')}</p>
            <ul class="shrink">
              ${shrink.map((file) => html`<li>${file.name} (${formatSize(file.size, locale)})</li>`)}
            </ul>
            <p>${msg('Mit „Ändern“ bei der jeweiligen Angabe kommen Sie zu den Dateien.')}</p>`
        : nothing}
    </div>`;
  }

  private renderConfirmation(): TemplateResult {
    const receipt = this.receipt!;
    const data = this.engine!.submissionData();
    return html`<div class="confirmation" part="confirmation">
      <div class="panel">
        <h2 tabindex="-1">${msg('Ihre Angaben wurden übermittelt')}</h2>
        <p>${msg('Ihre Vorgangsnummer')}<br /><strong class="reference">${receipt.reference}</strong></p>
      </div>
      <p>${msg('Bitte notieren Sie die Vorgangsnummer. Sie brauchen sie, wenn Sie sich an die Behörde wenden.')}</p>
      ${renderBlocks(this.spec!.nextSteps(data, receipt, this.config as never))}
      <div class="actions no-print">
        <button type="button" class="secondary" part="button" @click=${this.printInGerman}>${msg('Zusammenfassung auf Deutsch drucken')}</button>
      </div>
      <section class="printable">
        <h2>${msg('Ihre Angaben im Überblick')}</h2>
        ${this.renderReviewSections(false)}
      </section>
    </div>`;
  }
}

/** No total until the route (and with it the number of pages) is known. */
function progressText(position: number, count: number | undefined): string {
  return count === undefined ? msg(str`Schritt ${position}`) : msg(str`Schritt ${position} von ${count}`);
}

function renderBlocks(blocks: readonly ContentBlock[]): TemplateResult[] {
  return blocks.map((block) => {
    switch (block.kind) {
      case 'heading':
        return html`<h3>${block.text}</h3>`;
      case 'paragraph':
        return html`<p>${block.text}</p>`;
      case 'list':
        return html`<ul>${block.items.map((item) => html`<li>${item}</li>`)}</ul>`;
      case 'notice':
        return html`<div class="notice"><p>${block.text}</p></div>`;
      case 'warning':
        // Not a live region: one that appears because of an answer is announced by the shell (announceNewWarnings).
        return html`<div class="warning">
          <span class="icon" aria-hidden="true">!</span>
          <p><span class="visually-hidden">${msg('Wichtig:')}</span>${` ${block.text}`}</p>
        </div>`;
    }
  });
}

/**
 * The parts of the field kit, forwarded by every field the shell renders, so a page reaches them through the
 * service element: \`efa-verpflichtungserklaerung::part(label)\`.
 */
const FIELD_PARTS = 'label, hint, error, input, textarea, select, checkbox, radio, option, count, currency, popup, listbox, note, files, file, remove-button';

type FieldOption = { value: string; label: string; hint?: string; keywords?: string[] };

/** Options are rebuilt only when the language changes, so a field's options stay the same object between renders. */
const optionsCache = new WeakMap<FieldDef, { locale: string; options: FieldOption[] }>();

function optionsOf(def: FieldDef): FieldOption[] {
  const locale = getLocale();
  const cached = optionsCache.get(def);
  if (cached?.locale === locale) return cached.options;
  const options = buildOptions(def, locale);
  optionsCache.set(def, { locale, options });
  return options;
}

function buildOptions(def: FieldDef, locale: string): FieldOption[] {
  if (def.kind === 'yesno') {
    return [
      { value: 'true', label: msg('Ja') },
      { value: 'false', label: msg('Nein') },
    ];
  }
  if (def.codelist) {
    const list = def.codelist;
    // In another language the official German label stays findable as a keyword.
    return codeListEntries(list).filter((entry) => !def.excludeCodes?.includes(entry.code)).map((entry) => ({
      value: entry.code,
      label: codeLabelIn(list, entry.code, entry.label, locale),
      ...(locale === 'de' ? {} : { keywords: [entry.label] }),
    }));
  }
  return (def.options?.() ?? []).map((o) => ({ value: o.value, label: o.label(), ...(o.hint ? { hint: o.hint() } : {}) }));
}

function warningsIn(nodes: readonly NodeView[], context: ContentContext): string[] {
  return nodes.flatMap((node) =>
    node.kind === 'content'
      ? node.def.blocks(context).flatMap((block) => (block.kind === 'warning' ? [block.text] : []))
      : node.kind === 'group'
        ? [...warningsIn(node.children, context), ...(node.items ?? []).flatMap((item) => warningsIn(item.children, context))]
        : [],
  );
}

function fieldsIn(nodes: readonly NodeView[]): FieldView[] {
  return nodes.flatMap((node) =>
    node.kind === 'field'
      ? [node]
      : node.kind === 'group'
        ? [...fieldsIn(node.children), ...(node.items ?? []).flatMap((item) => fieldsIn(item.children))]
        : [],
  );
}

function firstFieldIn(nodes: readonly NodeView[]): FieldView | undefined {
  return fieldsIn(nodes)[0];
}

function findGroup(nodes: readonly NodeView[], pointer: string): GroupView | undefined {
  for (const node of nodes) {
    if (node.kind !== 'group') continue;
    if (node.pointer === pointer) return node;
    const inner = findGroup([...node.children, ...(node.items ?? []).flatMap((i) => i.children)], pointer);
    if (inner) return inner;
  }
  return undefined;
}

function sendErrorText(error: SubmitError, locale: string): string {
  switch (error.failure) {
    case 'network':
      return msg('Die Verbindung zur Behörde ist gerade nicht möglich. Ihre Angaben sind nicht verloren. Prüfen Sie Ihre Internetverbindung und senden Sie dann erneut.');
    case 'timeout':
      return msg('Die Behörde hat nicht rechtzeitig geantwortet. Ihre Angaben sind nicht verloren. Senden Sie bitte erneut: Falls sie doch angekommen sind, kommen sie nicht doppelt an.');
    case 'server':
      return msg('Der Server der Behörde ist gerade nicht erreichbar. Ihre Angaben sind nicht verloren. Versuchen Sie es in einigen Minuten erneut.');
    case 'aborted':
      return msg('Das Senden wurde abgebrochen. Ihre Angaben sind nicht verloren. Falls sie doch schon angekommen sind, kommen sie beim erneuten Senden nicht doppelt an.');
    case 'insecure-context':
      return msg('Diese Seite ist nicht sicher verschlüsselt (ihre Adresse beginnt nicht mit „https://“). Ohne diese Verschlüsselung kann Ihr Browser Ihre Angaben nicht geschützt an die Behörde senden. Ihre Angaben sind nicht verloren. Öffnen Sie die Seite mit „https://“ am Anfang der Adresse oder wenden Sie sich an die Behörde.');
    case 'untrusted-key':
      return msg('Der Schlüssel der Behörde konnte nicht überprüft werden. Damit Ihre Angaben nur die Behörde lesen kann, wurde nichts gesendet. Ihre Angaben sind nicht verloren. Bitte wenden Sie sich an die Behörde.');
    case 'service-not-offered':
      return msg('Die Behörde nimmt diesen Antrag auf diesem Weg derzeit nicht an. Es wurde nichts gesendet. Ihre Angaben sind nicht verloren. Bitte wenden Sie sich an die Behörde.');
    case 'too-large':
      return error.details.limit
        ? msg(str`Ihre Angaben sind mit allen Dateien zu groß zum Senden: Die Behörde nimmt höchstens ${formatSize(error.details.limit, locale)} an. Ihre Angaben sind nicht verloren.`)
        : msg('Ihre Angaben sind mit allen Dateien zu groß zum Senden. Ihre Angaben sind nicht verloren.');
    default:
      return msg('Ihre Angaben konnten nicht übermittelt werden. Ihre Angaben sind nicht verloren. Versuchen Sie es später erneut oder wenden Sie sich an die Behörde.');
  }
}

define('efa-form', EfaForm);

declare global {
  interface HTMLElementTagNameMap {
    'efa-form': EfaForm;
  }
}
