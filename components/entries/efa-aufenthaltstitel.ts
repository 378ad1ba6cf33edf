// The residence-permit application as one module.
export { EfaAufenthaltstitel } from '../efa-aufenthaltstitel/efa-aufenthaltstitel.js';
export type * from '../public-types.js';
