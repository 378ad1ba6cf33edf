import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-consent/efa-consent.js';
import type { EfaConsent } from '../../components/efa-consent/efa-consent.js';

const statement = 'Ich habe zur Kenntnis genommen, dass ich die Kosten für den Lebensunterhalt meines Gastes tragen muss.';

function checkbox(el: EfaConsent): HTMLInputElement {
  return el.shadowRoot!.querySelector('input')!;
}

describe('efa-consent', () => {
  it('labels the checkbox with the statement and ties the hint to it', async () => {
    const el = await fixture<EfaConsent>(html`<efa-consent label=${statement} hint="§ 68 Aufenthaltsgesetz"></efa-consent>`);
    const control = checkbox(el);
    expect(control.type).to.equal('checkbox');
    expect(control.labels![0]!.textContent!.trim()).to.equal(statement);
    expect(control.getAttribute('aria-describedby')).to.equal('hint');
    expect(control.getAttribute('aria-invalid')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('shows an error with a hidden "Fehler:" prefix and marks the checkbox invalid', async () => {
    const el = await fixture<EfaConsent>(
      html`<efa-consent label=${statement} hint="§ 68 Aufenthaltsgesetz" error="Bestätigen Sie, dass Sie den Hinweis zur Kenntnis genommen haben"></efa-consent>`,
    );
    const error = el.shadowRoot!.getElementById('error')!;
    expect(error.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Fehler: Bestätigen Sie, dass Sie den Hinweis zur Kenntnis genommen haben');
    expect(error.querySelector('.visually-hidden')!.textContent).to.equal('Fehler:');
    expect(checkbox(el).getAttribute('aria-invalid')).to.equal('true');
    expect(checkbox(el).getAttribute('aria-describedby')).to.equal('hint error');
    await expect(el).to.be.accessible();
  });

  it('marks optional fields', async () => {
    const el = await fixture<EfaConsent>(html`<efa-consent label="Ich möchte Nachrichten per E-Mail erhalten." optional></efa-consent>`);
    expect(checkbox(el).labels![0]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Ich möchte Nachrichten per E-Mail erhalten. (optional)');
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

  it('shows a value set from outside', async () => {
    const el = await fixture<EfaConsent>(html`<efa-consent label=${statement} .value=${true}></efa-consent>`);
    expect(checkbox(el).checked).to.equal(true);
    el.value = undefined;
    await el.updateComplete;
    expect(checkbox(el).checked).to.equal(false);
  });

  it('takes no input when disabled', async () => {
    const el = await fixture<EfaConsent>(html`<efa-consent label=${statement} disabled></efa-consent>`);
    expect(checkbox(el).disabled).to.equal(true);
    checkbox(el).click();
    expect(el.value).to.equal(undefined);
  });
});
