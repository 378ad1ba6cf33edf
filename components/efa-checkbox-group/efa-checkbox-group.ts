import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { define } from '../define.js';
import { EfaFieldElement } from '../shared/field-element.js';
import { choiceStyles } from '../shared/choice.styles.js';

/**
 * @summary Any number of options, as native checkboxes in a fieldset whose legend is the question.
 *
 * The value lists the ticked options' values in the order shown, `undefined` when none is ticked. Ticking
 * reports `input`; leaving the group after a change reports `change`.
 *
 * @event input - The user ticked or unticked an option.
 * @event change - The user left the group after changing it.
 * @csspart label - The legend.
 * @csspart hint - The hint below the legend.
 * @csspart error - The error message.
 * @csspart option - The row of one option (checkbox, label, hint).
 * @csspart checkbox - Each native checkbox.
 */
export class EfaCheckboxGroup extends EfaFieldElement<string[]> {
  static override styles = [...EfaFieldElement.styles, choiceStyles];

  static override properties = {
    ...EfaFieldElement.properties,
    value: { attribute: false },
    options: { attribute: false },
  };

  /** The options, in the order shown; `hint` is read out with its option. */
  declare options: ReadonlyArray<{ value: string; label: string; hint?: string }>;

  constructor() {
    super();
    this.options = [];
  }

  private onInput(): void {
    const ticked = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input:checked')].map((box) => box.value);
    this.userTyped(ticked.length > 0 ? ticked : undefined);
  }

  override render() {
    return html`<fieldset class="field ${this.invalid ? 'invalid' : ''}">
      <legend part="label">${this.renderLabelText()}</legend>
      ${this.renderHint()} ${this.renderError()}
      <div class="choices">
        ${this.options.map(
          (option, index) =>
            html`<div class="choice" part="option">
              <input
                type="checkbox"
                id="option-${index}"
                part="checkbox"
                name=${ifDefined(this.name || undefined)}
                value=${option.value}
                aria-describedby=${this.describedBy(option.hint ? `option-${index}-hint` : undefined)}
                aria-invalid=${this.invalid ? 'true' : 'false'}
                ?disabled=${this.isDisabled}
                .checked=${live(this.value?.includes(option.value) ?? false)}
                @input=${this.onInput}
              />
              <label for="option-${index}">${option.label}</label>
              ${option.hint ? html`<p id="option-${index}-hint" class="hint">${option.hint}</p>` : nothing}
            </div>`,
        )}
      </div>
    </fieldset>`;
  }
}

define('efa-checkbox-group', EfaCheckboxGroup);

declare global {
  interface HTMLElementTagNameMap {
    'efa-checkbox-group': EfaCheckboxGroup;
  }
}
