import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-consent/efa-consent.js';
import type { EfaConsent } from '../../components/efa-consent/efa-consent.js';
import { runFieldConformance } from '../helpers/field-conformance.js';

const statement = 'Ich habe zur Kenntnis genommen, dass ich die Kosten für den Lebensunterhalt meines Gastes tragen muss.';

function checkbox(el: EfaConsent): HTMLInputElement {
  return el.shadowRoot!.querySelector('input')!;
}

describe('efa-consent', () => {
  runFieldConformance('efa-consent', {
    value: true,
    shows: (el) => checkbox(el).checked,
    showsValue: true,
    entries: ['true'],
    userFills: async (el) => {
      el.focus();
      await sendKeys({ press: 'Space' });
    },
    filledValue: true,
    restoredValue: true,
  });

  it('is one checkbox labelled with the statement', async () => {
    const el = await fixture<EfaConsent>(html`<efa-consent label=${statement} hint="§ 68 Aufenthaltsgesetz"></efa-consent>`);
    const control = checkbox(el);
    expect(control.type).to.equal('checkbox');
    expect(control.labels![0]!.textContent!.trim()).to.equal(statement);
    expect(control.getAttribute('aria-describedby')).to.equal('hint');
    expect(control.getAttribute('aria-invalid')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('is true when ticked with Space, empty when unticked, and reports change when left', async () => {
    const el = await fixture<EfaConsent>(html`<efa-consent label=${statement}></efa-consent>`);
    el.after(Object.assign(document.createElement('button'), { textContent: 'weiter' }));
    const values: Array<boolean | undefined> = [];
    let changes = 0;
    el.addEventListener('input', () => values.push(el.value));
    el.addEventListener('change', () => (changes += 1));
    el.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Space' });
    expect(values).to.deep.equal([true, undefined, true]);
    expect(changes).to.equal(0);
    const changed = oneEvent(el, 'change');
    await sendKeys({ press: 'Tab' });
    await changed;
    expect(changes).to.equal(1);
  });

});
