import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-checkbox-group/efa-checkbox-group.js';
import type { EfaCheckboxGroup } from '../../components/efa-checkbox-group/efa-checkbox-group.js';
import { runFieldConformance } from '../helpers/field-conformance.js';

const nachweise = [
  { value: 'lohn', label: 'Lohnabrechnungen', hint: 'Der letzten drei Monate' },
  { value: 'konto', label: 'Kontoauszüge' },
  { value: 'steuer', label: 'Steuerbescheid' },
];

function boxes(el: EfaCheckboxGroup): HTMLInputElement[] {
  return [...el.shadowRoot!.querySelectorAll('input')];
}

describe('efa-checkbox-group', () => {
  runFieldConformance('efa-checkbox-group', {
    props: { options: nachweise },
    value: ['steuer', 'lohn'],
    shows: (el) => boxes(el).map((box) => box.checked),
    showsValue: [true, false, true],
    entries: ['steuer', 'lohn'],
    userFills: async (el) => {
      el.focus();
      await sendKeys({ press: 'Space' });
    },
    filledValue: ['lohn'],
    restoredValue: ['steuer', 'lohn'],
  });

  it('groups labelled checkboxes in a fieldset whose legend is the question', async () => {
    const el = await fixture<EfaCheckboxGroup>(
      html`<efa-checkbox-group label="Welche Nachweise legen Sie vor?" hint="Wählen Sie alle zutreffenden aus" .options=${nachweise}></efa-checkbox-group>`,
    );
    const fieldset = el.shadowRoot!.querySelector('fieldset')!;
    expect(fieldset.querySelector('legend')!.textContent!.trim()).to.equal('Welche Nachweise legen Sie vor?');
    expect(fieldset.hasAttribute('aria-describedby'), 'described at each checkbox').to.equal(false);
    expect(boxes(el).map((box) => box.labels![0]!.textContent)).to.deep.equal(['Lohnabrechnungen', 'Kontoauszüge', 'Steuerbescheid']);
    expect(boxes(el).map((box) => box.getAttribute('aria-invalid'))).to.deep.equal(['false', 'false', 'false']);
    const [lohn, konto] = boxes(el);
    expect(lohn!.getAttribute('aria-describedby')).to.equal('option-0-hint hint');
    expect(el.shadowRoot!.getElementById('option-0-hint')!.textContent).to.equal('Der letzten drei Monate');
    expect(konto!.getAttribute('aria-describedby')).to.equal('hint');
    await expect(el).to.be.accessible();
  });

  it('ticks with Tab and Space, lists values in the order shown, and reports change only when the group is left', async () => {
    const el = await fixture<EfaCheckboxGroup>(html`<efa-checkbox-group label="Nachweise" .options=${nachweise}></efa-checkbox-group>`);
    el.after(Object.assign(document.createElement('button'), { textContent: 'weiter' }));
    const values: Array<string[] | undefined> = [];
    let changes = 0;
    el.addEventListener('input', () => values.push(el.value));
    el.addEventListener('change', () => (changes += 1));
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal(boxes(el)[0]);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    expect(values).to.deep.equal([['steuer'], ['lohn', 'steuer'], ['steuer'], undefined]);
    expect(changes, 'no change while inside the group').to.equal(0);
    const changed = oneEvent(el, 'change');
    await sendKeys({ press: 'Tab' });
    await changed;
    expect(changes).to.equal(1);
  });

});
