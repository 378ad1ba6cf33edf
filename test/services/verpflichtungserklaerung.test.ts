import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaVerpflichtungserklaerung } from '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaForm } from '../../components/efa-form/efa-form.js';
import validate from '../../src/schema/generated/verpflichtungserklaerung.js';
import { setLocale } from '../../src/i18n/locale.js';
import type { KeyTrust } from '../../src/adapters/key-trust.js';
import { combobox, date, field, heading, next, radio, select, tick, type } from '../helpers/form-driver.js';

/** Labels of the service's own select options, per language (code-list labels are German everywhere). */
const labels = {
  de: {
    zweck: 'Besuch',
    heading: 'Schritt 1 von 9 Verpflichtungserklärung abgeben',
    review: 'Prüfen Sie Ihre Angaben',
    warning: 'Schritt 10 von 10 Bevor Sie verbindlich absenden',
    send: 'Verbindlich absenden',
    idCard: 'Nationaler P',
    married: 'verh',
    single: 'led',
    brother: 'Bruder',
    brotherInLaw: 'Schwager',
    nephew: 'Neffe / ',
  },
  en: {
    zweck: 'Visit',
    heading: 'Step 1 of 9',
    review: 'Check your answers',
    warning: 'Step 10 of 10 Before you submit your binding declaration',
    send: 'Submit binding declaration',
    idCard: 'National i',
    married: 'married',
    single: 'single',
    brother: 'Brother',
    brotherInLaw: 'Brother-in',
    nephew: 'Nephew / ',
  },
};

async function person(form: EfaForm, base: string, p: { family: string; given: string; sex: number; born: string; place: string; passport: string }) {
  await type(form, `${base}/familienname`, p.family);
  await type(form, `${base}/vornamen`, p.given);
  await radio(form, `${base}/geschlecht`, p.sex);
  await date(form, `${base}/geburtsdatum`, p.born);
  await type(form, `${base}/geburtsort`, p.place);
  await combobox(form, `${base}/staatsangehoerigkeiten/0`, 'Turk');
  await type(form, `${base}/reisepass/nummer`, p.passport);
  await date(form, `${base}/reisepass/gueltigBis`, '1.1.2031');
}

/**
 * One realistic declaration — a German signer inviting a guest with spouse and child — typed in by keyboard,
 * checked with axe on every step, sent to the reference receiver, and read back from it.
 */
async function declare(
  lang: 'de' | 'en',
  transport: { adapter: string; endpoint: string; keyTrust?: KeyTrust } = { adapter: 'http', endpoint: '/api/submissions' },
): Promise<{ form: EfaVerpflichtungserklaerung; reference: string }> {
  const form = await fixture<EfaVerpflichtungserklaerung>(
    html`<efa-verpflichtungserklaerung lang=${lang} adapter=${transport.adapter} endpoint=${transport.endpoint} .keyTrust=${transport.keyTrust} authority="09999000"></efa-verpflichtungserklaerung>`,
  );
  await waitUntil(() => heading(form).startsWith(labels[lang].heading), `first step in ${lang}: ${heading(form)}`);
  const axe = async () => expect(form).to.be.accessible();
  const text = () => form.shadowRoot!.textContent!.replace(/\s+/g, ' ');
  expect(text(), 'the data-protection block says what the authority has not set yet').to.contain(
    lang === 'de' ? 'Die Behörde hat hier noch nicht angegeben' : 'The office has not yet provided',
  );
  await axe();
  await next(form);

  await radio(form, '/erklaerender/art', 0);
  await radio(form, '/bezugSozialleistungen', 1);
  await axe();
  await next(form);

  const signer = '/erklaerender/person';
  await type(form, `${signer}/familienname`, 'Schneider');
  await type(form, `${signer}/vornamen`, 'Anna');
  await date(form, `${signer}/geburtsdatum`, '12.5.1980');
  await type(form, `${signer}/geburtsort`, 'Wiesbaden');
  await combobox(form, `${signer}/staatsangehoerigkeiten/0`, 'Deutschland');
  await select(form, `${signer}/ausweisdokument/art`, labels[lang].idCard);
  await type(form, `${signer}/ausweisdokument/nummer`, 'l01x 00t47');
  await type(form, `${signer}/beruf`, 'Ingenieurin');
  await type(form, `${signer}/anschrift/strasse`, 'Musterstrasse');
  await type(form, `${signer}/anschrift/hausnummer`, '12a');
  await type(form, `${signer}/anschrift/postleitzahl`, '99999');
  await type(form, `${signer}/anschrift/ort`, 'Musterstadt');
  await type(form, `${signer}/email`, 'anna.schneider@example.org');
  expect(form.shadowRoot!.getElementById('f-erklaerender-person-aufenthaltstitel-art'), 'no residence title for a German').to.equal(null);
  await axe();
  await next(form);

  await person(form, '/gast', { family: 'Yilmaz', given: 'Mehmet', sex: 1, born: '3.2.1975', place: 'Izmir', passport: 'U12345678' });
  await type(form, '/gast/anschrift/strasse', 'Ataturk Caddesi');
  await type(form, '/gast/anschrift/ort', 'Izmir');
  await combobox(form, '/gast/anschrift/staat', 'Turk');
  await select(form, '/gast/familienstand', labels[lang].married);
  const relationships = (field(form, '/gast/verwandtschaftsverhaeltnis') as unknown as { options: { value: string }[] }).options;
  expect(relationships.map((o) => o.value), 'the housing-benefit code is not offered').to.include('020').and.not.include('003');
  await select(form, '/gast/verwandtschaftsverhaeltnis', labels[lang].brother);
  const add = () => form.shadowRoot!.querySelector<HTMLButtonElement>('button[data-add="f-begleitpersonen"]')!;
  add().click();
  await form.updateComplete;
  await radio(form, '/begleitpersonen/0/rolle', 0);
  await person(form, '/begleitpersonen/0', { family: 'Yilmaz', given: 'Ayse', sex: 2, born: '9.9.1978', place: 'Ankara', passport: 'U23456789' });
  await radio(form, '/begleitpersonen/0/anschriftWieGast', 0);
  await select(form, '/begleitpersonen/0/familienstand', labels[lang].married);
  await select(form, '/begleitpersonen/0/verwandtschaftsverhaeltnis', labels[lang].brotherInLaw);
  add().click();
  await form.updateComplete;
  await radio(form, '/begleitpersonen/1/rolle', 1);
  await person(form, '/begleitpersonen/1', { family: 'Yilmaz', given: 'Elif', sex: 2, born: '14.4.2015', place: 'Izmir', passport: 'U34567890' });
  await radio(form, '/begleitpersonen/1/anschriftWieGast', 0);
  await select(form, '/begleitpersonen/1/familienstand', labels[lang].single);
  await select(form, '/begleitpersonen/1/verwandtschaftsverhaeltnis', labels[lang].nephew);
  await axe();
  await next(form);

  await select(form, '/aufenthalt/zweck', labels[lang].zweck);
  await date(form, '/aufenthalt/beginn', '1.6.2027');
  await date(form, '/aufenthalt/ende', '30.6.2027');
  await radio(form, '/aufenthalt/unterkunft/art', 0);
  await axe();
  await next(form);

  await radio(form, '/finanzangaben', 0);
  await radio(form, '/finanzen/einkommensart', 0);
  await type(form, '/finanzen/arbeitgeber', 'Muster GmbH, Musterstadt');
  await type(form, '/finanzen/nettoeinkommen', lang === 'de' ? '3.500,00' : '3,500.00');
  await type(form, '/finanzen/unterhaltspflichten', '1');
  await type(form, '/finanzen/miete', '900');
  await type(form, '/finanzen/sonstigeVerpflichtungen', '0');
  await radio(form, '/finanzen/weitereErklaerungenAbgegeben', 1);
  await form.updateComplete;
  const notice = [...form.shadowRoot!.querySelectorAll('.notice')].pop()?.textContent ?? '';
  // 3,500 € with one dependant under the table valid 1 July 2026 – 30 June 2027: (3500 − 2184.82) × 5/10 = 657.59 €
  // seizable; need for two adults and a child: 2 × 281.50 + 140.75 = 703.75 €.
  expect(notice).to.contain(lang === 'de' ? '657,59' : '657.59');
  expect(notice).to.contain(lang === 'de' ? '703,75' : '703.75');
  await axe();
  await next(form);

  await axe();
  await next(form);

  expect(form.shadowRoot!.getElementById('f-abgabeart'), 'fully online only with an eID-level identity').to.equal(null);
  const notices = ['haftungsumfang', 'dauer', 'vollstreckbarkeit', 'gesamtschuld', 'keineGefaehrdendenVerpflichtungen', 'keinWiderruf'];
  for (const notice of [...notices, 'freiwilligkeit', 'strafbarkeit', 'datenverarbeitung', 'krankenversicherung']) {
    await tick(form, `/belehrungen/${notice}`);
  }
  await axe();
  expect(await next(form)).to.contain(labels[lang].review);
  await axe();

  // After the review: the warning against hasty submission (§ 68 Abs. 2 Satz 2 AufenthG), to be confirmed.
  expect(await next(form)).to.equal(labels[lang].warning);
  const send = () => form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!;
  expect(send().textContent!.trim()).to.equal(labels[lang].send);
  expect(text()).to.contain(lang === 'de' ? 'Ihren Gast Mehmet Yilmaz und 2 mitreisende Personen' : 'your guest Mehmet Yilmaz and 2 people travelling with them');
  expect(text()).to.contain(lang === 'de' ? 'ohne Gericht selbst eintreiben' : 'without a court');
  send().click();
  await form.updateComplete;
  expect(form.shadowRoot!.querySelectorAll('.error-summary li').length, 'nothing is sent before the warning is confirmed').to.equal(1);
  expect(form.shadowRoot!.querySelector('.reference')).to.equal(null);
  await axe(); // the warning page, with its error summary
  await tick(form, '/warnhinweisBestaetigt');
  send().click();
  await waitUntil(() => form.shadowRoot!.querySelector('.reference, .send-error'), 'confirmation', { timeout: 10000 });
  expect(form.shadowRoot!.querySelector('.send-error')?.textContent?.trim(), 'sent').to.equal(undefined);
  await axe();
  return { form, reference: form.shadowRoot!.querySelector('.reference')!.textContent!.trim() };
}

describe('efa-verpflichtungserklaerung', () => {
  after(() => setLocale('de'));

  for (const lang of ['de', 'en'] as const) {
    it(`takes a realistic declaration by keyboard in "${lang}", every step accessible, and the receiver stores a schema-valid submission`, async function () {
      // Some 150 keystrokes and eleven axe runs: far more than one unit test's time.
      this.timeout(120_000);
      const { reference } = await declare(lang);
      expect(reference).to.match(/^VE-\d{4}-[A-Z0-9]{6}$/);
      const stored = await (await fetch(`/api/submissions/${reference}/data`)).json();
      expect(validate(stored.data), JSON.stringify(validate.errors)).to.equal(true);
      expect(stored.locale).to.equal(lang);
      expect(stored.authority).to.equal('09999000');
      expect(stored.data.erklaerender.person.ausweisdokument.nummer, 'document numbers normalised').to.equal('L01X00T47');
      expect(stored.data.begleitpersonen.map((p: { rolle: string }) => p.rolle)).to.deep.equal(['ehegatte', 'kind']);
      expect(stored.data.gast.staatsangehoerigkeiten[0].code, 'Türkei, found in either language').to.equal('163');
      expect(stored.data.gast.familienstand.code).to.equal('VH');
      expect(stored.data.begleitpersonen[1].verwandtschaftsverhaeltnis.code).to.equal('010');
      expect(stored.data.finanzen.nettoeinkommen).to.equal('3500.00');
      // § 850c table from 1 July 2026, 1 dependant: row "3 500,00 bis 3 509,99" → 657,59 €
      expect(stored.data.selbstauskunftBonitaet).to.include({ pfaendbarerBetrag: '657.59', bedarf: '703.75', ausreichend: false });
      expect(stored.data.abgabeart, 'without an identity: signed at the office').to.equal('vor-ort');
      expect(stored.data.authentifizierung).to.equal(undefined);
      expect(stored.data.warnhinweisBestaetigt).to.equal(true);
    });
  }


  it('sends the same declaration encrypted through FIT-Connect; the subscriber decrypts it and stores it', async function () {
    this.timeout(120_000);
    // The page trusts the test root of the destination key, as a real page would the Verwaltungs-PKI root.
    const keyTrust = { anchors: [await (await fetch('/api/fit-connect/demo-trust-anchor')).text()] };
    const { reference: caseId } = await declare('de', { adapter: 'fit-connect', endpoint: '/api/fit-connect', keyTrust });
    const { reference, problems } = await (await fetch(`/api/fit-connect/demo-cases/${caseId}`)).json();
    expect(problems).to.deep.equal([]);
    const stored = await (await fetch(`/api/submissions/${reference}/data`)).json();
    expect(validate(stored.data), JSON.stringify(validate.errors)).to.equal(true);
    expect(stored.data.gast.familienname).to.equal('Yilmaz');
  });

  for (const lang of ['de', 'en'] as const) {
    it(`asks an organisation for its register entry and representative, accessibly, in "${lang}"`, async () => {
      const form = await fixture<EfaVerpflichtungserklaerung>(html`<efa-verpflichtungserklaerung lang=${lang} adapter="event"></efa-verpflichtungserklaerung>`);
      await next(form);
      await radio(form, '/erklaerender/art', 1);
      expect(form.shadowRoot!.getElementById('f-bezugSozialleistungen'), 'the benefits question is for persons only').to.equal(null);
      await next(form);
      const organisation = '/erklaerender/organisation';
      expect(field(form, `${organisation}/vertreter/familienname`)).to.exist;
      expect(form.shadowRoot!.getElementById(`f-erklaerender-organisation-registereintrag-registerart`)).to.equal(null);
      await radio(form, `${organisation}/imRegisterEingetragen`, 0);
      await form.updateComplete;
      expect(field(form, `${organisation}/registereintrag/registerart`).hasAttribute('optional')).to.equal(false);
      await expect(form).to.be.accessible();
      form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
      await form.updateComplete;
      expect(form.shadowRoot!.querySelectorAll('.error-summary li').length).to.be.greaterThan(5);
      await expect(form).to.be.accessible();
    });
  }

  it('asks a signer from outside the EU for a residence title that outlasts the stay', async () => {
    const form = await fixture<EfaVerpflichtungserklaerung>(html`<efa-verpflichtungserklaerung adapter="event"></efa-verpflichtungserklaerung>`);
    await next(form);
    await radio(form, '/erklaerender/art', 0);
    await radio(form, '/bezugSozialleistungen', 0);
    expect(form.shadowRoot!.querySelector('.warning')?.textContent, 'benefits: shown').to.contain('Zahlungsfähigkeit nicht bestätigen');
    expect(form.shadowRoot!.querySelector('[aria-live]')?.textContent, 'and told at once').to.contain('Wichtig: Wenn Sie von diesen Leistungen leben');
    await next(form);
    expect(form.shadowRoot!.getElementById('f-erklaerender-person-aufenthaltstitel-art')).to.equal(null);
    await combobox(form, '/erklaerender/person/staatsangehoerigkeiten/0', 'Turk');
    await form.updateComplete;
    expect(form.shadowRoot!.getElementById('f-erklaerender-person-aufenthaltstitel-art'), 'now required').not.to.equal(null);
    expect(field(form, '/erklaerender/person/aufenthaltstitel/art').hasAttribute('optional')).to.equal(false);
    await expect(form).to.be.accessible();
  });
});
