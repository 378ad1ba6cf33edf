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
 */
export abstract class EfaFieldElement<V> extends LitElement {
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
  /** Name passed to the native control (helps autofill). */
  declare name: string;
  /** An HTML `autocomplete` token, e.g. `family-name`, `bday`, `email`. */
  declare autocomplete: string;
  declare value: V | undefined;

  private changedSinceFocus = false;

  constructor() {
    super();
    this.label = '';
    this.hint = '';
    this.error = '';
    this.optional = false;
    this.disabled = false;
    this.name = '';
    this.autocomplete = '';
    updateWhenLocaleChanges(this);
    // Focus moves inside the shadow root never reach the host, so a host focusout means the field was left.
    this.addEventListener('focusout', () => {
      if (!this.changedSinceFocus) return;
      this.changedSinceFocus = false;
      this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    });
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

  protected get invalid(): boolean {
    return this.error !== '';
  }

  /**
   * The ids that describe a control: its own hint first (an option's, say), then the field's hint and error.
   * Groups put them on every input, not on the fieldset: screen readers (Orca) read a fieldset's description
   * when focus enters the group, not when it lands on one of its inputs from an error link.
   */
  protected describedBy(ownHint?: string): string | typeof nothing {
    const ids = [ownHint ?? '', this.hint ? 'hint' : '', this.invalid ? 'error' : ''].filter(Boolean).join(' ');
    return ids || nothing;
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
      ? html`<p id="error" class="error" part="error"><span class="visually-hidden">${msg('Fehler:')}</span>${` ${this.error}`}</p>`
      : nothing;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('error')) this.toggleAttribute('invalid', this.invalid);
  }
}
