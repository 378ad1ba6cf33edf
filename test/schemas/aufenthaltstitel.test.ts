import { expect } from '@open-wc/testing';
import validate from '../../src/schema/generated/aufenthaltstitel.js';
import { forbidden, required, schemaChecks, type ExpectedError } from '../helpers/schema-checks.js';
import type { Aufenthaltstitel } from '../../src/schema/generated/aufenthaltstitel.js';
import { CASES, ROUTES } from '../fixtures/aufenthaltstitel-fixtures.js';

const FIXTURES = '/test/fixtures/aufenthaltstitel';
/** Recognition, research, ICT, job search, Bleiberecht, permission to work and a new card, with their purposes. */
const FURTHER_ZWECKE = {
  anerkennung: ['anerkennung-qualifizierungsmassnahme', 'anerkennungspartnerschaft', 'anerkennung-vermittlungsabsprache', 'anerkennung-pruefung', 'qualifikationsanalyse'],
  forschung: [],
  'ict-karte': ['ict-karte', 'mobiler-ict-karte'],
  arbeitsplatzsuche: [
    'arbeitsplatzsuche-nach-studium',
    'arbeitsplatzsuche-nach-forschung',
    'arbeitsplatzsuche-nach-berufsausbildung',
    'arbeitsplatzsuche-nach-anerkennung',
    'arbeitsplatzsuche-nach-helferausbildung',
  ],
  bleiberecht: ['gut-integrierte-jugendliche', 'nachhaltige-integration'],
  beschaeftigungserlaubnis: ['beschaeftigung-erlauben', 'berufsausbildung-erlauben'],
  'neue-karte': [],
  'beschleunigtes-fachkraefteverfahren': [
    'fachkraft-berufsausbildung',
    'fachkraft-akademisch',
    'blaue-karte-eu',
    'beschaeftigung-sonstige',
    'berufsausbildung',
    'anerkennungspartnerschaft',
    'anerkennung-qualifizierungsmassnahme',
  ],
} as const;
const FURTHER_ROUTES = Object.keys(FURTHER_ZWECKE) as (keyof typeof FURTHER_ZWECKE)[];

const VALID = [
  ...ROUTES,
  ...FURTHER_ROUTES,
  'erwerbstaetigkeit-verlaengerung',
  ...CASES,
];
const INVALID = [
  'route-unbekannt',
  'zweck-anderer-route',
  'familie-ohne-bezugsperson',
  'verlaengerung-ohne-aufenthaltstitel',
  'verlaengerung-ohne-titel',
  'nebenbestimmungen-mit-koerpergroesse',
  'verurteilung-ohne-angaben',
  'belehrung-nicht-bestaetigt',
  'zusaetzliche-eigenschaft',
  'schutz-24-mit-zweck',
  'niederlassung-mit-antragsart',
  'unionsbuerger-nicht-freizuegigkeitsberechtigt',
  'augenfarbe-unbekannt',
  'vertretung-fehlt',
  'vertretung-ohne-zustimmung',
  'vertretung-beide-eltern-nur-eine-person',
  'vertretung-bei-selbst',
  'niederlassung-zweite-niederlassungserlaubnis',
  'aufenthaltskarte-arbeitnehmer-mit-lebensunterhalt',
  'aufenthaltskarte-mit-antragsart',
  'studium-ohne-hinweis-vorzeitige-beendigung',
  'bezugsperson-schutzstatus-ungeteilt',
  'aufenthaltskarte-mit-mitwirkungspflicht',
  'nahestehende-person-ohne-grund',
  'nahestehende-person-ohne-lebensunterhalt',
  'nebenbestimmungen-arbeit-mit-duldung',
  'anerkennung-ohne-deutschkenntnisse',
  'arbeitsplatzsuche-mit-zweck-der-chancenkarte',
  'beschaeftigungserlaubnis-mit-aufenthaltstitel',
  'bleiberecht-ohne-integration',
  'forschung-mit-zweck',
  'ict-karte-ohne-arbeitsplatz',
  'neue-karte-mit-antragsart',
  'neue-karte-verlust-ohne-erlaeuterung',
  'fachkraefteverfahren-mit-einreise',
  'fachkraefteverfahren-fuer-chancenkarte',
];

/** The sub-purposes each route accepts, as the schema's description lists them. */
const ZWECKE: Record<(typeof ROUTES)[number], readonly string[]> = {
  erwerbstaetigkeit: ['fachkraft-berufsausbildung', 'fachkraft-akademisch', 'blaue-karte-eu', 'beschaeftigung-sonstige', 'chancenkarte', 'selbststaendigkeit'],
  ausbildung: ['berufsausbildung', 'studium', 'sprachkurs-schulbesuch', 'platzsuche'],
  familie: ['ehegatte', 'kind', 'elternteil', 'sonstiger-familienangehoeriger'],
  niederlassung: ['niederlassungserlaubnis', 'niederlassungserlaubnis-fachkraft', 'daueraufenthalt-eu'],
  humanitaer: [
    'aufnahme-aus-dem-ausland',
    'aufnahme-durch-bund-oder-land',
    'asylberechtigung',
    'fluechtlingsschutz',
    'subsidiaerer-schutz',
    'abschiebungsverbot',
    'dringende-gruende',
    'opfer-von-straftaten',
    'ausreise-unmoeglich',
  ],
  'schutz-24': [],
  nebenbestimmungen: [
    'beschaeftigung-erlauben',
    'selbststaendige-taetigkeit-erlauben',
    'wohnsitzauflage-aendern',
    'raeumliche-beschraenkung-aendern',
    'sonstige-aenderung',
  ],
  aufenthaltskarte: ['aufenthaltskarte', 'daueraufenthaltskarte'],
};

type Json = Record<string, unknown>;

const { load, errorsOf, expectErrors, show } = schemaChecks(validate, FIXTURES);

function expectValid(data: unknown): void {
  const errors = errorsOf(data);
  expect(errors, show(errors)).to.deep.equal([]);
}

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


/** Whether the validator reports anything at `pointer` (or below it). */
const reportsAt = (data: unknown, pointer: string): boolean =>
  errorsOf(data).some((e) => e.instancePath === pointer || e.instancePath.startsWith(`${pointer}/`));

const staatsangehoerigkeit = (code: string) => ({
  code,
  listURI: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit',
  listVersionID: '2021-02-19',
});

/**
 * valid/erwerbstaetigkeit.json, written out with the generated type: if the type and the schema drift apart,
 * this stops compiling (type) or the tests below fail (schema).
 */
const blaueKarte: Aufenthaltstitel = {
  route: 'erwerbstaetigkeit',
  antragsart: 'ersterteilung',
  zweck: 'blaue-karte-eu',
  person: {
    familienname: 'Raghunathan',
    fruehereNamen: [],
    vornamen: 'Arjun',
    geschlecht: { code: 'm', listURI: 'urn:xpersonenstand:schluesseltabelle:geschlecht', listVersionID: '3' },
    geburtsdatum: '1991-11-04',
    geburtsort: 'Chennai',
    geburtsstaat: {
      code: '436',
      listURI: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staat',
      listVersionID: '2021-02-19',
    },
    staatsangehoerigkeiten: [
      {
        code: '436',
        listURI: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit',
        listVersionID: '2021-02-19',
      },
    ],
    fruehereStaatsangehoerigkeiten: [],
    familienstand: { code: 'VH', listURI: 'urn:de:dsmeld:schluesseltabelle:familienstand', listVersionID: '2' },
    familienstandSeit: '2019-02-15',
    koerpergroesse: 176,
    augenfarbe: { code: '06', listURI: 'urn:de:xauslaender:codelist:azr:artderaugenfarbe', listVersionID: '1' },
    telefon: '+49 151 23456789',
    email: 'arjun.raghunathan@example.org',
  },
  antragstellung: 'selbst',
  reisepass: {
    nummer: 'Z4821937',
    ausstellungsdatum: '2022-06-13',
    gueltigBis: '2032-06-12',
    ausstellendeBehoerde: 'Regional Passport Office Chennai',
  },
  anschrift: {
    strasse: 'Landsberger Straße',
    hausnummer: '110',
    postleitzahl: '80339',
    ort: 'München',
    seit: '2026-09-01',
  },
  anschriftAusland: {
    strasse: 'Anna Salai',
    hausnummer: '42',
    postleitzahl: '600002',
    ort: 'Chennai',
    staat: {
      code: '436',
      listURI: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staat',
      listVersionID: '2021-02-19',
    },
  },
  einreise: {
    inDeutschlandGeboren: false,
    datum: '2026-08-28',
    mitVisum: true,
    visum: {
      art: 'national',
      nummer: 'D012345678',
      ausstellendeStelle: 'Generalkonsulat Chennai',
      gueltigAb: '2026-08-20',
      gueltigBis: '2026-11-19',
    },
  },
  aufenthaltstitelAktuell: {
    art: 'visum-national',
    rechtsgrundlage: '§ 18g Abs. 1 AufenthG',
    dokumentennummer: 'D012345678',
    gueltigBis: '2026-11-19',
  },
  familienangehoerige: [
    {
      rolle: 'ehegatte',
      familienname: 'Raghunathan',
      vornamen: 'Meera',
      geburtsdatum: '1993-03-21',
      staatsangehoerigkeiten: [
        {
          code: '436',
          listURI: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit',
          listVersionID: '2021-02-19',
        },
      ],
      wohnort: 'ausland',
    },
  ],
  lebensunterhalt: { quellen: ['erwerbstaetigkeit'], nettoeinkommenMonatlich: '4310.27', warmmieteMonatlich: '1240.00' },
  krankenversicherung: { art: 'gesetzlich', versicherer: 'Techniker Krankenkasse' },
  erklaerungen: {
    verurteilungenInland: false,
    verurteilungenAusland: false,
    ermittlungsverfahren: false,
    ausweisungen: false,
  },
  belehrungen: { wahrheitsgemaesseAngaben: true, mitwirkungspflicht: true, datenverarbeitung: true },
  arbeitsplatz: {
    arbeitgeber: {
      name: 'Isarsoft Systems GmbH',
      anschrift: { strasse: 'Bayerstraße', hausnummer: '21', postleitzahl: '80335', ort: 'München' },
    },
    berufsbezeichnung: 'Softwareentwickler',
    beginn: '2026-10-01',
    bruttojahresgehalt: '68500.00',
  },
  nachweise: {
    lichtbild: {
      id: '3f6c2a9e-1b4d-4c7a-9e2f-000000000001',
      dateiname: 'lichtbild-code.pdf',
      mimeType: 'application/pdf',
      groesse: 48211,
    },
    reisepass: {
      id: '3f6c2a9e-1b4d-4c7a-9e2f-000000000002',
      dateiname: 'reisepass.pdf',
      mimeType: 'application/pdf',
      groesse: 812330,
    },
    weitere: [
      {
        id: '3f6c2a9e-1b4d-4c7a-9e2f-000000000003',
        dateiname: 'arbeitsvertrag.pdf',
        mimeType: 'application/pdf',
        groesse: 1203344,
        zweck: 'Arbeitsvertrag',
      },
      {
        id: '3f6c2a9e-1b4d-4c7a-9e2f-000000000004',
        dateiname: 'masterzeugnis.pdf',
        mimeType: 'application/pdf',
        groesse: 655120,
        zweck: 'Nachweis Hochschulabschluss',
      },
    ],
  },
};

describe('Aufenthaltstitel schema', () => {
  const valid: Record<string, Json> = {};
  before(async () => {
    for (const name of VALID) valid[name] = await load<Json>(`valid/${name}.json`);
  });

  describe('fixtures', () => {
    for (const name of VALID) {
      it(`accepts valid/${name}.json`, () => expectValid(valid[name]));
    }

    for (const name of INVALID) {
      it(`rejects invalid/${name}.json with the named errors`, async () => {
        const { data, expect: expected } = await load<{ data: unknown; expect: ExpectedError[] }>(`invalid/${name}.json`);
        expect(expected, 'the fixture names its errors').to.not.be.empty;
        expectErrors(errorsOf(data), expected);
      });
    }

    it('has one valid fixture per route', () => {
      expect(ROUTES.map((route) => valid[route].route)).to.deep.equal([...ROUTES]);
    });

    it('the generated type accepts valid/erwerbstaetigkeit.json', () => {
      expect(valid.erwerbstaetigkeit).to.deep.equal(blaueKarte);
      expectValid(blaueKarte);
    });
  });

  describe('route, application type and purpose', () => {
    it('asks for the application type except for a settlement permit, a change of conditions and a residence card, and refuses it there', () => {
      for (const route of ['erwerbstaetigkeit', 'ausbildung', 'familie', 'humanitaer', 'schutz-24']) {
        expectErrors(errorsOf(withValue(valid[route], '/antragsart', undefined)), [required('', 'antragsart')]);
      }
      for (const route of ['niederlassung', 'nebenbestimmungen', 'aufenthaltskarte']) {
        expectErrors(errorsOf(withValue(valid[route], '/antragsart', 'ersterteilung')), [forbidden('/antragsart')]);
      }
    });

    it('asks every route but § 24 for a purpose, and refuses one for § 24', () => {
      for (const route of ROUTES.filter((r) => r !== 'schutz-24')) {
        expectErrors(errorsOf(withValue(valid[route], '/zweck', undefined)), [required('', 'zweck')]);
      }
      expectErrors(errorsOf(withValue(valid['schutz-24'], '/zweck', 'fluechtlingsschutz')), [forbidden('/zweck')]);
    });

    it('accepts each route’s own purposes and refuses every other route’s', () => {
      const all = Object.values(ZWECKE).flat();
      for (const route of ROUTES.filter((r) => r !== 'schutz-24')) {
        for (const zweck of all) {
          const data = withValue(valid[route], '/zweck', zweck);
          const refused = errorsOf(data).some((e) => e.instancePath === '/zweck');
          expect(refused, `${route} / ${zweck}`).to.equal(!ZWECKE[route].includes(zweck));
        }
      }
    });

    it('does not ask for a purpose or a type while no route has been chosen', () => {
      const errors = errorsOf(withValues(valid.erwerbstaetigkeit, { '/route': undefined, '/zweck': undefined, '/antragsart': undefined }));
      expectErrors(errors, [required('', 'route')]);
      expect(errors.some((e) => e.keyword === 'required' && ['zweck', 'antragsart'].includes(e.params.missingProperty as string)), show(errors)).to.equal(false);
    });
  });

  describe('card data (eAT): height, eye colour, photo', () => {
    it('asks for height and eye colour wherever a card is issued', () => {
      for (const route of ROUTES.filter((r) => r !== 'nebenbestimmungen')) {
        const data = withValues(valid[route], { '/person/koerpergroesse': undefined, '/person/augenfarbe': undefined });
        expectErrors(errorsOf(data), [required('/person', 'koerpergroesse'), required('/person', 'augenfarbe')]);
      }
    });

    it('refuses height, eye colour and photo for a change of conditions', () => {
      const nb = valid.nebenbestimmungen;
      const data = withValues(nb, {
        '/person/koerpergroesse': 178,
        '/person/augenfarbe': (valid.erwerbstaetigkeit.person as Json).augenfarbe,
        '/nachweise/lichtbild': (valid.erwerbstaetigkeit.nachweise as Json).lichtbild,
      });
      expectErrors(errorsOf(data), [forbidden('/person/koerpergroesse'), forbidden('/person/augenfarbe'), forbidden('/nachweise/lichtbild')]);
    });

    it('keeps the photo voluntary where a card is issued', () => {
      expectValid(withValue(valid.erwerbstaetigkeit, '/nachweise/lichtbild', undefined));
    });

    it('checks height in whole centimetres', () => {
      for (const value of [40, 176, 250]) expectValid(withValue(valid.erwerbstaetigkeit, '/person/koerpergroesse', value));
      for (const value of [39, 251, 176.5, '176']) {
        expect(reportsAt(withValue(valid.erwerbstaetigkeit, '/person/koerpergroesse', value), '/person/koerpergroesse'), `${value}`).to.equal(true);
      }
    });
  });

  describe('entry, address abroad and current title', () => {
    const verlaengerung = () => valid['erwerbstaetigkeit-verlaengerung'];

    it('asks for the entry and the last address abroad on a first issue only', () => {
      expectErrors(errorsOf(withValues(valid.erwerbstaetigkeit, { '/einreise': undefined, '/anschriftAusland': undefined })), [
        required('', 'einreise'),
      ]);
      expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, '/anschriftAusland', undefined)), [required('', 'anschriftAusland')]);
      const withEntry = withValues(verlaengerung(), {
        '/einreise': valid.erwerbstaetigkeit.einreise,
        '/anschriftAusland': valid.erwerbstaetigkeit.anschriftAusland,
      });
      expectErrors(errorsOf(withEntry), [forbidden('/einreise'), forbidden('/anschriftAusland')]);
      expectErrors(errorsOf(withValue(valid.niederlassung, '/einreise', valid.erwerbstaetigkeit.einreise)), [forbidden('/einreise')]);
    });

    it('asks a child born in Germany for neither an entry date, a visa nor an address abroad', () => {
      const born = withValues(valid.erwerbstaetigkeit, { '/einreise': { inDeutschlandGeboren: true }, '/anschriftAusland': undefined });
      expectValid(born);
      expectErrors(errorsOf(withValue(born, '/anschriftAusland', valid.erwerbstaetigkeit.anschriftAusland)), [forbidden('/anschriftAusland')]);
      expectErrors(errorsOf(withValue(born, '/einreise/datum', '2026-08-28')), [forbidden('/einreise/datum')]);
      expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, '/einreise/datum', undefined)), [required('/einreise', 'datum')]);
    });

    it('asks for the visa only when the person entered with one', () => {
      expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, '/einreise/visum', undefined)), [required('/einreise', 'visum')]);
      expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, '/einreise/mitVisum', false)), [forbidden('/einreise/visum')]);
      expectValid(withValues(valid.erwerbstaetigkeit, { '/einreise/mitVisum': false, '/einreise/visum': undefined }));
    });

    it('accepts “no title” on a first issue and refuses it for a renewal, a settlement permit and a change of conditions', () => {
      expectValid(valid['schutz-24']);
      for (const data of [verlaengerung(), valid.niederlassung, valid.nebenbestimmungen]) {
        expectErrors(errorsOf(withValue(data, '/aufenthaltstitelAktuell', { art: 'keiner' })), [
          { instancePath: '/aufenthaltstitelAktuell/art', keyword: data === valid.nebenbestimmungen ? 'not' : 'enum' },
        ]);
      }
    });

    it('renews only a time-limited title', () => {
      const titel = (art: string) => withValue(verlaengerung(), '/aufenthaltstitelAktuell/art', art);
      for (const art of ['aufenthaltserlaubnis', 'blaue-karte-eu', 'ict-karte']) expectValid(titel(art));
      for (const art of ['visum-national', 'duldung', 'fiktionsbescheinigung', 'aufenthaltskarte']) {
        expectErrors(errorsOf(titel(art)), [{ instancePath: '/aufenthaltstitelAktuell/art', keyword: 'enum' }]);
      }
    });

    it('asks for a document number except without a title, and for a validity only for time-limited documents', () => {
      const path = '/aufenthaltstitelAktuell';
      expectErrors(errorsOf(withValue(verlaengerung(), `${path}/dokumentennummer`, undefined)), [required(path, 'dokumentennummer')]);
      expectErrors(errorsOf(withValue(verlaengerung(), `${path}/gueltigBis`, undefined)), [required(path, 'gueltigBis')]);
      expectErrors(errorsOf(withValue(valid['schutz-24'], path, { art: 'keiner', dokumentennummer: 'YK7P21N84' })), [
        forbidden(`${path}/dokumentennummer`),
      ]);
      const permanent = { art: 'niederlassungserlaubnis', dokumentennummer: 'YK7P21N84' };
      expectValid(withValue(valid.nebenbestimmungen, path, permanent));
      expectErrors(errorsOf(withValue(valid.nebenbestimmungen, path, { ...permanent, gueltigBis: '2030-01-01' })), [
        forbidden(`${path}/gueltigBis`),
      ]);
    });

    it('asks for the date of the marital status except for single or unknown', () => {
      expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, '/person/familienstandSeit', undefined)), [
        required('/person', 'familienstandSeit'),
      ]);
      expectErrors(errorsOf(withValue(valid.ausbildung, '/person/familienstandSeit', '2024-01-01')), [
        forbidden('/person/familienstandSeit'),
      ]);
    });
  });

  describe('shared blocks per route', () => {
    it('asks for the passport except under §§ 24, 25 Abs. 1 to 3, 4a, 4b and 5, where it is voluntary', () => {
      for (const route of ['erwerbstaetigkeit', 'ausbildung', 'familie', 'niederlassung', 'nebenbestimmungen', 'aufenthaltskarte']) {
        expectErrors(errorsOf(withValue(valid[route], '/reisepass', undefined)), [required('', 'reisepass')]);
      }
      expect(valid.humanitaer.reisepass).to.equal(undefined);
      expectValid(valid.humanitaer);
      expectValid(withValue(valid['schutz-24'], '/reisepass', undefined));
      const hardship = withValues(valid.humanitaer, {
        '/zweck': 'dringende-gruende',
        '/schutzstatus': undefined,
        '/humanitaereGruende': 'Pflege meiner schwer erkrankten Mutter bis zum Abschluss der Behandlung.',
      });
      expectErrors(errorsOf(hardship), [required('', 'reisepass')]);
      expectValid(withValue(hardship, '/reisepass', valid.erwerbstaetigkeit.reisepass));
      const victim = valid['humanitaer-opfer-ohne-pass'];
      expect(victim.reisepass).to.equal(undefined);
      expectValid(victim);
      expectValid(withValue(victim, '/zweck', 'ausreise-unmoeglich'));
      expectValid(withValue(victim, '/reisepass', valid.erwerbstaetigkeit.reisepass));
    });

    it('asks every route but a change of conditions for family members, and refuses them there', () => {
      for (const route of ROUTES.filter((r) => r !== 'nebenbestimmungen')) {
        expectErrors(errorsOf(withValue(valid[route], '/familienangehoerige', undefined)), [required('', 'familienangehoerige')]);
      }
      expectErrors(errorsOf(withValue(valid.nebenbestimmungen, '/familienangehoerige', [])), [forbidden('/familienangehoerige')]);
    });

    it('accepts at most one spouse among the family members', () => {
      const spouse = (valid.niederlassung.familienangehoerige as Json[])[0];
      expectErrors(errorsOf(withValue(valid.niederlassung, '/familienangehoerige/1', spouse)), [
        { instancePath: '/familienangehoerige', keyword: 'contains' },
      ]);
    });

    it('asks for livelihood and health insurance where the law requires them, and keeps them voluntary elsewhere', () => {
      for (const route of ['erwerbstaetigkeit', 'ausbildung', 'familie', 'niederlassung', 'aufenthaltskarte-nicht-erwerbstaetig']) {
        const data = withValues(valid[route], { '/lebensunterhalt': undefined, '/krankenversicherung': undefined });
        expectErrors(errorsOf(data), [required('', 'lebensunterhalt'), required('', 'krankenversicherung')]);
      }
      expect(valid.humanitaer.lebensunterhalt).to.equal(undefined);
      expectValid(withValue(valid.humanitaer, '/krankenversicherung', undefined));
      expectValid(withValue(valid.nebenbestimmungen, '/lebensunterhalt', valid.erwerbstaetigkeit.lebensunterhalt));
    });

    it('asks the family of an EU citizen about means and insurance only when the EU citizen does not work (§ 4, § 5a FreizügG/EU)', () => {
      const means = {
        '/lebensunterhalt': valid['aufenthaltskarte-nicht-erwerbstaetig'].lebensunterhalt,
        '/krankenversicherung': valid['aufenthaltskarte-nicht-erwerbstaetig'].krankenversicherung,
      };
      for (const grund of ['arbeitnehmer', 'arbeitsuche', 'selbststaendig', 'daueraufenthaltsrecht']) {
        const data = withValue(valid.aufenthaltskarte, '/unionsbuerger/freizuegigkeitsgrund', grund);
        expectValid(data);
        expectErrors(errorsOf(withValues(data, means)), [forbidden('/lebensunterhalt'), forbidden('/krankenversicherung')]);
      }
      const permanent = withValues(valid['aufenthaltskarte-nicht-erwerbstaetig'], {
        '/zweck': 'daueraufenthaltskarte',
        '/unionsbuerger/rechtmaessigerAufenthaltSeit': '2020-07-01',
      });
      expectErrors(errorsOf(permanent), [forbidden('/lebensunterhalt'), forbidden('/krankenversicherung')]);
    });

    it('asks close persons of an EU citizen why, and about means and insurance (§§ 3a, 11 Abs. 5 FreizügG/EU)', () => {
      const close = valid['aufenthaltskarte-nahestehende-person'];
      expectErrors(errorsOf(withValue(close, '/unionsbuerger/nahestehend', undefined)), [required('/unionsbuerger', 'nahestehend')]);
      expectErrors(errorsOf(withValue(valid.aufenthaltskarte, '/unionsbuerger/nahestehend', 'lebensgefaehrte')), [forbidden('/unionsbuerger/nahestehend')]);
      expectErrors(errorsOf(withValues(close, { '/lebensunterhalt': undefined, '/krankenversicherung': undefined })), [
        required('', 'lebensunterhalt'),
        required('', 'krankenversicherung'),
      ]);
    });

    it('does not cite the AufenthG duty to cooperate to family members of EU citizens, only to close persons and under the AufenthG', () => {
      expect(valid.aufenthaltskarte.belehrungen).to.not.have.property('mitwirkungspflicht');
      expectErrors(errorsOf(withValue(valid.aufenthaltskarte, '/belehrungen/mitwirkungspflicht', true)), [forbidden('/belehrungen/mitwirkungspflicht')]);
      expectErrors(errorsOf(withValue(valid['aufenthaltskarte-nahestehende-person'], '/belehrungen/mitwirkungspflicht', undefined)), [
        required('/belehrungen', 'mitwirkungspflicht'),
      ]);
    });

    it('asks for the insurer unless the person is uninsured', () => {
      expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, '/krankenversicherung/versicherer', undefined)), [
        required('/krankenversicherung', 'versicherer'),
      ]);
      expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, '/krankenversicherung/art', 'keine')), [
        forbidden('/krankenversicherung/versicherer'),
      ]);
    });

    it('asks for housing for family reunion and settlement only', () => {
      for (const route of ['familie', 'niederlassung']) {
        expectErrors(errorsOf(withValue(valid[route], '/wohnung', undefined)), [required('', 'wohnung')]);
      }
      expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, '/wohnung', valid.familie.wohnung)), [forbidden('/wohnung')]);
    });

    it('asks for a description of each conviction, investigation or expulsion answered with yes, and only then', () => {
      for (const key of ['verurteilungenInland', 'verurteilungenAusland', 'ermittlungsverfahren', 'ausweisungen']) {
        expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, `/erklaerungen/${key}`, true)), [
          required('/erklaerungen', `${key}Angaben`),
        ]);
        const described = withValues(valid.erwerbstaetigkeit, {
          [`/erklaerungen/${key}`]: true,
          [`/erklaerungen/${key}Angaben`]: 'Amtsgericht München, 12.03.2024, Geldstrafe von 30 Tagessätzen wegen Fahrens ohne Fahrerlaubnis.',
        });
        expectValid(described);
        expectErrors(errorsOf(withValue(described, `/erklaerungen/${key}`, false)), [forbidden(`/erklaerungen/${key}Angaben`)]);
      }
    });

    it('gives the § 82 Abs. 6 notice for a residence permit for a particular training or job, and only there', () => {
      for (const route of ['ausbildung', 'erwerbstaetigkeit-verlaengerung']) {
        expectErrors(errorsOf(withValue(valid[route], '/belehrungen/vorzeitigeBeendigung', undefined)), [
          required('/belehrungen', 'vorzeitigeBeendigung'),
        ]);
      }
      for (const route of ['erwerbstaetigkeit', 'familie', 'niederlassung', 'humanitaer', 'aufenthaltskarte']) {
        expect(valid[route].belehrungen, route).to.not.have.property('vorzeitigeBeendigung');
        expectErrors(errorsOf(withValue(valid[route], '/belehrungen/vorzeitigeBeendigung', true)), [forbidden('/belehrungen/vorzeitigeBeendigung')]);
      }
      expectErrors(errorsOf(withValue(valid.ausbildung, '/belehrungen/vorzeitigeBeendigung', false)), [
        { instancePath: '/belehrungen/vorzeitigeBeendigung', keyword: 'const' },
      ]);
    });

    it('requires every acknowledgement', () => {
      for (const key of ['wahrheitsgemaesseAngaben', 'mitwirkungspflicht', 'datenverarbeitung']) {
        expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, `/belehrungen/${key}`, undefined)), [required('/belehrungen', key)]);
      }
    });

    it('names the purpose of every further document', () => {
      expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, '/nachweise/weitere/0/zweck', undefined)), [
        required('/nachweise/weitere/0', 'zweck'),
      ]);
    });
  });

  describe('route-specific blocks', () => {
    /** `block` is required with each of `zwecke` (in `route`) and refused with the route's first other purpose. */
    function requiredFor(route: string, block: string, zwecke: readonly string[], other: string, value: unknown): void {
      for (const zweck of zwecke) {
        const data = withValues(valid[route], { '/zweck': zweck, [`/${block}`]: undefined });
        expectErrors(errorsOf(data), [required('', block)]);
        expect(reportsAt(withValue(data, `/${block}`, value), `/${block}`), `${zweck} with ${block}`).to.equal(false);
      }
      expectErrors(errorsOf(withValues(valid[route], { '/zweck': other, [`/${block}`]: value })), [forbidden(`/${block}`)]);
    }

    it('asks employees and the permission to work for the job, nobody else', () => {
      const job = valid.erwerbstaetigkeit.arbeitsplatz;
      requiredFor('erwerbstaetigkeit', 'arbeitsplatz', ['fachkraft-berufsausbildung', 'fachkraft-akademisch', 'blaue-karte-eu', 'beschaeftigung-sonstige'], 'chancenkarte', job);
      requiredFor('nebenbestimmungen', 'arbeitsplatz', ['beschaeftigung-erlauben'], 'wohnsitzauflage-aendern', job);
    });

    it('asks for the job offer when a Chancenkarte is extended (Folge-Chancenkarte, § 20a Abs. 5 Satz 2), not for the first one', () => {
      const job = valid.erwerbstaetigkeit.arbeitsplatz;
      const qualification = { qualifikation: 'auslaendischer-abschluss', abschluss: 'Bachelor of Commerce, University of Madras' };
      const search = withValues(valid['erwerbstaetigkeit-verlaengerung'], {
        '/zweck': 'chancenkarte',
        '/arbeitsplatz': undefined,
        '/chancenkarte': qualification,
        '/belehrungen/vorzeitigeBeendigung': undefined,
      });
      expectErrors(errorsOf(search), [required('', 'arbeitsplatz')]);
      expectValid(withValue(search, '/arbeitsplatz', job));
    });

    it('asks the self-employed for their business', () => {
      const business = {
        taetigkeit: 'Übersetzungsbüro für Portugiesisch und Spanisch, Kunden sind Gerichte und Unternehmen.',
        freiberuflich: true,
        beginn: '2027-01-01',
        finanzierung: 'Eigenkapital 15 000 Euro, keine Kredite.',
      };
      requiredFor('erwerbstaetigkeit', 'selbststaendigkeit', ['selbststaendigkeit'], 'blaue-karte-eu', business);
      requiredFor('nebenbestimmungen', 'selbststaendigkeit', ['selbststaendige-taetigkeit-erlauben'], 'beschaeftigung-erlauben', business);
    });

    it('asks for the Chancenkarte qualification for § 20a only', () => {
      requiredFor('erwerbstaetigkeit', 'chancenkarte', ['chancenkarte'], 'blaue-karte-eu', {
        qualifikation: 'auslaendischer-abschluss',
        abschluss: 'Bachelor of Commerce, University of Madras',
      });
    });

    it('asks for the place of training for §§ 16a, 16b, 16f, not for the search under § 17', () => {
      requiredFor('ausbildung', 'ausbildungsstaette', ['berufsausbildung', 'studium', 'sprachkurs-schulbesuch'], 'platzsuche', valid.ausbildung.ausbildungsstaette);
    });

    it('asks for the family member joined in the family route only', () => {
      for (const zweck of ['ehegatte', 'kind', 'elternteil']) {
        const data = withValues(valid.familie, { '/zweck': zweck, '/bezugsperson': undefined });
        expectErrors(errorsOf(data), [required('', 'bezugsperson')]);
        expectValid(withValue(data, '/bezugsperson', valid.familie.bezugsperson));
      }
      expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, '/bezugsperson', valid.familie.bezugsperson)), [forbidden('/bezugsperson')]);
    });

    it('tells refugee status (§ 25 Abs. 2 Satz 1) and subsidiary protection (Satz 2) of the family member apart', () => {
      const syrian = withValue(valid.familie, '/bezugsperson/staatsangehoerigkeiten', [staatsangehoerigkeit('475')]);
      for (const status of ['asyl-oder-fluechtlingsschutz', 'subsidiaerer-schutz']) {
        expectValid(withValue(syrian, '/bezugsperson/aufenthaltsstatus', status));
      }
      expectErrors(errorsOf(withValue(valid.familie, '/bezugsperson/aufenthaltsstatus', 'schutzberechtigt')), [
        { instancePath: '/bezugsperson/aufenthaltsstatus', keyword: 'enum' },
      ]);
    });

    it('lets a settlement-permit holder apply for EU long-term residence, not for a second settlement permit', () => {
      const holder = valid['niederlassung-daueraufenthalt-eu'];
      expectValid(holder);
      for (const zweck of ['niederlassungserlaubnis', 'niederlassungserlaubnis-fachkraft']) {
        expectErrors(errorsOf(withValue(holder, '/zweck', zweck)), [{ instancePath: '/zweck', keyword: 'const' }]);
      }
      expectValid(withValue(holder, '/aufenthaltstitelAktuell', valid.niederlassung.aufenthaltstitelAktuell));
    });

    it('asks for the relationship to an “other” family member only', () => {
      const other = withValue(valid.familie, '/zweck', 'sonstiger-familienangehoeriger');
      expectErrors(errorsOf(other), [required('/bezugsperson', 'verwandtschaftsverhaeltnis')]);
      const sister = { code: '008', listURI: 'urn:de:fim:codeliste:verwandtschaftsverhältnis', listVersionID: '2020-08-17' };
      expectValid(withValue(other, '/bezugsperson/verwandtschaftsverhaeltnis', sister));
      expectErrors(errorsOf(withValue(valid.familie, '/bezugsperson/verwandtschaftsverhaeltnis', sister)), [
        forbidden('/bezugsperson/verwandtschaftsverhaeltnis'),
      ]);
    });

    it('asks for the BAMF decision under § 25 Abs. 1 to 3 and for the reasons under the other humanitarian grounds', () => {
      const reasons = 'Aufnahmezusage des Bundesamts vom 04.05.2026 im Bundesaufnahmeprogramm.';
      requiredFor('humanitaer', 'schutzstatus', ['asylberechtigung', 'fluechtlingsschutz', 'subsidiaerer-schutz', 'abschiebungsverbot'], 'dringende-gruende', valid.humanitaer.schutzstatus);
      const others = ['aufnahme-aus-dem-ausland', 'aufnahme-durch-bund-oder-land', 'dringende-gruende', 'opfer-von-straftaten', 'ausreise-unmoeglich'];
      const withPassport = withValues(valid.humanitaer, { '/schutzstatus': undefined, '/reisepass': valid.erwerbstaetigkeit.reisepass });
      for (const zweck of others) {
        expectErrors(errorsOf(withValue(withPassport, '/zweck', zweck)), [required('', 'humanitaereGruende')]);
        expectValid(withValues(withPassport, { '/zweck': zweck, '/humanitaereGruende': reasons }));
      }
      expectErrors(errorsOf(withValue(valid.humanitaer, '/humanitaereGruende', reasons)), [forbidden('/humanitaereGruende')]);
    });

    it('asks for the § 24 basis in that route only, and for the family member with protection when derived from one', () => {
      expectErrors(errorsOf(withValue(valid['schutz-24'], '/schutz24', undefined)), [required('', 'schutz24')]);
      expectErrors(errorsOf(withValue(valid.humanitaer, '/schutz24', valid['schutz-24'].schutz24)), [forbidden('/schutz24')]);
      const family = withValue(valid['schutz-24'], '/schutz24/grundlage', 'familienangehoeriger');
      expectErrors(errorsOf(family), [required('/schutz24', 'familienangehoerigerVon')]);
      const husband = {
        familienname: 'Kovalenko',
        geburtsdatum: '1977-01-12',
        verwandtschaftsverhaeltnis: { code: '001', listURI: 'urn:de:fim:codeliste:verwandtschaftsverhältnis', listVersionID: '2020-08-17' },
      };
      expectValid(withValue(family, '/schutz24/familienangehoerigerVon', husband));
      expectErrors(errorsOf(withValue(valid['schutz-24'], '/schutz24/familienangehoerigerVon', husband)), [
        forbidden('/schutz24/familienangehoerigerVon'),
      ]);
    });

    it('asks what should change for a change of conditions only', () => {
      expectErrors(errorsOf(withValue(valid.nebenbestimmungen, '/nebenbestimmung', undefined)), [required('', 'nebenbestimmung')]);
      expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, '/nebenbestimmung', valid.nebenbestimmungen.nebenbestimmung)), [
        forbidden('/nebenbestimmung'),
      ]);
    });

    it('asks for the EU citizen for a residence card only, and for the five years for the permanent card only', () => {
      expectErrors(errorsOf(withValue(valid.aufenthaltskarte, '/unionsbuerger', undefined)), [required('', 'unionsbuerger')]);
      expectErrors(errorsOf(withValue(valid.familie, '/unionsbuerger', valid.aufenthaltskarte.unionsbuerger)), [forbidden('/unionsbuerger')]);
      const permanent = withValue(valid.aufenthaltskarte, '/zweck', 'daueraufenthaltskarte');
      expectErrors(errorsOf(permanent), [required('/unionsbuerger', 'rechtmaessigerAufenthaltSeit')]);
      expectValid(withValue(permanent, '/unionsbuerger/rechtmaessigerAufenthaltSeit', '2020-07-01'));
      expectErrors(errorsOf(withValue(valid.aufenthaltskarte, '/unionsbuerger/rechtmaessigerAufenthaltSeit', '2020-07-01')), [
        forbidden('/unionsbuerger/rechtmaessigerAufenthaltSeit'),
      ]);
    });

    it('takes an EU, EEA or Swiss nationality for the EU citizen, no other', () => {
      for (const code of ['129', '152', '149', '158']) {
        expectValid(withValue(valid.aufenthaltskarte, '/unionsbuerger/staatsangehoerigkeit', staatsangehoerigkeit(code)));
      }
      for (const code of ['168', '163', '252']) {
        expectErrors(errorsOf(withValue(valid.aufenthaltskarte, '/unionsbuerger/staatsangehoerigkeit', staatsangehoerigkeit(code))), [
          { instancePath: '/unionsbuerger/staatsangehoerigkeit/code', keyword: 'enum' },
        ]);
      }
    });

    it('takes a German for the residence card only with the § 12a FreizügG/EU stay in another EU state, and asks it of nobody else', () => {
      const german = withValue(valid.aufenthaltskarte, '/unionsbuerger/staatsangehoerigkeit', staatsangehoerigkeit('000'));
      expectErrors(errorsOf(german), [required('/unionsbuerger', 'freizuegigkeitDeutscher')]);
      const spain = {
        staat: { code: '161', listURI: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staat', listVersionID: '2021-02-19' },
        von: '2021-03-01',
        bis: '2024-06-30',
      };
      expectValid(withValue(german, '/unionsbuerger/freizuegigkeitDeutscher', spain));
      expectErrors(errorsOf(withValue(german, '/unionsbuerger/freizuegigkeitDeutscher', { ...spain, staat: { ...spain.staat, code: '000' } })), [
        { instancePath: '/unionsbuerger/freizuegigkeitDeutscher/staat/code', keyword: 'enum' },
      ]);
      expectErrors(errorsOf(withValue(valid.aufenthaltskarte, '/unionsbuerger/freizuegigkeitDeutscher', spain)), [
        forbidden('/unionsbuerger/freizuegigkeitDeutscher'),
      ]);
    });

    it('family reunification: a German anchor has the status "deutsch" and nobody else has it; an EU citizen is no anchor (§ 1 Abs. 2 Nr. 1 AufenthG)', () => {
      const anchor = '/bezugsperson/staatsangehoerigkeiten';
      expectErrors(errorsOf(withValue(valid.familie, '/bezugsperson/aufenthaltsstatus', 'niederlassungserlaubnis')), [
        { instancePath: '/bezugsperson/aufenthaltsstatus', keyword: 'const' },
      ]);
      const turkish = withValues(valid.familie, { [anchor]: [staatsangehoerigkeit('163')], '/bezugsperson/aufenthaltsstatus': 'niederlassungserlaubnis' });
      expectValid(turkish);
      expectErrors(errorsOf(withValue(turkish, '/bezugsperson/aufenthaltsstatus', 'deutsch')), [{ instancePath: '/bezugsperson/aufenthaltsstatus', keyword: 'not' }]);
      expectErrors(errorsOf(withValue(turkish, anchor, [staatsangehoerigkeit('129')])), [forbidden('/bezugsperson/aufenthaltsstatus')]);
      expectValid(withValues(valid.familie, { [anchor]: [staatsangehoerigkeit('000'), staatsangehoerigkeit('129')] }));
    });

    it('takes no German, EU, EEA or Swiss applicant on any route, also not beside another nationality (§ 1 Abs. 2 Nr. 1 AufenthG, § 28 AufenthV)', () => {
      const own = '/person/staatsangehoerigkeiten';
      for (const route of [...ROUTES, ...FURTHER_ROUTES]) {
        for (const code of ['000', '129', '149', '158']) {
          expectErrors(errorsOf(withValue(valid[route], own, [staatsangehoerigkeit(code)])), [{ instancePath: `${own}/0`, keyword: 'not' }]);
        }
      }
      // Dual nationals: the other nationality does not make the AufenthG apply.
      expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, own, [staatsangehoerigkeit('436'), staatsangehoerigkeit('000')])), [
        { instancePath: `${own}/1`, keyword: 'not' },
      ]);
      // The Nigerian spouse of a French citizen: the applicant is the third-country family member, the EU citizen the anchor.
      expectValid(withValue(valid.aufenthaltskarte, '/unionsbuerger/staatsangehoerigkeit', staatsangehoerigkeit('129')));
      expectValid(withValue(valid.erwerbstaetigkeit, own, [staatsangehoerigkeit('436'), staatsangehoerigkeit('168')]));
    });
  });

  describe('legal representation of minors (§ 80 AufenthG)', () => {
    const minor = () => valid['ausbildung-minderjaehrig'];

    it('asks for the representation exactly when someone applies for the applicant', () => {
      expectErrors(errorsOf(withValue(valid.ausbildung, '/antragstellung', undefined)), [required('', 'antragstellung')]);
      expectErrors(errorsOf(withValue(minor(), '/vertretung', undefined)), [required('', 'vertretung')]);
      expectErrors(errorsOf(withValue(minor(), '/antragstellung', 'selbst')), [forbidden('/vertretung')]);
    });

    it('asks both parents with joint custody, one person otherwise', () => {
      const [mother] = (minor().vertretung as { personen: Json[] }).personen;
      expectErrors(errorsOf(withValue(minor(), '/vertretung/personen', [mother])), [{ instancePath: '/vertretung/personen', keyword: 'minItems' }]);
      const sole = withValues(minor(), { '/vertretung/art': 'ein-elternteil', '/vertretung/personen': [mother] });
      expectValid(sole);
      expectValid(withValues(sole, { '/vertretung/art': 'vormundschaft', '/vertretung/personen/0/rolle': 'vormund' }));
      expectErrors(errorsOf(withValues(minor(), { '/vertretung/art': 'vormundschaft' })), [{ instancePath: '/vertretung/personen', keyword: 'maxItems' }]);
    });

    it('asks the custodians to consent to a stay for training or work, and not for other purposes or a guardianship of an adult', () => {
      expectErrors(errorsOf(withValue(minor(), '/vertretung/zustimmungPersonensorge', undefined)), [
        required('/vertretung', 'zustimmungPersonensorge'),
      ]);
      expectErrors(errorsOf(withValue(minor(), '/vertretung/zustimmungPersonensorge', false)), [
        { instancePath: '/vertretung/zustimmungPersonensorge', keyword: 'const' },
      ]);
      const rep = minor().vertretung;
      const child = withValues(valid.familie, { '/zweck': 'kind', '/antragstellung': 'vertretung' });
      expectErrors(errorsOf(withValue(child, '/vertretung', rep)), [forbidden('/vertretung/zustimmungPersonensorge')]);
      const { zustimmungPersonensorge: _, ...withoutConsent } = rep as Json;
      expectValid(withValue(child, '/vertretung', withoutConsent));
      const carer = { art: 'rechtliche-betreuung', personen: [{ ...(rep as { personen: Json[] }).personen[0], rolle: 'rechtliche-betreuung', wohnort: 'deutschland' }] };
      expectValid(withValue(withValue(valid.ausbildung, '/antragstellung', 'vertretung'), '/vertretung', carer));
      expectErrors(errorsOf(withValue(withValue(valid.ausbildung, '/antragstellung', 'vertretung'), '/vertretung', { ...carer, zustimmungPersonensorge: true })), [
        forbidden('/vertretung/zustimmungPersonensorge'),
      ]);
    });
  });

  describe('named documents', () => {
    it('files each document under a purpose code, each reference carrying it; an unknown purpose is refused', () => {
      const contract = { id: '3f6c2a9e-1b4d-4c7a-9e2f-000000000031', dateiname: 'vertrag.pdf', mimeType: 'application/pdf', groesse: 1000, zweck: 'arbeitsvertrag' };
      expectValid(withValue(valid.erwerbstaetigkeit, '/nachweise/dokumente', { arbeitsvertrag: [contract] }));
      expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, '/nachweise/dokumente', { gehaltszettel: [contract] })), [
        { instancePath: '/nachweise/dokumente', keyword: 'propertyNames' },
      ]);
      const { zweck: _none, ...withoutPurpose } = contract;
      expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, '/nachweise/dokumente', { arbeitsvertrag: [withoutPurpose] })), [
        required('/nachweise/dokumente/arbeitsvertrag/0', 'zweck'),
      ]);
    });
  });

  describe('formats', () => {
    const cases: { pointer: string; accepted: unknown[]; rejected: unknown[] }[] = [
      { pointer: '/reisepass/nummer', accepted: ['Z4821937', 'AB1234'], rejected: ['z4821937', 'Z 4821937', 'A123456789'] },
      { pointer: '/anschrift/postleitzahl', accepted: ['80339'], rejected: ['8033', 'D-80339'] },
      { pointer: '/anschrift/seit', accepted: ['2026-09-01'], rejected: ['01.09.2026', '2026-13-01'] },
      { pointer: '/einreise/visum/nummer', accepted: ['D012345678'], rejected: ['D 0123 45678'] },
      { pointer: '/arbeitsplatz/bruttojahresgehalt', accepted: ['0.00', '68500.50'], rejected: [68500, '-1.00', '68500.123', '68.500,00'] },
      { pointer: '/person/telefon', accepted: ['+49 151 23456789'], rejected: ['ruf mich an'] },
      { pointer: '/person/fruehereNamen', accepted: [[], ['Rao', 'Raghunathan Rao']], rejected: [['Rao', 'Rao'], ['']] },
    ];
    for (const { pointer, accepted, rejected } of cases) {
      it(`checks ${pointer}`, () => {
        for (const value of accepted) expectValid(withValue(valid.erwerbstaetigkeit, pointer, value));
        for (const value of rejected) {
          expect(reportsAt(withValue(valid.erwerbstaetigkeit, pointer, value), pointer), `${JSON.stringify(value)} must be refused`).to.equal(true);
        }
      });
    }
  });

  describe('further routes: recognition, research, ICT, job search, Bleiberecht, permission to work, new card, § 81a', () => {
    const TITLES = ['anerkennung', 'forschung', 'ict-karte', 'arbeitsplatzsuche', 'bleiberecht'] as const;
    const CARDS = [...TITLES, 'neue-karte'] as const;
    const allZwecke = [...Object.values(ZWECKE).flat(), ...Object.values(FURTHER_ZWECKE).flat()];
    const zweckRefused = (data: unknown) => errorsOf(data).some((e) => e.instancePath === '/zweck');

    it('accepts each route’s own purposes and refuses every other, and refuses a purpose where the route has none', () => {
      for (const route of FURTHER_ROUTES) {
        const own: readonly string[] = FURTHER_ZWECKE[route];
        if (own.length === 0) {
          expectErrors(errorsOf(withValue(valid[route], '/zweck', 'studium')), [forbidden('/zweck')]);
          continue;
        }
        expectErrors(errorsOf(withValue(valid[route], '/zweck', undefined)), [required('', 'zweck')]);
        for (const zweck of allZwecke) {
          expect(zweckRefused(withValue(valid[route], '/zweck', zweck)), `${route} / ${zweck}`).to.equal(!own.includes(zweck));
        }
      }
      for (const route of ROUTES.filter((r) => r !== 'schutz-24')) {
        for (const zweck of Object.values(FURTHER_ZWECKE).flat()) {
          expect(zweckRefused(withValue(valid[route], '/zweck', zweck)), `${route} / ${zweck}`).to.equal(!ZWECKE[route].includes(zweck));
        }
      }
    });

    it('asks whether a title is new or renewed, but not for a permission to work or a new card', () => {
      for (const route of TITLES) expectErrors(errorsOf(withValue(valid[route], '/antragsart', undefined)), [required('', 'antragsart')]);
      for (const route of ['beschaeftigungserlaubnis', 'neue-karte', 'beschleunigtes-fachkraefteverfahren']) {
        expectErrors(errorsOf(withValue(valid[route], '/antragsart', 'ersterteilung')), [forbidden('/antragsart')]);
      }
    });

    it('asks for height and eye colour where a card is made, and refuses them for a permission to work or a visa (§ 81a)', () => {
      for (const route of CARDS) {
        const data = withValues(valid[route], { '/person/koerpergroesse': undefined, '/person/augenfarbe': undefined });
        expectErrors(errorsOf(data), [required('/person', 'koerpergroesse'), required('/person', 'augenfarbe')]);
      }
      const card = valid.erwerbstaetigkeit.person as Json;
      for (const route of ['beschaeftigungserlaubnis', 'beschleunigtes-fachkraefteverfahren']) {
        expectErrors(errorsOf(withValues(valid[route], { '/person/koerpergroesse': 170, '/person/augenfarbe': card.augenfarbe })), [
          forbidden('/person/koerpergroesse'),
          forbidden('/person/augenfarbe'),
        ]);
      }
    });

    it('asks for family members with a new title and in the accelerated procedure (§ 81a Abs. 4) only', () => {
      for (const route of [...TITLES, 'beschleunigtes-fachkraefteverfahren']) expectErrors(errorsOf(withValue(valid[route], '/familienangehoerige', undefined)), [required('', 'familienangehoerige')]);
      for (const route of ['beschaeftigungserlaubnis', 'neue-karte']) {
        expectErrors(errorsOf(withValue(valid[route], '/familienangehoerige', [])), [forbidden('/familienangehoerige')]);
      }
    });

    it('asks for the passport, livelihood and health insurance where the law requires them, and keeps them voluntary elsewhere', () => {
      for (const route of ['anerkennung', 'forschung', 'ict-karte', 'arbeitsplatzsuche', 'neue-karte', 'beschleunigtes-fachkraefteverfahren']) {
        expectErrors(errorsOf(withValue(valid[route], '/reisepass', undefined)), [required('', 'reisepass')]);
      }
      for (const route of ['anerkennung', 'forschung', 'ict-karte', 'arbeitsplatzsuche']) {
        const data = withValues(valid[route], { '/lebensunterhalt': undefined, '/krankenversicherung': undefined });
        expectErrors(errorsOf(data), [required('', 'lebensunterhalt'), required('', 'krankenversicherung')]);
      }
      expect(valid.bleiberecht.reisepass).to.equal(undefined);
      expect(valid.beschaeftigungserlaubnis.reisepass).to.equal(undefined);
      expectValid(withValues(valid.bleiberecht, { '/lebensunterhalt': undefined, '/krankenversicherung': undefined }));
      expectValid(withValue(valid.bleiberecht, '/reisepass', valid.erwerbstaetigkeit.reisepass));
    });

    it('asks for each route’s own block and refuses it on another route', () => {
      const blocks = { anerkennung: 'anerkennung', forschung: 'forschung', 'ict-karte': 'ict', arbeitsplatzsuche: 'abschluss', bleiberecht: 'integration', 'neue-karte': 'neuausstellung', 'beschleunigtes-fachkraefteverfahren': 'fachkraefteverfahren' };
      for (const [route, block] of Object.entries(blocks)) {
        expectErrors(errorsOf(withValue(valid[route], `/${block}`, undefined)), [required('', block)]);
        expectErrors(errorsOf(withValue(valid.erwerbstaetigkeit, `/${block}`, valid[route][block])), [forbidden(`/${block}`)]);
      }
    });

    it('asks for the job where the law presupposes one', () => {
      const job = valid.erwerbstaetigkeit.arbeitsplatz;
      const cases: [string, string, boolean][] = [
        ['anerkennung', 'anerkennungspartnerschaft', true],
        ['anerkennung', 'anerkennung-vermittlungsabsprache', true],
        ['anerkennung', 'anerkennung-pruefung', false],
        ['ict-karte', 'ict-karte', true],
        ['ict-karte', 'mobiler-ict-karte', true],
        ['beschaeftigungserlaubnis', 'beschaeftigung-erlauben', true],
        ['beschaeftigungserlaubnis', 'berufsausbildung-erlauben', true],
      ];
      for (const [route, zweck, needed] of cases) {
        const data = withValues(valid[route], { '/zweck': zweck, '/arbeitsplatz': undefined });
        if (needed) {
          expectErrors(errorsOf(data), [required('', 'arbeitsplatz')]);
          expect(reportsAt(withValue(data, '/arbeitsplatz', job), '/arbeitsplatz'), zweck).to.equal(false);
        } else {
          expectValid(data);
          expectErrors(errorsOf(withValue(data, '/arbeitsplatz', job)), [forbidden('/arbeitsplatz')]);
        }
      }
    });

    it('accepts only the documents each route presupposes as the current status', () => {
      const titel = {
        duldung: { art: 'duldung', dokumentennummer: 'D8812345', gueltigBis: '2027-02-28' },
        gestattung: { art: 'aufenthaltsgestattung', dokumentennummer: 'G2026448', gueltigBis: '2027-01-14' },
        erlaubnis: { art: 'aufenthaltserlaubnis', dokumentennummer: 'YB27K4N8P', gueltigBis: '2027-03-31' },
        fiktion: { art: 'fiktionsbescheinigung', dokumentennummer: 'F1234567', gueltigBis: '2027-03-31' },
        visum: { art: 'visum-national', dokumentennummer: 'D012345678', gueltigBis: '2026-11-19' },
        niederlassung: { art: 'niederlassungserlaubnis', dokumentennummer: 'YN83T1W5Q' },
        keiner: { art: 'keiner' },
      };
      const cases: [string, keyof typeof titel, boolean][] = [
        ['bleiberecht', 'duldung', true],
        ['bleiberecht', 'erlaubnis', true],
        ['bleiberecht', 'gestattung', false],
        ['beschaeftigungserlaubnis', 'duldung', true],
        ['beschaeftigungserlaubnis', 'gestattung', true],
        ['beschaeftigungserlaubnis', 'erlaubnis', false],
        ['neue-karte', 'niederlassung', true],
        ['neue-karte', 'erlaubnis', true],
        ['neue-karte', 'duldung', false],
        ['neue-karte', 'keiner', false],
        ['arbeitsplatzsuche', 'fiktion', true],
        ['arbeitsplatzsuche', 'visum', false],
      ];
      for (const [route, art, accepted] of cases) {
        const refused = reportsAt(withValue(valid[route], '/aufenthaltstitelAktuell', titel[art]), '/aufenthaltstitelAktuell/art');
        expect(refused, `${route} with ${art}`).to.equal(!accepted);
      }
    });

    it('asks the employer (§ 81a) about the worker abroad: no address in Germany, no entry, no German document', () => {
      const abroad = valid['beschleunigtes-fachkraefteverfahren'];
      expectErrors(errorsOf(withValues(abroad, { '/anschrift': valid.anerkennung.anschrift, '/aufenthaltstitelAktuell': { art: 'keiner' } })), [
        forbidden('/anschrift'),
        forbidden('/aufenthaltstitelAktuell'),
      ]);
      expectErrors(errorsOf(withValue(abroad, '/anschriftAusland', undefined)), [required('', 'anschriftAusland')]);
      expectErrors(errorsOf(withValue(abroad, '/fachkraefteverfahren/vollmacht', false)), [{ instancePath: '/fachkraefteverfahren/vollmacht', keyword: 'const' }]);
      const recognition = withValue(abroad, '/zweck', 'anerkennungspartnerschaft');
      expectErrors(errorsOf(recognition), [required('', 'anerkennung')]);
      expectValid(withValue(recognition, '/anerkennung', valid.anerkennung.anerkennung));
      const training = withValues(abroad, { '/zweck': 'berufsausbildung', '/arbeitsplatz': undefined });
      expectErrors(errorsOf(training), [required('', 'ausbildungsstaette')]);
      expectValid(withValue(training, '/ausbildungsstaette', valid.ausbildung.ausbildungsstaette));
      for (const route of [...ROUTES, 'neue-karte', 'beschaeftigungserlaubnis']) {
        expectErrors(errorsOf(withValues(valid[route], { '/anschrift': undefined, '/aufenthaltstitelAktuell': undefined })), [
          required('', 'anschrift'),
          required('', 'aufenthaltstitelAktuell'),
        ]);
      }
    });

    it('asks what happened for a lost card or changed details only', () => {
      const card = valid['neue-karte'];
      for (const grund of ['angaben-geaendert', 'verlust']) {
        expectErrors(errorsOf(withValues(card, { '/neuausstellung/grund': grund, '/neuausstellung/erlaeuterung': undefined })), [
          required('/neuausstellung', 'erlaeuterung'),
        ]);
      }
      for (const grund of ['neuer-pass', 'karte-abgelaufen', 'chip-defekt']) {
        expectErrors(errorsOf(withValue(card, '/neuausstellung/grund', grund)), [forbidden('/neuausstellung/erlaeuterung')]);
        expectValid(withValues(card, { '/neuausstellung/grund': grund, '/neuausstellung/erlaeuterung': undefined }));
      }
    });
  });
});
