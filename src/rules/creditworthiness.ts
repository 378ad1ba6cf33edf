/**
 * Creditworthiness (Bonität) self-check for a Verpflichtungserklärung (§§ 66–68 AufenthG).
 *
 * The federal Merkblatt asks the authority to weigh the signer's income against the Pfändungsfreigrenzen of
 * §§ 850 ff. ZPO: only the seizable part of the income can be used to enforce a § 68 claim. Following the
 * published practice (Schleswig-Holstein circular of 06.02.2024, Bochum), the seizable part must reach the
 * guests' need per month, which depends on why they come (`bedarfsgrundlage`):
 * - a visit: ½ × Regelbedarfsstufe 1 per adult and ¼ × RBS 1 per child;
 * - studies or training: the legal benchmark of § 2 Abs. 3 S. 5 AufenthG (the BAföG need of §§ 13, 13a Abs. 1,
 *   which already includes housing and health insurance) per adult guest, plus 10 % for a language course
 *   (§ 2 Abs. 3 S. 6 AufenthG); children as on a visit;
 * - family reunion: the full RBS 1 for every guest, children included (RBS 1 is above every children's level,
 *   so this errs on the side of the guest; an authority can set another share).
 * For a long stay the signer's regular outgoings are added (Merkblatt § 3 a).
 *
 * The check informs and never blocks: odd input is normalised (see `checkCreditworthiness`), only programming
 * errors (a malformed date, a malformed parameter table, a negative share) throw.
 *
 * All arithmetic runs in integer cents.
 */
import { AUSBILDUNGSBEDARF, PFAENDUNGSTABELLEN, REGELBEDARF } from './legal-parameters.js';
import type { DatedParameter, GarnishmentTable, StandardNeedRate, TrainingNeedRate } from './legal-parameters.js';

export type { GarnishmentTable, StandardNeedRate, TrainingNeedRate } from './legal-parameters.js';

/** What the guests' need is measured by; see the module comment. */
export type NeedBasis = 'besuch' | 'ausbildung' | 'sprachkurs' | 'familiennachzug';

/** Number of persons in one declaration. Children are guests under 18. */
export interface GuestCount {
  erwachsene: number;
  kinder: number;
}

export interface CreditworthinessInput {
  /** The signer's monthly net income in euros. */
  nettoeinkommen: number;
  /** Persons the signer owes statutory maintenance to and supports (§ 850c Abs. 2 ZPO); more than 5 count as 5. */
  unterhaltspflichten: number;
  /** The guests of this declaration. */
  gaeste: GuestCount;
  /** Why the guests come; default `besuch`. */
  bedarfsgrundlage?: NeedBasis;
  /** A long stay: the signer's regular monthly outgoings are added to the need (Merkblatt § 3 a). */
  langfristigerAufenthalt?: boolean;
  /** Regular monthly outgoings in euros (rent, home-ownership costs, debts, insurance, maintenance). Counted only for a long stay. */
  monatlicheAusgaben?: number;
  /** Other declarations the signer has already given for the same period; their guests add to the need. */
  weitereErklaerungen?: readonly GuestCount[];
  /** Date of the check, ISO `YYYY-MM-DD`; selects the parameter tables. Defaults to today (local time). */
  stichtag?: string;
}

/** Authority settings, merged over the built-in defaults. */
export interface CreditworthinessConfig {
  /** Additional or corrected § 850c ZPO tables. Where one covers the check date it wins over the built-in tables. */
  pfaendungstabellen?: readonly GarnishmentTable[];
  /** Additional or corrected Regelbedarfsstufe 1 entries; same precedence as `pfaendungstabellen`. */
  regelbedarf?: readonly StandardNeedRate[];
  /** Share of RBS 1 needed per adult guest per month. Default 0.5. */
  anteilErwachsener?: number;
  /** Share of RBS 1 needed per child guest per month. Default 0.25. */
  anteilKind?: number;
  /** Additional or corrected need of students and trainees (§ 2 Abs. 3 S. 5 AufenthG); same precedence as `pfaendungstabellen`. */
  ausbildungsbedarf?: readonly TrainingNeedRate[];
  /** Share of RBS 1 needed per guest (adult or child) for family reunion. Default 1. */
  anteilFamiliennachzug?: number;
}

export interface CreditworthinessParameters {
  /** The § 850c ZPO table that was applied. */
  tabelle: GarnishmentTable;
  /** The Regelbedarfsstufe 1 amount that was applied, euros. */
  regelbedarfsstufe1: number;
  anteilErwachsener: number;
  anteilKind: number;
  bedarfsgrundlage: NeedBasis;
  /** For studies, training and language courses: the monthly benchmark per adult guest that was applied, euros. */
  ausbildungsbedarf?: number;
  /** For family reunion: the share of RBS 1 per guest that was applied. */
  anteilFamiliennachzug?: number;
  /** The date the parameters were selected for. */
  stichtag: string;
  /** True when no table (or no RBS 1 entry) covers `stichtag` and the newest one was used instead. */
  outdated: boolean;
}

/** The self-assessment; it becomes part of the submission, hence the German keys. Amounts in euros. */
export interface CreditworthinessResult {
  /** The income the check was computed with (after normalisation). */
  nettoeinkommen: number;
  /** Seizable part of the income under § 850c ZPO. */
  pfaendbarerBetrag: number;
  /** Monthly need: guests of this and the other declarations, plus outgoings for a long stay. */
  bedarf: number;
  /** `pfaendbarerBetrag >= bedarf`. */
  ausreichend: boolean;
  /** `pfaendbarerBetrag - bedarf`; negative means a shortfall. */
  differenz: number;
  parameters: CreditworthinessParameters;
}

const DEFAULT_SHARE_ADULT = 0.5;
const DEFAULT_SHARE_CHILD = 0.25;
const DEFAULT_SHARE_FAMILY = 1;
/** § 2 Abs. 3 S. 6 AufenthG: for language courses not preparing studies, the benchmark plus 10 %. */
const LANGUAGE_COURSE_SURCHARGE = 1.1;
const MAX_DEPENDANTS = 5;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const warned = new Set<string>();

/** Euros to integer cents (half away from zero at the third decimal). */
function toCents(euros: number): number {
  return Math.round(euros * 100);
}

function toEuros(cents: number): number {
  return cents / 100;
}

/** A non-negative finite amount; anything else (negative, NaN, ±Infinity, non-number) counts as 0. */
function normaliseAmount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** A non-negative whole count; fractions are truncated, anything else counts as 0. */
function normaliseCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function assertIsoDate(value: string, what: string): void {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new RangeError(`efa-forms creditworthiness: ${what} must be an ISO date YYYY-MM-DD, got ${String(value)}`);
  }
}

function assertPeriod(entry: { validFrom: string; validTo: string }, what: string): void {
  assertIsoDate(entry.validFrom, `${what}.validFrom`);
  assertIsoDate(entry.validTo, `${what}.validTo`);
  if (entry.validFrom > entry.validTo) {
    throw new RangeError(
      `efa-forms creditworthiness: ${what} ends (${entry.validTo}) before it starts (${entry.validFrom})`,
    );
  }
}

function assertAmount(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`efa-forms creditworthiness: ${what} must be a non-negative number, got ${String(value)}`);
  }
}

function assertTable(table: GarnishmentTable, what: string): void {
  assertPeriod(table, what);
  assertAmount(table.grundfreibetrag, `${what}.grundfreibetrag`);
  assertAmount(table.ersterUnterhalt, `${what}.ersterUnterhalt`);
  assertAmount(table.weitererUnterhalt, `${what}.weitererUnterhalt`);
  assertAmount(table.obergrenze, `${what}.obergrenze`);
}

function assertRate(rate: StandardNeedRate, what: string): void {
  assertPeriod(rate, what);
  assertAmount(rate.regelbedarfsstufe1, `${what}.regelbedarfsstufe1`);
}

function assertTrainingNeed(rate: TrainingNeedRate, what: string): void {
  assertPeriod(rate, what);
  assertAmount(rate.bedarf, `${what}.bedarf`);
}

function today(): string {
  const now = new Date();
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/**
 * Picks the entry whose period covers `date`. Entries in `preferred` (authority config) win over `defaults`.
 * When none covers the date, the newest entry (latest `validTo`, preferred first on a tie) is returned with
 * `outdated: true`.
 */
export function selectByDate<T extends { validFrom: string; validTo: string }>(
  preferred: readonly T[],
  defaults: readonly T[],
  date: string,
): { entry: T; outdated: boolean } {
  assertIsoDate(date, 'stichtag');
  const all = [...preferred, ...defaults];
  const covering = all.find((entry) => entry.validFrom <= date && date <= entry.validTo);
  if (covering) return { entry: covering, outdated: false };
  let newest: T | undefined;
  for (const entry of all) {
    if (!newest || entry.validTo > newest.validTo) newest = entry;
  }
  if (!newest) throw new RangeError('efa-forms creditworthiness: no parameter entries at all');
  return { entry: newest, outdated: true };
}

/**
 * The seizable part of a monthly net income under § 850c ZPO, in integer cents, exactly as the Anlage to the
 * Pfändungsfreigrenzenbekanntmachung tabulates it:
 * 1. the part above `obergrenze` is fully seizable (§ 850c Abs. 3 Satz 3);
 * 2. the rest is rounded down to a multiple of 10 € (§ 850c Abs. 5 Satz 1 Nr. 1) — the table's bracket
 *    `x0,00 bis x9,99` takes the value at its lower bound;
 * 3. of the excess over Grundfreibetrag + dependants' increases, 3/10 stay free, 2/10 more for the first
 *    dependant and 1/10 more for each of the second to fifth (§ 850c Abs. 3 Satz 1–2); the seizable
 *    remainder is rounded to the nearest cent, half up, as in the published tables.
 *
 * `incomeCents` and `dependants` are expected normalised (non-negative integers).
 */
export function seizableCents(incomeCents: number, dependants: number, table: GarnishmentTable): number {
  const counted = Math.min(Math.max(Math.floor(dependants), 0), MAX_DEPENDANTS);
  const further = Math.max(counted - 1, 0);
  const capCents = toCents(table.obergrenze);
  const fullySeizable = Math.max(0, incomeCents - capCents);
  const rounded = Math.floor((incomeCents - fullySeizable) / 1000) * 1000;
  const exemptCents =
    toCents(table.grundfreibetrag) +
    (counted >= 1 ? toCents(table.ersterUnterhalt) : 0) +
    further * toCents(table.weitererUnterhalt);
  const excess = Math.max(0, rounded - exemptCents);
  const seizableTenths = 10 - 3 - (counted >= 1 ? 2 : 0) - further;
  return Math.floor((excess * seizableTenths + 5) / 10) + fullySeizable;
}

/**
 * The seizable part (pfändbarer Betrag) of a monthly net income in euros under the given § 850c ZPO table.
 * Negative or non-finite income counts as 0; dependants beyond five count as five.
 */
export function seizableAmount(nettoeinkommen: number, unterhaltspflichten: number, table: GarnishmentTable): number {
  return toEuros(seizableCents(toCents(normaliseAmount(nettoeinkommen)), normaliseCount(unterhaltspflichten), table));
}

/**
 * Checks whether the signer's seizable income covers the monthly need of the guests.
 *
 * Input normalisation (the check informs, it never blocks):
 * - `nettoeinkommen`, `monatlicheAusgaben`: negative, NaN or infinite values count as 0 (so a missing income
 *   yields `pfaendbarerBetrag: 0`); amounts are rounded to whole cents.
 * - `unterhaltspflichten` and guest counts: fractions are truncated; negative or non-finite values count as 0.
 *   More than five dependants count as five (§ 850c Abs. 2 ZPO).
 *
 * Parameters: the § 850c table and the RBS 1 entry covering `stichtag` are used (authority config first).
 * If none covers it, the newest is used, `parameters.outdated` is true and `console.warn` is called once per
 * distinct situation, so that the integrator supplies current values through `config`.
 *
 * @throws RangeError only for programming errors: a malformed `stichtag`, a malformed table or RBS entry in
 *   `config`, or a negative/non-finite share.
 */
export function checkCreditworthiness(
  input: CreditworthinessInput,
  config: CreditworthinessConfig = {},
): CreditworthinessResult {
  const stichtag = input.stichtag ?? today();
  assertIsoDate(stichtag, 'stichtag');

  const ownTables = config.pfaendungstabellen ?? [];
  const ownRates = config.regelbedarf ?? [];
  const ownTrainingNeeds = config.ausbildungsbedarf ?? [];
  ownTables.forEach((table, i) => assertTable(table, `config.pfaendungstabellen[${i}]`));
  ownRates.forEach((rate, i) => assertRate(rate, `config.regelbedarf[${i}]`));
  ownTrainingNeeds.forEach((rate, i) => assertTrainingNeed(rate, `config.ausbildungsbedarf[${i}]`));
  const anteilErwachsener = config.anteilErwachsener ?? DEFAULT_SHARE_ADULT;
  const anteilKind = config.anteilKind ?? DEFAULT_SHARE_CHILD;
  const anteilFamiliennachzug = config.anteilFamiliennachzug ?? DEFAULT_SHARE_FAMILY;
  assertAmount(anteilErwachsener, 'config.anteilErwachsener');
  assertAmount(anteilKind, 'config.anteilKind');
  assertAmount(anteilFamiliennachzug, 'config.anteilFamiliennachzug');
  const bedarfsgrundlage = input.bedarfsgrundlage ?? 'besuch';

  const table = selectByDate(ownTables, PFAENDUNGSTABELLEN, stichtag);
  const rate = selectByDate(ownRates, REGELBEDARF, stichtag);
  const studies = bedarfsgrundlage === 'ausbildung' || bedarfsgrundlage === 'sprachkurs';
  const trainingNeed = studies ? selectByDate(ownTrainingNeeds, AUSBILDUNGSBEDARF, stichtag) : undefined;
  const stale: StaleParameter[] = [];
  if (table.outdated) stale.push({ what: 'Pfändungstabelle (§ 850c ZPO)', configKey: 'config.bonitaet.pfaendungstabellen', entry: table.entry });
  if (rate.outdated) stale.push({ what: 'Regelbedarfsstufe 1 entry', configKey: 'config.bonitaet.regelbedarf', entry: rate.entry });
  if (trainingNeed?.outdated) {
    stale.push({ what: 'need for studies and training (§ 2 Abs. 3 S. 5 AufenthG)', configKey: 'config.bonitaet.ausbildungsbedarf', entry: trainingNeed.entry });
  }
  const outdated = stale.length > 0;
  if (outdated) warnOutdated(stichtag, stale);

  const incomeCents = toCents(normaliseAmount(input.nettoeinkommen));
  const pfaendbarCents = seizableCents(incomeCents, normaliseCount(input.unterhaltspflichten), table.entry);

  const rbs1Cents = toCents(rate.entry.regelbedarfsstufe1);
  const perChildCents = roundHalfUp(rbs1Cents * (bedarfsgrundlage === 'familiennachzug' ? anteilFamiliennachzug : anteilKind));
  const perAdultCents =
    bedarfsgrundlage === 'familiennachzug'
      ? roundHalfUp(rbs1Cents * anteilFamiliennachzug)
      : trainingNeed
        ? roundHalfUp(toCents(trainingNeed.entry.bedarf) * (bedarfsgrundlage === 'sprachkurs' ? LANGUAGE_COURSE_SURCHARGE : 1))
        : roundHalfUp(rbs1Cents * anteilErwachsener);
  const declarations = [input.gaeste, ...(input.weitereErklaerungen ?? [])];
  let bedarfCents = 0;
  for (const declaration of declarations) {
    bedarfCents += normaliseCount(declaration?.erwachsene) * perAdultCents;
    bedarfCents += normaliseCount(declaration?.kinder) * perChildCents;
  }
  if (input.langfristigerAufenthalt === true) {
    bedarfCents += toCents(normaliseAmount(input.monatlicheAusgaben));
  }

  return {
    nettoeinkommen: toEuros(incomeCents),
    pfaendbarerBetrag: toEuros(pfaendbarCents),
    bedarf: toEuros(bedarfCents),
    ausreichend: pfaendbarCents >= bedarfCents,
    differenz: toEuros(pfaendbarCents - bedarfCents),
    parameters: {
      tabelle: { ...table.entry },
      regelbedarfsstufe1: rate.entry.regelbedarfsstufe1,
      anteilErwachsener,
      anteilKind,
      bedarfsgrundlage,
      ...(trainingNeed ? { ausbildungsbedarf: trainingNeed.entry.bedarf } : {}),
      ...(bedarfsgrundlage === 'familiennachzug' ? { anteilFamiliennachzug } : {}),
      stichtag,
      outdated,
    },
  };
}

/** Rounds a cent amount that may carry a fraction (share × RBS 1) to whole cents, half up. */
function roundHalfUp(cents: number): number {
  return Math.floor(cents + 0.5 + 1e-9);
}

interface StaleParameter {
  what: string;
  configKey: string;
  entry: DatedParameter;
}

function warnOutdated(stichtag: string, stale: readonly StaleParameter[]): void {
  const parts = stale.map(
    ({ what, configKey, entry }) =>
      `no ${what} covers ${stichtag}; using the newest one, valid ${entry.validFrom} to ${entry.validTo} (${entry.source}). ` +
      `Supply the current one through ${configKey}.`,
  );
  const message = `[efa-forms] Creditworthiness check: ${parts.join(' Also: ')} The result is marked parameters.outdated.`;
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(message);
}
