// All efa-forms elements in one module: the field kit, the form shell and every service.
import '../fields.js';
import '../efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import '../efa-aufenthaltstitel/efa-aufenthaltstitel.js';
