// The types a page or an integration written in TypeScript uses with every efa element: events, the adapter
// interface, the submission, the authority settings. Each entry re-exports them (types only, no code).
export type * from './efa-form/events.js';
export type { Adapter, Receipt, Submission, SubmitError, SubmitFailure, SubmitOptions } from '../src/adapters/adapter.js';
export type { CaseBackend, CaseFailure, CaseMessage, CaseView, IdentityCase } from './efa-status/case-api.js';
export type { VerpflichtungserklaerungConfig } from '../src/services/verpflichtungserklaerung/config.js';
export type { AuthenticatedIdentity, TrustLevel } from '../src/services/common/identity.js';
export type { ComboboxOption } from './efa-combobox/efa-combobox.js';
