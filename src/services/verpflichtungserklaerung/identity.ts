/**
 * The signer's authenticated identity in the Verpflichtungserklärung (common/identity-form.ts does what every
 * service does with it): the fully online mode opened at the authority's level. Loaded only once the element has
 * an identity to apply or a submission to send, never with the first step.
 */
import type { FormEngine } from '../../engine/form-engine.js';
import type { AuthenticatedIdentity, TrustLevel } from '../common/identity.js';
import { applyIdentity as applyToForm } from '../common/identity-form.js';
import { verpflichtungserklaerungIdentityFields as fields } from './identity-fields.js';
import type { VerpflichtungserklaerungConfig } from './config.js';

const LEVELS: readonly TrustLevel[] = ['substanziell', 'hoch'];

/** Whether the fully online declaration is offered to this identity under the authority's configuration. */
export function offersOnlineAbgabe(identity: AuthenticatedIdentity | undefined, config: VerpflichtungserklaerungConfig | undefined): boolean {
  const configured = config?.onlineAbgabe?.mindestVertrauensniveau;
  // A level the configuration misspells asks for the highest, never for less.
  const minimum = configured && LEVELS.includes(configured) ? configured : 'hoch';
  return identity !== undefined && LEVELS.indexOf(identity.trustLevel) >= LEVELS.indexOf(minimum);
}

/**
 * Puts the identity into the form: the declaring person's answers locked (a declaring organisation's person is not
 * asked, so nothing of it is submitted), the question how to declare asked or answered „vor Ort“, and
 * `authentifizierung` recorded (common/identity-form.ts).
 */
export function applyIdentity(engine: FormEngine, identity: AuthenticatedIdentity | undefined, config: VerpflichtungserklaerungConfig | undefined): void {
  if (offersOnlineAbgabe(identity, config)) engine.release('/abgabeart');
  else engine.preset('/abgabeart', 'vor-ort');
  applyToForm(engine, identity, fields, { fill: true });
}
