import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaForm } from '../../components/efa-form/efa-form.js';
import { field } from '../helpers/form-driver.js';
import { getAt } from '../../src/engine/pointer.js';
import { creditworthinessBlocks, selfCheck } from '../../src/services/verpflichtungserklaerung/self-check.js';

/** Answers of a signer with 3,250 € net and one guest; `aufenthalt` as given. */
const answers = (aufenthalt: Record<string, unknown>) => ({
  finanzen: { nettoeinkommen: '3250.00', unterhaltspflichten: 0, miete: '980.00', sonstigeVerpflichtungen: '120.00' },
  begleitpersonen: [],
  aufenthalt,
});

const blocksFor = (data: Record<string, unknown>, today: string) =>
  creditworthinessBlocks({ get: (pointer) => getAt(data, pointer), config: undefined, today });

describe('Verpflichtungserklärung self-check', () => {
  it('measures a long study stay by § 2 Abs. 3 S. 5 AufenthG and a short one, or a visit, by the visit share', () => {
    const longStudy = selfCheck(answers({ zweck: 'studium', beginn: '2027-03-01', ende: '2027-09-30' }), undefined, '2026-12-02')!;
    expect(longStudy.parameters.bedarfsgrundlage).to.equal('ausbildung');
    expect(longStudy.bedarf, '992 € plus rent and other outgoings for a long stay').to.equal(992 + 980 + 120);
    const summerSchool = selfCheck(answers({ zweck: 'studium', beginn: '2027-07-01', ende: '2027-08-15' }), undefined, '2026-12-02')!;
    expect(summerSchool.parameters.bedarfsgrundlage).to.equal('besuch');
    expect(summerSchool.bedarf).to.equal(281.5);
    const family = selfCheck(answers({ zweck: 'familienzusammenfuehrung', beginn: '2027-03-01', ende: '2028-03-01' }), undefined, '2026-12-02')!;
    expect(family.parameters.bedarfsgrundlage).to.equal('familiennachzug');
    expect(family.bedarf).to.equal(563 + 980 + 120);
  });

  it('tells a citizen in plain words when newer amounts may apply, without table names or dates', () => {
    const data = answers({ zweck: 'besuch', beginn: '2027-08-01', ende: '2027-08-20' });
    const current = blocksFor(data, '2026-12-02').map((b) => ('text' in b ? b.text : ''));
    expect(current.join(' ')).not.to.contain('zuletzt hier hinterlegten');
    const later = blocksFor(data, '2027-08-01').map((b) => ('text' in b ? b.text : '')).join(' ');
    expect(later).to.contain('Diese Selbstprüfung rechnet mit den zuletzt hier hinterlegten Beträgen.');
    expect(later).not.to.match(/Pfändungstabelle|2027-06-30|30\. Juni/);
  });
});

describe('the self-check on the finances step', () => {
  it('reads out a changed result once the citizen leaves the amount, not while typing', async () => {
    const answers = await (await fetch('/test/fixtures/verpflichtungserklaerung/valid/einfach.json')).json();
    const el = await fixture<EfaForm>(html`<efa-verpflichtungserklaerung lang="de" .prefill=${answers}></efa-verpflichtungserklaerung>`);
    el.resumeAt('finanzen', '');
    await el.updateComplete;
    const live = el.shadowRoot!.querySelector('[aria-live="polite"]')!;
    expect(live.textContent!.trim(), 'a result there when the step is shown is read with the step').to.equal('');
    const net = field(el, '/finanzen/nettoeinkommen');
    net.focus();
    net.shadowRoot!.querySelector('input')!.select();
    await sendKeys({ type: '900' });
    await el.updateComplete;
    expect(live.textContent!.trim(), 'nothing while typing').to.equal('');
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(live.textContent).to.contain('Das reicht nach dieser Selbstprüfung voraussichtlich nicht aus.');
    await expect(el).to.be.accessible();
  });
});
