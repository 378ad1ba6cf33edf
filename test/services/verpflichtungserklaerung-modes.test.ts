import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaVerpflichtungserklaerung } from '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import validate from '../../src/schema/generated/verpflichtungserklaerung.js';
import { FormEngine } from '../../src/engine/form-engine.js';
import type { ContentBlock } from '../../src/engine/definition.js';
import { verpflichtungserklaerungDefinition } from '../../src/services/verpflichtungserklaerung/definition.js';
import { creditworthinessBlocks } from '../../src/services/verpflichtungserklaerung/self-check.js';
import type { AuthenticatedIdentity } from '../../src/services/common/identity.js';
import { next, radio, tick } from '../helpers/form-driver.js';
import { validData } from '../helpers/submission.js';

/** How the declaration is given (§ 68 Abs. 2 AufenthG), and what is voluntary. The full walks are in verpflichtungserklaerung.test.ts. */
describe('efa-verpflichtungserklaerung: modes and voluntary parts', () => {
  it('offers the fully online declaration to a signer identified at level “hoch” and records the identity', async function () {
    this.timeout(60_000);
    const identity: AuthenticatedIdentity = { trustLevel: 'hoch', token: 'eyJhbGciOiJFUzI1NiJ9.eyJsb2EiOiJoaWdoIn0.c2ln' };
    const { abgabeart: _notYetChosen, ...answers } = await validData();
    const form = await fixture<EfaVerpflichtungserklaerung>(
      html`<efa-verpflichtungserklaerung adapter="http" endpoint="/api/submissions" authority="09999000" .prefill=${answers}
        .identity=${identity}></efa-verpflichtungserklaerung>`,
    );
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
    expect(stored.data.authentifizierung).to.deep.equal({ vertrauensniveau: 'hoch', token: identity.token });
    const confirmation = form.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(confirmation, 'no unconditional promise').to.contain('Wenn die Behörde Ihre Zahlungsfähigkeit bestätigt');
  });

  describe('the definition', () => {
    const today = '2026-12-02';
    const engineWith = (identity?: { vertrauensniveau: string; token: string }) => {
      const engine = new FormEngine(verpflichtungserklaerungDefinition, validate, { today: () => today });
      engine.preset('/authentifizierung', identity);
      return engine;
    };
    const abgabeFields = (engine: FormEngine) =>
      engine.view('abgabe').children.flatMap((node) => (node.kind === 'field' ? [node.pointer] : []));

    it('asks how to declare only with an identity at level “hoch”; otherwise it explains the visit', () => {
      expect(abgabeFields(engineWith())).not.to.include('/abgabeart');
      expect(abgabeFields(engineWith({ vertrauensniveau: 'substanziell', token: 't' }))).not.to.include('/abgabeart');
      expect(abgabeFields(engineWith({ vertrauensniveau: 'hoch', token: 't' }))).to.include('/abgabeart');
      const substantial = engineWith({ vertrauensniveau: 'substanziell', token: 't' });
      expect(substantial.submissionData().authentifizierung, 'recorded whatever the level').to.deep.equal({ vertrauensniveau: 'substanziell', token: 't' });
      expect(abgabeFields(engineWith()), 'the identity is never asked').not.to.include('/authentifizierung');
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
