/**
 * JSX typings of the efa elements for React 19, which sets a custom element's properties (objects too) and
 * listens to its events: `<efa-verpflichtungserklaerung endpoint="/api" config={…} onefa-submitted={(e) => …} />`.
 * Opt in with `/// <reference types="efa-forms/react" />` or `"types": ["efa-forms/react"]` in tsconfig.json.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { EfaFormEventMap } from '../efa-form/events.js';
import type { EfaForm } from '../efa-form/efa-form.js';
import type { EfaVerpflichtungserklaerung } from '../efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaAufenthaltstitel } from '../efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import type { EfaTextField } from '../efa-text-field/efa-text-field.js';
import type { EfaTextarea } from '../efa-textarea/efa-textarea.js';
import type { EfaAmountField } from '../efa-amount-field/efa-amount-field.js';
import type { EfaDateField } from '../efa-date-field/efa-date-field.js';
import type { EfaSelect } from '../efa-select/efa-select.js';
import type { EfaCombobox } from '../efa-combobox/efa-combobox.js';
import type { EfaRadioGroup } from '../efa-radio-group/efa-radio-group.js';
import type { EfaCheckboxGroup } from '../efa-checkbox-group/efa-checkbox-group.js';
import type { EfaConsent } from '../efa-consent/efa-consent.js';
import type { EfaFileUpload } from '../efa-file-upload/efa-file-upload.js';

/** The element's own public properties (not HTMLElement's, not methods), each optional. */
type OwnProperties<E> = {
  [K in Exclude<keyof E, keyof HTMLElement> as E[K] extends (...args: never[]) => unknown ? never : K]?: E[K];
};

/** React 19 turns `on<event>` on a custom element into a listener for `<event>`, name as written. */
type FormEvents = { [K in keyof EfaFormEventMap as `on${K}`]?: (event: EfaFormEventMap[K]) => void };

type Props<E> = DetailedHTMLProps<HTMLAttributes<E>, E> & OwnProperties<E>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'efa-form': Props<EfaForm> & FormEvents;
      'efa-verpflichtungserklaerung': Props<EfaVerpflichtungserklaerung> & FormEvents;
      'efa-aufenthaltstitel': Props<EfaAufenthaltstitel> & FormEvents;
      'efa-text-field': Props<EfaTextField>;
      'efa-textarea': Props<EfaTextarea>;
      'efa-amount-field': Props<EfaAmountField>;
      'efa-date-field': Props<EfaDateField>;
      'efa-select': Props<EfaSelect>;
      'efa-combobox': Props<EfaCombobox>;
      'efa-radio-group': Props<EfaRadioGroup>;
      'efa-checkbox-group': Props<EfaCheckboxGroup>;
      'efa-consent': Props<EfaConsent>;
      'efa-file-upload': Props<EfaFileUpload>;
    }
  }
}
