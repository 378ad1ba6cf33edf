import { html, type PropertyValues } from 'lit';
import { msg } from '@lit/localize';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { define } from '../define.js';
import { EfaFieldElement } from '../shared/field-element.js';
import { dateFieldStyles } from './efa-date-field.styles.js';
import { dateValue, type DateParts } from '../../src/engine/values.js';

type Part = keyof DateParts;

/**
 * @summary A date the user knows, such as a date of birth: day, month and year in three inputs (GOV.UK "date input").
 *
 * The value is an ISO date `YYYY-MM-DD` once all three parts are numbers; until then the parts as typed.
 * With `autocomplete="bday"` the parts carry `bday-day`, `bday-month` and `bday-year`.
 *
 * @event input - The user changed a part.
 * @event change - The user left the field after changing it.
 * @csspart label - The legend.
 * @csspart hint - The hint below the legend.
 * @csspart error - The error message.
 * @csspart input - Each of the three inputs.
 */
export class EfaDateField extends EfaFieldElement<string> {
  static override styles = [...EfaFieldElement.styles, dateFieldStyles];

  static override properties = {
    ...EfaFieldElement.properties,
    value: {},
  };

  private parts: DateParts = { day: '', month: '', year: '' };
  /** The value the parts stand for; a different value was set from outside and replaces them. */
  private partsValue: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('value') && this.value !== this.partsValue) {
      this.parts = dateValue.format(this.value);
      this.partsValue = this.value;
    }
  }

  private onInput(part: Part, event: Event): void {
    this.parts = { ...this.parts, [part]: (event.target as HTMLInputElement).value };
    this.partsValue = dateValue.parse(this.parts);
    this.userTyped(this.partsValue);
  }

  private renderPart(part: Part, label: string) {
    return html`<div class="part">
      <label for=${part}>${label}</label>
      <input
        id=${part}
        part="input"
        class=${part}
        type="text"
        inputmode="numeric"
        spellcheck="false"
        name=${ifDefined(this.name ? `${this.name}-${part}` : undefined)}
        autocomplete=${ifDefined(this.autocomplete === 'bday' ? `bday-${part}` : undefined)}
        aria-invalid=${this.invalid ? 'true' : 'false'}
        aria-describedby=${this.describedBy()}
        ?disabled=${this.isDisabled}
        .value=${live(this.parts[part])}
        @input=${(event: Event) => this.onInput(part, event)}
      />
    </div>`;
  }

  override render() {
    return html`<fieldset class="field ${this.invalid ? 'invalid' : ''}">
      <legend part="label">${this.renderLabelText()}</legend>
      ${this.renderHint()} ${this.renderError()}
      <div class="parts">
        ${this.renderPart('day', msg('Tag'))} ${this.renderPart('month', msg('Monat'))}
        ${this.renderPart('year', msg('Jahr'))}
      </div>
    </fieldset>`;
  }
}

define('efa-date-field', EfaDateField);

declare global {
  interface HTMLElementTagNameMap {
    'efa-date-field': EfaDateField;
  }
}
