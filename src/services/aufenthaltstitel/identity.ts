/**
 * The applicant's authenticated identity in the application for a residence permit (common/identity-form.ts does
 * what every service does with it). Loaded only once the element has an identity to apply or a submission to send.
 */
import type { FormEngine } from '../../engine/form-engine.js';
import type { AuthenticatedIdentity } from '../common/identity.js';
import { applyIdentity as applyToForm } from '../common/identity-form.js';
import { aufenthaltstitelIdentityFields as fields, identityIsApplicants } from './identity-fields.js';

/**
 * Puts the identity into the form: the applicant's answers locked while the signed-in person applies for
 * themselves (the element applies it again when that answer changes), and `authentifizierung` recorded.
 */
export function applyIdentity(engine: FormEngine, identity: AuthenticatedIdentity | undefined): void {
  applyToForm(engine, identity, fields, { fill: identityIsApplicants({ antragstellung: engine.visibleValue('/antragstellung') }) });
}
