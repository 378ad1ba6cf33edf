import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { define } from '../define.js';
import { EfaFieldElement } from '../shared/field-element.js';

/**
 * @summary A single-line text field: names, numbers, e-mail, phone.
 *
 * @event input - The user changed the value.
 * @event change - The user left the field after changing it.
 * @csspart label - The label.
 * @csspart hint - The hint below the label.
 * @csspart error - The error message.
 * @csspart input - The native input.
 * @cssprop --efa-input-max-width - Widest the input grows.
 */
export class EfaTextField extends EfaFieldElement<string> {
  static override properties = {
    ...EfaFieldElement.properties,
    value: {},
    type: {},
    inputmode: {},
    maxlength: { type: Number },
    spellcheck: { type: Boolean },
    width: {},
    readonly: { type: Boolean },
  };

  /** `text` (default), `email` or `tel`: chooses the on-screen keyboard, never browser validation. */
  declare type: 'text' | 'email' | 'tel';
  declare inputmode: string;
  declare maxlength: number | undefined;
  /** Expected length, as a width hint: `short` (postcode, house number) or `medium` (ID numbers). */
  declare width: 'short' | 'medium' | 'full';
  /** Shown but not changeable (an answer the page vouches for); still focusable and read out with its label and hint. */
  declare readonly: boolean;

  constructor() {
    super();
    this.type = 'text';
    this.inputmode = '';
    this.width = 'full';
    this.spellcheck = false;
    this.readonly = false;
  }

  override render() {
    return html`<div class="field ${this.invalid ? 'invalid' : ''}">
      <label for="control" part="label">${this.renderLabelText()}</label>
      ${this.renderHint()} ${this.renderError()}
      <input
        id="control"
        part="input"
        class=${this.width}
        type=${this.type}
        name=${ifDefined(this.name || undefined)}
        autocomplete=${ifDefined(this.autocomplete || undefined)}
        inputmode=${ifDefined(this.inputmode || undefined)}
        maxlength=${ifDefined(this.maxlength)}
        spellcheck=${this.spellcheck ? 'true' : 'false'}
        aria-describedby=${this.describedBy()}
        aria-invalid=${this.invalid ? 'true' : 'false'}
        ?disabled=${this.isDisabled}
        ?readonly=${this.readonly}
        .value=${live(this.value ?? '')}
        @input=${(e: Event) => this.userTyped((e.target as HTMLInputElement).value)}
      />
    </div>`;
  }
}

define('efa-text-field', EfaTextField);

declare global {
  interface HTMLElementTagNameMap {
    'efa-text-field': EfaTextField;
  }
}
