/**
 * Dated parameters for the creditworthiness (Bonität) self-check: the amounts of § 850c ZPO as announced each
 * year in the Pfändungsfreigrenzenbekanntmachung, and Regelbedarfsstufe 1 (Anlage zu § 28 SGB XII).
 *
 * These are configuration, not code: an authority extends or corrects them through
 * `config.pfaendungstabellen` / `config.regelbedarf` (see `checkCreditworthiness`). Every entry is valid for a
 * closed period; a check dated outside every period falls back to the newest entry and says so.
 *
 * Verification (see the test file for the rows checked against published tables):
 * - 2022 and 2023 → 2024 amounts: the official text of the Pfändungsfreigrenzenbekanntmachung 2022 and 2024
 *   ("erhöhen sich … von 1 402,28 auf 1 491,75 Euro", mirrored at github.com/kmein/gesetze,
 *   laws/PfändfreiGrBek_2022.md and laws/Pfändungsfreigrenzenbekanntmachung_2024.md).
 * - 2025 amounts: the BGBl. 2025 I Nr. 110 values as reported by schuldnerhilfe-direkt.de (§ 850c ZPO tag page),
 *   stb-teheesen.de ("Höhere Pfändungsfreigrenzen ab 1.7.2025") and iww.de LGP 7/2025 (previous 1.491,75 €).
 * - Regelbedarfsstufe 1: jobcenter tables (2022 449 €, 2023 502 €, 2024 563 €) and § 1 RBSFV 2026 (563 €);
 *   2025 unchanged at 563 € (Besitzschutz, RBSFV 2025).
 */

/** One year's § 850c ZPO amounts (monthly payment period), in euros. */
export interface GarnishmentTable {
  /** First day of validity, ISO date `YYYY-MM-DD` (inclusive). */
  readonly validFrom: string;
  /** Last day of validity, ISO date `YYYY-MM-DD` (inclusive). */
  readonly validTo: string;
  /** Unpfändbarer Grundbetrag, § 850c Abs. 1 Nr. 1 ZPO. */
  readonly grundfreibetrag: number;
  /** Increase for the first dependant, § 850c Abs. 2 Satz 1 Nr. 1 ZPO. */
  readonly ersterUnterhalt: number;
  /** Increase for each of the second to fifth dependant, § 850c Abs. 2 Satz 2 Nr. 1 ZPO. */
  readonly weitererUnterhalt: number;
  /** Income above this amount is fully seizable, § 850c Abs. 3 Satz 3 Nr. 1 ZPO. */
  readonly obergrenze: number;
  /** Where the amounts come from (announcement and gazette reference). */
  readonly source: string;
}

/** Regelbedarfsstufe 1 (Anlage zu § 28 SGB XII) for a period, in euros per month. */
export interface StandardNeedRate {
  /** First day of validity, ISO date `YYYY-MM-DD` (inclusive). */
  readonly validFrom: string;
  /** Last day of validity, ISO date `YYYY-MM-DD` (inclusive). */
  readonly validTo: string;
  readonly regelbedarfsstufe1: number;
  readonly source: string;
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
