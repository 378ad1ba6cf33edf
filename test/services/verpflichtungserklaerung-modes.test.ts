import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaVerpflichtungserklaerung } from '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import validate from '../../src/schema/generated/verpflichtungserklaerung.js';
import { FormEngine } from '../../src/engine/form-engine.js';
import type { ContentBlock } from '../../src/engine/definition.js';
import { verpflichtungserklaerungDefinition } from '../../src/services/verpflichtungserklaerung/definition.js';
import { creditworthinessBlocks } from '../../src/services/verpflichtungserklaerung/self-check.js';
import type { AuthenticatedIdentity } from '../../src/services/common/identity.js';
import type { VerpflichtungserklaerungConfig } from '../../src/services/verpflichtungserklaerung/config.js';
import { offersOnlineAbgabe } from '../../src/services/verpflichtungserklaerung/identity.js';
import { nonceOf, signedTokenFor } from '../helpers/identity.js';
import { next, radio, tick } from '../helpers/form-driver.js';
import { validData } from '../helpers/submission.js';

/** How the declaration is given (§ 68 Abs. 2 AufenthG), and what is voluntary. The full walks are in verpflichtungserklaerung.test.ts. */
describe('efa-verpflichtungserklaerung: modes and voluntary parts', () => {
  it('offers the fully online declaration to a signer identified at level “hoch” and records the identity', async function () {
    this.timeout(60_000);
    const identity: AuthenticatedIdentity = { trustLevel: 'hoch' };
    const { abgabeart: _notYetChosen, ...answers } = await validData();
    const form = await fixture<EfaVerpflichtungserklaerung>(
      html`<efa-verpflichtungserklaerung adapter="http" endpoint="/api/submissions" authority="09999000" .prefill=${answers}
        .identity=${identity}></efa-verpflichtungserklaerung>`,
    );
    // The portal binds a token to the submission when the form asks at sending.
    form.addEventListener('efa-identity-request', (event) => {
      const { submissionId, respondWith } = event.detail;
      respondWith(signedTokenFor(submissionId).then((token) => ({ ...identity, token })));
    });
    while (!form.shadowRoot!.getElementById('f-abgabeart')) await next(form);
    await radio(form, '/abgabeart', 0);
    await expect(form).to.be.accessible();
    expect(await next(form)).to.contain('Prüfen Sie Ihre Angaben');
    await next(form);
    expect(form.shadowRoot!.textContent, 'the warning speaks of the electronic declaration').to.contain('elektronisch und verbindlich ab');
    await tick(form, '/warnhinweisBestaetigt');
    form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
    await waitUntil(() => form.shadowRoot!.querySelector('.reference'), 'confirmation', { timeout: 10000 });
    await expect(form).to.be.accessible();
    const reference = form.shadowRoot!.querySelector('.reference')!.textContent!.trim();
    const stored = await (await fetch(`/api/submissions/${reference}/data`)).json();
    expect(validate(stored.data), JSON.stringify(validate.errors)).to.equal(true);
    expect(stored.data.abgabeart).to.equal('eid');
    expect(stored.data.authentifizierung, 'no attributes given: none recorded as authenticated').to.deep.include({ vertrauensniveau: 'hoch', angaben: [] });
    expect(nonceOf(stored.data.authentifizierung.token), 'the token bound to this submission').to.equal(stored.id);
    const confirmation = form.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(confirmation, 'no unconditional promise').to.contain('Wenn die Behörde Ihre Zahlungsfähigkeit bestätigt');
  });

  describe('the level the fully online declaration needs', () => {
    const atAbgabe = async (identity: AuthenticatedIdentity | undefined, config?: VerpflichtungserklaerungConfig) => {
      const { abgabeart: _notYetChosen, ...answers } = await validData();
      const form = await fixture<EfaVerpflichtungserklaerung>(
        html`<efa-verpflichtungserklaerung .prefill=${answers} .identity=${identity} .config=${config}></efa-verpflichtungserklaerung>`,
      );
      await form.updateComplete;
      form.resumeAt('abgabe');
      await form.updateComplete;
      return { offered: form.shadowRoot!.getElementById('f-abgabeart') !== null, text: form.shadowRoot!.textContent!.replace(/\s+/g, ' ') };
    };
    const explained = 'Verbindlich wird sie, wenn Sie sie bei einem Termin in der Ausländerbehörde unterschreiben.';

    it('is “hoch” by default: at “substanziell” or without an identity the visit is explained instead', async function () {
      this.timeout(30_000);
      for (const identity of [undefined, { trustLevel: 'substanziell' as const, token: 't' }]) {
        const { offered, text } = await atAbgabe(identity);
        expect(offered, `offered to ${identity?.trustLevel ?? 'nobody'}`).to.equal(false);
        expect(text).to.contain(explained);
      }
      const high = await atAbgabe({ trustLevel: 'hoch' });
      expect(high.offered).to.equal(true);
      expect(high.text).not.to.contain(explained);
    });

    it('an authority may lower it to “substanziell”', async function () {
      this.timeout(30_000);
      const config: VerpflichtungserklaerungConfig = { onlineAbgabe: { mindestVertrauensniveau: 'substanziell' } };
      expect((await atAbgabe({ trustLevel: 'substanziell' }, config)).offered).to.equal(true);
      expect((await atAbgabe(undefined, config)).offered, 'never without an identity').to.equal(false);
      expect(offersOnlineAbgabe({ trustLevel: 'hoch' }, config)).to.equal(true);
      expect(offersOnlineAbgabe({ trustLevel: 'substanziell' }, { onlineAbgabe: { mindestVertrauensniveau: 'hoch' } })).to.equal(false);
      const misspelt = { onlineAbgabe: { mindestVertrauensniveau: 'substantial' } } as unknown as VerpflichtungserklaerungConfig;
      expect(offersOnlineAbgabe({ trustLevel: 'substanziell' }, misspelt), 'a misspelt level asks for the highest').to.equal(false);
      expect(offersOnlineAbgabe({ trustLevel: 'hoch' }, misspelt)).to.equal(true);
    });
  });

  describe('the definition', () => {
    const today = '2026-12-02';
    const engineWith = (abgabeart?: 'vor-ort') => {
      const engine = new FormEngine(verpflichtungserklaerungDefinition, validate, { today: () => today });
      if (abgabeart) engine.preset('/abgabeart', abgabeart);
      return engine;
    };
    const abgabeFields = (engine: FormEngine) =>
      engine.view('abgabe').children.flatMap((node) => (node.kind === 'field' ? [node.pointer] : []));

    it('asks how to declare unless the element answered it („vor Ort“), and never asks for the identity', () => {
      expect(abgabeFields(engineWith())).to.include('/abgabeart');
      const atTheOffice = engineWith('vor-ort');
      expect(abgabeFields(atTheOffice)).not.to.include('/abgabeart');
      expect(atTheOffice.submissionData().abgabeart).to.equal('vor-ort');
      expect(abgabeFields(engineWith()), 'the identity is never asked').not.to.include('/authentifizierung');
      atTheOffice.release('/abgabeart');
      expect(abgabeFields(atTheOffice), 'released, it is asked again').to.include('/abgabeart');
    });

    it('says the self-check could not be done when the signer only shows evidence', () => {
      const answers: Record<string, unknown> = { '/finanzangaben': 'nur-nachweise' };
      const blocks: readonly ContentBlock[] = creditworthinessBlocks({ get: (p) => answers[p], config: undefined, today });
      expect(blocks).to.have.length(1);
      expect(blocks[0]).to.deep.include({ kind: 'notice' });
      expect((blocks[0] as { text: string }).text).to.contain('nicht vorab prüfen');
    });

    it('warns when the entry is more than six months away', () => {
      const sixMonthWarning = (beginn: string) => {
        const engine = engineWith();
        engine.set('/aufenthalt/beginn', beginn);
        return engine
          .view('aufenthalt')
          .children.flatMap((node) => (node.kind === 'content' ? node.def.blocks({ get: (p) => engine.visibleValue(p), config: undefined, today }) : []))
          .some((block) => block.kind === 'warning');
      };
      expect(sixMonthWarning('2027-06-02')).to.equal(false);
      expect(sixMonthWarning('2027-06-03')).to.equal(true);
    });
  });
});
