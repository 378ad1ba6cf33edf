import type { Receipt, Submission, SubmitError } from '../../src/adapters/adapter.js';
import type { EfaSubmitDetail } from '../../src/adapters/event.js';
import type { EfaIdentityRequestDetail } from '../../src/services/common/identity-form.js';

export type { EfaIdentityRequestDetail, EfaSubmitDetail };

export interface StepChangeDetail {
  stepId: string;
  /** 1-based position among the visible steps; the review page comes after the last. */
  position: number;
  /** How many pages the path has, review included; undefined until the answers that decide the path are given. */
  count: number | undefined;
  title: string;
}

export interface EfaSubmittedDetail {
  /** `receipt.reference` is what the citizen quotes. */
  receipt: Receipt;
  submission: Submission;
}

export interface EfaSubmitErrorDetail {
  /** `error.failure` says what went wrong; everything entered is kept. */
  error: SubmitError;
}

export interface EfaDraftSavedDetail {
  /** ISO 8601 timestamps. */
  savedAt: string;
  expiresAt: string;
}

/** The events every efa service element dispatches (all bubble and are composed, so any ancestor hears them). */
export interface EfaFormEventMap {
  'efa-step-change': CustomEvent<StepChangeDetail>;
  'efa-submit': CustomEvent<EfaSubmitDetail>;
  'efa-submitted': CustomEvent<EfaSubmittedDetail>;
  'efa-submit-error': CustomEvent<EfaSubmitErrorDetail>;
  'efa-draft-saved': CustomEvent<EfaDraftSavedDetail>;
}

/** The forms that take an identity (`<efa-verpflichtungserklaerung>`, `<efa-aufenthaltstitel>`) also ask the portal for it. */
export interface EfaIdentityFormEventMap extends EfaFormEventMap {
  'efa-identity-request': CustomEvent<EfaIdentityRequestDetail>;
}

declare global {
  // The events bubble and are composed: typing them for every element, the document and the window is what
  // makes `addEventListener('efa-submitted', …)` typed wherever a page listens.
  interface GlobalEventHandlersEventMap extends EfaIdentityFormEventMap {}
}
