// All efa-forms elements in one module: the field kit, the form shell and every service.
import '../fields.js';
export { EfaTextField } from '../efa-text-field/efa-text-field.js';
export { EfaTextarea } from '../efa-textarea/efa-textarea.js';
export { EfaAmountField } from '../efa-amount-field/efa-amount-field.js';
export { EfaDateField } from '../efa-date-field/efa-date-field.js';
export { EfaSelect } from '../efa-select/efa-select.js';
export { EfaCombobox } from '../efa-combobox/efa-combobox.js';
export { EfaRadioGroup } from '../efa-radio-group/efa-radio-group.js';
export { EfaCheckboxGroup } from '../efa-checkbox-group/efa-checkbox-group.js';
export { EfaConsent } from '../efa-consent/efa-consent.js';
export { EfaFileUpload } from '../efa-file-upload/efa-file-upload.js';
export { EfaForm } from '../efa-form/efa-form.js';
export { EfaVerpflichtungserklaerung } from '../efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
export { EfaAufenthaltstitel } from '../efa-aufenthaltstitel/efa-aufenthaltstitel.js';
export { EfaStatus } from '../efa-status/efa-status.js';
export { CaseError } from '../efa-status/case-api.js';
export type * from '../public-types.js';
