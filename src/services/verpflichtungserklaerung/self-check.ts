/**
 * The creditworthiness self-check on the answers: shown on the finances step while the user types in
 * amounts, and added to the submission as `selbstauskunftBonitaet`. It informs; the office decides.
 */
import { msg, str } from '@lit/localize';
import type { ContentBlock, ContentContext } from '../../engine/definition.js';
import { formatAmount } from '../../i18n/format.js';
import { decimalAmount, euros } from '../../engine/money.js';
import { getLocale } from '../../i18n/locale.js';
import { checkCreditworthiness, type CreditworthinessResult, type GuestCount, type NeedBasis } from '../../rules/creditworthiness.js';
import type { VerpflichtungserklaerungConfig } from './config.js';
import { daysBetween, isIsoDate } from '../common/answers.js';

type Data = Readonly<Record<string, unknown>>;

/** A stay longer than a Schengen short stay (90 days): the signer's regular outgoings count too. */
const LONG_STAY_DAYS = 90;

/** For a long stay, the purposes whose need the law measures otherwise than a visit's (see the creditworthiness rule). */
const LONG_STAY_NEED: Readonly<Record<string, NeedBasis>> = {
  studium: 'ausbildung',
  ausbildung: 'ausbildung',
  sprachkurs: 'sprachkurs',
  familienzusammenfuehrung: 'familiennachzug',
};

function count(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

/** The self-check for these answers, or undefined while income or dependants are not (validly) given. */
export function selfCheck(data: Data, config: VerpflichtungserklaerungConfig | undefined, today: string): CreditworthinessResult | undefined {
  const finanzen = data.finanzen as Record<string, unknown> | undefined;
  const nettoeinkommen = euros(finanzen?.nettoeinkommen);
  if (nettoeinkommen === undefined || typeof finanzen?.unterhaltspflichten !== 'number') return undefined;
  const companions = Array.isArray(data.begleitpersonen) ? (data.begleitpersonen as Record<string, unknown>[]) : [];
  const children = companions.filter((p) => p?.rolle === 'kind').length;
  const aufenthalt = data.aufenthalt as Record<string, unknown> | undefined;
  const longStay =
    isIsoDate(aufenthalt?.beginn) && isIsoDate(aufenthalt?.ende) && daysBetween(aufenthalt.beginn, aufenthalt.ende) > LONG_STAY_DAYS;
  const others: GuestCount[] = Array.isArray(finanzen.weitereErklaerungen)
    ? (finanzen.weitereErklaerungen as Record<string, unknown>[]).map((o) => ({ erwachsene: count(o?.erwachsene), kinder: count(o?.kinder) }))
    : [];
  const outgoings = (euros(finanzen.miete) ?? 0) + (euros(finanzen.sonstigeVerpflichtungen) ?? 0);
  return checkCreditworthiness(
    {
      nettoeinkommen,
      unterhaltspflichten: finanzen.unterhaltspflichten,
      gaeste: { erwachsene: 1 + companions.length - children, kinder: children },
      bedarfsgrundlage: (longStay && LONG_STAY_NEED[String(aufenthalt?.zweck)]) || 'besuch',
      langfristigerAufenthalt: longStay,
      monatlicheAusgaben: outgoings,
      weitereErklaerungen: others,
      stichtag: today,
    },
    config?.bonitaet,
  );
}

export function creditworthinessBlocks({ get, config, today }: ContentContext): ContentBlock[] {
  if (get('/finanzangaben') === 'nur-nachweise') {
    return [
      {
        kind: 'notice',
        text: msg(
          'Ohne Ihre Angaben kann das Formular Ihre Zahlungsfähigkeit nicht vorab prüfen. Die Ausländerbehörde prüft sie anhand Ihrer Nachweise.',
        ),
      },
    ];
  }
  const result = selfCheck((get('') ?? {}) as Data, config as VerpflichtungserklaerungConfig | undefined, today);
  if (!result) return [];
  const locale = getLocale();
  const seizable = formatAmount(result.pfaendbarerBetrag, locale);
  const need = formatAmount(result.bedarf, locale);
  const blocks: ContentBlock[] = [
    { kind: 'heading', text: msg('Selbstprüfung Ihrer Zahlungsfähigkeit') },
    {
      kind: 'notice',
      live: true,
      text: result.ausreichend
        ? msg(
            str`Nach Ihren Angaben sind von Ihrem Einkommen ${seizable} im Monat pfändbar (§ 850c ZPO). Für Ihre Gäste wird mit ${need} im Monat gerechnet. Das reicht nach dieser Selbstprüfung voraussichtlich aus. Die Entscheidung trifft die Ausländerbehörde.`,
          )
        : msg(
            str`Nach Ihren Angaben sind von Ihrem Einkommen ${seizable} im Monat pfändbar (§ 850c ZPO). Für Ihre Gäste wird mit ${need} im Monat gerechnet. Das reicht nach dieser Selbstprüfung voraussichtlich nicht aus. Sie können die Erklärung trotzdem abgeben; die Ausländerbehörde entscheidet und kann zum Beispiel auch Sicherheiten wie ein Sperrkonto berücksichtigen.`,
          ),
    },
  ];
  if (result.parameters.outdated) {
    // The integrator learns which parameter is missing from the console and `parameters.outdated`.
    blocks.push({
      kind: 'paragraph',
      text: msg('Diese Selbstprüfung rechnet mit den zuletzt hier hinterlegten Beträgen. Inzwischen können höhere gelten; das Ergebnis kann daher etwas abweichen. Die Ausländerbehörde rechnet mit den aktuellen Beträgen.'),
    });
  }
  return blocks;
}

/** The self-check as the submission records it (`selbstauskunftBonitaet`): every amount a decimal string. */
export function selbstauskunftBonitaet(result: CreditworthinessResult) {
  const { tabelle, regelbedarfsstufe1, ausbildungsbedarf, ...shares } = result.parameters;
  return {
    nettoeinkommen: decimalAmount(result.nettoeinkommen),
    pfaendbarerBetrag: decimalAmount(result.pfaendbarerBetrag),
    bedarf: decimalAmount(result.bedarf),
    ausreichend: result.ausreichend,
    differenz: decimalAmount(result.differenz),
    parameters: {
      ...shares,
      regelbedarfsstufe1: decimalAmount(regelbedarfsstufe1),
      ...(ausbildungsbedarf === undefined ? {} : { ausbildungsbedarf: decimalAmount(ausbildungsbedarf) }),
      tabelle: {
        ...tabelle,
        grundfreibetrag: decimalAmount(tabelle.grundfreibetrag),
        ersterUnterhalt: decimalAmount(tabelle.ersterUnterhalt),
        weitererUnterhalt: decimalAmount(tabelle.weitererUnterhalt),
        obergrenze: decimalAmount(tabelle.obergrenze),
      },
    },
  };
}
