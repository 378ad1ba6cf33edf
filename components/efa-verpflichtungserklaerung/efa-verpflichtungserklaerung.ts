import type { PropertyValues } from 'lit';
import { define } from '../define.js';
import { EfaForm } from '../efa-form/efa-form.js';
import { verpflichtungserklaerung } from '../../src/services/verpflichtungserklaerung/spec.js';
import type { VerpflichtungserklaerungConfig } from '../../src/services/verpflichtungserklaerung/config.js';
import type { AuthenticatedIdentity } from '../../src/services/common/identity.js';
import { randomUuid } from '../../src/engine/random-uuid.js';

/** Loaded when there is an identity to apply or a submission to send: not part of the first step. */
const identityModule = () => import('../../src/services/verpflichtungserklaerung/identity.js');

/**
 * @summary The Verpflichtungserklärung (§§ 66–68 AufenthG): a host's formal obligation to cover a foreign
 * guest's living costs, from the start page to the confirmation with the reference number.
 *
 * Attributes and events are those of the form shell (`endpoint`, `adapter`, `authority`, `lang`;
 * `efa-step-change`, `efa-submit`, `efa-submitted`, `efa-submit-error`). The `config` property takes a
 * `VerpflichtungserklaerungConfig`: the fee, the creditworthiness tables, the data-protection details of
 * the authority and the level of identity the fully online declaration needs. The `identity` property takes the
 * signer's identity as the portal authenticated it.
 *
 * @event efa-identity-request - The form needs the signer's identity from the portal: once at the start when
 * `identity` is not set (no answer means none), and at sending when the identity's token is not bound to the
 * submission (its `nonce` is not `detail.submissionId`). The portal answers with
 * `detail.respondWith(promise of an AuthenticatedIdentity)`, a token for that submission included; the answer
 * replaces `identity`. Without an answer within 30 seconds nothing is sent and the citizen is told to sign in again.
 */
export class EfaVerpflichtungserklaerung extends EfaForm {
  static override properties = { ...EfaForm.properties, identity: { attribute: false } };

  declare config: VerpflichtungserklaerungConfig | undefined;
  /**
   * The signer's identity as the host portal authenticated it: `{ trustLevel: 'substanziell' | 'hoch', source?,
   * attributes?, token? }`. The attributes fill the declaring person's answers, shown read-only with their origin;
   * the submission records it (`authentifizierung`) for the receiver to verify. The declaration is offered fully
   * online only at the level `config.onlineAbgabe.mindestVertrauensniveau` (default `hoch`, the online ID
   * function). Without it the form prepares the declaration for signing at the office.
   */
  declare identity: AuthenticatedIdentity | undefined;

  /** The submission id the first identity request named: the first submission is sent under it. */
  private announcedSubmissionId: string | undefined;
  private identityApplied: Promise<void> = Promise.resolve();

  constructor() {
    super();
    this.spec = verpflichtungserklaerung as EfaForm['spec'];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.engine && (changed.has('identity') || changed.has('spec') || changed.has('config'))) {
      const { engine, identity, config } = this;
      this.identityApplied = identityModule().then(({ applyIdentity }) => applyIdentity(engine, identity, config));
    }
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (this.identity) return;
    const submissionId = (this.announcedSubmissionId = randomUuid());
    void identityModule().then(({ requestIdentity }) =>
      requestIdentity(this, submissionId)?.then(
        (identity) => (this.identity ??= identity),
        () => undefined, // A portal that cannot tell who is signed in leaves the form without an identity.
      ),
    );
  }

  /** `updateComplete` also waits for the identity to be applied, and for the update that shows it. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    for (;;) {
      const applied = this.identityApplied;
      await applied;
      if (applied === this.identityApplied && !this.isUpdatePending) return result;
      result = await super.getUpdateComplete();
    }
  }

  protected override newSubmissionId(): string {
    const id = this.announcedSubmissionId ?? super.newSubmissionId();
    this.announcedSubmissionId = undefined;
    return id;
  }

  protected override async prepareSending(submissionId: string, signal: AbortSignal): Promise<void> {
    const { applyIdentity, identityFor } = await identityModule();
    if (this.identity) this.identity = await identityFor(this, this.identity, submissionId, signal);
    applyIdentity(this.engine!, this.identity, this.config);
  }
}

define('efa-verpflichtungserklaerung', EfaVerpflichtungserklaerung);

declare global {
  interface HTMLElementTagNameMap {
    'efa-verpflichtungserklaerung': EfaVerpflichtungserklaerung;
  }
}
