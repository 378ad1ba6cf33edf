import { expect } from '@open-wc/testing';
import validate from '../../src/schema/generated/verpflichtungserklaerung.js';
import { forbidden, matches, required, schemaChecks, type ExpectedError } from '../helpers/schema-checks.js';
import type { Verpflichtungserklarung } from '../../src/schema/generated/verpflichtungserklaerung.js';
import { checkCreditworthiness } from '../../src/rules/creditworthiness.js';
import { FormEngine } from '../../src/engine/form-engine.js';
import { verpflichtungserklaerungDefinition } from '../../src/services/verpflichtungserklaerung/definition.js';
import type { CreditworthinessResult } from '../../src/rules/creditworthiness.js';
import { decimalAmount, euros } from '../../src/engine/money.js';
import { selbstauskunftBonitaet } from '../../src/services/verpflichtungserklaerung/self-check.js';

const FIXTURES = '/test/fixtures/verpflichtungserklaerung';
const VALID = ['einfach', 'familie', 'organisation', 'eid', 'studium'];
const INVALID = [
  'familienname-fehlt',
  'postleitzahl-ungueltig',
  'reisepassnummer-ungueltig',
  'email-ungueltig',
  'telefon-ungueltig',
  'aufenthaltstitel-fehlt',
  'staatsangehoerigkeit-unbekannt',
  'organisation-ohne-vertreter',
  'belehrung-nicht-bestaetigt',
  'zusaetzliche-eigenschaft',
  'ausbildungsbedarf-fehlt',
];

type Json = Record<string, unknown>;

const { load, errorsOf, expectErrors, show } = schemaChecks(validate, FIXTURES);

/** Sets (or with `undefined` removes) the value at a JSON pointer of a copy of `data`. */
function withValue(data: unknown, pointer: string, value: unknown): Json {
  const copy = structuredClone(data) as Json;
  const tokens = pointer.slice(1).split('/');
  const last = tokens.pop()!;
  let node = copy;
  for (const token of tokens) node = node[token] as Json;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

function withValues(data: unknown, changes: Record<string, unknown>): Json {
  return Object.entries(changes).reduce<Json>((result, [pointer, value]) => withValue(result, pointer, value), data as Json);
}

const staatsangehoerigkeit = (code: string) => ({
  code,
  listURI: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit',
  listVersionID: '2021-02-19',
});

/**
 * valid/einfach.json, written out with the generated type: if the type and the schema drift apart, this stops
 * compiling (type) or the tests below fail (schema).
 */
const einfach: Verpflichtungserklarung = {
  erklaerender: {
    art: 'person',
    person: {
      familienname: 'Becker',
      vornamen: 'Anna Maria',
      geburtsdatum: '1984-05-17',
      geburtsort: 'Gießen',
      staatsangehoerigkeiten: [
        { code: '000', listURI: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit', listVersionID: '2021-02-19' },
      ],
      ausweisdokument: {
        art: { code: '01', listURI: 'urn:de:fim:codeliste:identifikationsdokumenteinternational', listVersionID: '2020-08-19' },
        nummer: 'L01X00T47',
      },
      beruf: 'Krankenpflegerin',
      anschrift: { strasse: 'Marktplatz', hausnummer: '3', postleitzahl: '35390', ort: 'Gießen' },
    },
  },
  bezugSozialleistungen: false,
  gast: {
    familienname: 'Sharma',
    vornamen: 'Priya',
    geschlecht: { code: 'w', listURI: 'urn:xpersonenstand:schluesseltabelle:geschlecht', listVersionID: '3' },
    geburtsdatum: '1990-08-02',
    geburtsort: 'Pune',
    staatsangehoerigkeiten: [
      { code: '436', listURI: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit', listVersionID: '2021-02-19' },
    ],
    reisepass: { nummer: 'P4366918', gueltigBis: '2032-03-09' },
    anschrift: {
      strasse: 'Baner Road',
      hausnummer: '14',
      postleitzahl: '411045',
      ort: 'Pune',
      staat: { code: '436', listURI: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staat', listVersionID: '2021-02-19' },
    },
    familienstand: { code: 'LD', listURI: 'urn:de:dsmeld:schluesseltabelle:familienstand', listVersionID: '2' },
    verwandtschaftsverhaeltnis: { code: '020', listURI: 'urn:de:fim:codeliste:verwandtschaftsverhältnis', listVersionID: '2020-08-17' },
  },
  begleitpersonen: [],
  aufenthalt: { zweck: 'besuch', beginn: '2027-05-03', ende: '2027-06-14', unterkunft: { art: 'erklaerender' } },
  finanzangaben: 'im-formular',
  finanzen: {
    nettoeinkommen: '3250.00',
    einkommensart: 'nichtselbststaendig',
    arbeitgeber: 'Universitätsklinikum Gießen',
    unterhaltspflichten: 0,
    miete: '980.00',
    sonstigeVerpflichtungen: '120.00',
    weitereErklaerungenAbgegeben: false,
  },
  abgabeart: 'vor-ort',
  belehrungen: {
    haftungsumfang: true,
    dauer: true,
    vollstreckbarkeit: true,
    gesamtschuld: true,
    keineGefaehrdendenVerpflichtungen: true,
    keinWiderruf: true,
    freiwilligkeit: true,
    strafbarkeit: true,
    datenverarbeitung: true,
    krankenversicherung: true,
  },
  warnhinweisBestaetigt: true,
};

// What the form records of the rule's result must have the schema's type.
type SelbstauskunftBonitaet = NonNullable<Verpflichtungserklarung['selbstauskunftBonitaet']>;
const toSchema: (result: CreditworthinessResult) => SelbstauskunftBonitaet = selbstauskunftBonitaet;

describe('Verpflichtungserklärung schema', () => {
  describe('fixtures', () => {
    for (const name of VALID) {
      it(`accepts valid/${name}.json`, async () => {
        const errors = errorsOf(await load(`valid/${name}.json`));
        expect(errors, show(errors)).to.deep.equal([]);
      });
    }

    for (const name of INVALID) {
      it(`rejects invalid/${name}.json with the named errors`, async () => {
        const { data, expect: expected } = await load<{ data: unknown; expect: ExpectedError[] }>(`invalid/${name}.json`);
        expect(expected, 'the fixture names its errors').to.not.be.empty;
        expectErrors(errorsOf(data), expected);
      });
    }

    it('the generated type accepts valid/einfach.json', async () => {
      expect(await load('valid/einfach.json')).to.deep.equal(einfach);
      expect(errorsOf(einfach), show(errorsOf(einfach))).to.deep.equal([]);
    });
  });

  describe('conditions', () => {
    const person = '/erklaerender/person';

    let familie: Json;
    let bonitaet: unknown;
    let organisation: Json;
    before(async () => {
      // Without the self-check: its amounts have their own tests below.
      const loaded = await load<Json>('valid/familie.json');
      bonitaet = loaded.selbstauskunftBonitaet;
      familie = withValue(loaded, '/selbstauskunftBonitaet', undefined);
      organisation = await load('valid/organisation.json');
    });

    const titel = { art: 'niederlassungserlaubnis', dokumentennummer: 'YH4R27L09' };

    it('asks a signer without a German, EU, EEA or Swiss nationality for a residence title', () => {
      const stateless = withValues(familie, {
        [`${person}/aufenthaltstitel`]: undefined,
        [`${person}/staatsangehoerigkeiten`]: [staatsangehoerigkeit('997')],
      });
      expectErrors(errorsOf(stateless), [required(person, 'aufenthaltstitel')]);
    });

    it('does not ask a German, an EU citizen or a dual national with one EU nationality for a title, and refuses one', () => {
      for (const codes of [['000'], ['152'], ['158'], ['163', '152']]) {
        const data = withValues(familie, {
          [`${person}/aufenthaltstitel`]: undefined,
          [`${person}/staatsangehoerigkeiten`]: codes.map(staatsangehoerigkeit),
        });
        expect(errorsOf(data), `${codes}: ${show(errorsOf(data))}`).to.deep.equal([]);
        expectErrors(errorsOf(withValue(data, `${person}/aufenthaltstitel`, titel)), [forbidden(`${person}/aufenthaltstitel`)]);
      }
    });

    it('counts a British signer as needing a title', () => {
      const data = withValues(familie, {
        [`${person}/aufenthaltstitel`]: undefined,
        [`${person}/staatsangehoerigkeiten`]: [staatsangehoerigkeit('168')],
      });
      expectErrors(errorsOf(data), [required(person, 'aufenthaltstitel')]);
    });

    it('does not ask for a title while no nationality has been chosen yet', () => {
      const errors = errorsOf(withValue(einfach, `${person}/staatsangehoerigkeiten`, [null]));
      expect(errors.some((e) => matches(e, required(person, 'aufenthaltstitel'))), show(errors)).to.equal(false);
    });

    it('asks for the validity of a time-limited title only', () => {
      const titlePath = `${person}/aufenthaltstitel`;
      expectErrors(errorsOf(withValue(familie, `${titlePath}/gueltigBis`, undefined)), [required(titlePath, 'gueltigBis')]);
      expect(errorsOf(withValue(familie, titlePath, titel))).to.deep.equal([]);
      expectErrors(errorsOf(withValue(familie, titlePath, { ...titel, gueltigBis: '2030-01-01' })), [
        forbidden(`${titlePath}/gueltigBis`),
      ]);
    });

    it('records, but does not refuse, a signer who lives on SGB II/XII benefits (the office decides)', () => {
      expect(errorsOf(withValue(einfach, '/bezugSozialleistungen', true))).to.deep.equal([]);
      expectErrors(errorsOf(withValue(einfach, '/bezugSozialleistungen', 'ja')), [
        { instancePath: '/bezugSozialleistungen', keyword: 'type' },
      ]);
    });

    it('asks a natural person how they show their finances, an organisation neither that nor the benefits question', () => {
      expectErrors(errorsOf(withValues(einfach, { '/finanzangaben': undefined, '/finanzen': undefined })), [required('', 'finanzangaben')]);
      expectErrors(errorsOf(withValue(einfach, '/finanzen', undefined)), [required('', 'finanzen')]);
      const withPersonalParts = withValues(organisation, {
        '/bezugSozialleistungen': false,
        '/finanzangaben': 'im-formular',
        '/finanzen': einfach.finanzen,
        '/selbstauskunftBonitaet': bonitaet,
      });
      expectErrors(errorsOf(withPersonalParts), [
        forbidden('/bezugSozialleistungen'),
        forbidden('/finanzangaben'),
        forbidden('/finanzen'),
        forbidden('/selbstauskunftBonitaet'),
      ]);
    });

    it('keeps the financial self-disclosure voluntary: the benefits question may stay unanswered, and the finances may be left to the evidence', () => {
      expect(errorsOf(withValue(einfach, '/bezugSozialleistungen', undefined))).to.deep.equal([]);
      const evidenceOnly = withValues(familie, { '/finanzangaben': 'nur-nachweise', '/finanzen': undefined });
      expect(errorsOf(evidenceOnly), show(errorsOf(evidenceOnly))).to.deep.equal([]);
      expectErrors(errorsOf(withValues(evidenceOnly, { '/finanzen': einfach.finanzen, '/selbstauskunftBonitaet': bonitaet })), [
        forbidden('/finanzen'),
        forbidden('/selbstauskunftBonitaet'),
      ]);
    });

    it('takes a declaration fully online only from a signer the portal identified; the level is the authority’s to check', async () => {
      const eid = await load<Json>('valid/eid.json');
      expectErrors(errorsOf(withValue(eid, '/authentifizierung', undefined)), [required('', 'authentifizierung')]);
      expect(errorsOf(withValue(eid, '/authentifizierung/vertrauensniveau', 'substanziell')), 'an authority may allow it').to.deep.equal([]);
      const identified = { vertrauensniveau: 'substanziell', token: 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln', angaben: [] };
      expect(errorsOf(withValue(einfach, '/authentifizierung', identified)), 'an identity is recorded whatever the mode').to.deep.equal([]);
      expectErrors(errorsOf(withValue(einfach, '/authentifizierung', { ...identified, token: '' })), [
        { instancePath: '/authentifizierung/token', keyword: 'minLength' },
      ]);
    });

    it('records which answers the identity filled, as pointers, and nothing unknown', () => {
      const identified = { vertrauensniveau: 'hoch', token: 't', quelle: 'DeutschlandID', angaben: ['/erklaerender/person/familienname'] };
      expect(errorsOf(withValue(einfach, '/authentifizierung', identified))).to.deep.equal([]);
      const { angaben: _, ...withoutAngaben } = identified;
      expectErrors(errorsOf(withValue(einfach, '/authentifizierung', withoutAngaben)), [required('/authentifizierung', 'angaben')]);
      expectErrors(errorsOf(withValue(einfach, '/authentifizierung', { ...identified, angaben: ['familienname'] })), [
        { instancePath: '/authentifizierung/angaben/0', keyword: 'pattern' },
      ]);
      expectErrors(errorsOf(withValue(einfach, '/authentifizierung', { ...identified, vorname: 'Erika' })), [
        { instancePath: '/authentifizierung', keyword: 'additionalProperties' },
      ]);
    });

    it('requires the notices on enforceability and several signers and the confirmed warning before sending', () => {
      for (const notice of ['vollstreckbarkeit', 'gesamtschuld']) {
        expectErrors(errorsOf(withValue(einfach, `/belehrungen/${notice}`, undefined)), [required('/belehrungen', notice)]);
      }
      expectErrors(errorsOf(withValue(einfach, '/warnhinweisBestaetigt', undefined)), [required('', 'warnhinweisBestaetigt')]);
      expectErrors(errorsOf(withValue(einfach, '/warnhinweisBestaetigt', false)), [{ instancePath: '/warnhinweisBestaetigt', keyword: 'const' }]);
    });

    it('refuses the relationship code of the housing-benefit context (003) for guests and companions', () => {
      const code003 = { code: '003', listURI: 'urn:de:fim:codeliste:verwandtschaftsverhältnis', listVersionID: '2020-08-17' };
      expectErrors(errorsOf(withValue(einfach, '/gast/verwandtschaftsverhaeltnis', code003)), [
        { instancePath: '/gast/verwandtschaftsverhaeltnis', keyword: 'not' },
      ]);
      expectErrors(errorsOf(withValue(familie, '/begleitpersonen/0/verwandtschaftsverhaeltnis', code003)), [
        { instancePath: '/begleitpersonen/0/verwandtschaftsverhaeltnis', keyword: 'not' },
      ]);
    });

    it('takes either a person or an organisation as signer, never both', () => {
      expectErrors(errorsOf(withValue(einfach, '/erklaerender/person', undefined)), [required('/erklaerender', 'person')]);
      expectErrors(errorsOf(withValue(organisation, '/erklaerender/organisation', undefined)), [
        required('/erklaerender', 'organisation'),
      ]);
      const both = withValue(einfach, '/erklaerender/organisation', (organisation.erklaerender as Json).organisation);
      expectErrors(errorsOf(both), [forbidden('/erklaerender/organisation')]);
    });

    it('asks an organisation for its register entry only when it is registered', () => {
      const org = '/erklaerender/organisation';
      expectErrors(errorsOf(withValue(organisation, `${org}/registereintrag`, undefined)), [required(org, 'registereintrag')]);
      const unregistered = withValues(organisation, { [`${org}/imRegisterEingetragen`]: false, [`${org}/registereintrag`]: undefined });
      expect(errorsOf(unregistered)).to.deep.equal([]);
      expectErrors(errorsOf(withValue(organisation, `${org}/imRegisterEingetragen`, false)), [forbidden(`${org}/registereintrag`)]);
    });

    it('asks for a companion’s address only when it differs from the guest’s', () => {
      const child = '/begleitpersonen/1';
      expectErrors(errorsOf(withValue(familie, `${child}/anschriftWieGast`, false)), [required(child, 'anschrift')]);
      const gastAnschrift = (familie.gast as Json).anschrift;
      expect(errorsOf(withValues(familie, { [`${child}/anschriftWieGast`]: false, [`${child}/anschrift`]: gastAnschrift }))).to.deep.equal([]);
      expectErrors(errorsOf(withValue(familie, `${child}/anschrift`, gastAnschrift)), [forbidden(`${child}/anschrift`)]);
    });

    it('accepts at most one spouse among the companions', () => {
      expectErrors(errorsOf(withValue(familie, '/begleitpersonen/1/rolle', 'ehegatte')), [
        { instancePath: '/begleitpersonen', keyword: 'contains' },
      ]);
    });

    it('asks for a description of an “other” purpose only', () => {
      expectErrors(errorsOf(withValue(einfach, '/aufenthalt/zweck', 'sonstiges')), [required('/aufenthalt', 'zweckBeschreibung')]);
      expectErrors(errorsOf(withValue(einfach, '/aufenthalt/zweckBeschreibung', 'Hochzeit')), [
        forbidden('/aufenthalt/zweckBeschreibung'),
      ]);
    });

    it('asks for the accommodation’s address only when it is not the signer’s', () => {
      expectErrors(errorsOf(withValue(einfach, '/aufenthalt/unterkunft/art', 'andere')), [
        required('/aufenthalt/unterkunft', 'anschrift'),
      ]);
      const own = withValue(organisation, '/aufenthalt/unterkunft/art', 'erklaerender');
      expectErrors(errorsOf(own), [forbidden('/aufenthalt/unterkunft/anschrift')]);
    });

    it('asks for the employer of an employee and a description of “other” income only', () => {
      expectErrors(errorsOf(withValue(einfach, '/finanzen/arbeitgeber', undefined)), [required('/finanzen', 'arbeitgeber')]);
      expectErrors(errorsOf(withValue(einfach, '/finanzen/einkommensart', 'rente')), [forbidden('/finanzen/arbeitgeber')]);
      const other = withValues(einfach, { '/finanzen/einkommensart': 'sonstiges', '/finanzen/arbeitgeber': undefined });
      expectErrors(errorsOf(other), [required('/finanzen', 'einkommensartBeschreibung')]);
      expect(errorsOf(withValue(other, '/finanzen/einkommensartBeschreibung', 'Mieteinnahmen'))).to.deep.equal([]);
    });

    it('asks for the other declarations only when the signer has given some', () => {
      expectErrors(errorsOf(withValue(einfach, '/finanzen/weitereErklaerungenAbgegeben', true)), [
        required('/finanzen', 'weitereErklaerungen'),
      ]);
      expectErrors(errorsOf(withValue(familie, '/finanzen/weitereErklaerungen', [])), [
        { instancePath: '/finanzen/weitereErklaerungen', keyword: 'minItems' },
      ]);
      expectErrors(errorsOf(withValue(familie, '/finanzen/weitereErklaerungenAbgegeben', false)), [
        forbidden('/finanzen/weitereErklaerungen'),
      ]);
    });
  });

  describe('formats', () => {
    const cases: { pointer: string; accepted: unknown[]; rejected: unknown[] }[] = [
      { pointer: '/erklaerender/person/anschrift/postleitzahl', accepted: ['01067', '99998'], rejected: ['1067', '010677', 'D-01067'] },
      { pointer: '/gast/reisepass/nummer', accepted: ['C1234567', 'U12345678', 'AB1234'], rejected: ['p4366918', 'A123456789', 'P<4366918', 'AB123', 'P 4366918'] },
      { pointer: '/erklaerender/person/ausweisdokument/nummer', accepted: ['L01X00T47', '592123456789'], rejected: ['L01X 00T47', 'ab12cd'] },
      { pointer: '/erklaerender/person/telefon', accepted: ['+49 641 123456', '0641/123456-7', '(0641) 12 34 56'], rejected: ['12345', 'ruf mich an'] },
      { pointer: '/erklaerender/person/email', accepted: ['anna.becker@example.org'], rejected: ['anna.becker@', 'anna becker@example.org'] },
      { pointer: '/gast/anschrift/postleitzahl', accepted: ['411045', 'SW1A 1AA', '38-200'], rejected: ['', ' 411045', '1234567890123'] },
      { pointer: '/erklaerender/person/familienname', accepted: ['Müller-Lüdenscheidt'], rejected: ['', '   ', 'x'.repeat(121)] },
      { pointer: '/finanzen/unterhaltspflichten', accepted: [0, 20], rejected: [-1, 21, 1.5] },
      { pointer: '/finanzen/miete', accepted: ['0.00', '980.00', '980.50'], rejected: [980, '-1.00', '980.5', '980.123', '980,50', '0980.00', ' 980.00'] },
    ];
    for (const { pointer, accepted, rejected } of cases) {
      it(`checks ${pointer}`, () => {
        for (const value of accepted) {
          const errors = errorsOf(withValue(einfach, pointer, value));
          expect(errors, `${JSON.stringify(value)}:\n${show(errors)}`).to.deep.equal([]);
        }
        for (const value of rejected) {
          const errors = errorsOf(withValue(einfach, pointer, value));
          expect(errors.some((e) => e.instancePath === pointer), `${JSON.stringify(value)} must be refused`).to.equal(true);
        }
      });
    }

    it('checks the number of an organisation’s register entry', async () => {
      const organisation = await load<Json>('valid/organisation.json');
      const pointer = '/erklaerender/organisation/registereintrag/registernummer';
      for (const value of ['7', '123456 B', '12345HB']) expect(errorsOf(withValue(organisation, pointer, value))).to.deep.equal([]);
      for (const value of ['HRB 12345', '1234567', '12345 b']) {
        expectErrors(errorsOf(withValue(organisation, pointer, value)), [{ instancePath: pointer, keyword: 'pattern' }]);
      }
    });

    it('accepts every amount in whole cents, small and large, written as decimalAmount writes it', () => {
      const data = structuredClone(einfach);
      const amounts: string[] = [];
      for (let cents = 0; cents < 10_000; cents += 1) amounts.push(decimalAmount(cents / 100));
      for (const whole of [845, 1555, 4766, 123_456, 99_999_999]) {
        for (let cents = 0; cents < 100; cents += 1) amounts.push(decimalAmount((whole * 100 + cents) / 100));
      }
      const refused = amounts.filter((amount) => {
        data.finanzen!.nettoeinkommen = amount;
        return !validate(data);
      });
      expect(refused.slice(0, 10), `${refused.length} of ${amounts.length} amounts refused`).to.deep.equal([]);
      expect(amounts).to.include.members(['0.00', '4766.99', '845.57', '99999999.99']);
      for (const amount of ['0.001', '2345.675', '100000000.00', '1e3']) {
        data.finanzen!.nettoeinkommen = amount;
        expect(validate(data), amount).to.equal(false);
      }
    });
  });

  describe('selbstauskunftBonitaet', () => {
    it('accepts what the creditworthiness rule computes', () => {
      for (const [nettoeinkommen, unterhaltspflichten, erwachsene, kinder, stichtag] of [
        [3280, 2, 1, 1, '2024-01-15'],
        [4380.55, 2, 2, 1, '2025-08-01'],
        [4650, 1, 2, 1, '2026-11-24'],
        [1234.56, 0, 1, 0, '2023-03-01'],
        [9999.99, 5, 3, 2, '2025-12-31'],
      ] as const) {
        const result = checkCreditworthiness({ nettoeinkommen, unterhaltspflichten, gaeste: { erwachsene, kinder }, stichtag });
        const data: Verpflichtungserklarung = { ...einfach, selbstauskunftBonitaet: toSchema(result) };
        const errors = errorsOf(data);
        expect(errors, `${nettoeinkommen} €:\n${show(errors)}`).to.deep.equal([]);
        // What a receiving system reads back is exactly what the rule computed, to the cent.
        const received = JSON.parse(JSON.stringify(data)) as Verpflichtungserklarung;
        const amounts = received.selbstauskunftBonitaet!;
        expect([amounts.nettoeinkommen, amounts.pfaendbarerBetrag, amounts.bedarf, amounts.differenz].map(euros)).to.deep.equal([
          result.nettoeinkommen,
          result.pfaendbarerBetrag,
          result.bedarf,
          result.differenz,
        ]);
        expect(euros(amounts.parameters.tabelle.obergrenze)).to.equal(result.parameters.tabelle.obergrenze);
      }
    });
  });
});

// Names as in a passport (DIN 91379, schemas/common/basis.schema.json#/$defs/name) and places of birth
// (…/ortsname): at least one visible letter, no control or invisible characters.
describe('Verpflichtungserklärung schema: names and places need visible characters', () => {
  let valid: Json;
  before(async () => {
    valid = await load<Json>('valid/einfach.json');
  });

  const nameRefused = (pointer: string, value: string) =>
    expectErrors(errorsOf(withValue(valid, pointer, value)), [{ instancePath: pointer, keyword: 'pattern' }]);

  it('accepts names as passports print them, with DIN 91379 letters, also decomposed (NFD)', () => {
    const names = ["O'Brien", 'García Márquez', 'Nguyễn Thị Minh Khai', 'Anne-Marie', 'J. R. R.', 'Øster', 'Łukasz', 'Şahin', 'Mu\u0308ller', "d’Artagnan", 'ẞTRASSE'];
    for (const name of names) {
      expect(errorsOf(withValue(valid, '/gast/familienname', name)), show(errorsOf(withValue(valid, '/gast/familienname', name)))).to.deep.equal([]);
    }
  });

  it('refuses names of only invisible or space characters', () => {
    for (const value of ['\u200B', '\u200B\u200B', ' ', '\u00A0', '\u2060', '\uFEFF', '-', "'"]) nameRefused('/gast/familienname', value);
  });

  it('refuses control and format characters inside a name (NUL, line breaks, bidi overrides)', () => {
    for (const value of ['Ada\u0000', 'Ada\nLovelace', 'Ada\tL', 'Ada\u202Eecalevol', 'A\u200Bda']) nameRefused('/gast/vornamen', value);
  });

  it('refuses digits and other scripts in a name: the passport has the Latin form', () => {
    for (const value of ['Ada2', 'Σωκράτης', 'Иванов']) nameRefused('/gast/familienname', value);
  });

  it('accepts places of birth with additions, refuses invisible and control characters there too', () => {
    for (const place of ['Frankfurt (Oder)', 'Istanbul, Türkei', 'St. Petersburg', 'Halle/Saale']) {
      expect(errorsOf(withValue(valid, '/gast/geburtsort', place)), place).to.deep.equal([]);
    }
    for (const value of ['\u200B', '12345', 'Köln\u0000']) nameRefused('/gast/geburtsort', value);
  });

  it('tells the citizen in the form what to enter instead', () => {
    const engine = new FormEngine(verpflichtungserklaerungDefinition, validate);
    engine.set('/gast/familienname', '\u200B');
    const messages = engine.visibleSteps().flatMap((step) => engine.checkStep(step.id));
    const entry = messages.find((m) => m.pointer === '/gast/familienname');
    expect(entry?.message()).to.equal(
      'Geben Sie bei „Familienname“ den Namen in lateinischen Buchstaben ein, so wie im Pass oder Ausweis. Erlaubt sind auch Leerzeichen, Bindestrich, Apostroph und Punkt, aber keine Ziffern.',
    );
  });
});
