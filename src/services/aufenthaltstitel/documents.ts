/**
 * The documents step: one upload slot per document the answers call for, each under its purpose code from
 * schemas/codelists/dokumentzweck.json and named as there, so that every file
 * arrives with what it is — in the data (`nachweise.dokumente.<code>`), in the envelope (`attachments[].zweck`),
 * on the review page and in the clerks' inbox. Uploads are optional (the office asks for what is missing, and
 * the citizen may bring it to the appointment) unless the authority requires a document in its `config`
 * (`dokumente.pflicht`): the submission records that list (`nachweise.pflichtdokumente`), and the schema then
 * requires each listed slot that the answers show, so the form and every receiver check it alike.
 */
import { msg } from '@lit/localize';
import type { ConditionContext, FieldDef, Node, Text } from '../../engine/definition.js';

type Get = ConditionContext['get'];

/**
 * The name of each purpose code in the user's language: the German of schemas/codelists/dokumentzweck.json as
 * the message source, so that every shipped language translates it; a test keeps the two alike.
 */
export const PURPOSE_LABELS: Readonly<Record<string, Text>> = {
  reisepass: () => msg('Reisepass (Seite mit Lichtbild)'),
  aufenthaltsdokument: () => msg('Aktueller Aufenthaltstitel, Visum, Duldung oder Aufenthaltsgestattung'),
  arbeitsvertrag: () => msg('Arbeitsvertrag oder Stellenangebot'),
  hochschulabschluss: () => msg('Hochschulabschluss und seine Anerkennung'),
  berufsabschluss: () => msg('Berufsabschluss und seine Anerkennung'),
  zulassung: () => msg('Zulassung oder Bescheinigung der Schule, Hochschule oder des Ausbildungsbetriebs'),
  familienurkunde: () => msg('Heirats- oder Geburtsurkunde'),
  'meldebestaetigung-unionsbuerger': () => msg('Meldebestätigung der Person aus der EU'),
  'nachweis-nahestehende-person': () => msg('Nachweise als nahestehende Person (§ 5a Abs. 3 FreizügG/EU)'),
  'nachweis-freizuegigkeit-deutscher': () => msg('Nachweis des gemeinsamen Aufenthalts in einem anderen EU-Staat (§ 12a FreizügG/EU)'),
  vertretungsnachweis: () => msg('Nachweis des Sorgerechts oder der Vertretung'),
  'bamf-bescheid': () => msg('Bescheid des Bundesamts für Migration und Flüchtlinge'),
  einkommensnachweise: () => msg('Einkommensnachweise'),
  krankenversicherung: () => msg('Nachweis der Krankenversicherung'),
  mietvertrag: () => msg('Mietvertrag'),
  anerkennungsbescheid: () => msg('Bescheid der Anerkennungsstelle und Sprachzertifikat'),
  aufnahmevereinbarung: () => msg('Aufnahmevereinbarung oder Vertrag mit der Forschungseinrichtung'),
  abordnungsschreiben: () => msg('Abordnungsschreiben des Unternehmens'),
  abschlusszeugnis: () => msg('Abschlusszeugnis oder Bestätigung des bestandenen Abschlusses'),
  integrationsnachweise: () => msg('Zeugnisse, Arbeitsverträge und Sprachzertifikate'),
  verlustanzeige: () => msg('Bestätigung der Verlustanzeige bei der Polizei'),
  vollmacht: () => msg('Vollmacht der Fachkraft'),
  weitere: () => msg('Weitere Unterlagen'),
};

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
  label: PURPOSE_LABELS[code]!,
  multiple: true,
});

/** The codes an authority may require: every purpose but "other documents". */
export const REQUIRABLE_PURPOSES: readonly string[] = Object.keys(PURPOSE_LABELS).filter((code) => code !== 'weitere');

/**
 * The authority's required documents: given by the embedding page (a fixed answer, `preset` by the element), so
 * never asked; recorded in the submission for the receiver's check.
 */
const requiredByAuthority: FieldDef = {
  type: 'field',
  kind: 'checkboxes',
  name: 'pflichtdokumente',
  when: () => false,
  label: () => msg('Unterlagen, die die Ausländerbehörde mit dem Antrag verlangt'),
};

/** The passport, the documents the answers call for, then "other documents" for anything else. */
export const documentSlots: Node[] = [
  requiredByAuthority,
  {
    type: 'field',
    kind: 'file',
    name: 'reisepass',
    purpose: 'reisepass',
    label: PURPOSE_LABELS.reisepass!,
  },
  { type: 'group', name: 'dokumente', children: NEEDED.map(([code, needed]) => slot(code, needed)) },
  slot('weitere'),
];
