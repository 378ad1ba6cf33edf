// The citizen's status page for one submission: `<efa-status>`, with the fields it uses.
export { EfaStatus } from '../efa-status/efa-status.js';
