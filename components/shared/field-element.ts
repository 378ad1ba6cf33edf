import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { base, tokens } from './tokens.styles.js';
import { fieldStyles, widthStyles } from './field.styles.js';

/**
 * What every field of the kit shares: label, hint, "(optional)" marking, the error with a visually hidden
 * "Fehler:" prefix, `aria-invalid`/`aria-describedby` wiring, and the event contract.
 *
 * Events, as native controls have them: `input` (bubbles, composed) whenever `value` changes by the user,
 * and `change` when the user leaves the field after changing it — the moment the form validates it. A field
 * holds no form data of its own: the form sets `value` and `error`, the field reports what the user did.
 *
 * Every field is form-associated, so it also works inside a page's own `<form>`: with a `name` it adds its
 * value to the form's data (a list as one entry per item, files as files), `reset()` empties it, a disabled
 * fieldset disables it, and while it shows an error the form is invalid. Custom states for CSS:
 * `:state(invalid)`, `:state(optional)`, `:state(touched)` (left after a change) and `:state(user-invalid)`.
 */
export abstract class EfaFieldElement<V> extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [tokens, base, fieldStyles, widthStyles];

  static override properties = {
    label: {},
    hint: {},
    error: {},
    optional: { type: Boolean },
    disabled: { type: Boolean, reflect: true },
    name: {},
    autocomplete: {},
    formDisabled: { state: true },
  };

  /** Visible label (or legend, for groups of controls). */
  declare label: string;
  /** Hint below the label, read out with the control. */
  declare hint: string;
  /** Error message; when set the field is marked invalid. Says what to do, e.g. "Geben Sie Ihr Geburtsdatum ein". */
  declare error: string;
  /** Marks the field "(optional)"; required fields are the norm and carry no marker. */
  declare optional: boolean;
  declare disabled: boolean;
  /** Name of the value in a host form's data; also passed to the native control (helps autofill). */
  declare name: string;
  /** An HTML `autocomplete` token, e.g. `family-name`, `bday`, `email`. */
  declare autocomplete: string;
  declare value: V | undefined;
  /** Disabled by a disabled ancestor fieldset (or the `disabled` attribute), as the host form sees it. */
  declare private formDisabled: boolean;

  protected readonly internals: ElementInternals;
  private changedSinceFocus = false;
  private touched = false;

  constructor() {
    super();
    this.label = '';
    this.hint = '';
    this.error = '';
    this.optional = false;
    this.disabled = false;
    this.name = '';
    this.autocomplete = '';
    this.formDisabled = false;
    this.internals = this.attachInternals();
    updateWhenLocaleChanges(this);
    // Focus moves inside the shadow root never reach the host, so a host focusout means the field was left.
    this.addEventListener('focusout', () => {
      if (!this.changedSinceFocus) return;
      this.changedSinceFocus = false;
      this.touched = true;
      this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      this.requestUpdate();
    });
    // A field that shows an error is invalid for a host form (customError, see `updated`), so its
    // checkValidity() and requestSubmit() hold back the submission. The browser's own report of it — a bubble
    // in the browser's language and focus moved to the anchor — is cancelled here: the field already shows the
    // message in the page, in the user's language, tied to its control. So a host form needs no `novalidate`
    // for that; with `novalidate` it submits whatever the fields say, as with native controls (the shell's own
    // form is such a one: it validates through its engine).
    this.addEventListener('invalid', (event) => event.preventDefault());
  }

  formResetCallback(): void {
    this.value = undefined;
    this.touched = false;
    this.requestUpdate();
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  /**
   * The browser gives back what `formState` kept when the user returns to the page (Back, a restored tab). The
   * field reports it as a change of the user's, so that whoever owns the data hears of it. Autofill fills the
   * native control inside instead, so the mode `autocomplete` never carries our state.
   */
  formStateRestoreCallback(state: string | File | FormData | null, mode: 'restore' | 'autocomplete'): void {
    if (mode === 'restore' && typeof state === 'string') this.userPicked(JSON.parse(state) as V);
  }

  /** What the browser keeps to restore the field: the value as JSON. */
  protected formState(): string | null {
    return this.value === undefined ? null : JSON.stringify(this.value);
  }

  /**
   * The field's entries in a host form's data: one per item of a list (ticked options, files), else the value
   * as text. Entries, not a string, so that a `name` set as a property counts as well as the attribute.
   */
  private formEntries(): FormData | null {
    if (!this.name || this.value === undefined) return null;
    const entries = new FormData();
    for (const item of ([] as unknown[]).concat(this.value)) {
      entries.append(this.name, item instanceof File ? item : String(item));
    }
    return entries;
  }

  protected get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  /**
   * The user changed the value in a native control. Its own `input` event is composed, so it already reaches
   * the form, after this handler ran at the control.
   */
  protected userTyped(value: V | undefined): void {
    this.value = value;
    this.changedSinceFocus = true;
  }

  /** The user changed the value by an action no native `input` event reports (pick from a list, remove a file). */
  protected userPicked(value: V | undefined): void {
    this.userTyped(value);
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  /** The error the field shows: the form's. */
  protected get shownError(): string {
    return this.error;
  }

  protected get invalid(): boolean {
    return this.shownError !== '';
  }

  /**
   * The ids that describe a control: its own hint first (an option's, say), then the field's hints and error.
   * Groups put them on every input, not on the fieldset: screen readers (Orca) read a fieldset's description
   * when focus enters the group, not when it lands on one of its inputs from an error link.
   */
  protected describedBy(ownHint?: string): string | typeof nothing {
    const ids = [ownHint ?? '', ...this.hintIds, this.invalid ? 'error' : ''].filter(Boolean).join(' ');
    return ids || nothing;
  }

  /** The ids of what `renderHint` shows. */
  protected get hintIds(): string[] {
    return this.hint ? ['hint'] : [];
  }

  protected renderLabelText(): TemplateResult {
    // Spaces before a binding sit inside its text: Chromium leaves a whitespace-only text node next to Lit's
    // markers out of what it reads ("Geburtsname(optional)", "Fehler:Geben Sie …").
    return html`${this.label}${this.optional ? html`<span class="optional">${` ${msg('(optional)')}`}</span>` : nothing}`;
  }

  protected renderHint(): TemplateResult | typeof nothing {
    return this.hint ? html`<p id="hint" class="hint" part="hint">${this.hint}</p>` : nothing;
  }

  protected renderError(): TemplateResult | typeof nothing {
    return this.invalid
      ? html`<p id="error" class="error" part="error"><span class="visually-hidden">${msg('Fehler:')}</span>${` ${this.shownError}`}</p>`
      : nothing;
  }

  // After every render, so the error's anchor (the first control) exists and a reset or a private state change
  // (a file refused by the upload) is covered too.
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.internals.setFormValue(this.formEntries(), this.formState());
    const anchor = this.renderRoot.querySelector<HTMLElement>('input, select, textarea') ?? undefined;
    this.internals.setValidity(this.invalid ? { customError: true } : {}, this.shownError, anchor);
    const states: Array<[string, boolean]> = [
      ['invalid', this.invalid],
      ['optional', this.optional],
      ['touched', this.touched],
      ['user-invalid', this.touched && this.invalid],
    ];
    for (const [state, on] of states) {
      if (on) this.internals.states.add(state);
      else this.internals.states.delete(state);
    }
  }
}
