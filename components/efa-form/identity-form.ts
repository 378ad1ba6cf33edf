import type { PropertyValues } from 'lit';
import { EfaForm } from './efa-form.js';
import type { FormEngine } from '../../src/engine/form-engine.js';
import type { AuthenticatedIdentity } from '../../src/services/common/identity.js';
import { randomUuid } from '../../src/engine/random-uuid.js';

/** Loaded when there is an identity to apply or a submission to send: not part of the first step. */
const identityRequests = () => import('../../src/services/common/identity-form.js');

/** How a service puts an identity into its form (e.g. src/services/aufenthaltstitel/identity.ts). */
export type ApplyIdentity = (engine: FormEngine, identity: AuthenticatedIdentity | undefined, config: unknown) => void;

/**
 * A form whose person the host portal may have identified (the `identity` property): the form shell plus what
 * every such service does with the identity (src/services/common/identity-form.ts). A service names how it
 * applies the identity (`loadIdentity`, loaded lazily) and, when that depends on an answer (whom the identity
 * describes), that answer (`identityScope`): the identity is applied again whenever it changes.
 *
 * @event efa-identity-request - The form needs the person's identity from the portal: once at the start when
 * `identity` is not set (no answer means none), and at sending when the identity's token is not bound to the
 * submission (its `nonce` is not `detail.submissionId`). The portal answers with
 * `detail.respondWith(promise of an AuthenticatedIdentity)`, a token for that submission included; the answer
 * replaces `identity`. Without an answer within 30 seconds nothing is sent and the citizen is told to sign in again.
 */
export abstract class EfaIdentityForm extends EfaForm {
  static override properties = { ...EfaForm.properties, identity: { attribute: false } };

  /**
   * The person's identity as the host portal authenticated it: `{ trustLevel: 'substanziell' | 'hoch', source?,
   * attributes?, token? }`. The attributes fill the person's answers, shown read-only with their origin; the
   * submission records it (`authentifizierung`) for the receiver to verify. With a DeutschlandID mailbox
   * (`attributes.postfachHandle`) the form asks whether the decision may be delivered there.
   */
  declare identity: AuthenticatedIdentity | undefined;

  /** The submission id the first identity request named: the first submission is sent under it. */
  private announcedSubmissionId: string | undefined;
  private identityApplied: Promise<void> = Promise.resolve();
  private appliedScope: unknown;

  /** The service's way of applying an identity, loaded when first needed. */
  protected abstract loadIdentity(): Promise<ApplyIdentity>;

  /** The answer the identity's effect depends on; none by default. */
  protected identityScope(_engine: FormEngine): unknown {
    return undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const engine = this.engine;
    if (!engine) return;
    const scope = this.identityScope(engine);
    if (changed.has('identity') || changed.has('spec') || changed.has('config') || scope !== this.appliedScope) {
      this.appliedScope = scope;
      const { identity, config } = this;
      this.identityApplied = this.loadIdentity().then((apply) => apply(engine, identity, config));
    }
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (this.identity) return;
    const submissionId = (this.announcedSubmissionId = randomUuid());
    void identityRequests().then(({ requestIdentity }) =>
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
    const [{ identityFor }, apply] = await Promise.all([identityRequests(), this.loadIdentity()]);
    if (this.identity) this.identity = await identityFor(this, this.identity, submissionId, signal);
    apply(this.engine!, this.identity, this.config);
  }
}
