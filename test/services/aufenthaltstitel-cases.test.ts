/**
 * The residence-permit form where the law treats people apart: minors (§ 80 AufenthG), an expired title
 * (§ 81 Abs. 4 Satz 3), notices that must come before the work (§ 104 Abs. 14, UkraineAufenthFGV), and the
 * cases walked in both languages with axe on every step.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import type { EfaAufenthaltstitel } from '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import { setLocale } from '../../src/i18n/locale.js';
import { CASES, answers, localToday, text, walks } from '../helpers/aufenthaltstitel.js';
import { field, heading, next, radio } from '../helpers/form-driver.js';

describe('efa-aufenthaltstitel: cases the law treats apart', () => {
  after(() => setLocale('de'));

  for (const lang of ['de', 'en'] as const) {
    it(`shows the notices on the purpose step, before the personal questions, accessibly in "${lang}"`, async function () {
      this.timeout(60_000);
      const expected = {
        familie: { de: '§ 104 Abs. 14 AufenthG', en: 'section 104(14) AufenthG' },
        'schutz-24': { de: 'Fortgeltungsverordnung', en: 'UkraineAufenthFGV' },
      };
      for (const [route, wanted] of Object.entries(expected)) {
        await setLocale(lang);
        const form = await fixture<EfaAufenthaltstitel>(html`<efa-aufenthaltstitel lang=${lang} route=${route} adapter="event"></efa-aufenthaltstitel>`);
        await form.updateComplete;
        await next(form);
        expect(form.shadowRoot!.getElementById('f-zweck') ?? form.shadowRoot!.getElementById('f-antragsart'), 'the purpose step').to.exist;
        const shown = text(form).includes(wanted[lang]);
        const inForce = route === 'familie' ? localToday() <= '2027-07-23' : localToday() <= '2027-03-04';
        expect(shown, `${route}: notice shown exactly while the rule is in force`).to.equal(inForce);
        await expect(form).to.be.accessible();
      }
    });
  }

  it('stops a minor applying alone and says what to do (§ 80 AufenthG)', async function () {
    this.timeout(60_000);
    const prefill = await answers('ausbildung-minderjaehrig');
    delete prefill.antragstellung;
    delete prefill.vertretung;
    await setLocale('de');
    const form = await fixture<EfaAufenthaltstitel>(html`<efa-aufenthaltstitel route="ausbildung" .prefill=${prefill} adapter="event"></efa-aufenthaltstitel>`);
    await form.updateComplete;
    while (!heading(form).includes('Wer stellt den Antrag?')) await next(form);
    await radio(form, '/antragstellung', 0); // "Für mich selbst"
    await next(form);
    expect(heading(form)).to.contain('Angaben zu Ihrer Person');
    form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
    await waitUntil(() => form.shadowRoot!.querySelector('.error-summary'), 'error summary');
    expect(field(form, '/person/geburtsdatum').error).to.contain('unter 18 Jahren');
    expect(field(form, '/person/geburtsdatum').error).to.contain('Für eine Person, die ich vertrete');
    await expect(form).to.be.accessible();
  });

  it('asks both parents and their consent for a minor in training, on one accessible step', async function () {
    this.timeout(60_000);
    await setLocale('de');
    const form = await fixture<EfaAufenthaltstitel>(
      html`<efa-aufenthaltstitel route="ausbildung" .prefill=${await answers('ausbildung-minderjaehrig')} adapter="event"></efa-aufenthaltstitel>`,
    );
    await form.updateComplete;
    while (!heading(form).includes('Wer stellt den Antrag?')) await next(form);
    expect(field(form, '/vertretung/personen/1/familienname').value).to.equal('Nguyen');
    expect(field(form, '/vertretung/zustimmungPersonensorge').value).to.equal(true);
    await expect(form).to.be.accessible();
  });

  it('warns when the current title has already expired (§ 81 Abs. 4 Satz 3 AufenthG)', async function () {
    this.timeout(60_000);
    const prefill = await answers('erwerbstaetigkeit-verlaengerung');
    const current = prefill.aufenthaltstitelAktuell as Record<string, unknown>;
    await setLocale('en');
    const form = await fixture<EfaAufenthaltstitel>(
      html`<efa-aufenthaltstitel lang="en" route="erwerbstaetigkeit" .prefill=${{ ...prefill, aufenthaltstitelAktuell: { ...current, gueltigBis: '2026-01-31' } }} adapter="event"></efa-aufenthaltstitel>`,
    );
    await form.updateComplete;
    while (!heading(form).includes('Entry and previous stays')) await next(form);
    expect(text(form)).to.contain('Your residence title expired on January 31, 2026').and.to.contain('section 81(4) AufenthG');
    await expect(form).to.be.accessible();
  });

  it('tells family members of EU citizens what false statements mean under the FreizügG/EU, without § 54 or § 82 AufenthG', async function () {
    this.timeout(60_000);
    await setLocale('de');
    const form = await fixture<EfaAufenthaltstitel>(
      html`<efa-aufenthaltstitel route="aufenthaltskarte" .prefill=${await answers('aufenthaltskarte')} adapter="event"></efa-aufenthaltstitel>`,
    );
    await form.updateComplete;
    while (!heading(form).includes('Erklärungen')) await next(form);
    const label = field(form, '/belehrungen/wahrheitsgemaesseAngaben').shadowRoot!.textContent!;
    expect(label).to.contain('§ 2 Abs. 4 FreizügG/EU').and.not.to.contain('§ 54');
    expect(form.shadowRoot!.getElementById('f-belehrungen-mitwirkungspflicht')).to.equal(null);
    await expect(form).to.be.accessible();
  });

  walks(CASES.slice(0, 2)); // the others: aufenthaltstitel-case-walks.test.ts
});
