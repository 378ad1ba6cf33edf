import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { define } from '../define.js';
import { EfaFieldElement } from '../shared/field-element.js';
import { choiceStyles } from '../shared/choice.styles.js';
import { radioGroupStyles } from './efa-radio-group.styles.js';

/**
 * @summary One choice from a few options, as native radios in a fieldset whose legend is the question.
 *
 * Arrow keys move between the options, as with any radio group. Picking an option reports `input`; leaving
 * the group after a change reports `change`. `focus()` lands on the checked option, else on the first.
 *
 * @event input - The user picked an option.
 * @event change - The user left the group after changing it.
 * @csspart label - The legend.
 * @csspart hint - The hint below the legend.
 * @csspart error - The error message.
 * @csspart option - The row of one option (radio, label, hint).
 * @csspart radio - Each native radio.
 */
export class EfaRadioGroup extends EfaFieldElement<string> {
  static override styles = [...EfaFieldElement.styles, choiceStyles, radioGroupStyles];

  static override properties = {
    ...EfaFieldElement.properties,
    value: {},
    options: { attribute: false },
    inline: { type: Boolean, reflect: true },
  };

  /** The options, in the order shown; `hint` is read out with its option. */
  declare options: ReadonlyArray<{ value: string; label: string; hint?: string }>;
  /** Options side by side, for two short ones such as Ja / Nein. */
  declare inline: boolean;

  constructor() {
    super();
    this.options = [];
    this.inline = false;
  }

  // delegatesFocus alone would pick the first radio even when another one is checked.
  override focus(options?: FocusOptions): void {
    const radio =
      this.renderRoot.querySelector<HTMLInputElement>('input:checked') ?? this.renderRoot.querySelector('input');
    if (radio) radio.focus(options);
    else super.focus(options);
  }

  override render() {
    // role="radiogroup" is what lets aria-invalid apply to the group in ARIA 1.3; each radio carries it too,
    // because a screen reader reads the focused radio, not the group it entered (Orca: issue 21).
    return html`<fieldset
      class="field ${this.invalid ? 'invalid' : ''}"
      role="radiogroup"
      aria-invalid=${this.invalid ? 'true' : 'false'}
    >
      <legend part="label">${this.renderLabelText()}</legend>
      ${this.renderHint()} ${this.renderError()}
      <div class="choices">
        ${this.options.map(
          (option, index) =>
            html`<div class="choice" part="option">
              <input
                type="radio"
                id="option-${index}"
                part="radio"
                name=${this.name || 'option'}
                value=${option.value}
                aria-describedby=${this.describedBy(option.hint ? `option-${index}-hint` : undefined)}
                aria-invalid=${this.invalid ? 'true' : 'false'}
                ?disabled=${this.isDisabled}
                .checked=${live(option.value === this.value)}
                @input=${() => this.userTyped(option.value)}
              />
              <label for="option-${index}">${option.label}</label>
              ${option.hint ? html`<p id="option-${index}-hint" class="hint">${option.hint}</p>` : nothing}
            </div>`,
        )}
      </div>
    </fieldset>`;
  }
}

define('efa-radio-group', EfaRadioGroup);

declare global {
  interface HTMLElementTagNameMap {
    'efa-radio-group': EfaRadioGroup;
  }
}
