/**
 * The field kit: importing this module defines every field element, and says which element shows each kind of
 * field. A new kind is one element and one row here; the shell binds what all fields share (id, label, hint,
 * error, optional, value, input/change) and sets a row's `properties` besides.
 */
import { literal, type StaticValue } from 'lit/static-html.js';
import type { FieldDef, FieldKind } from '../src/engine/definition.js';
import { optionsOf } from '../src/i18n/field-options.js';
import './efa-text-field/efa-text-field.js';
import './efa-textarea/efa-textarea.js';
import './efa-amount-field/efa-amount-field.js';
import './efa-date-field/efa-date-field.js';
import './efa-select/efa-select.js';
import './efa-combobox/efa-combobox.js';
import './efa-radio-group/efa-radio-group.js';
import './efa-checkbox-group/efa-checkbox-group.js';
import './efa-consent/efa-consent.js';
import './efa-file-upload/efa-file-upload.js';

/** What the embedding page decides for every field of a kind. */
export interface FieldSettings {
  /** Largest upload in bytes (`max-file-size`). */
  maxFileSize: number;
}

export interface FieldElementEntry {
  tag: StaticValue;
  properties?: (def: FieldDef, settings: FieldSettings) => Record<string, unknown>;
}

const autocomplete = (def: FieldDef) => ({ autocomplete: def.autocomplete ?? '' });
const choices = (def: FieldDef) => ({ options: optionsOf(def) });

export const fieldElements: Record<FieldKind, FieldElementEntry> = {
  text: {
    tag: literal`efa-text-field`,
    properties: (def) => ({ ...autocomplete(def), type: def.inputType ?? 'text', inputmode: def.inputmode ?? '', width: def.width ?? 'full' }),
  },
  integer: {
    tag: literal`efa-text-field`,
    properties: (def) => ({ ...autocomplete(def), inputmode: def.inputmode ?? 'numeric', width: def.width ?? 'short' }),
  },
  textarea: { tag: literal`efa-textarea` },
  amount: { tag: literal`efa-amount-field` },
  date: { tag: literal`efa-date-field`, properties: autocomplete },
  select: { tag: literal`efa-select`, properties: (def) => ({ ...autocomplete(def), ...choices(def) }) },
  combobox: { tag: literal`efa-combobox`, properties: (def) => ({ ...autocomplete(def), ...choices(def) }) },
  radio: { tag: literal`efa-radio-group`, properties: choices },
  yesno: { tag: literal`efa-radio-group`, properties: (def) => ({ ...choices(def), inline: true }) },
  checkboxes: { tag: literal`efa-checkbox-group`, properties: choices },
  consent: { tag: literal`efa-consent` },
  file: {
    tag: literal`efa-file-upload`,
    properties: (def, { maxFileSize }) => ({ maxSize: maxFileSize, multiple: def.multiple ?? false }),
  },
};
