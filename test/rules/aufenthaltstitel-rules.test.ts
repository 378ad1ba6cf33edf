import { expect } from '@open-wc/testing';
import { aufenthaltstitelRules } from '../../src/services/aufenthaltstitel/rules.js';

const today = '2026-11-24';
const pointers = (data: Record<string, unknown>) => aufenthaltstitelRules(data, today).map((e) => e.pointer);

describe('residence-permit rules', () => {
  it('accepts consistent dates', () => {
    expect(
      pointers({
        person: { geburtsdatum: '1990-05-01', familienstandSeit: '2015-06-01' },
        anschrift: { seit: '2024-01-15' },
        einreise: { datum: '2024-01-10', visum: { gueltigAb: '2024-01-01', gueltigBis: '2024-03-31' } },
        reisepass: { ausstellungsdatum: '2020-02-01', gueltigBis: '2030-01-31' },
        fruehereAufenthalte: [{ von: '2015-01-01', bis: '2016-01-01' }],
        schutz24: { ausreiseUkraine: '2022-03-02' },
      }),
    ).to.deep.equal([]);
  });

  it('finds dates in the future or out of order, at the field to correct', () => {
    expect(
      pointers({
        person: { geburtsdatum: '2027-01-01' },
        einreise: { datum: '2026-12-01', visum: { gueltigAb: '2024-03-01', gueltigBis: '2024-01-01' } },
        reisepass: { ausstellungsdatum: '2020-02-01', gueltigBis: '2019-01-31' },
        ausbildungsstaette: { beginn: '2026-10-01', ende: '2026-09-30' },
        fruehereAufenthalte: [{ von: '2016-01-01', bis: '2015-01-01' }],
      }),
    ).to.deep.equal([
      '/person/geburtsdatum',
      '/einreise/datum',
      '/einreise/visum/gueltigBis',
      '/reisepass/gueltigBis',
      '/ausbildungsstaette/ende',
      '/fruehereAufenthalte/0/bis',
    ]);
  });

  it('leaves the date of leaving Ukraine to the office, unless it is in the future', () => {
    expect(pointers({ schutz24: { ausreiseUkraine: '2022-01-20' } })).to.deep.equal([]);
    expect(pointers({ schutz24: { ausreiseUkraine: '2026-12-01' } })).to.deep.equal(['/schutz24/ausreiseUkraine']);
  });

  it('stops a minor from applying alone, on the day they are still 17 (§ 80 AufenthG)', () => {
    // today is 2026-11-24: born 2008-11-25 is 17, born 2008-11-24 turned 18 today
    expect(pointers({ person: { geburtsdatum: '2008-11-25' }, antragstellung: 'selbst' })).to.deep.equal(['/person/geburtsdatum']);
    expect(pointers({ person: { geburtsdatum: '2008-11-24' }, antragstellung: 'selbst' })).to.deep.equal([]);
    expect(pointers({ person: { geburtsdatum: '2008-11-25' }, antragstellung: 'vertretung', vertretung: { art: 'beide-eltern' } })).to.deep.equal([]);
  });

  it('lets parents, guardians and carers act only for minors, a legal carer also for adults', () => {
    for (const art of ['beide-eltern', 'ein-elternteil', 'vormundschaft', 'betreuende-person']) {
      expect(pointers({ person: { geburtsdatum: '2008-11-24' }, antragstellung: 'vertretung', vertretung: { art } }), art).to.deep.equal(['/vertretung/art']);
    }
    expect(pointers({ person: { geburtsdatum: '1960-02-01' }, antragstellung: 'vertretung', vertretung: { art: 'rechtliche-betreuung' } })).to.deep.equal([]);
  });

  it('says in plain words what to do', () => {
    const [error] = aufenthaltstitelRules({ person: { geburtsdatum: '2010-05-01' }, antragstellung: 'selbst' }, today);
    expect(error!.message()).to.contain('unter 18 Jahren').and.to.contain('„Für eine Person, die ich vertrete“');
  });

  it('leaves dates the schema has not accepted to the schema', () => {
    expect(pointers({ person: { geburtsdatum: '2027-02-31' }, einreise: { datum: 'morgen' } })).to.deep.equal([]);
  });

  it('checks the dates of the further routes: research, transfer, degree, years in Germany', () => {
    expect(
      pointers({
        forschung: { beginn: '2024-02-01', ende: '2028-01-31' },
        ict: { unternehmenszugehoerigkeitSeit: '2019-04-01', transferEnde: '2028-09-30' },
        abschluss: { datum: '2026-11-20' },
        integration: { ununterbrochenInDeutschlandSeit: '2019-11-02' },
      }),
    ).to.deep.equal([]);
    expect(
      pointers({
        forschung: { beginn: '2024-02-01', ende: '2024-01-31' },
        ict: { unternehmenszugehoerigkeitSeit: '2026-12-01', transferEnde: '2026-11-23' },
        abschluss: { datum: '2026-11-25' },
        integration: { ununterbrochenInDeutschlandSeit: '2027-01-01' },
      }),
    ).to.deep.equal(['/forschung/ende', '/ict/unternehmenszugehoerigkeitSeit', '/ict/transferEnde', '/abschluss/datum', '/integration/ununterbrochenInDeutschlandSeit']);
  });
});
