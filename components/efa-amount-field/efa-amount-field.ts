import { html, nothing, type PropertyValues } from 'lit';
import { msg } from '@lit/localize';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { define } from '../define.js';
import { EfaFieldElement } from '../shared/field-element.js';
import { getLocale } from '../../src/i18n/locale.js';
import { amountValue } from '../../src/engine/values.js';
import { amountFieldStyles } from './efa-amount-field.styles.js';

/** Whether the locale writes the currency before the amount (`€1.00`) or after it (`1,00 €`). */
function currencyFirst(locale: string): boolean {
  const parts = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).formatToParts(1);
  return parts.findIndex((part) => part.type === 'currency') < parts.findIndex((part) => part.type === 'integer');
}

/**
 * @summary An amount of money in euros, typed the way the user's language writes numbers.
 *
 * The value is a decimal amount string (`"1250.50"`, see `src/engine/money.ts`) when the text reads as an amount
 * in the active locale, else the text as typed (so the schema flags it and nothing is lost). While the input has focus nothing is reformatted; when the user leaves
 * it, a number is shown with two decimals. The visible "€" is hidden from screen readers, which hear
 * "in Euro" with the label instead — so labels should not name the currency.
 *
 * @event input - The user changed the value.
 * @event change - The user left the field after changing it.
 * @csspart label - The label.
 * @csspart hint - The hint below the label.
 * @csspart error - The error message.
 * @csspart input - The native input.
 * @csspart currency - The visible "€".
 */
export class EfaAmountField extends EfaFieldElement<string> {
  static override styles = [...EfaFieldElement.styles, amountFieldStyles];

  static override properties = {
    ...EfaFieldElement.properties,
    value: { attribute: false },
  };

  /**
   * While the input has focus: the text in it and the value that text stands for. A different value was set
   * from outside and replaces the text. Without focus the input shows the value, formatted.
   */
  private editing: { text: string; value: string | undefined } | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.editing && changed.has('value') && this.value !== this.editing.value) {
      this.editing = { text: this.shown(), value: this.value };
    }
  }

  private shown(): string {
    return amountValue.format(this.value, getLocale());
  }

  private onInput(event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    const value = amountValue.parse(text, getLocale());
    this.editing = { text, value };
    this.userTyped(value);
  }

  override render() {
    const currency = html`<span class="currency" part="currency" aria-hidden="true">€</span>`;
    const prefix = currencyFirst(getLocale());
    return html`<div class="field ${this.invalid ? 'invalid' : ''}">
      <label for="control" part="label"
        >${this.renderLabelText()}<span class="visually-hidden"> ${msg('in Euro')}</span></label
      >
      ${this.renderHint()} ${this.renderError()}
      <div class="amount">
        ${prefix ? currency : nothing}
        <input
          id="control"
          part="input"
          type="text"
          inputmode="decimal"
          spellcheck="false"
          name=${ifDefined(this.name || undefined)}
          autocomplete=${ifDefined(this.autocomplete || undefined)}
          aria-describedby=${this.describedBy()}
          aria-invalid=${this.invalid ? 'true' : 'false'}
          ?disabled=${this.isDisabled}
          .value=${live(this.editing?.text ?? this.shown())}
          @focus=${(event: Event) => (this.editing = { text: (event.target as HTMLInputElement).value, value: this.value })}
          @blur=${() => {
            this.editing = undefined;
            this.requestUpdate();
          }}
          @input=${this.onInput}
        />
        ${prefix ? nothing : currency}
      </div>
    </div>`;
  }
}

define('efa-amount-field', EfaAmountField);

declare global {
  interface HTMLElementTagNameMap {
    'efa-amount-field': EfaAmountField;
  }
}
