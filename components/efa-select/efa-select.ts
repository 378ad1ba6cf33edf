import { html } from 'lit';
import { msg } from '@lit/localize';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { define } from '../define.js';
import { EfaFieldElement } from '../shared/field-element.js';

/**
 * @summary A choice from a list too long for radios, as a native select with an empty first option.
 *
 * @event input - The user picked an option.
 * @event change - The user left the field after changing it.
 * @csspart label - The label.
 * @csspart hint - The hint below the label.
 * @csspart error - The error message.
 * @csspart select - The native select.
 * @cssprop --efa-input-max-width - Widest the select grows.
 */
export class EfaSelect extends EfaFieldElement<string> {
  static override properties = {
    ...EfaFieldElement.properties,
    value: {},
    options: { attribute: false },
  };

  /** The options, in the order shown. */
  declare options: ReadonlyArray<{ value: string; label: string }>;

  constructor() {
    super();
    this.options = [];
  }

  override render() {
    return html`<div class="field ${this.invalid ? 'invalid' : ''}">
      <label for="control" part="label">${this.renderLabelText()}</label>
      ${this.renderHint()} ${this.renderError()}
      <select
        id="control"
        part="select"
        name=${ifDefined(this.name || undefined)}
        autocomplete=${ifDefined(this.autocomplete || undefined)}
        aria-describedby=${this.describedBy()}
        aria-invalid=${this.invalid ? 'true' : 'false'}
        ?disabled=${this.isDisabled}
        @input=${(event: Event) => this.userTyped((event.target as HTMLSelectElement).value || undefined)}
      >
        <option value="" .selected=${live(!this.value)}>${msg('Bitte auswählen')}</option>
        ${this.options.map(
          (option) =>
            html`<option value=${option.value} .selected=${live(option.value === this.value)}>${option.label}</option>`,
        )}
      </select>
    </div>`;
  }
}

define('efa-select', EfaSelect);

declare global {
  interface HTMLElementTagNameMap {
    'efa-select': EfaSelect;
  }
}
