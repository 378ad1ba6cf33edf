/**
 * Every dated legal parameter the forms compute with, in one place, each with its source and period of validity:
 * the amounts of § 850c ZPO as announced each year in the Pfändungsfreigrenzenbekanntmachung, Regelbedarfsstufe 1
 * (Anlage zu § 28 SGB XII), the monthly need of students and trainees (§ 2 Abs. 3 S. 5 AufenthG), the fees the
 * forms state, and the statutory deadlines they tell citizens about.
 *
 * These are configuration, not code: an authority extends or corrects them through the element's `config`
 * (`config.bonitaet.pfaendungstabellen`, `.regelbedarf`, `.ausbildungsbedarf`, see `checkCreditworthiness`)
 * without waiting for a release. Every entry is valid for a closed period; a check dated outside every period
 * falls back to the newest entry and says so. `npm run build` and `npm run bench` warn when the newest entry of
 * a series ends within 60 days (`expiringParameters`).
 *
 * Verification (see the test file for the rows checked against published tables):
 * - 2022 and 2023 → 2024 amounts: the official text of the Pfändungsfreigrenzenbekanntmachung 2022 and 2024
 *   ("erhöhen sich … von 1 402,28 auf 1 491,75 Euro", mirrored at github.com/kmein/gesetze,
 *   laws/PfändfreiGrBek_2022.md and laws/Pfändungsfreigrenzenbekanntmachung_2024.md).
 * - 2025 and 2026 amounts: the official texts of the Pfändungsfreigrenzenbekanntmachung 2025 and 2026 with their
 *   Anhang (gesetze-im-internet.de pf_ndfreigrbek_2025 / _2026, mirrored at kmein/gesetze, snapshot of 19.08.2026).
 * - Regelbedarfsstufe 1: jobcenter tables (2022 449 €, 2023 502 €, 2024 563 €) and § 1 RBSFV 2026 (563 €);
 *   2025 unchanged at 563 € (Besitzschutz, RBSFV 2025). The RBSFV 2027 was not available (checked 2026-12-02).
 * - Need of students and trainees: §§ 13 Abs. 1 Nr. 2, Abs. 2 Nr. 2 and 13a Abs. 1 BAföG in the consolidated text
 *   of 19.08.2026 (kmein/gesetze): 475 + 380 + 102 + 35 = 992 € a month.
 */

/** A value the law fixes for a closed period. */
export interface DatedParameter {
  /** First day of validity, ISO date `YYYY-MM-DD` (inclusive). */
  readonly validFrom: string;
  /** Last day of validity, ISO date `YYYY-MM-DD` (inclusive). */
  readonly validTo: string;
  /** Where the value comes from (announcement, law and gazette reference). */
  readonly source: string;
}

/** One year's § 850c ZPO amounts (monthly payment period), in euros. */
export interface GarnishmentTable extends DatedParameter {
  /** Unpfändbarer Grundbetrag, § 850c Abs. 1 Nr. 1 ZPO. */
  readonly grundfreibetrag: number;
  /** Increase for the first dependant, § 850c Abs. 2 Satz 1 Nr. 1 ZPO. */
  readonly ersterUnterhalt: number;
  /** Increase for each of the second to fifth dependant, § 850c Abs. 2 Satz 2 Nr. 1 ZPO. */
  readonly weitererUnterhalt: number;
  /** Income above this amount is fully seizable, § 850c Abs. 3 Satz 3 Nr. 1 ZPO. */
  readonly obergrenze: number;
}

/** Regelbedarfsstufe 1 (Anlage zu § 28 SGB XII) for a period, in euros per month. */
export interface StandardNeedRate extends DatedParameter {
  readonly regelbedarfsstufe1: number;
}

/**
 * The monthly need of a student or trainee (§ 2 Abs. 3 S. 5 AufenthG: the BAföG need under §§ 13 and 13a Abs. 1,
 * which the Federal Ministry of the Interior announces per calendar year in the Bundesanzeiger), in euros.
 */
export interface TrainingNeedRate extends DatedParameter {
  readonly bedarf: number;
}

function frozen<T extends object>(entries: T[]): readonly Readonly<T>[] {
  return Object.freeze(entries.map((entry) => Object.freeze(entry)));
}

/** The built-in § 850c ZPO tables, oldest first. */
export const PFAENDUNGSTABELLEN: readonly GarnishmentTable[] = frozen<GarnishmentTable>([
  {
    validFrom: '2022-07-01',
    validTo: '2023-06-30',
    grundfreibetrag: 1330.16,
    ersterUnterhalt: 500.62,
    weitererUnterhalt: 278.9,
    obergrenze: 4077.72,
    source: 'Pfändungsfreigrenzenbekanntmachung 2022 vom 25.05.2022 (BGBl. I S. 825)',
  },
  {
    validFrom: '2023-07-01',
    validTo: '2024-06-30',
    grundfreibetrag: 1402.28,
    ersterUnterhalt: 527.76,
    weitererUnterhalt: 294.02,
    obergrenze: 4298.81,
    source: 'Pfändungsfreigrenzenbekanntmachung 2023 (BGBl. 2023 I Nr. 79)',
  },
  {
    validFrom: '2024-07-01',
    validTo: '2025-06-30',
    grundfreibetrag: 1491.75,
    ersterUnterhalt: 561.43,
    weitererUnterhalt: 312.78,
    obergrenze: 4573.1,
    source: 'Pfändungsfreigrenzenbekanntmachung 2024 vom 10.05.2024 (BGBl. 2024 I Nr. 160)',
  },
  {
    validFrom: '2025-07-01',
    validTo: '2026-06-30',
    grundfreibetrag: 1555.0,
    ersterUnterhalt: 585.23,
    weitererUnterhalt: 326.04,
    obergrenze: 4766.99,
    source: 'Pfändungsfreigrenzenbekanntmachung 2025 vom 02.04.2025 (BGBl. 2025 I Nr. 110)',
  },
  {
    validFrom: '2026-07-01',
    validTo: '2027-06-30',
    grundfreibetrag: 1587.4,
    ersterUnterhalt: 597.42,
    weitererUnterhalt: 332.83,
    obergrenze: 4866.3,
    source: 'Pfändungsfreigrenzenbekanntmachung 2026 vom 19.03.2026 (BGBl. 2026 I Nr. 80)',
  },
]);

/** The built-in Regelbedarfsstufe 1 series, oldest first. */
export const REGELBEDARF: readonly StandardNeedRate[] = frozen<StandardNeedRate>([
  {
    validFrom: '2022-01-01',
    validTo: '2022-12-31',
    regelbedarfsstufe1: 449,
    source: 'Anlage zu § 28 SGB XII, Stand 1.1.2022 (RBSFV 2022)',
  },
  {
    validFrom: '2023-01-01',
    validTo: '2023-12-31',
    regelbedarfsstufe1: 502,
    source: 'Anlage zu § 28 SGB XII, Stand 1.1.2023 (Bürgergeld-Gesetz)',
  },
  {
    validFrom: '2024-01-01',
    validTo: '2024-12-31',
    regelbedarfsstufe1: 563,
    source: 'Anlage zu § 28 SGB XII, Stand 1.1.2024 (RBSFV 2024)',
  },
  {
    validFrom: '2025-01-01',
    validTo: '2025-12-31',
    regelbedarfsstufe1: 563,
    source: 'Anlage zu § 28 SGB XII, Stand 1.1.2025 (RBSFV 2025, Besitzschutz)',
  },
  {
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    regelbedarfsstufe1: 563,
    source: 'Anlage zu § 28 SGB XII, Stand 1.1.2026 (RBSFV 2026, § 1)',
  },
]);

/** The built-in need of students and trainees per calendar year, oldest first. */
export const AUSBILDUNGSBEDARF: readonly TrainingNeedRate[] = frozen<TrainingNeedRate>([
  {
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    bedarf: 992,
    source:
      '§ 2 Abs. 3 S. 5 AufenthG i. V. m. §§ 13 Abs. 1 Nr. 2, Abs. 2 Nr. 2, 13a Abs. 1 BAföG (475 + 380 + 102 + 35 €), Stand 19.08.2026; die Bekanntmachung des BMI im Bundesanzeiger für 2026 lag nicht vor',
  },
]);

/**
 * Fees the forms tell citizens, in euros. AufenthV §§ 44, 44a, 45, 47 and PAuswGebV § 1 as consolidated on 19.08.2026
 * (kmein/gesetze), checked on 2026-12-02. Fees have no end date; they change when the ordinance is amended.
 */
export const GEBUEHREN = Object.freeze({
  /** § 47 Abs. 1 Nr. 12 AufenthV; an authority may set its own through `config.gebuehr`. */
  verpflichtungserklaerung: 29,
  /** § 45 Nr. 1 AufenthV (Aufenthaltserlaubnis, Blaue Karte EU, ICT-Karte). */
  ersterteilung: 100,
  /** § 45 Nr. 2 Buchst. b AufenthV (for more than three months; 96 € for up to three months). */
  verlaengerung: 93,
  /** § 45 Nr. 3 AufenthV. */
  zweckwechsel: 98,
  /** § 44 Nr. 3 AufenthV. */
  niederlassungserlaubnis: 113,
  /** § 44a AufenthV. */
  daueraufenthaltEu: 109,
  /** § 47 Abs. 1 Nr. 3 AufenthV. */
  auflage: 50,
  /** § 47 Abs. 3 AufenthV with § 1 Abs. 1 Nr. 2 PAuswGebV. */
  karte: 46,
  /** § 47 Abs. 3 AufenthV with § 1 Abs. 1 Nr. 1 PAuswGebV. */
  karteUnter24: 27.6,
  /** § 47 Abs. 1 Nr. 15 AufenthV. */
  beschleunigtesFachkraefteverfahren: 411,
});

/**
 * Dated rules the residence-permit form tells citizens about, each shown only while in force (`inForce`).
 * Checked against the consolidated texts (kmein/gesetze, snapshot of 19.08.2026) on 2026-12-02.
 */
export const FRISTEN = Object.freeze({
  /**
   * Family reunion under § 36a AufenthG to a person with subsidiary protection is not granted until the end of this
   * day (§ 104 Abs. 14 AufenthG; it still cites the pre-June-2026 numbering "§ 25 Absatz 2 Satz 1 zweite
   * Alternative", today § 25 Abs. 2 Satz 2). §§ 22 and 23 stay open.
   */
  familiennachzugSubsidiaerAusgesetztBis: '2027-07-23',
  /**
   * § 24 permits of people from Ukraine that were valid on `ukraineTitelGueltigAm` continue without an individual
   * extension until this day; an individual extension, or a new issue because a condition changes, ends that
   * continuation (§ 2 Abs. 1 UkraineAufenthFGV; the ordinance itself expires with this day, § 3 Abs. 2).
   */
  ukraineFortgeltungBis: '2027-03-04',
  ukraineTitelGueltigAm: '2026-02-01',
});

/** Whether a rule that applies until the end of `lastDay` still applies on `today` (ISO dates). */
export const inForce = (today: string, lastDay: string): boolean => today <= lastDay;

/** A series of dated parameters and the `config` key through which an authority supplies newer entries, if any. */
export interface ParameterSeries {
  readonly name: string;
  /** Absent for a statutory deadline, which only a change of the law moves. */
  readonly configKey?: string;
  readonly entries: readonly DatedParameter[];
}

export const PARAMETER_SERIES: readonly ParameterSeries[] = [
  { name: 'Pfändungstabelle (§ 850c ZPO)', configKey: 'config.bonitaet.pfaendungstabellen', entries: PFAENDUNGSTABELLEN },
  { name: 'Regelbedarfsstufe 1 (Anlage zu § 28 SGB XII)', configKey: 'config.bonitaet.regelbedarf', entries: REGELBEDARF },
  { name: 'Bedarf für Studium und Ausbildung (§ 2 Abs. 3 S. 5 AufenthG)', configKey: 'config.bonitaet.ausbildungsbedarf', entries: AUSBILDUNGSBEDARF },
  {
    name: 'Fortgeltung der § 24-Titel (UkraineAufenthFGV)',
    entries: [{ validFrom: FRISTEN.ukraineTitelGueltigAm, validTo: FRISTEN.ukraineFortgeltungBis, source: '§ 2 Abs. 1, § 3 Abs. 2 UkraineAufenthFGV' }],
  },
  {
    name: 'Aussetzung des Familiennachzugs zu subsidiär Schutzberechtigten (§ 104 Abs. 14 AufenthG)',
    entries: [{ validFrom: '2025-07-24', validTo: FRISTEN.familiennachzugSubsidiaerAusgesetztBis, source: '§ 104 Abs. 14 AufenthG' }],
  },
];

export interface ExpiringParameter {
  readonly name: string;
  readonly configKey?: string;
  /** The newest entry of the series. */
  readonly newest: DatedParameter;
  /** Days from `today` to the end of its validity; negative once it has ended. */
  readonly daysLeft: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The series whose newest entry ends within `days` days of `today` (ISO dates), or has already ended. */
export function expiringParameters(today: string, days: number, series: readonly ParameterSeries[] = PARAMETER_SERIES): ExpiringParameter[] {
  const expiring: ExpiringParameter[] = [];
  for (const { name, configKey, entries } of series) {
    const newest = entries.reduce((a, b) => (b.validTo > a.validTo ? b : a));
    const daysLeft = Math.round((Date.parse(`${newest.validTo}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
    if (daysLeft <= days) expiring.push({ name, ...(configKey ? { configKey } : {}), newest, daysLeft });
  }
  return expiring;
}
