// The citizen's status page for one submission: `<efa-status>`, with the fields it uses.
export { EfaStatus } from '../efa-status/efa-status.js';
// What a portal's own back end for it throws (`backend`, a `CaseBackend`).
export { CaseError } from '../efa-status/case-api.js';
export type * from '../public-types.js';
