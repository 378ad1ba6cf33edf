/**
 * The application for a residence permit (Aufenthaltstitel): one definition for every route. The route comes
 * from the element's `route` attribute (a fixed answer) or from the first step, asked in plain words. Which
 * blocks a route needs — and which it must not ask (data minimisation) — is in
 * schemas/aufenthaltstitel.schema.json; parts marked `when: 'schema'` follow it.
 */
import { msg, str } from '@lit/localize';
import type { ContentBlock, ContentContext, FormDefinition, Node, Text } from '../../engine/definition.js';
import { formatAmount, formatDate } from '../../i18n/format.js';
import { getLocale } from '../../i18n/locale.js';
import {
  addressAbroadGroup,
  addressInGermanyGroup,
  authenticationRecord,
  birthFields,
  choices,
  digitalDecisionQuestion,
  documentNumber,
  nameCharacters,
  nameFields,
  nationalitiesGroup,
  sexField,
  WOHNGELD_ONLY_RELATIONSHIP,
} from '../common/blocks.js';
import { isIsoDate } from '../common/answers.js';
import { FRISTEN, inForce } from '../../rules/legal-parameters.js';
import { usualFee } from './fees.js';
import { documentSlots } from './documents.js';
import { furtherProjectBlocks, furtherPurposeNotes, furtherPurposes } from './further-routes.js';
import { notSurePath, routeQuestion } from './route-question.js';
import { aufenthaltstitelRules } from './rules.js';
import { aufenthaltstitelStart, startStep } from './start.js';

/** The sub-purpose, asked per route; the schema lists which values belong to which route. */
function purposeQuestion(route: string, label: Text, options: [string, Text, Text?][]): Node {
  return {
    type: 'field',
    kind: 'radio',
    name: 'zweck',
    when: ({ get }) => get('/route') === route,
    label,
    options: choices(options),
    errors: { required: () => msg('Wählen Sie aus, was auf Sie zutrifft.') },
  };
}

const purposes: Node[] = [
  purposeQuestion('erwerbstaetigkeit', () => msg('Welche Arbeit ist es?'), [
    ['fachkraft-berufsausbildung', () => msg('Eine Stelle als Fachkraft mit Berufsausbildung'), () => msg('§ 18a AufenthG')],
    ['fachkraft-akademisch', () => msg('Eine Stelle als Fachkraft mit Hochschulabschluss'), () => msg('§ 18b AufenthG')],
    ['blaue-karte-eu', () => msg('Eine Stelle mit Blauer Karte EU'), () => msg('Hochschulabschluss und ein Mindestgehalt, § 18g AufenthG')],
    ['beschaeftigung-sonstige', () => msg('Eine andere Beschäftigung'), () => msg('§ 19c AufenthG')],
    ['chancenkarte', () => msg('Ich suche Arbeit (Chancenkarte)'), () => msg('§ 20a AufenthG')],
    ['selbststaendigkeit', () => msg('Ich bin selbstständig oder gründe ein Unternehmen'), () => msg('§ 21 AufenthG')],
  ]),
  purposeQuestion('ausbildung', () => msg('Was machen Sie?'), [
    ['berufsausbildung', () => msg('Eine Berufsausbildung'), () => msg('§ 16a AufenthG')],
    ['studium', () => msg('Ein Studium'), () => msg('§ 16b AufenthG')],
    ['sprachkurs-schulbesuch', () => msg('Einen Sprachkurs oder die Schule'), () => msg('§ 16f AufenthG')],
    ['platzsuche', () => msg('Ich suche einen Ausbildungs- oder Studienplatz'), () => msg('§ 17 AufenthG')],
  ]),
  purposeQuestion('familie', () => msg('Zu wem gehören Sie?'), [
    ['ehegatte', () => msg('Zu meinem Ehegatten oder meiner Lebenspartnerin bzw. meinem Lebenspartner'), () => msg('§§ 28, 30 AufenthG')],
    ['kind', () => msg('Zu meinen Eltern oder einem Elternteil (ich bin das Kind)'), () => msg('§§ 28, 32 AufenthG')],
    ['elternteil', () => msg('Zu meinem Kind (ich bin Mutter oder Vater)'), () => msg('§§ 28, 36 AufenthG')],
    ['sonstiger-familienangehoeriger', () => msg('Zu einem anderen Familienangehörigen'), () => msg('§ 36 Abs. 2 AufenthG')],
  ]),
  purposeQuestion('niederlassung', () => msg('Was möchten Sie beantragen?'), [
    ['niederlassungserlaubnis', () => msg('Niederlassungserlaubnis'), () => msg('§ 9 AufenthG')],
    ['niederlassungserlaubnis-fachkraft', () => msg('Niederlassungserlaubnis für Fachkräfte'), () => msg('§ 18c AufenthG')],
    ['daueraufenthalt-eu', () => msg('Erlaubnis zum Daueraufenthalt – EU'), () => msg('§ 9a AufenthG')],
  ]),
  purposeQuestion('humanitaer', () => msg('Was trifft auf Sie zu?'), [
    ['asylberechtigung', () => msg('Ich bin als asylberechtigt anerkannt'), () => msg('§ 25 Abs. 1 AufenthG')],
    ['fluechtlingsschutz', () => msg('Ich bin als Flüchtling anerkannt'), () => msg('§ 25 Abs. 2 Satz 1 AufenthG')],
    ['subsidiaerer-schutz', () => msg('Ich habe subsidiären Schutz'), () => msg('§ 25 Abs. 2 Satz 2 AufenthG')],
    ['abschiebungsverbot', () => msg('Für mich gilt ein Abschiebungsverbot'), () => msg('§ 25 Abs. 3 AufenthG')],
    ['aufnahme-aus-dem-ausland', () => msg('Deutschland hat mich einzeln aus dem Ausland aufgenommen'), () => msg('§ 22 AufenthG')],
    ['aufnahme-durch-bund-oder-land', () => msg('Ich bin über ein Aufnahmeprogramm gekommen'), () => msg('§ 23 AufenthG')],
    ['dringende-gruende', () => msg('Ich muss aus dringenden Gründen vorübergehend bleiben'), () => msg('§ 25 Abs. 4 AufenthG')],
    ['opfer-von-straftaten', () => msg('Ich bin Opfer einer Straftat und werde als Zeugin oder Zeuge gebraucht'), () => msg('§ 25 Abs. 4a und 4b AufenthG')],
    ['ausreise-unmoeglich', () => msg('Ich kann aus anderen Gründen nicht ausreisen'), () => msg('§ 25 Abs. 5 AufenthG')],
  ]),
  purposeQuestion('nebenbestimmungen', () => msg('Was soll sich ändern?'), [
    ['beschaeftigung-erlauben', () => msg('Ich möchte eine Beschäftigung aufnehmen dürfen')],
    ['selbststaendige-taetigkeit-erlauben', () => msg('Ich möchte selbstständig arbeiten dürfen')],
    ['wohnsitzauflage-aendern', () => msg('Ich möchte an einen anderen Ort ziehen (Wohnsitzauflage)')],
    ['raeumliche-beschraenkung-aendern', () => msg('Ich möchte mich in einem größeren Gebiet bewegen dürfen')],
    ['sonstige-aenderung', () => msg('Etwas anderes')],
  ]),
  purposeQuestion('aufenthaltskarte', () => msg('Welche Karte brauchen Sie?'), [
    ['aufenthaltskarte', () => msg('Aufenthaltskarte'), () => msg('§ 5 Abs. 1 FreizügG/EU')],
    ['daueraufenthaltskarte', () => msg('Daueraufenthaltskarte (nach 5 Jahren rechtmäßigen Aufenthalts)'), () => msg('§ 5 Abs. 5 FreizügG/EU')],
  ]),
  ...furtherPurposes.map(([route, label, options]) => purposeQuestion(route, label, options)),
];

const longDate = (iso: string) => formatDate(iso, getLocale());

/** Notices on the purpose step, before anyone invests time in an application that the law holds back. */
const purposeNotices: Node = {
  type: 'content',
  blocks: ({ get, today }) => {
    const route = get('/route');
    const blocks: ContentBlock[] = [];
    if (route === 'familie' && inForce(today, FRISTEN.familiennachzugSubsidiaerAusgesetztBis)) {
      blocks.push({
        kind: 'warning',
        text: msg(
          str`Hat Ihr Familienangehöriger in Deutschland subsidiären Schutz (§ 25 Abs. 2 Satz 2 AufenthG)? Dann wird der Familiennachzug zu ihm bis zum ${longDate(FRISTEN.familiennachzugSubsidiaerAusgesetztBis)} nicht gewährt (§ 104 Abs. 14 AufenthG). Sprechen Sie vor dem Antrag mit der Ausländerbehörde oder einer Beratungsstelle. Eine Aufnahme nach §§ 22, 23 AufenthG bleibt möglich. Für Familienangehörige von anerkannten Flüchtlingen und Asylberechtigten gilt das nicht.`,
        ),
      });
    }
    if ((route === 'schutz-24' || route === 'nebenbestimmungen') && inForce(today, FRISTEN.ukraineFortgeltungBis)) {
      blocks.push({
        kind: 'warning',
        text: msg(
          str`Haben Sie schon eine Aufenthaltserlaubnis nach § 24 AufenthG, die am ${longDate(FRISTEN.ukraineTitelGueltigAm)} gültig war? Dann gilt sie in der Regel ohne Verlängerung bis zum ${longDate(FRISTEN.ukraineFortgeltungBis)} weiter, mit allen Auflagen. Beantragen Sie jetzt eine Verlängerung oder eine Änderung, für die die Erlaubnis neu erteilt wird, endet diese automatische Fortgeltung (§ 2 Abs. 1 Ukraine-Aufenthaltserlaubnis-Fortgeltungsverordnung).`,
        ),
      });
    }
    if (route === 'aufenthaltskarte') {
      blocks.push({
        kind: 'notice',
        text: msg(
          'Ihr Aufenthaltsrecht als Familienangehörige oder Familienangehöriger folgt aus dem Gesetz. Mit diesem Formular teilen Sie der Ausländerbehörde die Angaben mit, die sie für die Karte braucht. Die Aufenthaltskarte stellt sie dann von Amts wegen aus, spätestens nach sechs Monaten; eine Bescheinigung darüber, dass Sie die Angaben gemacht haben, bekommen Sie sofort (§ 5 Abs. 1 FreizügG/EU).',
        ),
      });
    }
    return blocks;
  },
};

const yesNo = (name: string, label: Text, details: string, detailsLabel: Text): Node[] => [
  { type: 'field', kind: 'yesno', name, label },
  { type: 'field', kind: 'textarea', name: details, when: 'schema', label: detailsLabel },
];

/** Before the upload slots: what they are for, the photo (never uploaded) and the fee. */
function documentBlocks(context: ContentContext): ContentBlock[] {
  const { get } = context;
  const blocks: ContentBlock[] = [
    { kind: 'paragraph', text: msg('Nach Ihren Angaben braucht die Ausländerbehörde die Unterlagen unten. Sie können sie hier hochladen oder zum Termin mitbringen.') },
  ];
  if (get('/person/koerpergroesse') !== undefined || !['nebenbestimmungen', 'beschaeftigungserlaubnis'].includes(get('/route') as string)) {
    blocks.push({ kind: 'paragraph', text: msg('Ein biometrisches Lichtbild laden Sie nicht hoch: seit 1. Mai 2025 nur elektronisch, vom Fotostudio übermittelt oder in der Ausländerbehörde aufgenommen.') });
  }
  return [...blocks, ...feeBlocks(context)];
}

/** What the application usually costs (AufenthV), so that nobody is surprised by the bill. */
function feeBlocks({ get, today }: ContentContext): ContentBlock[] {
  const fee = usualFee(get, today);
  if (!fee) return [];
  const basis = fee.basis();
  const amount = formatAmount(fee.euros, getLocale());
  if (fee.euros === 0) {
    return [{ kind: 'heading', text: msg('Gebühr') }, { kind: 'paragraph', text: msg(str`Für Ihr Anliegen fällt in der Regel keine Gebühr an (${basis}).`) }];
  }
  const usual = fee.halvedForMinor
    ? msg(str`Die Gebühr beträgt in der Regel ${amount}: für Minderjährige die Hälfte der Gebühr nach ${basis} (§ 50 Abs. 1 AufenthV).`)
    : msg(str`Die Gebühr beträgt in der Regel ${amount} (${basis}).`);
  return [
    { kind: 'heading', text: msg('Gebühr') },
    { kind: 'paragraph', text: usual },
    {
      kind: 'paragraph',
      text: msg('Ob Sie weniger oder nichts zahlen, zum Beispiel mit einem Stipendium aus öffentlichen Mitteln, prüft die Ausländerbehörde (§§ 52, 53 AufenthV). Sie zahlen erst, wenn sie Ihnen die Gebühr mitteilt.'),
    },
  ];
}

/** Titles whose timely application keeps them in force (§ 81 Abs. 4 AufenthG; not a Schengen visa, Satz 2). */
const CONTINUED_BY_APPLICATION = ['visum-national', 'aufenthaltserlaubnis', 'blaue-karte-eu', 'ict-karte'];

/** A title that has already expired is not continued by the application (§ 81 Abs. 4 Satz 3 AufenthG). */
function expiredTitleWarning({ get, today }: ContentContext): ContentBlock[] {
  const until = get('/aufenthaltstitelAktuell/gueltigBis');
  if (!CONTINUED_BY_APPLICATION.includes(get('/aufenthaltstitelAktuell/art') as string) || !isIsoDate(until) || until >= today) return [];
  return [
    {
      kind: 'warning',
      text: msg(
        str`Ihr Aufenthaltstitel ist am ${longDate(until)} abgelaufen. Ein Antrag nach dem Ablauf hält Ihr Aufenthaltsrecht nicht automatisch aufrecht (§ 81 Abs. 4 AufenthG). Die Ausländerbehörde kann das nur anordnen, um eine unbillige Härte zu vermeiden. Senden Sie den Antrag so schnell wie möglich ab und erklären Sie der Ausländerbehörde, warum Sie ihn nicht früher stellen konnten.`,
      ),
    },
  ];
}

/**
 * The schema refuses a German, EU, EEA or Swiss nationality of the applicant (its `$comment` has the law): say
 * where such a person goes instead, also a dual national.
 */
const notForThisForm: Text = () =>
  msg(
    'Mit dieser Staatsangehörigkeit beantragen Sie keinen Aufenthaltstitel, auch wenn Sie noch eine andere haben. Als Deutsche oder Deutscher brauchen Sie keinen. Aus einem anderen EU-Staat, Island, Liechtenstein oder Norwegen melden Sie nur Ihre Wohnung beim Bürgeramt an. Aus der Schweiz beantragen Sie bei der Ausländerbehörde eine Aufenthaltserlaubnis-CH, nicht mit diesem Formular.',
  );

const nothingNeededHere = (): ContentBlock[] => [
  { kind: 'paragraph', text: msg('Für Ihr Anliegen braucht die Ausländerbehörde hier keine Angaben. Sie können weitergehen.') },
];

const steps: FormDefinition['steps'] = [
  startStep,
  {
    id: 'anliegen',
    title: () => msg('Ihr Anliegen'),
    children: [routeQuestion, ...notSurePath],
  },
  {
    id: 'zweck',
    title: () => msg('Ihr Aufenthaltszweck'),
    children: [
      ...purposes,
      purposeNotices,
      {
        type: 'field',
        kind: 'radio',
        name: 'antragsart',
        when: 'schema',
        label: () => msg('Haben Sie schon einen Aufenthaltstitel für diesen Zweck?'),
        options: choices([
          ['ersterteilung', () => msg('Nein, ich beantrage ihn zum ersten Mal')],
          ['verlaengerung', () => msg('Ja, ich möchte ihn verlängern')],
        ]),
      },
      ...furtherPurposeNotes,
    ],
  },
  {
    id: 'antragstellung',
    title: () => msg('Wer stellt den Antrag?'),
    children: [
      {
        type: 'field',
        kind: 'radio',
        name: 'antragstellung',
        label: () => msg('Für wen stellen Sie den Antrag?'),
        hint: () => msg('Für Kinder und Jugendliche unter 18 Jahren stellen die Eltern, ein Elternteil mit alleinigem Sorgerecht oder der Vormund den Antrag (§ 80 AufenthG).'),
        options: choices([
          ['selbst', () => msg('Für mich selbst')],
          ['vertretung', () => msg('Für eine Person, die ich vertrete'), () => msg('Zum Beispiel für mein Kind unter 18 Jahren, als Vormund oder als rechtliche Betreuerin oder rechtlicher Betreuer.')],
        ]),
        errors: { required: () => msg('Wählen Sie aus, für wen Sie den Antrag stellen.') },
      },
      {
        type: 'group',
        name: 'vertretung',
        when: 'schema',
        legend: () => msg('Gesetzliche Vertretung'),
        children: [
          {
            type: 'field',
            kind: 'radio',
            name: 'art',
            label: () => msg('Wer vertritt die Person, für die Sie den Antrag stellen?'),
            options: choices([
              ['beide-eltern', () => msg('Beide Eltern gemeinsam'), () => msg('Wenn beide Eltern das Sorgerecht haben. Geben Sie dann beide an.')],
              ['ein-elternteil', () => msg('Ein Elternteil mit alleinigem Sorgerecht')],
              ['vormundschaft', () => msg('Ein Vormund')],
              ['betreuende-person', () => msg('Eine Person, die das Kind an Stelle der Eltern in Deutschland betreut')],
              ['rechtliche-betreuung', () => msg('Eine rechtliche Betreuerin oder ein rechtlicher Betreuer'), () => msg('Nur für Volljährige.')],
            ]),
            errors: { required: () => msg('Wählen Sie aus, wer die Person vertritt.') },
          },
          {
            type: 'group',
            name: 'personen',
            legend: () => msg('Vertretende Personen'),
            repeat: {
              itemLegend: (i) => msg(str`Vertretende Person ${i + 1}`),
              addLabel: () => msg('Weitere vertretende Person hinzufügen'),
              removeLabel: (i) => msg(str`Vertretende Person ${i + 1} entfernen`),
              added: (i) => msg(str`Vertretende Person ${i + 1} hinzugefügt.`),
              removed: (i) => msg(str`Vertretende Person ${i + 1} entfernt.`),
            },
            children: [
              {
                type: 'field',
                kind: 'radio',
                name: 'rolle',
                label: () => msg('Wer ist diese Person?'),
                options: choices([
                  ['mutter', () => msg('Mutter')],
                  ['vater', () => msg('Vater')],
                  ['vormund', () => msg('Vormund')],
                  ['betreuende-person', () => msg('Betreuende Person an Stelle der Eltern')],
                  ['rechtliche-betreuung', () => msg('Rechtliche Betreuerin oder rechtlicher Betreuer')],
                ]),
              },
              ...nameFields({ self: false }),
              { type: 'field', kind: 'date', name: 'geburtsdatum', label: () => msg('Geburtsdatum') },
              {
                type: 'field',
                kind: 'radio',
                name: 'wohnort',
                label: () => msg('Wo lebt diese Person?'),
                options: choices([
                  ['haushalt', () => msg('Bei der Person, für die der Antrag ist')],
                  ['deutschland', () => msg('Woanders in Deutschland')],
                  ['ausland', () => msg('Im Ausland')],
                ]),
              },
              { type: 'field', kind: 'text', name: 'telefon', label: () => msg('Telefonnummer'), inputType: 'tel' },
              { type: 'field', kind: 'text', name: 'email', label: () => msg('E-Mail-Adresse'), inputType: 'email' },
            ],
          },
          {
            type: 'field',
            kind: 'consent',
            name: 'zustimmungPersonensorge',
            when: 'schema',
            label: () =>
              msg('Alle Personen, die das Sorgerecht haben, stimmen dem geplanten Aufenthalt zur Ausbildung oder Arbeit zu (§ 80 Abs. 5 AufenthG).'),
          },
        ],
      },
    ],
  },
  {
    id: 'person',
    title: () => msg('Angaben zu Ihrer Person'),
    children: [
      {
        type: 'group',
        name: 'person',
        children: [
          ...nameFields({ self: true }, { birthName: true }),
          {
            type: 'group',
            name: 'fruehereNamen',
            legend: () => msg('Frühere Namen'),
            hint: () => msg('Zum Beispiel ein Name vor der Ehe. Fügen Sie keinen hinzu, wenn Sie nie anders hießen.'),
            repeat: {
              itemLegend: (i) => msg(str`Früherer Name ${i + 1}`),
              addLabel: () => msg('Früheren Namen hinzufügen'),
              removeLabel: (i) => msg(str`Früheren Namen ${i + 1} entfernen`),
              added: (i) => msg(str`Feld für früheren Namen ${i + 1} hinzugefügt.`),
              removed: (i) => msg(str`Feld für früheren Namen ${i + 1} entfernt.`),
            },
            children: [{ type: 'field', kind: 'text', name: '', label: () => msg('Name'), errors: { pattern: nameCharacters(() => msg('Name')) } }],
          },
          sexField(),
          ...birthFields({ self: true }),
          { type: 'field', kind: 'combobox', name: 'geburtsstaat', codelist: 'staat', label: () => msg('Geburtsstaat') },
          nationalitiesGroup({ not: notForThisForm }),
          {
            type: 'group',
            name: 'fruehereStaatsangehoerigkeiten',
            legend: () => msg('Frühere Staatsangehörigkeiten'),
            hint: () => msg('Nur wenn Sie eine Staatsangehörigkeit verloren oder aufgegeben haben.'),
            repeat: {
              itemLegend: (i) => msg(str`Frühere Staatsangehörigkeit ${i + 1}`),
              addLabel: () => msg('Frühere Staatsangehörigkeit hinzufügen'),
              removeLabel: (i) => msg(str`Frühere Staatsangehörigkeit ${i + 1} entfernen`),
              added: (i) => msg(str`Feld für frühere Staatsangehörigkeit ${i + 1} hinzugefügt.`),
              removed: (i) => msg(str`Feld für frühere Staatsangehörigkeit ${i + 1} entfernt.`),
            },
            children: [{ type: 'field', kind: 'combobox', name: '', codelist: 'staatsangehoerigkeit', label: () => msg('Staat') }],
          },
          { type: 'field', kind: 'select', name: 'familienstand', codelist: 'familienstand', label: () => msg('Familienstand') },
          { type: 'field', kind: 'date', name: 'familienstandSeit', when: 'schema', label: () => msg('Familienstand seit') },
          {
            type: 'field',
            kind: 'integer',
            name: 'koerpergroesse',
            when: 'schema',
            label: () => msg('Körpergröße in Zentimetern'),
            hint: () => msg('Sie wird auf Ihrem Aufenthaltstitel stehen. Zum Beispiel 172.'),
          },
          {
            type: 'field',
            kind: 'select',
            name: 'augenfarbe',
            when: 'schema',
            codelist: 'augenfarbe',
            label: () => msg('Augenfarbe'),
            hint: () => msg('Sie wird auf Ihrem Aufenthaltstitel stehen.'),
          },
          { type: 'field', kind: 'text', name: 'telefon', label: () => msg('Telefonnummer'), inputType: 'tel', autocomplete: 'tel' },
          { type: 'field', kind: 'text', name: 'email', label: () => msg('E-Mail-Adresse'), inputType: 'email', autocomplete: 'email' },
        ],
      },
    ],
  },
  {
    id: 'pass',
    title: () => msg('Ihr Reisepass'),
    children: [
      {
        type: 'group',
        name: 'reisepass',
        when: 'schema',
        children: [
          {
            type: 'field',
            kind: 'text',
            name: 'nummer',
            label: () => msg('Passnummer'),
            width: 'medium',
            normalize: documentNumber,
            errors: { pattern: () => msg('Geben Sie die Passnummer so ein, wie sie im Pass steht: nur Buchstaben und Ziffern.') },
          },
          { type: 'field', kind: 'date', name: 'ausstellungsdatum', label: () => msg('Ausgestellt am') },
          { type: 'field', kind: 'date', name: 'gueltigBis', label: () => msg('Gültig bis') },
          { type: 'field', kind: 'text', name: 'ausstellendeBehoerde', label: () => msg('Ausstellende Behörde'), hint: () => msg('So wie im Pass.') },
        ],
      },
      { type: 'content', when: ({ get }) => get('/reisepass') === undefined, blocks: () => [{ kind: 'paragraph', text: msg('Für Ihr Anliegen verlangt das Gesetz hier keine Angaben zu einem Pass (§ 5 Abs. 3 AufenthG). Wenn Sie einen Pass haben, bringen Sie ihn zum Termin mit.') }] },
    ],
  },
  {
    id: 'wohnen',
    title: () => msg('Wo Sie wohnen'),
    children: [
      {
        type: 'group',
        name: 'anschrift',
        when: 'schema',
        legend: () => msg('Ihre Anschrift in Deutschland'),
        children: [
          ...addressInGermanyGroup('', () => '', { self: true }).children,
          { type: 'field', kind: 'date', name: 'seit', label: () => msg('Wohnhaft dort seit') },
        ],
      },
      {
        type: 'group',
        name: 'wohnung',
        when: 'schema',
        legend: () => msg('Ihre Wohnung'),
        children: [
          {
            type: 'field',
            kind: 'select',
            name: 'art',
            label: () => msg('Wie wohnen Sie?'),
            options: choices([
              ['miete', () => msg('Zur Miete')],
              ['eigentum', () => msg('Im Eigentum')],
              ['untermiete', () => msg('Zur Untermiete')],
              ['wohnheim', () => msg('Im Wohnheim')],
              ['gemeinschaftsunterkunft', () => msg('In einer Gemeinschaftsunterkunft')],
              ['angehoerige', () => msg('Bei Angehörigen')],
            ]),
          },
          { type: 'field', kind: 'integer', name: 'wohnflaeche', label: () => msg('Wohnfläche in Quadratmetern') },
          { type: 'field', kind: 'integer', name: 'personenImHaushalt', label: () => msg('Wie viele Personen leben in der Wohnung?') },
        ],
      },
    ],
  },
  {
    id: 'einreise',
    title: () => msg('Einreise und bisheriger Aufenthalt'),
    children: [
      {
        type: 'group',
        name: 'einreise',
        when: 'schema',
        children: [
          { type: 'field', kind: 'yesno', name: 'inDeutschlandGeboren', label: () => msg('Sind Sie in Deutschland geboren?') },
          { type: 'field', kind: 'date', name: 'datum', when: 'schema', label: () => msg('Wann sind Sie eingereist?') },
          { type: 'field', kind: 'yesno', name: 'mitVisum', when: 'schema', label: () => msg('Sind Sie mit einem Visum eingereist?') },
          {
            type: 'group',
            name: 'visum',
            when: 'schema',
            legend: () => msg('Ihr Visum'),
            children: [
              {
                type: 'field',
                kind: 'radio',
                name: 'art',
                label: () => msg('Art des Visums'),
                options: choices([
                  ['national', () => msg('Nationales Visum (D-Visum)')],
                  ['schengen', () => msg('Schengen-Visum (C-Visum)')],
                ]),
              },
              { type: 'field', kind: 'text', name: 'nummer', label: () => msg('Nummer des Visums'), width: 'medium', normalize: documentNumber },
              { type: 'field', kind: 'text', name: 'ausstellendeStelle', label: () => msg('Ausgestellt von'), hint: () => msg('Zum Beispiel die Deutsche Botschaft in Neu-Delhi.') },
              { type: 'field', kind: 'date', name: 'gueltigAb', label: () => msg('Gültig ab') },
              { type: 'field', kind: 'date', name: 'gueltigBis', label: () => msg('Gültig bis') },
            ],
          },
        ],
      },
      addressAbroadGroup('anschriftAusland', () => msg('Ihre letzte Anschrift im Ausland'), 'schema'),
      {
        type: 'group',
        name: 'aufenthaltstitelAktuell',
        when: 'schema',
        legend: () => msg('Ihr jetziges Aufenthaltsrecht'),
        children: [
          {
            type: 'field',
            kind: 'select',
            name: 'art',
            label: () => msg('Welches Dokument haben Sie jetzt?'),
            options: choices([
              ['visum-national', () => msg('Nationales Visum')],
              ['visum-schengen', () => msg('Schengen-Visum')],
              ['aufenthaltserlaubnis', () => msg('Aufenthaltserlaubnis')],
              ['blaue-karte-eu', () => msg('Blaue Karte EU')],
              ['ict-karte', () => msg('ICT-Karte')],
              ['aufenthaltskarte', () => msg('Aufenthaltskarte')],
              ['fiktionsbescheinigung', () => msg('Fiktionsbescheinigung')],
              ['aufenthaltsgestattung', () => msg('Aufenthaltsgestattung')],
              ['duldung', () => msg('Duldung')],
              ['niederlassungserlaubnis', () => msg('Niederlassungserlaubnis')],
              ['daueraufenthalt-eu', () => msg('Erlaubnis zum Daueraufenthalt – EU')],
              ['daueraufenthaltskarte', () => msg('Daueraufenthaltskarte')],
              ['keiner', () => msg('Keines')],
            ]),
          },
          { type: 'field', kind: 'text', name: 'rechtsgrundlage', label: () => msg('Rechtsgrundlage'), hint: () => msg('Steht auf dem Dokument, zum Beispiel „§ 18b AufenthG“.') },
          { type: 'field', kind: 'text', name: 'dokumentennummer', when: 'schema', label: () => msg('Dokumentennummer'), width: 'medium', normalize: documentNumber },
          { type: 'field', kind: 'date', name: 'gueltigBis', when: 'schema', label: () => msg('Gültig bis') },
        ],
      },
      { type: 'content', blocks: expiredTitleWarning },
      {
        type: 'group',
        name: 'fruehereAufenthalte',
        legend: () => msg('Frühere Aufenthalte in Deutschland'),
        hint: () => msg('Nur wenn Sie schon früher in Deutschland gelebt haben.'),
        repeat: {
          itemLegend: (i) => msg(str`Früherer Aufenthalt ${i + 1}`),
          addLabel: () => msg('Früheren Aufenthalt hinzufügen'),
          removeLabel: (i) => msg(str`Früheren Aufenthalt ${i + 1} entfernen`),
          added: (i) => msg(str`Früherer Aufenthalt ${i + 1} hinzugefügt.`),
          removed: (i) => msg(str`Früherer Aufenthalt ${i + 1} entfernt.`),
        },
        children: [
          { type: 'field', kind: 'date', name: 'von', label: () => msg('Von') },
          { type: 'field', kind: 'date', name: 'bis', label: () => msg('Bis') },
          { type: 'field', kind: 'text', name: 'ort', label: () => msg('Ort') },
        ],
      },
    ],
  },
  {
    id: 'vorhaben',
    title: () => msg('Angaben zu Ihrem Vorhaben'),
    children: [
      {
        type: 'group',
        name: 'arbeitsplatz',
        when: 'schema',
        legend: () => msg('Ihr Arbeitsplatz'),
        children: [
          {
            type: 'group',
            name: 'arbeitgeber',
            children: [
              { type: 'field', kind: 'text', name: 'name', label: () => msg('Name des Arbeitgebers') },
              addressInGermanyGroup('anschrift', () => msg('Anschrift des Arbeitgebers'), { self: false }),
            ],
          },
          { type: 'field', kind: 'text', name: 'berufsbezeichnung', label: () => msg('Ihre Tätigkeit'), hint: () => msg('So wie im Arbeitsvertrag.') },
          { type: 'field', kind: 'date', name: 'beginn', label: () => msg('Beginn') },
          { type: 'field', kind: 'amount', name: 'bruttojahresgehalt', label: () => msg('Bruttogehalt im Jahr') },
        ],
      },
      {
        type: 'group',
        name: 'selbststaendigkeit',
        when: 'schema',
        legend: () => msg('Ihre selbstständige Tätigkeit'),
        children: [
          { type: 'field', kind: 'textarea', name: 'taetigkeit', label: () => msg('Was machen Sie?') },
          { type: 'field', kind: 'yesno', name: 'freiberuflich', label: () => msg('Ist es eine freiberufliche Tätigkeit?'), hint: () => msg('Zum Beispiel als Ärztin, Architekt, Künstlerin oder Übersetzer.') },
          { type: 'field', kind: 'date', name: 'beginn', label: () => msg('Beginn') },
          { type: 'field', kind: 'textarea', name: 'finanzierung', label: () => msg('Wie ist die Tätigkeit finanziert?') },
          addressInGermanyGroup('sitz', () => msg('Sitz des Unternehmens'), { self: false }),
        ],
      },
      {
        type: 'group',
        name: 'chancenkarte',
        when: 'schema',
        legend: () => msg('Ihre Qualifikation'),
        children: [
          {
            type: 'field',
            kind: 'radio',
            name: 'qualifikation',
            label: () => msg('Welche Qualifikation haben Sie?'),
            options: choices([
              ['fachkraft', () => msg('Eine in Deutschland anerkannte Berufsausbildung oder einen anerkannten Abschluss')],
              ['auslaendischer-abschluss', () => msg('Einen ausländischen Abschluss')],
            ]),
          },
          { type: 'field', kind: 'text', name: 'abschluss', label: () => msg('Ihr Abschluss') },
        ],
      },
      {
        type: 'group',
        name: 'ausbildungsstaette',
        when: 'schema',
        legend: () => msg('Ihre Schule, Hochschule oder Ihr Ausbildungsbetrieb'),
        children: [
          { type: 'field', kind: 'text', name: 'name', label: () => msg('Name') },
          addressInGermanyGroup('anschrift', () => msg('Anschrift'), { self: false }),
          { type: 'field', kind: 'text', name: 'bildungsgang', label: () => msg('Studiengang, Beruf oder Kurs') },
          { type: 'field', kind: 'date', name: 'beginn', label: () => msg('Beginn') },
          { type: 'field', kind: 'date', name: 'ende', label: () => msg('Voraussichtliches Ende') },
        ],
      },
      {
        type: 'group',
        name: 'bezugsperson',
        when: 'schema',
        legend: () => msg('Ihr Familienangehöriger in Deutschland'),
        children: [
          ...nameFields({ self: false }),
          { type: 'field', kind: 'date', name: 'geburtsdatum', label: () => msg('Geburtsdatum') },
          nationalitiesGroup(),
          {
            type: 'field',
            kind: 'select',
            name: 'aufenthaltsstatus',
            label: () => msg('Welches Aufenthaltsrecht hat diese Person?'),
            errors: {
              const: () => msg('Die Person ist deutsch: Wählen Sie „Deutsche Staatsangehörigkeit“.'),
              not: () => msg('Wählen Sie „Deutsche Staatsangehörigkeit“ nur, wenn Sie oben bei der Staatsangehörigkeit Deutschland angegeben haben.'),
              'false schema': () =>
                msg('Die Person hat die Staatsangehörigkeit eines anderen EU-Staats, Islands, Liechtensteins, Norwegens oder der Schweiz. Dann gilt für Sie das Freizügigkeitsrecht: Gehen Sie zurück zu „Ihr Anliegen“ und wählen Sie die Antwort für Familien aus diesen Staaten.'),
            },
            options: choices([
              ['deutsch', () => msg('Deutsche Staatsangehörigkeit')],
              ['niederlassungserlaubnis', () => msg('Niederlassungserlaubnis')],
              ['daueraufenthalt-eu', () => msg('Erlaubnis zum Daueraufenthalt – EU')],
              ['blaue-karte-eu', () => msg('Blaue Karte EU')],
              ['ict-karte', () => msg('ICT-Karte')],
              ['asyl-oder-fluechtlingsschutz', () => msg('Asylberechtigung oder Flüchtlingsschutz (§ 25 Abs. 1 oder Abs. 2 Satz 1 AufenthG)')],
              ['subsidiaerer-schutz', () => msg('Subsidiärer Schutz (§ 25 Abs. 2 Satz 2 AufenthG)')],
              ['aufenthaltserlaubnis', () => msg('Aufenthaltserlaubnis')],
            ]),
          },
          {
            type: 'content',
            when: ({ get }) => get('/bezugsperson/aufenthaltsstatus') === 'subsidiaerer-schutz',
            blocks: ({ today }) =>
              inForce(today, FRISTEN.familiennachzugSubsidiaerAusgesetztBis)
                ? [
                    {
                      kind: 'warning',
                      text: msg(
                        str`Zu Personen mit subsidiärem Schutz wird bis zum ${longDate(FRISTEN.familiennachzugSubsidiaerAusgesetztBis)} kein Familiennachzug nach § 36a AufenthG gewährt (§ 104 Abs. 14 AufenthG). Sie können den Antrag trotzdem stellen; fragen Sie die Ausländerbehörde, ob für Sie ein anderer Weg in Frage kommt.`,
                      ),
                    },
                  ]
                : [],
          },
          addressInGermanyGroup('anschrift', () => msg('Anschrift dieser Person'), { self: false }),
          {
            type: 'field',
            kind: 'select',
            name: 'verwandtschaftsverhaeltnis',
            when: 'schema',
            codelist: 'verwandtschaftsverhaeltnis',
            excludeCodes: WOHNGELD_ONLY_RELATIONSHIP,
            label: () => msg('Wie sind Sie verwandt?'),
          },
        ],
      },
      {
        type: 'group',
        name: 'schutzstatus',
        when: 'schema',
        legend: () => msg('Ihr Bescheid'),
        children: [
          { type: 'field', kind: 'date', name: 'bescheiddatum', label: () => msg('Datum des Bescheids') },
          { type: 'field', kind: 'text', name: 'aktenzeichen', label: () => msg('Aktenzeichen des Bundesamts'), width: 'medium' },
        ],
      },
      { type: 'field', kind: 'textarea', name: 'humanitaereGruende', when: 'schema', label: () => msg('Beschreiben Sie Ihre Gründe') },
      {
        type: 'group',
        name: 'schutz24',
        when: 'schema',
        legend: () => msg('Ihr Aufenthalt in der Ukraine'),
        children: [
          {
            type: 'field',
            kind: 'radio',
            name: 'grundlage',
            label: () => msg('Was trifft auf Sie zu?'),
            options: choices([
              ['ukrainisch', () => msg('Ich bin ukrainische Staatsangehörige oder ukrainischer Staatsangehöriger')],
              ['schutzstatus-ukraine', () => msg('Ich hatte in der Ukraine internationalen Schutz')],
              ['daueraufenthalt-ukraine', () => msg('Ich hatte ein unbefristetes Aufenthaltsrecht in der Ukraine')],
              ['familienangehoeriger', () => msg('Ich bin Familienangehörige oder Familienangehöriger einer dieser Personen')],
            ]),
          },
          { type: 'field', kind: 'yesno', name: 'aufenthaltUkraineAm24022022', label: () => msg('Haben Sie am 24. Februar 2022 in der Ukraine gelebt?') },
          { type: 'field', kind: 'date', name: 'ausreiseUkraine', label: () => msg('Wann haben Sie die Ukraine verlassen?') },
          {
            type: 'group',
            name: 'familienangehoerigerVon',
            when: 'schema',
            legend: () => msg('Zu wem gehören Sie?'),
            children: [
              ...nameFields({ self: false }),
              { type: 'field', kind: 'date', name: 'geburtsdatum', label: () => msg('Geburtsdatum') },
              { type: 'field', kind: 'select', name: 'verwandtschaftsverhaeltnis', codelist: 'verwandtschaftsverhaeltnis', excludeCodes: WOHNGELD_ONLY_RELATIONSHIP, label: () => msg('Wie sind Sie verwandt?') },
            ],
          },
        ],
      },
      {
        type: 'group',
        name: 'nebenbestimmung',
        when: 'schema',
        children: [
          { type: 'field', kind: 'textarea', name: 'aenderung', label: () => msg('Was soll sich genau ändern?') },
          { type: 'field', kind: 'textarea', name: 'begruendung', label: () => msg('Warum?') },
        ],
      },
      {
        type: 'group',
        name: 'unionsbuerger',
        when: 'schema',
        legend: () => msg('Die Person aus der EU, zu der Sie gehören'),
        children: [
          ...nameFields({ self: false }),
          { type: 'field', kind: 'date', name: 'geburtsdatum', label: () => msg('Geburtsdatum') },
          { type: 'field', kind: 'combobox', name: 'staatsangehoerigkeit', codelist: 'staatsangehoerigkeit', label: () => msg('Staatsangehörigkeit') },
          {
            type: 'field',
            kind: 'radio',
            name: 'beziehung',
            label: () => msg('Wer sind Sie für diese Person?'),
            options: choices([
              ['ehegatte', () => msg('Ehegatte oder Ehegattin')],
              ['lebenspartner', () => msg('Lebenspartnerin oder Lebenspartner')],
              ['kind', () => msg('Kind')],
              ['verwandter-aufsteigend', () => msg('Mutter, Vater, Großmutter oder Großvater')],
              ['nahestehende-person', () => msg('Eine andere nahestehende Person'), () => msg('Zum Beispiel Tante, Neffe oder Schwester, Pflegekind oder Mündel, Lebensgefährtin oder Lebensgefährte ohne Ehe.')],
            ]),
          },
          {
            type: 'field',
            kind: 'radio',
            name: 'nahestehend',
            when: 'schema',
            label: () => msg('Was trifft auf Sie zu?'),
            hint: () => msg('Als nahestehende Person bekommen Sie das Aufenthaltsrecht nur auf Antrag; die Ausländerbehörde prüft Ihre persönlichen Umstände (§ 3a FreizügG/EU).'),
            options: choices([
              ['verwandter-unterhalt', () => msg('Ich bin mit der Person verwandt und bekomme von ihr dauerhaft Unterhalt, in der Regel seit mindestens zwei Jahren')],
              ['verwandter-haeusliche-gemeinschaft', () => msg('Ich bin mit der Person verwandt und habe vor dem Umzug mindestens zwei Jahre mit ihr zusammengelebt')],
              ['verwandter-pflege', () => msg('Ich bin mit der Person verwandt und brauche aus schweren gesundheitlichen Gründen ihre Pflege')],
              ['muendel-oder-pflegekind', () => msg('Ich bin unter 18 und ihr Mündel oder Pflegekind')],
              ['lebensgefaehrte', () => msg('Ich lebe mit der Person in einer dauerhaften Partnerschaft, ohne Ehe oder eingetragene Partnerschaft')],
            ]),
          },
          {
            type: 'field',
            kind: 'radio',
            name: 'freizuegigkeitsgrund',
            label: () => msg('Warum lebt diese Person in Deutschland?'),
            options: choices([
              ['arbeitnehmer', () => msg('Sie arbeitet als Angestellte oder Angestellter')],
              ['arbeitsuche', () => msg('Sie sucht Arbeit')],
              ['selbststaendig', () => msg('Sie ist selbstständig')],
              ['nicht-erwerbstaetig', () => msg('Sie arbeitet nicht und hat genug Geld und eine Krankenversicherung')],
              ['daueraufenthaltsrecht', () => msg('Sie hat ein Daueraufenthaltsrecht')],
            ]),
          },
          { type: 'field', kind: 'date', name: 'rechtmaessigerAufenthaltSeit', when: 'schema', label: () => msg('Sie leben rechtmäßig in Deutschland seit') },
          {
            type: 'group',
            name: 'freizuegigkeitDeutscher',
            when: 'schema',
            legend: () => msg('Ihr gemeinsames Leben in einem anderen EU-Staat'),
            hint: () =>
              msg('Familienangehörige von Deutschen bekommen eine Aufenthaltskarte nur, wenn sie mit ihnen in einem anderen EU- oder EWR-Staat gelebt haben und die deutsche Person dort zum Beispiel gearbeitet hat (§ 12a FreizügG/EU). Sonst gehen Sie zurück zu „Ihr Anliegen“ und wählen die Antwort für Familien von Deutschen.'),
            children: [
              {
                type: 'field',
                kind: 'combobox',
                name: 'staat',
                codelist: 'staat',
                label: () => msg('In welchem Staat?'),
                errors: { enum: () => msg('Wählen Sie einen anderen EU-Staat, Island, Liechtenstein, Norwegen oder die Schweiz.') },
              },
              { type: 'field', kind: 'date', name: 'von', label: () => msg('Gemeinsam dort gelebt seit') },
              { type: 'field', kind: 'date', name: 'bis', label: () => msg('Gemeinsam dort gelebt bis') },
            ],
          },
        ],
      },
      ...furtherProjectBlocks,
      // Looking for a place to study or train is the one purpose of its route that asks nothing here.
      { type: 'content', when: ({ get }) => get('/zweck') === 'platzsuche', blocks: nothingNeededHere },
    ],
  },
  {
    id: 'familie',
    title: () => msg('Ihre Familie'),
    children: [
      {
        type: 'group',
        name: 'familienangehoerige',
        when: 'schema',
        legend: () => msg('Ehegatte und Kinder'),
        hint: () => msg('Auch wenn sie im Ausland leben. Fügen Sie niemanden hinzu, wenn Sie keinen Ehegatten und keine Kinder haben.'),
        repeat: {
          itemLegend: (i) => msg(str`Familienangehöriger ${i + 1}`),
          addLabel: () => msg('Familienangehörigen hinzufügen'),
          removeLabel: (i) => msg(str`Familienangehörigen ${i + 1} entfernen`),
          added: (i) => msg(str`Familienangehöriger ${i + 1} hinzugefügt.`),
          removed: (i) => msg(str`Familienangehöriger ${i + 1} entfernt.`),
        },
        children: [
          {
            type: 'field',
            kind: 'radio',
            name: 'rolle',
            label: () => msg('Wer ist diese Person für Sie?'),
            options: choices([
              ['ehegatte', () => msg('Ehegatte oder eingetragene Lebenspartnerin bzw. eingetragener Lebenspartner')],
              ['kind', () => msg('Kind')],
            ]),
          },
          ...nameFields({ self: false }),
          { type: 'field', kind: 'date', name: 'geburtsdatum', label: () => msg('Geburtsdatum') },
          nationalitiesGroup(),
          {
            type: 'field',
            kind: 'radio',
            name: 'wohnort',
            label: () => msg('Wo lebt diese Person?'),
            options: choices([
              ['haushalt', () => msg('Bei mir')],
              ['deutschland', () => msg('Woanders in Deutschland')],
              ['ausland', () => msg('Im Ausland')],
            ]),
          },
        ],
      },
    ],
  },
  {
    id: 'unterhalt',
    title: () => msg('Lebensunterhalt und Krankenversicherung'),
    children: [
      {
        type: 'group',
        name: 'lebensunterhalt',
        when: 'schema',
        children: [
          {
            type: 'field',
            kind: 'checkboxes',
            name: 'quellen',
            label: () => msg('Wovon leben Sie?'),
            hint: () => msg('Wählen Sie alles, was zutrifft.'),
            options: choices([
              ['erwerbstaetigkeit', () => msg('Von meiner Arbeit')],
              ['selbststaendigkeit', () => msg('Von meiner selbstständigen Tätigkeit')],
              ['unterhalt', () => msg('Von Unterhalt durch Familienangehörige')],
              ['stipendium', () => msg('Von einem Stipendium')],
              ['sperrkonto', () => msg('Von einem Sperrkonto')],
              ['verpflichtungserklaerung', () => msg('Jemand hat eine Verpflichtungserklärung für mich abgegeben')],
              ['rente', () => msg('Von einer Rente')],
              ['vermoegen', () => msg('Von Ersparnissen')],
              ['oeffentliche-leistungen', () => msg('Von öffentlichen Leistungen wie Grundsicherungsgeld (früher Bürgergeld)')],
            ]),
          },
          {
            type: 'field',
            kind: 'amount',
            name: 'nettoeinkommenMonatlich',
            label: () => msg('Nettoeinkommen Ihres Haushalts im Monat'),
            hint: () => msg('Ihr Einkommen und das Ihres Ehegatten oder eingetragenen Lebenspartners zusammen, nach Steuern und Sozialabgaben. 0, wenn es keines gibt.'),
          },
          { type: 'field', kind: 'amount', name: 'warmmieteMonatlich', label: () => msg('Ihre Warmmiete im Monat'), hint: () => msg('Miete mit Heizung und Nebenkosten. 0, wenn Sie keine Miete zahlen.') },
        ],
      },
      {
        type: 'group',
        name: 'krankenversicherung',
        when: 'schema',
        children: [
          {
            type: 'field',
            kind: 'radio',
            name: 'art',
            label: () => msg('Wie sind Sie krankenversichert?'),
            options: choices([
              ['gesetzlich', () => msg('Gesetzlich')],
              ['privat', () => msg('Privat')],
              ['reise', () => msg('Mit einer Reisekrankenversicherung')],
              ['keine', () => msg('Ich bin nicht krankenversichert')],
            ]),
          },
          { type: 'field', kind: 'text', name: 'versicherer', when: 'schema', label: () => msg('Name der Krankenversicherung') },
        ],
      },
      {
        type: 'content',
        when: ({ get }) => get('/lebensunterhalt') === undefined && get('/krankenversicherung') === undefined,
        blocks: nothingNeededHere,
      },
    ],
  },
  {
    id: 'erklaerungen',
    title: () => msg('Erklärungen'),
    children: [
      {
        type: 'group',
        name: 'erklaerungen',
        legend: () => msg('Strafverfahren und Ausweisungen'),
        hint: () =>
          msg(
            'Die Ausländerbehörde muss das fragen (§ 5 Abs. 1 Nr. 2 AufenthG). Antworten Sie ehrlich. Geben Sie auch Verurteilungen an, die nicht im Führungszeugnis stehen: Die Ausländerbehörde bekommt vollständige Auskunft aus dem Bundeszentralregister, deshalb dürfen Sie sich ihr gegenüber nicht als unbestraft bezeichnen (§ 53 Abs. 2 BZRG). Nur getilgte oder zu tilgende Verurteilungen müssen Sie nicht angeben.',
          ),
        children: [
          ...yesNo('verurteilungenInland', () => msg('Wurden Sie in Deutschland verurteilt?'), 'verurteilungenInlandAngaben', () => msg('Wann, wo und weshalb?')),
          ...yesNo('verurteilungenAusland', () => msg('Wurden Sie im Ausland verurteilt?'), 'verurteilungenAuslandAngaben', () => msg('Wann, wo und weshalb?')),
          ...yesNo('ermittlungsverfahren', () => msg('Wird gerade gegen Sie ermittelt?'), 'ermittlungsverfahrenAngaben', () => msg('Welche Behörde ermittelt und weshalb?')),
          ...yesNo('ausweisungen', () => msg('Wurden Sie schon einmal aus Deutschland oder einem anderen Schengen-Staat ausgewiesen, abgeschoben oder mit einem Einreiseverbot belegt?'), 'ausweisungenAngaben', () => msg('Wann und von welchem Staat?')),
        ],
      },
      {
        type: 'group',
        name: 'belehrungen',
        legend: () => msg('Hinweise'),
        hint: () => msg('Bitte lesen Sie jeden Hinweis und bestätigen Sie ihn.'),
        children: [
          {
            type: 'field',
            kind: 'consent',
            name: 'wahrheitsgemaesseAngaben',
            when: ({ get }) => get('/route') !== 'aufenthaltskarte',
            label: () =>
              msg('Ich habe zur Kenntnis genommen, dass falsche oder unvollständige Angaben, auch in Verfahren anderer Schengen-Staaten, ein Grund für eine Ausweisung sein können (§ 54 Abs. 2 Nr. 8 AufenthG) und strafbar sein können (§ 95 AufenthG).'),
          },
          {
            // § 54 AufenthG does not apply under the FreizügG/EU (§ 11 Abs. 1 names only § 95 Abs. 2 Nr. 2).
            type: 'field',
            kind: 'consent',
            name: 'wahrheitsgemaesseAngaben',
            when: ({ get }) => get('/route') === 'aufenthaltskarte',
            label: () =>
              msg('Ich habe zur Kenntnis genommen, dass falsche oder unvollständige Angaben strafbar sein können (§ 95 Abs. 2 Nr. 2 AufenthG mit § 11 Abs. 1 FreizügG/EU) und dass die Ausländerbehörde dann feststellen kann, dass ich kein Aufenthaltsrecht habe (§ 2 Abs. 4 FreizügG/EU).'),
          },
          {
            type: 'field',
            kind: 'consent',
            name: 'mitwirkungspflicht',
            when: 'schema',
            label: () => msg('Ich habe zur Kenntnis genommen, dass ich bei meinem Antrag mitwirken und die nötigen Nachweise vorlegen muss (§ 82 AufenthG).'),
          },
          {
            type: 'field',
            kind: 'consent',
            name: 'vorzeitigeBeendigung',
            when: 'schema',
            label: () =>
              msg('Ich habe zur Kenntnis genommen, dass ich der Ausländerbehörde innerhalb von zwei Wochen mitteilen muss, wenn die Ausbildung, das Studium oder die Arbeit, für die ich die Aufenthaltserlaubnis bekomme, vorzeitig endet (§ 82 Abs. 6 AufenthG).'),
          },
          {
            type: 'field',
            kind: 'consent',
            name: 'datenverarbeitung',
            label: () => msg('Ich habe die Hinweise zum Datenschutz auf der ersten Seite zur Kenntnis genommen.'),
          },
        ],
      },
      authenticationRecord(),
      ...digitalDecisionQuestion(),
    ],
  },
  {
    id: 'nachweise',
    title: () => msg('Unterlagen'),
    children: [
      { type: 'content', blocks: documentBlocks },
      { type: 'group', name: 'nachweise', children: documentSlots },
    ],
  },
];

/**
 * Steps a route never shows, because its schema asks nothing there (no family members for a change of
 * conditions, a work permission or a new card; no project for a settlement permit; no address in Germany for
 * a skilled worker still abroad). test/services/aufenthaltstitel-progress.test.ts checks this against the
 * schema for every route and purpose.
 */
const STEPS_NOT_ON_ROUTE: Readonly<Record<string, readonly string[]>> = {
  nebenbestimmungen: ['familie'],
  'neue-karte': ['familie'],
  beschaeftigungserlaubnis: ['familie'],
  niederlassung: ['vorhaben'],
  'beschleunigtes-fachkraefteverfahren': ['wohnen'],
};

export const aufenthaltstitelDefinition: FormDefinition = {
  ...aufenthaltstitelStart,
  steps,
  rules: aufenthaltstitelRules,
  countedSteps: ({ get, isFixed }) => {
    const route = get('/route');
    if (typeof route !== 'string') return undefined;
    const skipped = [...(STEPS_NOT_ON_ROUTE[route] ?? []), ...(isFixed('/route') ? ['anliegen'] : [])];
    return steps.map((step) => step.id).filter((id) => !skipped.includes(id));
  },
};
