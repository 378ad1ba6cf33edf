// All efa-forms elements in one module.
import '../efa-text-field/efa-text-field.js';
