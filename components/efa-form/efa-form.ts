import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { define } from '../define.js';
import { base, tokens } from '../shared/tokens.styles.js';
import { buttonStyles } from '../shared/buttons.styles.js';
import { draftStyles, formStyles, languageStyles } from './efa-form.styles.js';
import type { ContentContext } from '../../src/engine/definition.js';
import { FormEngine, type EngineChange, type NodeView } from '../../src/engine/form-engine.js';
import { FormFlow } from '../../src/engine/flow.js';
import { fieldsIn } from '../../src/engine/tree.js';
import type { ServiceSpec } from '../../src/services/service.js';
import type { Adapter } from '../../src/adapters/adapter.js';
import type { KeyTrust } from '../../src/adapters/key-trust.js';
import { MIB } from '../../src/adapters/limits.js';
import { randomUuid } from '../../src/engine/random-uuid.js';
import { getLocale, textDirection } from '../../src/i18n/locale.js';
import { DraftsController } from './drafts-controller.js';
import { PageTexts, renderBlocks } from './content-blocks.js';
import { LangController } from './lang-controller.js';
import { PageController } from './page-controller.js';
import type { StepNodesContext } from './field-kit.js';
import type { SendingController } from './sending-controller.js';
import { paymentApiOf, returningPayment } from './payment-handle.js';
import type { PaymentPart, PaymentPartOptions } from './payment.js';

export type { StepChangeDetail } from './events.js';

/** Started once, when the shell's module is first evaluated (see field-kit.ts). */
const fieldKit = import('./field-kit.js');

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
  static override styles = [tokens, base, buttonStyles, formStyles, draftStyles, languageStyles];

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
    languages: {},
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
   * `tab` (default): the answers and the page are kept in this tab (`sessionStorage`) and come back after a reload,
   * or Back or Forward from another page; they are deleted once sent. `local`: also kept in this browser
   * across visits and offered on return, and progress can be saved to and loaded from a file. `file`: the tab and the
   * file. `none`: nothing is kept anywhere (shared computers). Uploads are never kept: leaving with uploads, or with
   * answers that could not be kept, asks first.
   */
  declare drafts: 'tab' | 'local' | 'file' | 'none';
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
  /**
   * The languages to offer in a switch inside the form, e.g. `de en uk ar`; none by default (portals with their own
   * switch need no second one). Choosing one changes the form's language, never the page's.
   */
  declare languages: string | undefined;

  protected engine: FormEngine | undefined;
  private flow: FormFlow | undefined;
  private unsubscribe: (() => void) | undefined;
  /** How fields render, once the field kit has loaded. */
  private kit: Awaited<typeof fieldKit> | undefined;
  private draftsAttached: Promise<void> = Promise.resolve();
  private readonly language = new LangController(this);
  private readonly pages = new PageController(this, () => this.sendingController!.submit());
  private readonly texts = new PageTexts(() => this.contentContext());
  private readonly draftsController = new DraftsController(this, this.pages, this.language);
  /** Sending, once the field kit (which brings it) has loaded: no page before the kit's has a send button. */
  private sendingController: SendingController | undefined;
  /** Paying the fee (payment.ts), once its module has loaded: after sending, or on the return from the payment service. */
  private payment: PaymentPart | undefined;
  /** The browser came back from the payment service: this page shows that payment instead of the form. */
  private paymentReturn = false;

  constructor() {
    super();
    this.endpoint = '';
    this.adapter = 'http';
    this.authority = '';
    this.drafts = 'tab';
    this.draftDays = 7;
    this.maxFileSize = 10;
    this.maxRequestSize = 30;
    this.langAttribute = null;
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const returning = returningPayment();
    if (returning && !this.payment) {
      this.paymentReturn = true;
      void this.loadPayment({ reference: returning, returning: true });
    }
    if (!this.kit) {
      void fieldKit.then((kit) => {
        this.kit = kit;
        this.sendingController ??= new kit.SendingController(this, () => ({ engine: this.engine!, flow: this.flow! }), {
          showProblems: (problems) => this.pages.showProblems(problems),
          ended: (outcome) => this.sendingEnded(outcome),
          newSubmissionId: () => this.newSubmissionId(),
          prepare: (submissionId, signal) => this.prepareSending(submissionId, signal),
        });
        this.requestUpdate();
      });
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('langAttribute')) void this.language.apply();
    if (changed.has('spec') && this.spec) {
      this.unsubscribe?.();
      this.engine = new FormEngine(this.spec.definition, this.spec.loadValidator(), { completeDefinition: this.spec.loadDefinition?.() });
      this.flow = new FormFlow(this.engine);
      this.unsubscribe = this.engine.subscribe((change) => this.answersChanged(change));
      this.pages.attach(this.engine, this.flow);
    }
    if (this.engine && this.prefill && (changed.has('spec') || changed.has('prefill'))) this.engine.prefill(this.prefill);
    if (this.engine && (changed.has('spec') || changed.has('drafts') || changed.has('authority') || changed.has('draftDays'))) {
      this.draftsAttached = this.draftsController.attach(this.engine);
    }
    this.texts.renew();
    this.announceChanges(false);
  }

  /** A key typed into a field that no text of the page reads needs no render: the field shows what was typed. */
  private answersChanged({ typed }: EngineChange): void {
    if (typed === undefined || this.texts.read(typed)) this.requestUpdate();
  }

  /** What a step's texts say anew is read out once, through the one live region (see `PageTexts.news`). */
  private announceChanges(fieldLeft: boolean): void {
    const engine = this.engine;
    if (!engine?.isReady || this.flow!.phase !== 'form') return this.texts.forget();
    const news = this.texts.news(engine.view().children, `${engine.currentStepId} ${getLocale()}`, fieldLeft);
    if (news) this.pages.announcement = news;
  }

  /**
   * `updateComplete` also waits for the field kit, the validator, the drafts, the language (and a wanted language
   * switch) to arrive and for focus to land (which may need a field element's own first render).
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    await fieldKit;
    await this.engine?.ready;
    await this.draftsAttached;
    await this.language.settled;
    await super.getUpdateComplete();
    await this.pages.settled;
    // Landing focus may have changed what is rendered (an announcement after the move).
    return super.getUpdateComplete();
  }

  /** Show a page (a step, or `review`) after answers were loaded or on Back, saying why (else its title) through the live region. */
  resumeAt(page: string, announcement?: string): void {
    this.pages.resumeAt(page, announcement);
  }

  /** The id a new submission is sent under; a service may have announced it before (see `prepareSending`). */
  protected newSubmissionId(): string {
    return randomUuid();
  }

  /**
   * Before each sending, with the submission's id: a service binds what belongs to it (the Verpflichtungserklärung
   * its identity token). A `SubmitError` thrown is the sending's failure, shown like any other.
   */
  protected async prepareSending(_submissionId: string, _signal: AbortSignal): Promise<void> {}

  private sendingEnded(outcome: 'sent' | 'failed'): void {
    if (outcome === 'sent') {
      this.draftsController.submitted();
      const { reference, accessCode } = this.sendingController!.receipt!;
      const api = paymentApiOf(this.endpoint, this.adapter);
      // Only a receiver with the return channel (an access code) can take the fee; it says whether it does.
      if (accessCode !== undefined && api !== undefined) void this.loadPayment({ reference, accessCode, api, returning: false });
    }
    this.pages.sendingEnded(outcome);
  }

  private async loadPayment(options: PaymentPartOptions): Promise<void> {
    const { PaymentPart } = await import('./payment.js');
    this.payment = new PaymentPart(this, options);
    this.requestUpdate();
  }

  // ---- rendering ------------------------------------------------------------------------------------------

  override render() {
    if (!this.engine) return nothing;
    const locale = getLocale();
    const phase = this.flow!.phase;
    return html`<div class="form" part="form" lang=${locale} dir=${textDirection(locale)}>
      <div class="visually-hidden" aria-live="polite">${this.pages.announcement}</div>
      ${this.language.renderSwitch(() => {
        this.pages.languageChanged(false);
        this.draftsController.languageChosen();
      })}
      ${this.paymentReturn
        ? (this.payment?.render() ?? loading())
        : phase === 'done'
          ? this.renderConfirmation()
          : phase === 'review'
            ? this.renderReview()
            : this.renderStep()}
    </div>`;
  }

  private contentContext(): ContentContext {
    const engine = this.engine!;
    return { get: (pointer) => engine.visibleValue(pointer), config: this.config, today: engine.todayIso() };
  }

  private renderHeading(title: string): TemplateResult {
    // A line break, not a block: text after a block is joined to it without a space ("Schritt 2 von 8Wer …").
    return html`<h2 tabindex="-1">
        <span class="progress" part="progress">${this.pages.progress()}</span><br />
        ${title}
      </h2>
      ${this.language.renderBindingNote(this.isBindingPage(), () => this.pages.languageChanged(true))}`;
  }

  /** Where the German text binds: legal notices, consents, the confirmation step and the review before sending. */
  private isBindingPage(): boolean {
    if (this.flow!.phase === 'review') return true;
    const view = this.engine!.view();
    return Boolean(view.def.legal || view.def.confirmation || fieldsIn(view.children).some((field) => field.def.kind === 'consent'));
  }

  private renderStep(): TemplateResult {
    const { pages } = this;
    // While the definition beyond its first step loads, a form that skips that step has nothing to show yet.
    if (this.engine!.visibleSteps().length === 0) return loading();
    const view = this.engine!.view();
    const confirmation = view.def.confirmation;
    return html`<form novalidate @submit=${(event: Event) => pages.next(event)} @keydown=${(event: KeyboardEvent) => pages.submitOnEnter(event)}>
      ${this.draftsController.renderResumeOffer()}
      ${pages.summary.length > 0 ? this.kit?.renderErrorSummary(pages.summary, (event, id) => pages.focusField(event, id)) : nothing}
      ${this.renderHeading(view.def.title())}
      ${this.renderNodes(view.children)}
      ${confirmation
        ? this.sendingController?.render(confirmation.submitLabel(), 'submit', () => pages.back())
        : html`<div class="actions">
            <button type="submit" class="primary" part="button primary-button">
              ${this.flow!.nextIsReview ? msg('Weiter zur Übersicht') : msg('Weiter')}
            </button>
            ${this.flow!.hasPrevious ? html`<button type="button" class="secondary" part="button" @click=${() => pages.back()}>${msg('Zurück')}</button>` : nothing}
          </div>`}
      ${this.draftsController.renderFileActions()}
    </form>`;
  }

  private renderReview(): TemplateResult {
    const { pages } = this;
    const heading = this.renderHeading(msg('Prüfen Sie Ihre Angaben'));
    if (!this.kit || !this.engine!.isReady) return html`${heading}${loading()}`;
    return this.kit.renderReviewPage({
      engine: this.engine!,
      heading,
      change: (stepId, fieldId) => pages.change(stepId, fieldId),
      toConfirmation: (stepId) => pages.toConfirmation(stepId),
      back: () => pages.back(),
      sendControls: () => this.sendingController!.render(msg('Verbindlich absenden'), 'button', () => pages.back()),
    });
  }

  private renderConfirmation(): TemplateResult {
    const { engine, kit } = this;
    const receipt = this.sendingController!.receipt!;
    return kit!.renderConfirmationPage({
      engine: engine!,
      receipt,
      nextSteps: this.spec!.nextSteps(engine!.submissionData(), receipt, this.config as never),
      print: () => kit!.printInGerman(engine!, this.language, this),
      alongside: this.language.alongside,
      payment: this.payment?.render() ?? nothing,
    });
  }

  /** A page of texts only (the start page) shows before the field kit and the validator have come. */
  private renderNodes(nodes: readonly NodeView[]): unknown {
    if (this.kit && this.engine!.isReady) return this.kit.renderNodes(nodes, this.stepNodesContext());
    if (nodes.every((node) => node.kind === 'content')) return nodes.map((node) => renderBlocks(this.texts.of(node.def)));
    return loading();
  }

  private stepNodesContext(): StepNodesContext {
    const engine = this.engine!;
    return {
      engine,
      maxFileSize: this.maxFileSize * MIB,
      texts: this.texts,
      fieldLeft: (view) => {
        engine.fieldLeft(view.pointer);
        this.announceChanges(true);
      },
      changedOnPage: (announcement, focus) => this.pages.changedOnPage(announcement, focus),
    };
  }
}

function loading(): TemplateResult {
  return html`<p role="status">${msg('Das Formular wird geladen …')}</p>`;
}

define('efa-form', EfaForm);

declare global {
  interface HTMLElementTagNameMap {
    'efa-form': EfaForm;
  }
}
