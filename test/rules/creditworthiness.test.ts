import { expect } from '@open-wc/testing';
import { checkCreditworthiness, seizableAmount, selectByDate } from '../../src/rules/creditworthiness.js';
import type { CreditworthinessInput } from '../../src/rules/creditworthiness.js';
import { AUSBILDUNGSBEDARF, PFAENDUNGSTABELLEN, REGELBEDARF, expiringParameters } from '../../src/rules/legal-parameters.js';
import type { GarnishmentTable, StandardNeedRate, TrainingNeedRate } from '../../src/rules/legal-parameters.js';

/*
 * Where the expected values come from. Marks on each case:
 *  [P] published: a row or a limit printed in a published Pfändungstabelle or article
 *      - 2025 and 2026: the Anhang (monthly table) of the Pfändungsfreigrenzenbekanntmachung 2025 of 02.04.2025
 *        (BGBl. 2025 I Nr. 110) and 2026 of 19.03.2026 (BGBl. 2026 I Nr. 80), as consolidated on
 *        gesetze-im-internet.de (pf_ndfreigrbek_2025, pf_ndfreigrbek_2026; read from the kmein/gesetze mirror,
 *        snapshot cce3209 of 19.08.2026). Every cell of both monthly tables (3,864 and 3,948 cells at the lower
 *        and upper bound of each row) was compared with `seizableAmount` on 2026-12-02: no difference. The rows
 *        below are a sample of them.
 *      - 2025: mein.kiehl.de/Dokument/1069824 (rows "bis 1.559,99 –", "1.560,00 bis 1.569,99 3,5",
 *        "1.570,00 … 10,5", "1.580,00 … 17,5"; last exempt income per dependants 0: 1.559,99, 1: 2.149,99,
 *        2: 2.469,99, 3: 2.799,99, 5: 3.449,99); datenbank.nwb.de/Dokument/1073738 (1.559,99 and 2.149,99);
 *        iww.de LGP 7/2025 (1.559,99); "Der Mehrbetrag über 4.766,99 Euro ist voll pfändbar" (table footnote).
 *      - 2024: dcd-insolvenzverwaltung.de/pfaendungsfreigrenzen and mein.kiehl.de (last exempt income per
 *        dependants 1.499,99 / 2.059,99 / 2.369,99 / 2.679,99 / 2.999,99 / 3.309,99).
 *      - 2022: Anhang of the Pfändungsfreigrenzenbekanntmachung 2022, BGBl. I 2022 S. 826 (as reproduced on
 *        lexaris.de / buzer.de: "bis 1.339,99 –", "1.340,00 bis 1.349,99 6,89", "1.350,00 … 13,89",
 *        "1.560,00 bis 1.569,99 160,89").
 *      - 2013: Anhang of the Pfändungsfreigrenzenbekanntmachung 2013, BGBl. I 2013 S. 711 (lexaris.de:
 *        "1 050,00 bis 1 059,99 3,47", "1 060,00 bis 1 069,99 10,47").
 *      - Need per guest 281,50 € / 140,75 € and the Bochum example (2 dependants, 1 adult + 1 minor guest,
 *        net ≥ 3.280 €): domain README A.6 (frsh.de, international.ruhr-uni-bochum.de).
 *  [T] third-party transcription, not an official print: full 2025 table embedded in a public GitHub project
 *      ("GermanGarnishmentCalculator", garnishmentTable2025) and a partial 2024 table in another
 *      (pfaendungsberechnung.js, rows 1.500,00 / 3.000,00 / 4.570,00 bis 4.573,10). Every such value agrees
 *      with the formula to the cent.
 *  [C] computed with the § 850c formula only (no published row found for it).
 */

const bySince = (since: string): GarnishmentTable => {
  const table = PFAENDUNGSTABELLEN.find((t) => t.validFrom === since);
  if (!table) throw new Error(`no built-in table from ${since}`);
  return table;
};
const T2022 = bySince('2022-07-01');
const T2023 = bySince('2023-07-01');
const T2024 = bySince('2024-07-01');
const T2025 = bySince('2025-07-01');
const T2026 = bySince('2026-07-01');

/** The seizable amounts for 0..5 dependants at one income. */
const row = (table: GarnishmentTable, income: number): number[] =>
  [0, 1, 2, 3, 4, 5].map((n) => seizableAmount(income, n, table));

/** An authority-supplied RBS 1 entry for 2027 (test value: the 2026 amount, not an official 2027 figure). */
const rbs2027: StandardNeedRate = {
  validFrom: '2027-01-01',
  validTo: '2027-12-31',
  regelbedarfsstufe1: 563,
  source: 'test fixture, not an official amount',
};

let warnings: unknown[][] = [];
let originalWarn: typeof console.warn;

beforeEach(() => {
  warnings = [];
  originalWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args);
  };
});

afterEach(() => {
  console.warn = originalWarn;
});

describe('built-in parameter tables', () => {
  it('hold the verified § 850c ZPO amounts for 2023 to 2026 with their periods', () => {
    const amounts = PFAENDUNGSTABELLEN.map((t) => [
      t.validFrom,
      t.validTo,
      t.grundfreibetrag,
      t.ersterUnterhalt,
      t.weitererUnterhalt,
      t.obergrenze,
    ]);
    expect(amounts).to.deep.include.members([
      ['2023-07-01', '2024-06-30', 1402.28, 527.76, 294.02, 4298.81],
      ['2024-07-01', '2025-06-30', 1491.75, 561.43, 312.78, 4573.1],
      ['2025-07-01', '2026-06-30', 1555.0, 585.23, 326.04, 4766.99],
      ['2026-07-01', '2027-06-30', 1587.4, 597.42, 332.83, 4866.3],
    ]);
    expect(T2025.source).to.equal('Pfändungsfreigrenzenbekanntmachung 2025 vom 02.04.2025 (BGBl. 2025 I Nr. 110)');
    expect(T2026.source).to.equal('Pfändungsfreigrenzenbekanntmachung 2026 vom 19.03.2026 (BGBl. 2026 I Nr. 80)');
  });

  it('hold Regelbedarfsstufe 1 per calendar year: 502 € in 2023, 563 € in 2024, 2025 and 2026', () => {
    const series = REGELBEDARF.map((r) => [r.validFrom, r.validTo, r.regelbedarfsstufe1]);
    expect(series).to.deep.include.members([
      ['2023-01-01', '2023-12-31', 502],
      ['2024-01-01', '2024-12-31', 563],
      ['2025-01-01', '2025-12-31', 563],
      ['2026-01-01', '2026-12-31', 563],
    ]);
  });

  it('are frozen, so no caller can change the defaults for everyone', () => {
    expect(Object.isFrozen(PFAENDUNGSTABELLEN)).to.equal(true);
    expect(Object.isFrozen(T2025)).to.equal(true);
  });
});

describe('seizableAmount with the table valid from 1 July 2025', () => {
  it('[P] nothing is seizable up to 1.559,99 €; the first brackets match the published table', () => {
    expect(seizableAmount(0, 0, T2025)).to.equal(0);
    expect(seizableAmount(1555.0, 0, T2025)).to.equal(0);
    expect(seizableAmount(1559.99, 0, T2025)).to.equal(0);
    expect(seizableAmount(1560.0, 0, T2025)).to.equal(3.5);
    expect(seizableAmount(1569.99, 0, T2025)).to.equal(3.5);
    expect(seizableAmount(1570.0, 0, T2025)).to.equal(10.5);
    expect(seizableAmount(1589.99, 0, T2025)).to.equal(17.5);
  });

  it('[P] the exempt income per number of dependants ends at the published x9,99 limit', () => {
    // 4 dependants: 3.119,99 [C] (the Kiehl table misprints this cell as 2.799,99).
    const lastExempt = [1559.99, 2149.99, 2469.99, 2799.99, 3119.99, 3449.99];
    lastExempt.forEach((income, n) => {
      expect(seizableAmount(income, n, T2025), `${n} dependants at ${income}`).to.equal(0);
    });
    // [T] the first seizable bracket one cent later
    const firstBracket = [3.5, 4.89, 1.49, 2.31, 0.33, 0.56];
    lastExempt.forEach((income, n) => {
      expect(seizableAmount(income + 0.01, n, T2025), `${n} dependants at ${income + 0.01}`).to.equal(firstBracket[n]);
    });
  });

  it('[T] a 10 € bracket takes the value of its lower bound: 3.009,99 € vs 3.010,00 €', () => {
    expect(row(T2025, 3000.0)).to.deep.equal([1011.5, 429.89, 213.49, 62.31, 0, 0]);
    expect(row(T2025, 3009.99)).to.deep.equal([1011.5, 429.89, 213.49, 62.31, 0, 0]);
    expect(row(T2025, 3010.0)).to.deep.equal([1018.5, 434.89, 217.49, 65.31, 0, 0]);
  });

  it('[P] reproduces several rows of the table for 0 to 5 dependants', () => {
    expect(row(T2025, 2150.0)).to.deep.equal([416.5, 4.89, 0, 0, 0, 0]);
    expect(row(T2025, 2500.0)).to.deep.equal([661.5, 179.89, 13.49, 0, 0, 0]);
    expect(row(T2025, 2805.5)).to.deep.equal([871.5, 329.89, 133.49, 2.31, 0, 0]);
    expect(row(T2025, 3459.99)).to.deep.equal([1326.5, 654.89, 393.49, 197.31, 66.33, 0.56]);
    expect(row(T2025, 3500.0)).to.deep.equal([1361.5, 679.89, 413.49, 212.31, 76.33, 5.56]);
    expect(row(T2025, 4000.0)).to.deep.equal([1711.5, 929.89, 613.49, 362.31, 176.33, 55.56]);
    expect(row(T2025, 2475.0)).to.deep.equal([640.5, 164.89, 1.49, 0, 0, 0]);
    expect(row(T2025, 3120.0)).to.deep.equal([1095.5, 489.89, 261.49, 98.31, 0.33, 0]);
  });

  it('[C] counts more than five dependants as five', () => {
    expect(seizableAmount(4000, 7, T2025)).to.equal(55.56);
    expect(seizableAmount(4000, 5, T2025)).to.equal(seizableAmount(4000, 12, T2025));
  });

  it('[P][T] around the cap 4.766,99 €: last bracket up to the cap, every cent above fully seizable', () => {
    expect(row(T2025, 4759.99)).to.deep.equal([2236.5, 1304.89, 913.49, 587.31, 326.33, 130.56]);
    const lastBracket = [2243.5, 1309.89, 917.49, 590.31, 328.33, 131.56];
    expect(row(T2025, 4760.0)).to.deep.equal(lastBracket);
    expect(row(T2025, 4766.99)).to.deep.equal(lastBracket);
    // [C] "Der Mehrbetrag über 4.766,99 Euro ist voll pfändbar"
    expect(row(T2025, 4767.0)).to.deep.equal([2243.51, 1309.9, 917.5, 590.32, 328.34, 131.57]);
    expect(row(T2025, 5000.0)).to.deep.equal([2476.51, 1542.9, 1150.5, 823.32, 561.34, 364.57]);
    expect(seizableAmount(10000, 2, T2025)).to.equal(6150.5);
  });
});

describe('seizableAmount with the table valid from 1 July 2026', () => {
  it('[P] nothing is seizable up to 1.589,99 €; the first bracket is 1,82 €', () => {
    expect(seizableAmount(1587.4, 0, T2026)).to.equal(0);
    expect(seizableAmount(1589.99, 0, T2026)).to.equal(0);
    expect(seizableAmount(1590.0, 0, T2026)).to.equal(1.82);
    expect(seizableAmount(1599.99, 0, T2026)).to.equal(1.82);
  });

  it('[P] for 0 to 5 dependants the last exempt row and the first seizable row match the Anhang', () => {
    const lastExempt = [1589.99, 2189.99, 2519.99, 2859.99, 3189.99, 3519.99];
    const firstBracket = [1.82, 2.59, 0.94, 2.86, 1.34, 0.39];
    lastExempt.forEach((income, n) => {
      expect(seizableAmount(income, n, T2026), `${n} dependants at ${income}`).to.equal(0);
      expect(seizableAmount(income + 0.01, n, T2026), `${n} dependants at ${income + 0.01}`).to.equal(firstBracket[n]);
    });
  });

  it('[P] reproduces rows of the Anhang for 0 to 5 dependants, each bracket at its lower bound', () => {
    expect(row(T2026, 2180.0)).to.deep.equal([414.82, 0, 0, 0, 0, 0]);
    expect(row(T2026, 2519.99)).to.deep.equal([645.82, 162.59, 0, 0, 0, 0]);
    expect(row(T2026, 2855.0)).to.deep.equal([883.82, 332.59, 132.94, 0, 0, 0]);
    expect(row(T2026, 3000.0)).to.deep.equal([988.82, 407.59, 192.94, 44.86, 0, 0]);
    expect(row(T2026, 3009.99)).to.deep.equal([988.82, 407.59, 192.94, 44.86, 0, 0]);
    expect(row(T2026, 3010.0)).to.deep.equal([995.82, 412.59, 196.94, 47.86, 0, 0]);
    expect(row(T2026, 3185.5)).to.deep.equal([1114.82, 497.59, 264.94, 98.86, 0, 0]);
    expect(row(T2026, 3459.99)).to.deep.equal([1303.82, 632.59, 372.94, 179.86, 53.34, 0]);
    expect(row(T2026, 3510.0)).to.deep.equal([1345.82, 662.59, 396.94, 197.86, 65.34, 0]);
    expect(row(T2026, 4000.0)).to.deep.equal([1688.82, 907.59, 592.94, 344.86, 163.34, 48.39]);
  });

  it('[P] around the cap 4.866,30 €: the last row "4.860,00 bis 4.866,30", every cent above fully seizable', () => {
    expect(row(T2026, 4859.99)).to.deep.equal([2283.82, 1332.59, 932.94, 599.86, 333.34, 133.39]);
    const lastRow = [2290.82, 1337.59, 936.94, 602.86, 335.34, 134.39];
    expect(row(T2026, 4860.0)).to.deep.equal(lastRow);
    expect(row(T2026, 4866.3)).to.deep.equal(lastRow);
    // "Der Mehrbetrag über 4 866,30 Euro ist voll pfändbar" (footnote of the Anhang)
    expect(row(T2026, 4866.31)).to.deep.equal([2290.83, 1337.6, 936.95, 602.87, 335.35, 134.4]);
    expect(seizableAmount(5000, 0, T2026)).to.equal(2424.52);
  });
});

describe('seizableAmount with other years (same formula, other amounts)', () => {
  it('[P] 2022 official rows, including 6,89 € where truncation would give 6,88 €', () => {
    expect(seizableAmount(1339.99, 0, T2022)).to.equal(0);
    expect(seizableAmount(1340.0, 0, T2022)).to.equal(6.89);
    expect(seizableAmount(1350.0, 0, T2022)).to.equal(13.89);
    expect(seizableAmount(1569.99, 0, T2022)).to.equal(160.89);
    expect(seizableAmount(1569.99, 1, T2022)).to.equal(0);
  });

  it('[P] 2024 last exempt income per dependants and the first seizable bracket after it', () => {
    const lastExempt = [1499.99, 2059.99, 2369.99, 2679.99, 2999.99, 3309.99];
    lastExempt.forEach((income, n) => {
      expect(seizableAmount(income, n, T2024), `${n} at ${income}`).to.equal(0);
      expect(seizableAmount(income + 0.01, n, T2024), `${n} at ${income + 0.01}`).to.be.greaterThan(0);
    });
  });

  it('[T] 2024 rows 1.500,00, 3.000,00 and the last row 4.570,00 bis 4.573,10 (ties round half up)', () => {
    expect(seizableAmount(1500.0, 0, T2024)).to.equal(5.78);
    expect(row(T2024, 3000.0)).to.deep.equal([1055.78, 473.41, 253.62, 96.38, 1.7, 0]);
    expect(row(T2024, 4573.1)).to.deep.equal([2154.78, 1258.41, 881.62, 567.38, 315.7, 126.57]);
  });
});

describe('selectByDate', () => {
  const a = { validFrom: '2024-07-01', validTo: '2025-06-30', id: 'a' };
  const b = { validFrom: '2025-07-01', validTo: '2026-06-30', id: 'b' };
  const own = { validFrom: '2025-07-01', validTo: '2026-06-30', id: 'own' };

  it('picks the entry covering the date, inclusive at both ends', () => {
    expect(selectByDate([], [a, b], '2025-06-30')).to.deep.equal({ entry: a, outdated: false });
    expect(selectByDate([], [a, b], '2025-07-01')).to.deep.equal({ entry: b, outdated: false });
  });

  it('prefers the authority entry over a built-in one for the same period', () => {
    expect(selectByDate([own], [a, b], '2026-01-15').entry.id).to.equal('own');
  });

  it('falls back to the newest entry and flags it when none covers the date', () => {
    expect(selectByDate([], [b, a], '2026-11-24')).to.deep.equal({ entry: b, outdated: true });
    expect(selectByDate([], [a, b], '2020-01-01')).to.deep.equal({ entry: b, outdated: true });
  });
});

describe('checkCreditworthiness', () => {
  const visit = (over: Partial<CreditworthinessInput> = {}): CreditworthinessInput => ({
    nettoeinkommen: 3000,
    unterhaltspflichten: 0,
    gaeste: { erwachsene: 1, kinder: 0 },
    stichtag: '2025-09-01',
    ...over,
  });

  it('[P] Bochum example (table 2023, RBS 1 2024): 2 dependants, 1 adult + 1 child need 422,25 €; net 3.280 € suffices', () => {
    const ok = checkCreditworthiness({
      nettoeinkommen: 3280,
      unterhaltspflichten: 2,
      gaeste: { erwachsene: 1, kinder: 1 },
      stichtag: '2024-04-15',
    });
    expect(ok).to.deep.equal({
      nettoeinkommen: 3280,
      pfaendbarerBetrag: 422.38,
      bedarf: 422.25,
      ausreichend: true,
      differenz: 0.13,
      parameters: {
        tabelle: { ...T2023 },
        regelbedarfsstufe1: 563,
        anteilErwachsener: 0.5,
        anteilKind: 0.25,
        bedarfsgrundlage: 'besuch',
        stichtag: '2024-04-15',
        outdated: false,
      },
    });

    const short = checkCreditworthiness({
      nettoeinkommen: 3279.99,
      unterhaltspflichten: 2,
      gaeste: { erwachsene: 1, kinder: 1 },
      stichtag: '2024-04-15',
    });
    expect(short.pfaendbarerBetrag).to.equal(418.38);
    expect(short.ausreichend).to.equal(false);
    expect(short.differenz).to.equal(-3.87);
    expect(warnings).to.have.length(0);
  });

  it('selects the table by date: 30 June 2025 uses the 2024 table, 1 July 2025 the 2025 table', () => {
    const june = checkCreditworthiness(visit({ stichtag: '2025-06-30' }));
    const july = checkCreditworthiness(visit({ stichtag: '2025-07-01' }));
    expect(june.parameters.tabelle.validFrom).to.equal('2024-07-01');
    expect(june.pfaendbarerBetrag).to.equal(1055.78);
    expect(july.parameters.tabelle.validFrom).to.equal('2025-07-01');
    expect(july.pfaendbarerBetrag).to.equal(1011.5);
    expect(warnings).to.have.length(0);
  });

  it('selects RBS 1 by date: in early 2023 an adult needs 251,00 €, a child 125,50 €', () => {
    const result = checkCreditworthiness(visit({ gaeste: { erwachsene: 1, kinder: 1 }, stichtag: '2023-03-01' }));
    expect(result.parameters.regelbedarfsstufe1).to.equal(502);
    expect(result.parameters.tabelle.validFrom).to.equal('2022-07-01');
    expect(result.bedarf).to.equal(376.5);
  });

  it('[P] sums the need of adults (281,50 €) and children (140,75 €)', () => {
    const result = checkCreditworthiness(visit({ gaeste: { erwachsene: 2, kinder: 3 } }));
    expect(result.bedarf).to.equal(985.25);
    expect(result.pfaendbarerBetrag).to.equal(1011.5);
    expect(result.ausreichend).to.equal(true);
    expect(result.differenz).to.equal(26.25);
  });

  it('adds the guests of other declarations for the same period', () => {
    const result = checkCreditworthiness(
      visit({
        gaeste: { erwachsene: 2, kinder: 3 },
        weitereErklaerungen: [
          { erwachsene: 1, kinder: 0 },
          { erwachsene: 0, kinder: 2 },
        ],
      }),
    );
    expect(result.bedarf).to.equal(1548.25);
    expect(result.ausreichend).to.equal(false);
    expect(result.differenz).to.equal(-536.75);
  });

  it('adds the regular monthly outgoings for a long stay only', () => {
    const long = checkCreditworthiness(visit({ langfristigerAufenthalt: true, monatlicheAusgaben: 850.4 }));
    expect(long.bedarf).to.equal(1131.9);
    expect(long.ausreichend).to.equal(false);
    expect(long.differenz).to.equal(-120.4);
    const short = checkCreditworthiness(visit({ langfristigerAufenthalt: false, monatlicheAusgaben: 850.4 }));
    expect(short.bedarf).to.equal(281.5);
    expect(short.ausreichend).to.equal(true);
  });

  it('uses the newest table when none covers the date, says so in the result and warns once', () => {
    const input = visit({
      nettoeinkommen: 3280,
      unterhaltspflichten: 2,
      gaeste: { erwachsene: 1, kinder: 1 },
      stichtag: '2027-08-01',
    });
    const config = { regelbedarf: [rbs2027] };
    const result = checkCreditworthiness(input, config);
    expect(result.parameters.outdated).to.equal(true);
    expect(result.parameters.tabelle).to.deep.equal({ ...T2026 });
    expect(result.parameters.regelbedarfsstufe1).to.equal(563);
    expect(result.pfaendbarerBetrag).to.equal(304.94);
    expect(result.ausreichend).to.equal(false);
    expect(warnings).to.have.length(1);
    const message = String(warnings[0]?.[0]);
    expect(message).to.contain('2027-08-01');
    expect(message).to.contain('2026-07-01 to 2027-06-30');
    expect(message).to.contain('config.bonitaet.pfaendungstabellen');
    expect(message).not.to.contain('Regelbedarfsstufe 1 entry');

    checkCreditworthiness(input, config);
    expect(warnings).to.have.length(1);
  });

  it('flags an outdated RBS 1 too, in the same single warning', () => {
    const result = checkCreditworthiness(visit({ stichtag: '2027-08-01' }));
    expect(result.parameters.outdated).to.equal(true);
    expect(result.parameters.regelbedarfsstufe1).to.equal(563);
    expect(warnings).to.have.length(1);
    const message = String(warnings[0]?.[0]);
    expect(message).to.contain('config.bonitaet.pfaendungstabellen');
    expect(message).to.contain('config.bonitaet.regelbedarf');
  });

  it('accepts an authority table for a period the defaults do not cover: no longer outdated, no warning', () => {
    const table2027: GarnishmentTable = {
      validFrom: '2027-07-01',
      validTo: '2028-06-30',
      grundfreibetrag: 1600.0,
      ersterUnterhalt: 600.0,
      weitererUnterhalt: 335.0,
      obergrenze: 4900.0,
      source: 'test fixture, not an official table',
    };
    const result = checkCreditworthiness(visit({ nettoeinkommen: 2000, stichtag: '2027-11-24' }), {
      pfaendungstabellen: [table2027],
      regelbedarf: [rbs2027],
    });
    expect(result.parameters.outdated).to.equal(false);
    expect(result.parameters.tabelle).to.deep.equal(table2027);
    expect(result.pfaendbarerBetrag).to.equal(280);
    expect(warnings).to.have.length(0);
  });

  it('[P] lets an authority table win over a built-in one: 2013 amounts reproduce the 2013 official rows', () => {
    const table2013: GarnishmentTable = {
      validFrom: '2013-07-01',
      validTo: '2015-06-30',
      grundfreibetrag: 1045.04,
      ersterUnterhalt: 393.3,
      weitererUnterhalt: 219.12,
      obergrenze: 3203.67,
      source: 'Pfändungsfreigrenzenbekanntmachung 2013 (BGBl. I S. 710)',
    };
    const rbs2014: StandardNeedRate = {
      validFrom: '2014-01-01',
      validTo: '2014-12-31',
      regelbedarfsstufe1: 391,
      source: 'test fixture',
    };
    const config = { pfaendungstabellen: [table2013], regelbedarf: [rbs2014] };
    const at = (nettoeinkommen: number) =>
      checkCreditworthiness(visit({ nettoeinkommen, stichtag: '2014-05-01' }), config);
    expect(at(1049.99).pfaendbarerBetrag).to.equal(0);
    expect(at(1050.0).pfaendbarerBetrag).to.equal(3.47);
    expect(at(1060.0).pfaendbarerBetrag).to.equal(10.47);
    expect(at(1060.0).bedarf).to.equal(195.5);
    expect(at(1060.0).parameters.outdated).to.equal(false);
    expect(warnings).to.have.length(0);
  });

  it('lets an authority correct a covered period and set other shares', () => {
    const corrected: GarnishmentTable = { ...T2025, grundfreibetrag: 1600.0, source: 'corrected by authority' };
    const result = checkCreditworthiness(visit({ gaeste: { erwachsene: 1, kinder: 1 } }), {
      pfaendungstabellen: [corrected],
      anteilErwachsener: 1,
      anteilKind: 0.5,
    });
    expect(result.parameters.tabelle.source).to.equal('corrected by authority');
    expect(result.pfaendbarerBetrag).to.equal(980);
    expect(result.bedarf).to.equal(844.5);
    expect(result.parameters.anteilErwachsener).to.equal(1);
    expect(result.parameters.anteilKind).to.equal(0.5);
  });

  it('rounds each guest share to cents (⅓ × 563 € = 187,67 €)', () => {
    const result = checkCreditworthiness(visit({ gaeste: { erwachsene: 3, kinder: 0 } }), { anteilErwachsener: 1 / 3 });
    expect(result.bedarf).to.equal(563.01);
  });

  it('computes in cents: no float drift at a bracket edge or in sums', () => {
    expect(
      checkCreditworthiness(visit({ nettoeinkommen: 1559.99 + 0.01, gaeste: { erwachsene: 0, kinder: 0 } }))
        .pfaendbarerBetrag,
    ).to.equal(3.5);
    const result = checkCreditworthiness(
      visit({ nettoeinkommen: 1000.1 + 2000.2, gaeste: { erwachsene: 0, kinder: 3 } }),
    );
    expect(result.nettoeinkommen).to.equal(3000.3);
    expect(result.bedarf).to.equal(422.25);
    expect(result.differenz).to.equal(589.25);
  });

  it('treats negative or missing income as 0 and odd counts as whole non-negative numbers, without throwing', () => {
    const negative = checkCreditworthiness(visit({ nettoeinkommen: -500 }));
    expect(negative.nettoeinkommen).to.equal(0);
    expect(negative.pfaendbarerBetrag).to.equal(0);
    expect(negative.ausreichend).to.equal(false);
    expect(negative.differenz).to.equal(-281.5);
    expect(checkCreditworthiness(visit({ nettoeinkommen: Number.NaN })).pfaendbarerBetrag).to.equal(0);
    expect(checkCreditworthiness(visit({ unterhaltspflichten: -1 })).pfaendbarerBetrag).to.equal(1011.5);
    expect(checkCreditworthiness(visit({ unterhaltspflichten: 2.7 })).pfaendbarerBetrag).to.equal(213.49);
    const noGuests = checkCreditworthiness(visit({ gaeste: { erwachsene: Number.NaN, kinder: -2 } }));
    expect(noGuests.bedarf).to.equal(0);
    expect(noGuests.ausreichend).to.equal(true);
  });

  it('throws a RangeError for programming errors only', () => {
    expect(() => checkCreditworthiness(visit({ stichtag: '24.11.2026' }))).to.throw(RangeError, /stichtag/);
    expect(() =>
      checkCreditworthiness(visit(), {
        pfaendungstabellen: [{ ...T2025, validFrom: '2026-07-01', validTo: '2026-06-30' }],
      }),
    ).to.throw(RangeError, /before it starts/);
    expect(() => checkCreditworthiness(visit(), { anteilKind: -0.25 })).to.throw(RangeError, /anteilKind/);
  });

  describe('need by the purpose of the stay', () => {
    const during2026 = (over: Partial<CreditworthinessInput>) => visit({ stichtag: '2026-09-01', ...over });

    it('[P] studies and training: the BAföG benchmark of § 2 Abs. 3 S. 5 AufenthG, 992 € per adult guest', () => {
      const result = checkCreditworthiness(during2026({ bedarfsgrundlage: 'ausbildung' }));
      expect(result.bedarf).to.equal(992);
      expect(result.parameters).to.include({ bedarfsgrundlage: 'ausbildung', ausbildungsbedarf: 992, outdated: false });
      expect(AUSBILDUNGSBEDARF[0]!.source).to.contain('§§ 13 Abs. 1 Nr. 2, Abs. 2 Nr. 2, 13a Abs. 1 BAföG');
    });

    it('[P] a language course: the benchmark plus 10 % (§ 2 Abs. 3 S. 6 AufenthG); a child keeps the visit share', () => {
      const result = checkCreditworthiness(during2026({ bedarfsgrundlage: 'sprachkurs', gaeste: { erwachsene: 1, kinder: 1 } }));
      expect(result.bedarf).to.equal(1091.2 + 140.75);
    });

    it('family reunion: the full RBS 1 for every guest, children included, unless the authority sets a share', () => {
      const full = checkCreditworthiness(during2026({ bedarfsgrundlage: 'familiennachzug', gaeste: { erwachsene: 1, kinder: 2 } }));
      expect(full.bedarf).to.equal(3 * 563);
      expect(full.parameters).to.include({ bedarfsgrundlage: 'familiennachzug', anteilFamiliennachzug: 1 });
      const own = checkCreditworthiness(during2026({ bedarfsgrundlage: 'familiennachzug' }), { anteilFamiliennachzug: 0.9 });
      expect(own.bedarf).to.equal(506.7);
    });

    it('a visit is the default and records no benchmark', () => {
      const result = checkCreditworthiness(during2026({}));
      expect(result.bedarf).to.equal(281.5);
      expect(result.parameters.bedarfsgrundlage).to.equal('besuch');
      expect(result.parameters).not.to.have.property('ausbildungsbedarf');
    });

    it('takes an authority benchmark for a year the defaults do not cover, and flags a missing one', () => {
      const own: TrainingNeedRate = { validFrom: '2027-01-01', validTo: '2027-12-31', bedarf: 1000, source: 'test fixture, not an official amount' };
      const covered = checkCreditworthiness(visit({ bedarfsgrundlage: 'ausbildung', stichtag: '2027-03-01' }), {
        ausbildungsbedarf: [own],
        regelbedarf: [rbs2027],
      });
      expect(covered.bedarf).to.equal(1000);
      expect(covered.parameters.outdated).to.equal(false);
      expect(warnings).to.have.length(0);
      const missing = checkCreditworthiness(visit({ bedarfsgrundlage: 'ausbildung', stichtag: '2027-03-01' }), { regelbedarf: [rbs2027] });
      expect(missing.bedarf).to.equal(992);
      expect(missing.parameters.outdated).to.equal(true);
      expect(String(warnings[0]?.[0])).to.contain('config.bonitaet.ausbildungsbedarf');
    });
  });
});

describe('expiringParameters', () => {
  it('names every built-in series whose newest entry ends within the given days, with the config key to extend it', () => {
    const names = (today: string) => expiringParameters(today, 60).map((p) => p.configKey ?? p.name);
    expect(names('2026-09-01')).to.deep.equal([]);
    expect(names('2026-11-02')).to.deep.equal(['config.bonitaet.regelbedarf', 'config.bonitaet.ausbildungsbedarf']);
    expect(names('2027-05-15')).to.deep.equal([
      'config.bonitaet.pfaendungstabellen',
      'config.bonitaet.regelbedarf',
      'config.bonitaet.ausbildungsbedarf',
      'Fortgeltung der § 24-Titel (UkraineAufenthFGV)',
    ]);
    expect(names('2027-06-01'), 'a statutory deadline has no config key').to.include(
      'Aussetzung des Familiennachzugs zu subsidiär Schutzberechtigten (§ 104 Abs. 14 AufenthG)',
    );
    const [rbs] = expiringParameters('2026-12-02', 60);
    expect(rbs).to.deep.include({ name: 'Regelbedarfsstufe 1 (Anlage zu § 28 SGB XII)', daysLeft: 29 });
    expect(expiringParameters('2027-01-05', 60)[0]!.daysLeft, 'an ended entry counts down below 0').to.equal(-5);
  });
});
