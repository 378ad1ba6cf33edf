/**
 * How long a test waits for something that loads on demand (the validator, a translation or an adapter
 * chunk). Unbundled in the test server these are many modules, and CI runs two test files at once.
 */
export const LOADING_MS = 10_000;
