/**
 * The routes for recognition of foreign qualifications (§ 16d AufenthG), research (§ 18d), intra-corporate
 * transfer (§§ 19, 19b), job search after a degree in Germany (§ 20), the right to stay after years of
 * integration (§§ 25a, 25b), the permission to work with a Duldung or Aufenthaltsgestattung (§ 4a Abs. 4
 * AufenthG, § 61 AsylG, § 32 BeschV), a new card for an unchanged title (§ 45c AufenthV) and the employer's
 * application for the accelerated skilled-worker procedure (§ 81a AufenthG): their sub-purposes and their
 * blocks (their answers to the first question are in route-question.ts). definition.ts places them among the others; which
 * block a route needs is the schema's (`when: 'schema'`). Legal sources and their date are in the schema.
 */
import { msg, str } from '@lit/localize';
import type { Node, Text } from '../../engine/definition.js';
import { formatAmount } from '../../i18n/format.js';
import { getLocale } from '../../i18n/locale.js';
import { GEBUEHREN } from '../../rules/legal-parameters.js';
import { addressInGermanyGroup, choices, nameFields } from '../common/blocks.js';

type Choice = [string, Text, Text?];

/** The sub-purpose question of each new route that has one, as `[route, label, options]`. */
export const furtherPurposes: [string, Text, Choice[]][] = [
  [
    'anerkennung',
    () => msg('Was machen Sie für die Anerkennung?'),
    [
      ['anerkennung-qualifizierungsmassnahme', () => msg('Einen Kurs oder eine Weiterbildung, die die Anerkennungsstelle verlangt'), () => msg('Anpassungs- oder Ausgleichsmaßnahme, § 16d Abs. 1 AufenthG')],
      ['anerkennungspartnerschaft', () => msg('Ich arbeite, und mein Arbeitgeber unterstützt die Anerkennung'), () => msg('Anerkennungspartnerschaft, § 16d Abs. 3 AufenthG')],
      ['anerkennung-vermittlungsabsprache', () => msg('Die Bundesagentur für Arbeit hat mich in eine Arbeit vermittelt'), () => msg('Absprache mit meinem Herkunftsland, § 16d Abs. 4 AufenthG')],
      ['anerkennung-pruefung', () => msg('Ich lege nur eine Prüfung ab'), () => msg('§ 16d Abs. 5 AufenthG')],
      ['qualifikationsanalyse', () => msg('Meine Fähigkeiten werden praktisch geprüft (Qualifikationsanalyse)'), () => msg('§ 16d Abs. 6 AufenthG')],
    ],
  ],
  [
    'ict-karte',
    () => msg('Welche Karte brauchen Sie?'),
    [
      ['ict-karte', () => msg('ICT-Karte'), () => msg('Ich komme aus einem Staat außerhalb der EU, § 19 AufenthG')],
      ['mobiler-ict-karte', () => msg('Mobiler-ICT-Karte'), () => msg('Ich habe schon eine ICT-Karte eines anderen EU-Staats, § 19b AufenthG')],
    ],
  ],
  [
    'arbeitsplatzsuche',
    () => msg('Welchen Abschluss haben Sie in Deutschland gemacht?'),
    [
      ['arbeitsplatzsuche-nach-studium', () => msg('Ein Studium'), () => msg('§ 20 Abs. 1 Nr. 1 AufenthG')],
      ['arbeitsplatzsuche-nach-forschung', () => msg('Eine Forschungstätigkeit'), () => msg('§ 20 Abs. 1 Nr. 2 AufenthG')],
      ['arbeitsplatzsuche-nach-berufsausbildung', () => msg('Eine Berufsausbildung'), () => msg('§ 20 Abs. 1 Nr. 3 AufenthG')],
      ['arbeitsplatzsuche-nach-anerkennung', () => msg('Die Anerkennung meines ausländischen Abschlusses'), () => msg('§ 20 Abs. 1 Nr. 4 AufenthG')],
      ['arbeitsplatzsuche-nach-helferausbildung', () => msg('Eine Helfer- oder Assistenzausbildung in Gesundheit oder Pflege'), () => msg('§ 20 Abs. 1 Nr. 5 AufenthG')],
    ],
  ],
  [
    'bleiberecht',
    () => msg('Was trifft auf Sie zu?'),
    [
      ['gut-integrierte-jugendliche', () => msg('Ich bin jünger als 27 und gehe hier zur Schule oder habe hier einen Abschluss gemacht'), () => msg('§ 25a AufenthG')],
      ['nachhaltige-integration', () => msg('Ich lebe seit mindestens 6 Jahren hier (mit Kind: 4 Jahren), arbeite und spreche Deutsch'), () => msg('§ 25b AufenthG')],
    ],
  ],
  [
    'beschaeftigungserlaubnis',
    () => msg('Was möchten Sie machen?'),
    [
      ['beschaeftigung-erlauben', () => msg('Arbeiten'), () => msg('Auch ein Praktikum oder eine Teilzeitstelle.')],
      ['berufsausbildung-erlauben', () => msg('Eine Berufsausbildung')],
    ],
  ],
  [
    'beschleunigtes-fachkraefteverfahren',
    () => msg('Wofür soll die Fachkraft nach Deutschland kommen?'),
    [
      ['fachkraft-berufsausbildung', () => msg('Eine Stelle als Fachkraft mit Berufsausbildung'), () => msg('§ 18a AufenthG')],
      ['fachkraft-akademisch', () => msg('Eine Stelle als Fachkraft mit Hochschulabschluss'), () => msg('§ 18b AufenthG')],
      ['blaue-karte-eu', () => msg('Eine Stelle mit Blauer Karte EU'), () => msg('Hochschulabschluss und ein Mindestgehalt, § 18g AufenthG')],
      ['beschaeftigung-sonstige', () => msg('Eine andere qualifizierte Beschäftigung'), () => msg('§ 81a Abs. 5 AufenthG')],
      ['berufsausbildung', () => msg('Eine Berufsausbildung'), () => msg('§ 16a AufenthG')],
      ['anerkennungspartnerschaft', () => msg('Eine Arbeit, neben der ihr Abschluss anerkannt wird'), () => msg('Anerkennungspartnerschaft, § 16d Abs. 3 AufenthG')],
      ['anerkennung-qualifizierungsmassnahme', () => msg('Ein Kurs oder eine Weiterbildung, die die Anerkennungsstelle verlangt'), () => msg('Anpassungs- oder Ausgleichsmaßnahme, § 16d Abs. 1 AufenthG')],
    ],
  ],
];

/** Read before the person's data: who "Sie" is when the employer applies, and what the procedure costs. */
export const furtherPurposeNotes: Node[] = [
  {
    type: 'content',
    when: ({ get }) => get('/route') === 'beschleunigtes-fachkraefteverfahren',
    blocks: () => [
      {
        kind: 'paragraph',
        text: msg('Sie stellen den Antrag als Arbeitgeber, mit Vollmacht der Fachkraft. Auf den nächsten Seiten geben Sie die Angaben der Fachkraft ein: „Sie“ und „Ihr“ meinen dort die Fachkraft.'),
      },
      {
        kind: 'paragraph',
        text: msg('Die Ausländerbehörde schließt mit Ihnen eine Vereinbarung über das Verfahren. Wenn alle Voraussetzungen vorliegen, stimmt sie dem Visum vorab zu; das Visum beantragt die Fachkraft dann bei der deutschen Auslandsvertretung.'),
      },
      {
        kind: 'paragraph',
        text: msg(
          str`Die Gebühr für das beschleunigte Fachkräfteverfahren beträgt ${formatAmount(GEBUEHREN.beschleunigtesFachkraefteverfahren, getLocale())} (§ 47 Abs. 1 Nr. 15 AufenthV). Die Gebühren für das Visum und später für den Aufenthaltstitel kommen hinzu.`,
        ),
      },
    ],
  },
];

const germanLevels = choices([
  ['keine', () => msg('Keine Deutschkenntnisse')],
  ['A1', () => 'A1'],
  ['A2', () => 'A2'],
  ['B1', () => 'B1'],
  ['B2', () => 'B2'],
  ['C1', () => 'C1'],
  ['C2', () => 'C2'],
]);

const germanLevelField: Node = {
  type: 'field',
  kind: 'select',
  name: 'deutschkenntnisse',
  label: () => msg('Wie gut sprechen Sie Deutsch?'),
  hint: () => msg('Das Niveau auf Ihrem Sprachzertifikat, sonst Ihre eigene Einschätzung.'),
  options: germanLevels,
};

/** The blocks of the step "Angaben zu Ihrem Vorhaben" for the new routes. */
export const furtherProjectBlocks: Node[] = [
  {
    type: 'group',
    name: 'anerkennung',
    when: 'schema',
    legend: () => msg('Ihr Berufsabschluss und die Anerkennung'),
    children: [
      { type: 'field', kind: 'text', name: 'auslaendischeBerufsqualifikation', label: () => msg('Ihr Berufsabschluss aus dem Ausland'), hint: () => msg('Mit dem Land, zum Beispiel „Bachelor in Nursing, Philippinen“.') },
      { type: 'field', kind: 'text', name: 'referenzberuf', label: () => msg('Als was möchten Sie in Deutschland arbeiten?'), hint: () => msg('Der deutsche Beruf, zum Beispiel „Pflegefachfrau“ oder „Elektroniker“.') },
      { type: 'field', kind: 'text', name: 'zustaendigeStelle', label: () => msg('Stelle, die über die Anerkennung entscheidet'), hint: () => msg('Wenn Sie sie schon kennen, mit Aktenzeichen.') },
      { type: 'field', kind: 'textarea', name: 'massnahme', label: () => msg('Was machen Sie in Deutschland für die Anerkennung?'), hint: () => msg('Kurs, Prüfung oder Arbeit, mit Anbieter und Zeitraum.') },
      germanLevelField,
    ],
  },
  {
    type: 'group',
    name: 'forschung',
    when: 'schema',
    legend: () => msg('Ihre Forschung'),
    children: [
      {
        type: 'group',
        name: 'einrichtung',
        children: [
          { type: 'field', kind: 'text', name: 'name', label: () => msg('Name der Forschungseinrichtung') },
          addressInGermanyGroup('anschrift', () => msg('Anschrift der Forschungseinrichtung'), { self: false }),
        ],
      },
      {
        type: 'field',
        kind: 'yesno',
        name: 'anerkannteEinrichtung',
        label: () => msg('Ist die Einrichtung für das besondere Zulassungsverfahren für Forschende anerkannt?'),
        hint: () => msg('Das steht in Ihrer Aufnahmevereinbarung oder Sie erfahren es von der Einrichtung.'),
      },
      { type: 'field', kind: 'text', name: 'vorhaben', label: () => msg('Ihr Forschungsvorhaben'), hint: () => msg('Der Titel, wie in der Aufnahmevereinbarung.') },
      { type: 'field', kind: 'date', name: 'beginn', label: () => msg('Beginn') },
      { type: 'field', kind: 'date', name: 'ende', label: () => msg('Voraussichtliches Ende') },
    ],
  },
  {
    type: 'group',
    name: 'ict',
    when: 'schema',
    legend: () => msg('Ihr Transfer'),
    hint: () => msg('Die Niederlassung in Deutschland haben Sie oben als Arbeitgeber angegeben.'),
    children: [
      {
        type: 'group',
        name: 'entsendendesUnternehmen',
        children: [
          { type: 'field', kind: 'text', name: 'name', label: () => msg('Name Ihres Unternehmens im Ausland') },
          { type: 'field', kind: 'combobox', name: 'staat', codelist: 'staat', label: () => msg('Staat, in dem es seinen Sitz hat') },
        ],
      },
      {
        type: 'field',
        kind: 'radio',
        name: 'funktion',
        label: () => msg('Als was arbeiten Sie in Deutschland?'),
        options: choices([
          ['fuehrungskraft', () => msg('Als Führungskraft'), () => msg('Sie leiten die Niederlassung oder eine Abteilung.')],
          ['spezialist', () => msg('Als Spezialistin oder Spezialist'), () => msg('Mit besonderem Wissen, das für das Unternehmen unerlässlich ist.')],
          ['trainee', () => msg('Als Trainee'), () => msg('Mit Hochschulabschluss in einem bezahlten Traineeprogramm.')],
        ]),
      },
      { type: 'field', kind: 'date', name: 'unternehmenszugehoerigkeitSeit', label: () => msg('Seit wann arbeiten Sie für das Unternehmen?') },
      { type: 'field', kind: 'date', name: 'transferEnde', label: () => msg('Wann endet der Transfer?') },
    ],
  },
  {
    type: 'group',
    name: 'abschluss',
    when: 'schema',
    legend: () => msg('Ihr Abschluss in Deutschland'),
    children: [
      { type: 'field', kind: 'text', name: 'bezeichnung', label: () => msg('Abschluss'), hint: () => msg('Zum Beispiel „Master of Science Elektrotechnik“.') },
      { type: 'field', kind: 'text', name: 'einrichtung', label: () => msg('Hochschule, Schule oder Einrichtung') },
      { type: 'field', kind: 'date', name: 'datum', label: () => msg('Abgeschlossen am') },
    ],
  },
  {
    type: 'group',
    name: 'integration',
    when: 'schema',
    legend: () => msg('Ihr Leben in Deutschland'),
    children: [
      {
        type: 'field',
        kind: 'date',
        name: 'ununterbrochenInDeutschlandSeit',
        label: () => msg('Seit wann leben Sie ohne Unterbrechung in Deutschland?'),
        hint: () => msg('Mit Aufenthaltserlaubnis, Duldung oder Aufenthaltsgestattung.'),
      },
      germanLevelField,
      {
        type: 'field',
        kind: 'textarea',
        name: 'schuleAusbildungArbeit',
        label: () => msg('Schule, Ausbildung, Studium und Arbeit in Deutschland'),
        hint: () => msg('Was, wo und wann, mit Abschlüssen.'),
      },
    ],
  },
  {
    type: 'group',
    name: 'fachkraefteverfahren',
    when: 'schema',
    legend: () => msg('Beschleunigtes Fachkräfteverfahren'),
    children: [
      {
        type: 'group',
        name: 'ansprechperson',
        legend: () => msg('Ansprechperson beim Arbeitgeber'),
        children: [
          ...nameFields({ self: false }),
          { type: 'field', kind: 'text', name: 'telefon', label: () => msg('Telefonnummer'), inputType: 'tel' },
          { type: 'field', kind: 'text', name: 'email', label: () => msg('E-Mail-Adresse'), inputType: 'email' },
        ],
      },
      {
        type: 'field',
        kind: 'consent',
        name: 'vollmacht',
        label: () => msg('Ich versichere, dass die Fachkraft uns bevollmächtigt hat, dieses Verfahren für sie zu beantragen (§ 81a Abs. 2 Nr. 2 AufenthG).'),
      },
      {
        type: 'field',
        kind: 'radio',
        name: 'anerkennung',
        label: () => msg('Ist der Berufsabschluss der Fachkraft in Deutschland anerkannt oder bewertet?'),
        options: choices([
          ['liegt-vor', () => msg('Ja, die Anerkennung oder Zeugnisbewertung liegt vor')],
          ['beantragt', () => msg('Sie ist beantragt')],
          ['durch-auslaenderbehoerde', () => msg('Nein, die Ausländerbehörde soll sie beantragen')],
          ['nicht-erforderlich', () => msg('Sie ist für diese Stelle nicht nötig')],
        ]),
      },
      {
        type: 'field',
        kind: 'text',
        name: 'auslandsvertretung',
        label: () => msg('Bei welcher deutschen Botschaft oder welchem Konsulat wird die Fachkraft das Visum beantragen?'),
        hint: () => msg('Zum Beispiel „Deutsche Botschaft Bogotá“.'),
      },
    ],
  },
  {
    type: 'group',
    name: 'neuausstellung',
    when: 'schema',
    legend: () => msg('Ihre neue Karte'),
    children: [
      {
        type: 'field',
        kind: 'radio',
        name: 'grund',
        label: () => msg('Warum brauchen Sie eine neue Karte?'),
        options: choices([
          ['neuer-pass', () => msg('Ich habe einen neuen Pass')],
          ['karte-abgelaufen', () => msg('Die Karte ist abgelaufen, mein Aufenthaltstitel aber nicht')],
          ['angaben-geaendert', () => msg('Angaben auf der Karte haben sich geändert'), () => msg('Zum Beispiel der Name nach einer Heirat.')],
          ['verlust', () => msg('Die Karte ist verloren gegangen oder wurde gestohlen')],
          ['chip-defekt', () => msg('Der Chip der Karte funktioniert nicht mehr')],
        ]),
      },
      {
        type: 'field',
        kind: 'textarea',
        name: 'erlaeuterung',
        when: 'schema',
        label: () => msg('Was ist passiert oder was hat sich geändert?'),
        hint: () => msg('Bei Verlust: wann und wo, und ob Sie es der Polizei gemeldet haben.'),
      },
    ],
  },
];

