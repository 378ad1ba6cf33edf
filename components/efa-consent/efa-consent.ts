import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { define } from '../define.js';
import { EfaFieldElement } from '../shared/field-element.js';
import { choiceStyles } from '../shared/choice.styles.js';

/**
 * @summary One checkbox to acknowledge a statement, such as a legal notice: the label is the statement.
 *
 * The value is `true` when ticked, `undefined` otherwise, so a required acknowledgement fails validation
 * until the user ticks it.
 *
 * @event input - The user ticked or unticked the box.
 * @event change - The user left the field after changing it.
 * @csspart label - The statement.
 * @csspart hint - The hint below the statement.
 * @csspart error - The error message.
 * @csspart checkbox - The native checkbox.
 */
export class EfaConsent extends EfaFieldElement<boolean> {
  static override styles = [...EfaFieldElement.styles, choiceStyles];

  static override properties = {
    ...EfaFieldElement.properties,
    value: { attribute: false },
  };

  override render() {
    return html`<div class="field ${this.invalid ? 'invalid' : ''}">
      ${this.renderError()}
      <div class="choice">
        <input
          type="checkbox"
          id="control"
          part="checkbox"
          name=${ifDefined(this.name || undefined)}
          aria-describedby=${this.describedBy()}
          aria-invalid=${this.invalid ? 'true' : 'false'}
          ?disabled=${this.isDisabled}
          .checked=${live(this.value === true)}
          @input=${(event: Event) => this.userTyped((event.target as HTMLInputElement).checked || undefined)}
        />
        <label for="control" part="label">${this.renderLabelText()}</label>
        ${this.renderHint()}
      </div>
    </div>`;
  }
}

define('efa-consent', EfaConsent);

declare global {
  interface HTMLElementTagNameMap {
    'efa-consent': EfaConsent;
  }
}
