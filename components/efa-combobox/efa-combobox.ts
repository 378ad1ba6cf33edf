import { html, nothing, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { msg, str } from '@lit/localize';
import { define } from '../define.js';
import { EfaFieldElement } from '../shared/field-element.js';
import { getLocale } from '../../src/i18n/locale.js';
import { plural } from '../../src/i18n/plural.js';
import { comboboxStyles } from './efa-combobox.styles.js';

/** One entry of a code list. `keywords` are found too but never shown (other names, abbreviations). */
export interface ComboboxOption {
  value: string;
  label: string;
  keywords?: string[];
}

interface Searchable {
  option: ComboboxOption;
  label: string;
  keywords: string[];
}

/** More rows than this make phones stutter and nobody scans them; typing narrows the list instead. */
const MAX_ROWS = 50;
/** Wait for typing to settle before announcing, so a screen reader is not interrupted at every keystroke. */
const ANNOUNCE_DELAY = 800;


/** Case- and diacritics-insensitive form: "Türkei" and "turkei" fold alike, "ß" to "ss", ’ to '. */
function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[’‘`´]/g, "'")
    .trim();
}

function atWordStart(text: string, query: string): boolean {
  for (let i = text.indexOf(query); i !== -1; i = text.indexOf(query, i + 1)) {
    if (i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1]!)) return true;
  }
  return false;
}

/** 0: the label starts with the query, 1: a word (of label or keywords) does, 2: it occurs anywhere. */
function rank(entry: Searchable, query: string): number | undefined {
  if (entry.label.startsWith(query)) return 0;
  const texts = [entry.label, ...entry.keywords];
  if (texts.some((text) => atWordStart(text, query))) return 1;
  if (texts.some((text) => text.includes(query))) return 2;
  return undefined;
}

function search(entries: Searchable[], query: string): Searchable[] {
  const folded = fold(query);
  if (!folded) return entries;
  return entries
    .map((entry) => ({ entry, rank: rank(entry, folded) }))
    .filter((hit): hit is { entry: Searchable; rank: number } => hit.rank !== undefined)
    .sort((a, b) => a.rank - b.rank)
    .map((hit) => hit.entry);
}

/**
 * @summary A searchable single choice from a long code list (nationality, country): the WAI-ARIA 1.2
 * combobox with a listbox popup and list autocomplete.
 *
 * Typing filters the options (case and accents do not matter; matches at the start of a word come first).
 * Arrow keys open the list and move through it, Enter or a click picks, Escape closes the list and a second
 * Escape clears the text. Leaving the field with text that is exactly one option's label picks that option;
 * any other text stays visible and `value` is `undefined`, so the form can ask the user to choose from the list.
 *
 * @event input - The user picked an option, or edited the text so that the previous choice no longer holds.
 * @event change - The user left the field after changing it.
 * @csspart label - The label.
 * @csspart hint - The hint below the label.
 * @csspart error - The error message.
 * @csspart input - The text input (role combobox).
 * @csspart popup - The box that opens below the input.
 * @csspart listbox - The list of options.
 * @csspart option - One option.
 * @csspart note - "No results" or "first 50 shown" note in the popup.
 * @cssprop --efa-input-max-width - Widest the input (and its popup) grows.
 */
export class EfaCombobox extends EfaFieldElement<string> {
  static override styles = [...EfaFieldElement.styles, comboboxStyles];

  static override properties = {
    ...EfaFieldElement.properties,
    value: {},
    options: { attribute: false },
    query: { state: true },
    open: { state: true },
    active: { state: true },
    announcement: { state: true },
  };

  /** The options, listed alphabetically by label. */
  declare options: ComboboxOption[];
  /** The text in the input: the chosen option's label, or what the user typed. */
  declare private query: string;
  declare private open: boolean;
  /** Index (into the shown rows) of the option highlighted by the arrow keys, -1 for none. */
  declare private active: number;
  declare private announcement: string;

  private searchable: Searchable[] = [];
  private hits: Searchable[] = [];
  /** The text was typed in since the field got focus; decides whether leaving resolves it. */
  private edited = false;
  private announceTimer: number | undefined;

  constructor() {
    super();
    this.options = [];
    this.query = '';
    this.open = false;
    this.active = -1;
    this.announcement = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.announceTimer);
  }

  override formResetCallback(): void {
    super.formResetCallback();
    this.query = '';
  }

  private get shown(): Searchable[] {
    return this.hits.slice(0, MAX_ROWS);
  }

  private get expanded(): boolean {
    return this.open && this.hits.length > 0;
  }

  // Untyped maps: `PropertyValues<this>` does not know the private state keys.
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed as PropertyValues<this>);
    if (changed.has('options')) {
      const collator = new Intl.Collator(getLocale());
      this.searchable = [...this.options]
        .sort((a, b) => collator.compare(a.label, b.label))
        .map((option) => ({ option, label: fold(option.label), keywords: (option.keywords ?? []).map(fold) }));
    }
    // A value set from outside (or options arriving later) shows that option's label. A value that became
    // undefined leaves the text alone: what the user typed is never lost.
    if ((changed.has('value') || changed.has('options')) && this.value !== undefined) {
      const chosen = this.options.find((option) => option.value === this.value);
      if (chosen) this.query = chosen.label;
    }
    if (changed.has('query') || changed.has('options')) this.hits = search(this.searchable, this.query);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed as PropertyValues<this>);
    if (changed.has('active') && this.active >= 0) {
      this.renderRoot.querySelector(`#option-${this.active}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  private resultText(): string {
    const total = this.hits.length;
    if (total === 0) return msg('Keine Ergebnisse – prüfen Sie die Schreibweise');
    if (total > MAX_ROWS) {
      return msg(
        str`${MAX_ROWS} von ${total} Ergebnissen werden angezeigt. Geben Sie weitere Buchstaben ein, um die Liste einzugrenzen.`,
      );
    }
    return plural(total, {
      zero: () => msg(str`${total} Ergebnisse`, { id: 'combobox.ergebnisse.zero' }),
      one: () => msg(str`${total} Ergebnis`, { id: 'combobox.ergebnisse.one' }),
      two: () => msg(str`${total} Ergebnisse`, { id: 'combobox.ergebnisse.two' }),
      few: () => msg(str`${total} Ergebnisse`, { id: 'combobox.ergebnisse.few' }),
      many: () => msg(str`${total} Ergebnisse`, { id: 'combobox.ergebnisse.many' }),
      other: () => msg(str`${total} Ergebnisse`, { id: 'combobox.ergebnisse.other' }),
    });
  }

  private onInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    this.open = true;
    this.active = -1;
    this.edited = true;
    if (this.value !== undefined) this.userTyped(undefined);
    clearTimeout(this.announceTimer);
    this.announceTimer = window.setTimeout(() => {
      this.announcement = this.resultText();
    }, ANNOUNCE_DELAY);
  }

  private onKeydown(event: KeyboardEvent): void {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        this.move(event.key === 'ArrowDown' ? 1 : -1);
        break;
      case 'Enter': {
        const entry = this.expanded ? this.shown[this.active] : undefined;
        if (entry) {
          event.preventDefault();
          this.pick(entry.option);
        }
        break;
      }
      case 'Escape':
        if (this.open) {
          event.preventDefault();
          this.close();
        } else if (this.query) {
          event.preventDefault();
          this.query = '';
          if (this.value !== undefined) this.userPicked(undefined);
        }
        break;
      // These move the caret in the text, so the highlight goes back to the input.
      case 'Home':
      case 'End':
      case 'ArrowLeft':
      case 'ArrowRight':
        this.active = -1;
        break;
    }
  }

  private move(step: 1 | -1): void {
    const count = this.shown.length;
    if (!this.open) {
      this.open = true;
      if (count === 0) return;
      const chosen = this.shown.findIndex((entry) => entry.option.value === this.value);
      this.active = chosen >= 0 ? chosen : step === 1 ? 0 : count - 1;
    } else if (count > 0) {
      this.active = this.active < 0 ? (step === 1 ? 0 : count - 1) : (this.active + step + count) % count;
    }
  }

  private close(): void {
    clearTimeout(this.announceTimer);
    this.open = false;
    this.active = -1;
    this.announcement = '';
  }

  private pick(option: ComboboxOption): void {
    this.close();
    this.edited = false;
    this.query = option.label;
    if (option.value !== this.value) this.userPicked(option.value);
  }

  private onFocusout(): void {
    this.close();
    if (!this.edited) return;
    this.edited = false;
    const folded = fold(this.query);
    const exact = this.searchable.filter((entry) => entry.label === folded);
    if (exact.length === 1) {
      this.pick(exact[0]!.option);
    } else if (folded) {
      // No option fits the text: value stays undefined, and marking the field changed makes the form
      // validate it on leaving (and ask the user to choose from the list).
      this.userTyped(undefined);
    }
  }

  override render() {
    const shown = this.shown;
    const popup = this.open && (shown.length > 0 || fold(this.query) !== '');
    return html`<div class="field ${this.invalid ? 'invalid' : ''}">
      <label id="label" for="control" part="label">${this.renderLabelText()}</label>
      ${this.renderHint()} ${this.renderError()}
      <div class="control">
        <input
          id="control"
          part="input"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded=${this.expanded ? 'true' : 'false'}
          aria-controls="listbox"
          aria-activedescendant=${this.expanded && this.active >= 0 ? `option-${this.active}` : nothing}
          aria-describedby=${this.describedBy()}
          aria-invalid=${this.invalid ? 'true' : 'false'}
          name=${ifDefined(this.name || undefined)}
          autocomplete=${this.autocomplete || 'off'}
          autocapitalize="off"
          spellcheck="false"
          ?disabled=${this.isDisabled}
          .value=${live(this.query)}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @focusout=${this.onFocusout}
        />
        <div class="popup" part="popup" ?hidden=${!popup} @mousedown=${(event: Event) => event.preventDefault()}>
          <ul id="listbox" role="listbox" part="listbox" aria-labelledby="label" ?hidden=${!this.expanded}>
            ${shown.map(
              ({ option }, index) =>
                html`<li
                  id="option-${index}"
                  role="option"
                  part="option"
                  class="${index === this.active ? 'active' : ''} ${option.value === this.value ? 'chosen' : ''}"
                  aria-selected=${index === this.active ? 'true' : nothing}
                  @click=${() => this.pick(option)}
                >
                  ${option.label}${option.value === this.value ? html`<span class="check" aria-hidden="true">✓</span>` : nothing}
                </li>`,
            )}
          </ul>
          ${shown.length === 0 || this.hits.length > MAX_ROWS ? html`<p class="note" part="note">${this.resultText()}</p>` : nothing}
        </div>
      </div>
      <div class="visually-hidden" role="status">${this.announcement}</div>
    </div>`;
  }
}

define('efa-combobox', EfaCombobox);

declare global {
  interface HTMLElementTagNameMap {
    'efa-combobox': EfaCombobox;
  }
}
