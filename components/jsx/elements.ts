/**
 * What every JSX typing file (react.ts, preact.ts, solid.ts) says about the efa elements, read off the element
 * classes and EfaFormEventMap themselves. Each framework's file adds only its own attribute types and the
 * name under which it listens to an event.
 */
import type { EfaFormEventMap, EfaIdentityFormEventMap } from '../efa-form/events.js';
import type { EfaForm } from '../efa-form/efa-form.js';
import type { EfaIdentityForm } from '../efa-form/identity-form.js';
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
import type { EfaStatus } from '../efa-status/efa-status.js';

/** The efa elements by tag name. */
export interface EfaElements {
  'efa-form': EfaForm;
  'efa-verpflichtungserklaerung': EfaVerpflichtungserklaerung;
  'efa-aufenthaltstitel': EfaAufenthaltstitel;
  'efa-text-field': EfaTextField;
  'efa-textarea': EfaTextarea;
  'efa-amount-field': EfaAmountField;
  'efa-date-field': EfaDateField;
  'efa-select': EfaSelect;
  'efa-combobox': EfaCombobox;
  'efa-radio-group': EfaRadioGroup;
  'efa-checkbox-group': EfaCheckboxGroup;
  'efa-consent': EfaConsent;
  'efa-file-upload': EfaFileUpload;
  'efa-status': EfaStatus;
}

/** The element's own public properties (not HTMLElement's, not methods), each optional. */
type OwnProperties<E> = {
  [K in Exclude<keyof E, keyof HTMLElement> as E[K] extends (...args: never[]) => unknown ? never : K]?: E[K];
};

/** The events an element dispatches: the form events for every service element, and a service's own. */
type EventMapOf<E> = E extends EfaIdentityForm ? EfaIdentityFormEventMap : E extends EfaForm ? EfaFormEventMap : never;

/** Listeners for the form events, which only the service elements (EfaForm and its subclasses) dispatch. */
type FormEventListeners<E, ListenerPrefix extends string, Events = EventMapOf<E>> = [Events] extends [never]
  ? unknown
  : { [K in keyof Events as `${ListenerPrefix}${K & string}`]?: (event: Events[K]) => void };

/**
 * The props an efa element takes in JSX beyond the framework's own HTML attributes: its properties, which the
 * framework sets as properties (objects too), and a listener for each form event, named `<ListenerPrefix><event>`.
 */
export type EfaElementProps<E, ListenerPrefix extends string> = OwnProperties<E> & FormEventListeners<E, ListenerPrefix>;
