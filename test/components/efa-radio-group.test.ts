import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-radio-group/efa-radio-group.js';
import type { EfaRadioGroup } from '../../components/efa-radio-group/efa-radio-group.js';
import { runFieldConformance } from '../helpers/field-conformance.js';

const aufenthalt = [
  { value: 'besuch', label: 'Besuch', hint: 'Bis zu 90 Tage' },
  { value: 'studium', label: 'Studium' },
  { value: 'arbeit', label: 'Arbeit' },
];
const janein = [
  { value: 'ja', label: 'Ja' },
  { value: 'nein', label: 'Nein' },
];

function radios(el: EfaRadioGroup): HTMLInputElement[] {
  return [...el.shadowRoot!.querySelectorAll('input')];
}

function focused(el: EfaRadioGroup): Element | null {
  return el.shadowRoot!.activeElement;
}

describe('efa-radio-group', () => {
  runFieldConformance('efa-radio-group', {
    props: { options: aufenthalt },
    value: 'studium',
    shows: (el) => radios(el).map((radio) => radio.checked),
    showsValue: [false, true, false],
    entries: ['studium'],
    userFills: async (el) => {
      el.focus();
      await sendKeys({ press: 'Space' });
    },
    filledValue: 'besuch',
    restoredValue: 'studium',
  });

  it('groups labelled radios in a fieldset whose legend is the question', async () => {
    const el = await fixture<EfaRadioGroup>(
      html`<efa-radio-group label="Zweck des Aufenthalts" hint="Wählen Sie eine Möglichkeit" .options=${aufenthalt}></efa-radio-group>`,
    );
    const fieldset = el.shadowRoot!.querySelector('fieldset')!;
    expect(fieldset.querySelector('legend')!.textContent!.trim()).to.equal('Zweck des Aufenthalts');
    expect(fieldset.getAttribute('role')).to.equal('radiogroup');
    expect(fieldset.hasAttribute('aria-describedby'), 'described at each radio, where a screen reader reads it').to.equal(false);
    expect(fieldset.getAttribute('aria-invalid')).to.equal('false');
    expect(radios(el).map((radio) => radio.labels![0]!.textContent)).to.deep.equal(['Besuch', 'Studium', 'Arbeit']);
    const [besuch, studium] = radios(el);
    expect(besuch!.getAttribute('aria-describedby'), 'its own hint, then the question\'s').to.equal('option-0-hint hint');
    expect(el.shadowRoot!.getElementById('option-0-hint')!.textContent).to.equal('Bis zu 90 Tage');
    expect(studium!.getAttribute('aria-describedby')).to.equal('hint');
    expect(new Set(radios(el).map((radio) => radio.name)).size, 'one group for the arrow keys').to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('marks the group invalid and every radio, each described with its own hint, the question\'s and the error', async () => {
    const el = await fixture<EfaRadioGroup>(
      html`<efa-radio-group label="Zweck des Aufenthalts" hint="Wählen Sie eine Möglichkeit" error="Wählen Sie den Zweck Ihres Aufenthalts aus" .options=${aufenthalt}></efa-radio-group>`,
    );
    const fieldset = el.shadowRoot!.querySelector('fieldset')!;
    const error = el.shadowRoot!.getElementById('error')!;
    expect(error.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Fehler: Wählen Sie den Zweck Ihres Aufenthalts aus');
    expect(error.querySelector('.visually-hidden')!.textContent).to.equal('Fehler:');
    expect(radios(el).map((radio) => radio.getAttribute('aria-describedby')), 'the error is heard at every radio').to.deep.equal([
      'option-0-hint hint error',
      'hint error',
      'hint error',
    ]);
    expect(fieldset.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('picks with Space and the arrow keys, and reports change only when the group is left', async () => {
    const el = await fixture<EfaRadioGroup>(html`<efa-radio-group label="Zweck" .options=${aufenthalt}></efa-radio-group>`);
    el.after(Object.assign(document.createElement('button'), { textContent: 'weiter' }));
    const values: Array<string | undefined> = [];
    let changes = 0;
    el.addEventListener('input', () => values.push(el.value));
    el.addEventListener('change', () => (changes += 1));
    el.focus();
    expect(focused(el), 'nothing checked: the first option').to.equal(radios(el)[0]);
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    expect(values).to.deep.equal(['besuch', 'studium', 'arbeit', 'studium']);
    await el.updateComplete;
    expect(radios(el).map((radio) => radio.checked)).to.deep.equal([false, true, false]);
    expect(changes, 'no change while moving inside the group').to.equal(0);
    const changed = oneEvent(el, 'change');
    await sendKeys({ press: 'Tab' });
    await changed;
    expect(changes).to.equal(1);
  });

  it('focuses the checked option', async () => {
    const el = await fixture<EfaRadioGroup>(html`<efa-radio-group label="Zweck" .options=${aufenthalt} .value=${'arbeit'}></efa-radio-group>`);
    el.focus();
    expect(focused(el)).to.equal(radios(el)[2]);
  });

  it('sets two short options side by side', async () => {
    const el = await fixture<EfaRadioGroup>(html`<efa-radio-group label="Sind Sie verheiratet?" inline .options=${janein}></efa-radio-group>`);
    const [ja, nein] = el.shadowRoot!.querySelectorAll('.choice');
    expect(ja!.getBoundingClientRect().top).to.equal(nein!.getBoundingClientRect().top);
    el.inline = false;
    await el.updateComplete;
    expect(nein!.getBoundingClientRect().top).to.be.greaterThan(ja!.getBoundingClientRect().top);
  });

});
