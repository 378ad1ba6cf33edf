// All efa-forms elements in one module.
import '../register-fields.js';
