// The field kit: importing this module defines every field element.
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
