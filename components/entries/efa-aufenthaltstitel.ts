// The residence-permit application as one module.
import '../efa-aufenthaltstitel/efa-aufenthaltstitel.js';
