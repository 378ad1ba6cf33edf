import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { plural } from '../../src/i18n/plural.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { define } from '../define.js';
import { EfaFieldElement } from '../shared/field-element.js';
import { textareaStyles } from './efa-textarea.styles.js';

/** How long typing must pause before the remaining characters are announced (GOV.UK character count). */
const ANNOUNCE_DELAY_MS = 1000;

/**
 * @summary Long free text, with an optional character count after the GOV.UK "character count" pattern.
 *
 * With `maxlength` the field shows how many characters are left, announces it politely once typing pauses,
 * and lets the user type past the limit (to paste and then shorten) — the form's schema rejects the excess.
 *
 * @event input - The user changed the value.
 * @event change - The user left the field after changing it.
 * @csspart label - The label.
 * @csspart hint - The hint below the label.
 * @csspart error - The error message.
 * @csspart textarea - The native textarea.
 * @csspart count - The visible character count.
 * @cssprop --efa-input-max-width - Widest the textarea grows.
 */
export class EfaTextarea extends EfaFieldElement<string> {
  static override styles = [...EfaFieldElement.styles, textareaStyles];

  static override properties = {
    ...EfaFieldElement.properties,
    value: {},
    maxlength: { type: Number },
    rows: { type: Number },
    announcement: { state: true },
  };

  /** Most characters allowed; shows the character count. The user can still type more (see above). */
  declare maxlength: number | undefined;
  declare rows: number;
  declare private announcement: string;

  private announceTimer: number | undefined;

  constructor() {
    super();
    this.rows = 5;
    this.announcement = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.announceTimer);
  }

  /** Characters as the schema counts them (code points, so an emoji is one). */
  private get remaining(): number | undefined {
    return this.maxlength === undefined ? undefined : this.maxlength - [...(this.value ?? '')].length;
  }

  private countMessage(remaining: number): string {
    if (remaining >= 0) {
      return plural(remaining, {
        zero: () => msg(str`Sie haben noch ${remaining} Zeichen`, { id: 'textarea.verbleibend.zero' }),
        one: () => msg(str`Sie haben noch ${remaining} Zeichen`, { id: 'textarea.verbleibend.one' }),
        two: () => msg(str`Sie haben noch ${remaining} Zeichen`, { id: 'textarea.verbleibend.two' }),
        few: () => msg(str`Sie haben noch ${remaining} Zeichen`, { id: 'textarea.verbleibend.few' }),
        many: () => msg(str`Sie haben noch ${remaining} Zeichen`, { id: 'textarea.verbleibend.many' }),
        other: () => msg(str`Sie haben noch ${remaining} Zeichen`, { id: 'textarea.verbleibend.other' }),
      });
    }
    const over = -remaining;
    return plural(over, {
      zero: () => msg(str`Sie haben ${over} Zeichen zu viel`, { id: 'textarea.zuviel.zero' }),
      one: () => msg(str`Sie haben ${over} Zeichen zu viel`, { id: 'textarea.zuviel.one' }),
      two: () => msg(str`Sie haben ${over} Zeichen zu viel`, { id: 'textarea.zuviel.two' }),
      few: () => msg(str`Sie haben ${over} Zeichen zu viel`, { id: 'textarea.zuviel.few' }),
      many: () => msg(str`Sie haben ${over} Zeichen zu viel`, { id: 'textarea.zuviel.many' }),
      other: () => msg(str`Sie haben ${over} Zeichen zu viel`, { id: 'textarea.zuviel.other' }),
    });
  }

  private onInput(event: Event): void {
    this.userTyped((event.target as HTMLTextAreaElement).value);
    if (this.maxlength === undefined) return;
    clearTimeout(this.announceTimer);
    this.announceTimer = window.setTimeout(() => {
      this.announcement = this.countMessage(this.remaining!);
    }, ANNOUNCE_DELAY_MS);
  }

  override render() {
    const remaining = this.remaining;
    const over = remaining !== undefined && remaining < 0;
    const base = this.describedBy();
    const describedBy =
      [base === nothing ? '' : base, remaining === undefined ? '' : 'limit'].filter(Boolean).join(' ') || undefined;
    return html`<div class="field ${this.invalid ? 'invalid' : ''}">
      <label for="control" part="label">${this.renderLabelText()}</label>
      ${this.renderHint()} ${this.renderError()}
      <textarea
        id="control"
        part="textarea"
        class=${over ? 'over' : ''}
        rows=${this.rows}
        name=${ifDefined(this.name || undefined)}
        autocomplete=${ifDefined(this.autocomplete || undefined)}
        aria-describedby=${ifDefined(describedBy)}
        aria-invalid=${this.invalid ? 'true' : 'false'}
        ?disabled=${this.isDisabled}
        .value=${live(this.value ?? '')}
        @input=${this.onInput}
      ></textarea>
      ${remaining === undefined
        ? nothing
        : html`<p id="limit" class="visually-hidden">${msg(str`Sie können bis zu ${this.maxlength} Zeichen eingeben`)}</p>
            <p class="count ${over ? 'over' : ''}" part="count" aria-hidden="true">${this.countMessage(remaining)}</p>
            <p class="visually-hidden" aria-live="polite">${this.announcement}</p>`}
    </div>`;
  }
}

define('efa-textarea', EfaTextarea);

declare global {
  interface HTMLElementTagNameMap {
    'efa-textarea': EfaTextarea;
  }
}
