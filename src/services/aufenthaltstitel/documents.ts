/**
 * The documents step: one upload slot per document the answers call for, each under its purpose code from
 * schemas/codelists/dokumentzweck.json (labelled from that list in the user's language), so that every file
 * arrives with what it is — in the data (`nachweise.dokumente.<code>`), in the envelope (`attachments[].zweck`),
 * on the review page and in the clerks' inbox. Uploads stay optional: the office asks for what is missing, and
 * the citizen may bring it to the appointment.
 */
import { msg } from '@lit/localize';
import dokumentzweck from '../../../schemas/codelists/dokumentzweck.json' with { type: 'json' };
import type { ConditionContext, FieldDef, Node } from '../../engine/definition.js';
import { getLocale } from '../../i18n/locale.js';

type Get = ConditionContext['get'];

/** The label of a purpose code in the active language (German where the list has no such language). */
export function purposeLabel(code: string): string {
  const entry = dokumentzweck.values.find((v) => v.code === code);
  if (!entry) throw new Error(`unknown document purpose ${code}`);
  return getLocale() === 'en' ? entry.en : entry.de;
}

const defined = (pointer: string) => (get: Get) => get(pointer) !== undefined;

/** Which document the office needs for which answers, in the order the step lists them. */
const NEEDED: readonly [code: string, needed: (get: Get) => boolean][] = [
  ['aufenthaltsdokument', (get) => defined('/aufenthaltstitelAktuell')(get) || get('/route') === 'beschaeftigungserlaubnis'],
  ['arbeitsvertrag', (get) => defined('/arbeitsplatz')(get) || defined('/ict')(get)],
  ['abordnungsschreiben', defined('/ict')],
  ['hochschulabschluss', (get) => ['fachkraft-akademisch', 'blaue-karte-eu'].includes(get('/zweck') as string)],
  ['berufsabschluss', (get) => get('/zweck') === 'fachkraft-berufsausbildung'],
  ['zulassung', defined('/ausbildungsstaette')],
  ['familienurkunde', (get) => defined('/bezugsperson')(get) || defined('/unionsbuerger')(get)],
  ['meldebestaetigung-unionsbuerger', defined('/unionsbuerger')],
  ['nachweis-nahestehende-person', defined('/unionsbuerger/nahestehend')],
  ['nachweis-freizuegigkeit-deutscher', defined('/unionsbuerger/freizuegigkeitDeutscher')],
  ['vertretungsnachweis', defined('/vertretung')],
  ['bamf-bescheid', defined('/schutzstatus')],
  ['einkommensnachweise', defined('/lebensunterhalt')],
  ['krankenversicherung', defined('/krankenversicherung')],
  ['mietvertrag', defined('/wohnung')],
  ['anerkennungsbescheid', defined('/anerkennung')],
  ['aufnahmevereinbarung', defined('/forschung')],
  ['abschlusszeugnis', defined('/abschluss')],
  ['integrationsnachweise', defined('/integration')],
  ['vollmacht', defined('/fachkraefteverfahren')],
  ['verlustanzeige', (get) => get('/neuausstellung/grund') === 'verlust'],
];

const slot = (code: string, when?: (get: Get) => boolean): FieldDef => ({
  type: 'field',
  kind: 'file',
  name: code,
  purpose: code,
  ...(when ? { when: ({ get }: ConditionContext) => when(get) } : {}),
  label: () => purposeLabel(code),
  hint: () => msg('PDF, JPEG oder PNG, höchstens 10 MB je Datei.'),
  multiple: true,
});

/** The passport, the documents the answers call for, then "other documents" for anything else. */
export const documentSlots: Node[] = [
  {
    type: 'field',
    kind: 'file',
    name: 'reisepass',
    purpose: 'reisepass',
    label: () => purposeLabel('reisepass'),
    hint: () => msg('PDF, JPEG oder PNG, höchstens 10 MB.'),
  },
  { type: 'group', name: 'dokumente', children: NEEDED.map(([code, needed]) => slot(code, needed)) },
  slot('weitere'),
];
