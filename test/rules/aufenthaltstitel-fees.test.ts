import { expect } from '@open-wc/testing';
import { usualFee } from '../../src/services/aufenthaltstitel/fees.js';
import { setLocale } from '../../src/i18n/locale.js';

const today = '2026-12-02';
const ADULT = '1990-05-01';

/** The usual fee for some answers, as amount and provision. */
function feeFor(answers: Record<string, unknown>, birth = ADULT) {
  const values: Record<string, unknown> = { '/person/geburtsdatum': birth };
  for (const [key, value] of Object.entries(answers)) values[`/${key.replace('.', '/')}`] = value;
  const fee = usualFee((pointer) => values[pointer], today);
  return fee && { euros: fee.euros, basis: fee.basis(), halved: fee.halvedForMinor };
}

describe('residence-permit fees (AufenthV as of Aug 2026)', () => {
  before(() => setLocale('de'));

  it('charges the § 45 fees for residence permits: first issue, renewal, change of purpose', () => {
    expect(feeFor({ route: 'erwerbstaetigkeit', zweck: 'blaue-karte-eu', antragsart: 'ersterteilung', 'aufenthaltstitelAktuell.art': 'visum-national' })).to.deep.equal({
      euros: 100,
      basis: '§ 45 Nr. 1 AufenthV',
      halved: false,
    });
    expect(feeFor({ route: 'ausbildung', zweck: 'studium', antragsart: 'verlaengerung' })).to.deep.equal({ euros: 93, basis: '§ 45 Nr. 2 AufenthV', halved: false });
    expect(feeFor({ route: 'erwerbstaetigkeit', zweck: 'fachkraft-akademisch', antragsart: 'ersterteilung', 'aufenthaltstitelAktuell.art': 'aufenthaltserlaubnis' })).to.deep.equal({
      euros: 98,
      basis: '§ 45 Nr. 3 AufenthV',
      halved: false,
    });
  });

  it('charges §§ 44, 44a for settlement and EU long-term residence', () => {
    expect(feeFor({ route: 'niederlassung', zweck: 'niederlassungserlaubnis' })).to.deep.equal({ euros: 113, basis: '§ 44 Nr. 3 AufenthV', halved: false });
    expect(feeFor({ route: 'niederlassung', zweck: 'daueraufenthalt-eu' })).to.deep.equal({ euros: 109, basis: '§ 44a AufenthV', halved: false });
  });

  it('charges 50 € for changing a condition, nothing for permission to work as an employee', () => {
    expect(feeFor({ route: 'nebenbestimmungen', zweck: 'wohnsitzauflage-aendern' })).to.deep.equal({ euros: 50, basis: '§ 47 Abs. 1 Nr. 3 AufenthV', halved: false });
    expect(feeFor({ route: 'nebenbestimmungen', zweck: 'beschaeftigung-erlauben' })).to.deep.equal({ euros: 0, basis: '§ 47 Abs. 2 AufenthV', halved: false });
  });

  it('charges nothing to people with asylum, refugee or subsidiary protection', () => {
    for (const zweck of ['asylberechtigung', 'fluechtlingsschutz', 'subsidiaerer-schutz']) {
      expect(feeFor({ route: 'humanitaer', zweck, antragsart: 'ersterteilung' }), zweck).to.deep.equal({ euros: 0, basis: '§ 52 Abs. 3 AufenthV', halved: false });
    }
    expect(feeFor({ route: 'humanitaer', zweck: 'abschiebungsverbot', antragsart: 'ersterteilung' })!.euros).to.equal(100);
  });

  it('halves the fee for minors (§ 50 Abs. 1), on the day before the 18th birthday but not on it', () => {
    const first = { route: 'ausbildung', zweck: 'berufsausbildung', antragsart: 'ersterteilung' };
    expect(feeFor(first, '2008-12-03')).to.deep.equal({ euros: 50, basis: '§ 45 Nr. 1 AufenthV', halved: true });
    expect(feeFor(first, '2008-12-02')).to.deep.equal({ euros: 100, basis: '§ 45 Nr. 1 AufenthV', halved: false });
    expect(feeFor({ route: 'nebenbestimmungen', zweck: 'sonstige-aenderung' }, '2012-01-01')!.euros).to.equal(25);
  });

  it('charges the identity-card fee for a residence card: 27.60 € under 24, 46 € from 24 (§ 47 Abs. 3 with PAuswGebV)', () => {
    const card = { route: 'aufenthaltskarte', zweck: 'aufenthaltskarte' };
    expect(feeFor(card, '2002-12-03')).to.deep.equal({ euros: 27.6, basis: '§ 47 Abs. 3 AufenthV mit § 1 Abs. 1 Nr. 1 PAuswGebV', halved: false });
    expect(feeFor(card, '2002-12-02')).to.deep.equal({ euros: 46, basis: '§ 47 Abs. 3 AufenthV mit § 1 Abs. 1 Nr. 2 PAuswGebV', halved: false });
    expect(feeFor(card, '2012-01-01')!.euros, 'no halving for minors under § 50').to.equal(27.6);
    expect(feeFor(card, 'unbekannt'), 'no birth date yet').to.equal(undefined);
  });

  it('names no fee before the route is known', () => {
    expect(feeFor({})).to.equal(undefined);
  });
});
