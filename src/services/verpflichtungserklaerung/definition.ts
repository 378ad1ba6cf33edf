/**
 * The Verpflichtungserklärung (§§ 66–68 AufenthG): what is asked, step by step. Which parts are required and
 * when conditional parts appear comes from schemas/verpflichtungserklaerung.schema.json (`when: 'schema'`).
 */
import { msg, str } from '@lit/localize';
import type { ConditionContext, ContentBlock, ContentContext, FormDefinition, Node } from '../../engine/definition.js';
import {
  addressAbroadGroup,
  addressInGermanyGroup,
  authenticationRecord,
  birthFields,
  choices,
  digitalDecisionQuestion,
  documentNumber,
  nameFields,
  nationalitiesGroup,
  passportGroup,
  sexField,
  WOHNGELD_ONLY_RELATIONSHIP,
} from '../common/blocks.js';
import { dataProtectionBlocks } from '../common/data-protection.js';
import { addMonths, isIsoDate } from '../common/answers.js';
import { creditworthinessBlocks } from './self-check.js';
import { verpflichtungserklaerungRules } from './rules.js';
import { feeOf, type VerpflichtungserklaerungConfig } from './config.js';
import { verpflichtungserklaerungDataProtection } from './data-protection.js';


/**
 * The element answers `abgabeart` itself („vor Ort“) unless the signer's identity reaches the level the authority
 * requires for the fully online declaration (EfaVerpflichtungserklaerung.identity, `config.onlineAbgabe`).
 */
const onlineNotOffered = ({ isFixed }: ConditionContext) => isFixed('/abgabeart');

function startBlocks({ config }: ContentContext): ContentBlock[] {
  const settings = config as VerpflichtungserklaerungConfig | undefined;
  const fee = feeOf(settings);
  return [
    {
      kind: 'paragraph',
      text: msg(
        'Mit einer Verpflichtungserklärung sagen Sie zu, die Kosten für den Lebensunterhalt eines Gastes aus dem Ausland zu tragen, der für ein Visum oder einen Aufenthalt in Deutschland eine solche Erklärung braucht.',
      ),
    },
    { kind: 'heading', text: msg('Das brauchen Sie') },
    {
      kind: 'list',
      items: [
        msg('Ihren Personalausweis, Reisepass oder elektronischen Aufenthaltstitel'),
        msg('die Angaben aus dem Reisepass Ihres Gastes und seiner mitreisenden Familie'),
        msg('Nachweise über Ihr Einkommen, zum Beispiel die letzten 3 Gehaltsabrechnungen'),
        msg('Ihren Mietvertrag oder Nachweise über die Kosten Ihres Wohneigentums'),
      ],
    },
    { kind: 'heading', text: msg('Das kostet es') },
    {
      kind: 'paragraph',
      text: msg(
        str`Die Gebühr beträgt ${fee} je Erklärung (§ 47 Abs. 1 Nr. 12 AufenthV). Sie ist auch dann fällig, wenn Ihre Zahlungsfähigkeit (Bonität) nicht nachgewiesen oder glaubhaft gemacht werden kann (§ 49 Abs. 2 AufenthV). Sie entfällt nur, wenn Sie Ihren Antrag zurücknehmen, bevor die Behörde mit der Bearbeitung beginnt (§ 49 Abs. 3 AufenthV).`,
      ),
    },
    { kind: 'heading', text: msg('Wofür Sie haften') },
    {
      kind: 'warning',
      text: msg(
        'Sie haften bis zu fünf Jahre ab der Einreise für alle öffentlichen Mittel, die für den Lebensunterhalt Ihres Gastes ausgegeben werden, auch für Wohnen, Krankheit, Pflege, Ausreise und Abschiebung (§§ 66 bis 68 AufenthG). Die Behörde kann das Geld ohne Gericht selbst eintreiben.',
      ),
    },
    { kind: 'heading', text: msg('Wer zuständig ist') },
    {
      kind: 'paragraph',
      text: msg(
        'Zuständig ist die Ausländerbehörde für den Ort, an dem Ihr Gast in Deutschland wohnen wird; für eine Organisation die Ausländerbehörde an ihrem Sitz. Liegt dieser Ort nicht im Bezirk der Ausländerbehörde an Ihrem Wohnort, kann diese im Wege der Amtshilfe mitwirken. Fragen Sie im Zweifel vorher nach.',
      ),
    },
    ...dataProtectionBlocks(verpflichtungserklaerungDataProtection, settings?.datenschutz),
    {
      kind: 'paragraph',
      text: msg('Das Ausfüllen dauert etwa 20 Minuten.'),
    },
  ];
}

const steps: FormDefinition['steps'] = [
  {
    id: 'start',
    title: () => msg('Verpflichtungserklärung abgeben'),
    children: [{ type: 'content', blocks: startBlocks }],
  },
  {
    id: 'voraussetzungen',
    title: () => msg('Wer gibt die Erklärung ab?'),
    legal: true,
    children: [
      {
        type: 'field',
        kind: 'radio',
        name: 'erklaerender/art',
        label: () => msg('Wer verpflichtet sich?'),
        options: choices([
          ['person', () => msg('Ich selbst, als Privatperson')],
          ['organisation', () => msg('Ein Unternehmen, ein Verein oder eine andere Organisation')],
        ]),
        errors: { required: () => msg('Wählen Sie aus, wer sich verpflichtet.') },
      },
      {
        type: 'field',
        kind: 'yesno',
        name: 'bezugSozialleistungen',
        when: ({ get }) => get('/erklaerender/art') === 'person',
        label: () => msg('Leben Sie von Grundsicherungsgeld, Sozialhilfe oder Leistungen nach dem Asylbewerberleistungsgesetz?'),
        hint: () =>
          msg('Gemeint sind Leistungen nach SGB II (Grundsicherungsgeld, früher Bürgergeld), SGB XII oder dem AsylbLG. Kindergeld und Wohngeld zählen nicht dazu.'),
      },
      {
        type: 'content',
        when: ({ get }) => get('/bezugSozialleistungen') === true,
        blocks: () => [
          {
            kind: 'warning',
            text: msg(
              'Wenn Sie von diesen Leistungen leben, kann die Ausländerbehörde Ihre Zahlungsfähigkeit nicht bestätigen. Eine Verpflichtungserklärung ohne bestätigte Zahlungsfähigkeit wird in der Regel nicht anerkannt, und die Gebühr wird trotzdem fällig. Sprechen Sie vorher mit der Ausländerbehörde, ob zum Beispiel eine Sicherheit wie ein Sperrkonto in Frage kommt.',
            ),
          },
        ],
      },
    ],
  },
  {
    id: 'erklaerender',
    title: () => msg('Angaben zu Ihrer Person'),
    when: ({ get }) => get('/erklaerender/art') !== 'organisation',
    children: [
      {
        type: 'group',
        name: 'erklaerender/person',
        when: 'schema',
        children: [
          ...nameFields({ self: true }, { birthName: true }),
          ...birthFields({ self: true }),
          nationalitiesGroup(),
          {
            type: 'group',
            name: 'ausweisdokument',
            legend: () => msg('Ihr Ausweisdokument'),
            children: [
              {
                type: 'field',
                kind: 'select',
                name: 'art',
                codelist: 'identifikationsdokumente',
                label: () => msg('Art des Dokuments'),
              },
              {
                type: 'field',
                kind: 'text',
                name: 'nummer',
                label: () => msg('Nummer des Dokuments'),
                width: 'medium',
                normalize: documentNumber,
                errors: {
                  required: () => msg('Geben Sie die Nummer Ihres Ausweisdokuments ein.'),
                  pattern: () => msg('Geben Sie die Nummer so ein, wie sie im Dokument steht: nur Buchstaben und Ziffern.'),
                },
              },
            ],
          },
          {
            type: 'group',
            name: 'aufenthaltstitel',
            when: 'schema',
            legend: () => msg('Ihr Aufenthaltstitel'),
            hint: () =>
              msg('Wer nicht Staatsangehöriger eines EU- oder EWR-Staates oder der Schweiz ist, braucht einen Aufenthaltstitel, der länger gilt als der Besuch.'),
            children: [
              {
                type: 'field',
                kind: 'select',
                name: 'art',
                label: () => msg('Art des Aufenthaltstitels'),
                options: choices([
                  ['aufenthaltserlaubnis', () => msg('Aufenthaltserlaubnis')],
                  ['blaue-karte-eu', () => msg('Blaue Karte EU')],
                  ['ict-karte', () => msg('ICT-Karte')],
                  ['mobiler-ict-karte', () => msg('Mobiler-ICT-Karte')],
                  ['niederlassungserlaubnis', () => msg('Niederlassungserlaubnis')],
                  ['daueraufenthalt-eu', () => msg('Erlaubnis zum Daueraufenthalt – EU')],
                  ['aufenthaltskarte', () => msg('Aufenthaltskarte (Familienangehörige von Unionsbürgern)')],
                  ['daueraufenthaltskarte', () => msg('Daueraufenthaltskarte')],
                  ['aufenthaltsdokument-gb', () => msg('Aufenthaltsdokument-GB')],
                ]),
              },
              {
                type: 'field',
                kind: 'text',
                name: 'dokumentennummer',
                label: () => msg('Dokumentennummer'),
                width: 'medium',
                normalize: documentNumber,
                errors: { pattern: () => msg('Geben Sie die Nummer so ein, wie sie im Dokument steht: nur Buchstaben und Ziffern.') },
              },
              {
                type: 'field',
                kind: 'date',
                name: 'gueltigBis',
                when: 'schema',
                label: () => msg('Gültig bis'),
              },
            ],
          },
          {
            type: 'field',
            kind: 'text',
            name: 'beruf',
            label: () => msg('Beruf'),
            autocomplete: 'organization-title',
          },
          addressInGermanyGroup('anschrift', () => msg('Ihre Anschrift in Deutschland'), { self: true }),
          {
            type: 'field',
            kind: 'text',
            name: 'telefon',
            label: () => msg('Telefonnummer'),
            hint: () => msg('Für Rückfragen der Ausländerbehörde.'),
            inputType: 'tel',
            autocomplete: 'tel',
            errors: { pattern: () => msg('Geben Sie eine Telefonnummer ein, zum Beispiel 0611 123456 oder +49 611 123456.') },
          },
          {
            type: 'field',
            kind: 'text',
            name: 'email',
            label: () => msg('E-Mail-Adresse'),
            inputType: 'email',
            autocomplete: 'email',
          },
        ],
      },
    ],
  },
  {
    id: 'organisation',
    title: () => msg('Angaben zur Organisation'),
    when: ({ get }) => get('/erklaerender/art') === 'organisation',
    children: [
      {
        type: 'group',
        name: 'erklaerender/organisation',
        when: 'schema',
        children: [
          { type: 'field', kind: 'text', name: 'name', label: () => msg('Name der Organisation'), autocomplete: 'organization' },
          {
            type: 'field',
            kind: 'text',
            name: 'rechtsform',
            label: () => msg('Rechtsform'),
            hint: () => msg('Zum Beispiel GmbH, eingetragener Verein oder Einzelunternehmen.'),
          },
          { type: 'field', kind: 'yesno', name: 'imRegisterEingetragen', label: () => msg('Ist die Organisation in einem Register eingetragen?') },
          {
            type: 'group',
            name: 'registereintrag',
            when: 'schema',
            legend: () => msg('Registereintrag'),
            children: [
              {
                type: 'field',
                kind: 'select',
                name: 'registerart',
                label: () => msg('Register'),
                options: choices([
                  ['HRA', () => msg('Handelsregister A (HRA)')],
                  ['HRB', () => msg('Handelsregister B (HRB)')],
                  ['GnR', () => msg('Genossenschaftsregister (GnR)')],
                  ['PR', () => msg('Partnerschaftsregister (PR)')],
                  ['VR', () => msg('Vereinsregister (VR)')],
                  ['GsR', () => msg('Gesellschaftsregister (GsR)')],
                ]),
              },
              { type: 'field', kind: 'text', name: 'registergericht', label: () => msg('Registergericht'), hint: () => msg('Zum Beispiel Amtsgericht Wiesbaden.') },
              {
                type: 'field',
                kind: 'text',
                name: 'registernummer',
                label: () => msg('Registernummer'),
                width: 'medium',
                hint: () => msg('Nur die Nummer, zum Beispiel 12345 oder 12345 B.'),
                errors: { pattern: () => msg('Geben Sie nur die Nummer ein, zum Beispiel 12345 oder 12345 B.') },
              },
            ],
          },
          addressInGermanyGroup('sitz', () => msg('Sitz der Organisation'), { self: false }),
          {
            type: 'group',
            name: 'vertreter',
            legend: () => msg('Wer unterschreibt für die Organisation?'),
            hint: () => msg('Eine vertretungsberechtigte Person, zum Beispiel die Geschäftsführerin oder der Vorstand.'),
            children: [
              ...nameFields({ self: true }),
              { type: 'field', kind: 'text', name: 'funktion', label: () => msg('Funktion'), autocomplete: 'organization-title' },
            ],
          },
          { type: 'field', kind: 'text', name: 'telefon', label: () => msg('Telefonnummer'), inputType: 'tel', autocomplete: 'tel' },
          { type: 'field', kind: 'text', name: 'email', label: () => msg('E-Mail-Adresse'), inputType: 'email', autocomplete: 'email' },
        ],
      },
    ],
  },
  {
    id: 'gast',
    title: () => msg('Angaben zu Ihrem Gast'),
    children: [
      {
        type: 'group',
        name: 'gast',
        children: [
          ...nameFields({ self: false }),
          sexField(),
          ...birthFields({ self: false }),
          nationalitiesGroup(),
          passportGroup(),
          addressAbroadGroup('anschrift', () => msg('Anschrift im Heimatland')),
          { type: 'field', kind: 'select', name: 'familienstand', codelist: 'familienstand', label: () => msg('Familienstand') },
          {
            type: 'field',
            kind: 'select',
            name: 'verwandtschaftsverhaeltnis',
            codelist: 'verwandtschaftsverhaeltnis',
            excludeCodes: WOHNGELD_ONLY_RELATIONSHIP,
            label: () => msg('Wie ist der Gast mit Ihnen verwandt?'),
            hint: () => msg('Wählen Sie „Kein Verwandtschaftsverhältnis“, wenn Sie zum Beispiel befreundet sind.'),
          },
        ],
      },
      {
        type: 'group',
        name: 'begleitpersonen',
        legend: () => msg('Mitreisende Familie'),
        hint: () =>
          msg('Die Erklärung kann auch für den Ehegatten und die minderjährigen Kinder Ihres Gastes gelten. Fügen Sie jede mitreisende Person hinzu. Reist Ihr Gast allein, fügen Sie niemanden hinzu.'),
        repeat: {
          itemLegend: (i) => msg(str`Mitreisende Person ${i + 1}`),
          addLabel: () => msg('Mitreisende Person hinzufügen'),
          removeLabel: (i) => msg(str`Mitreisende Person ${i + 1} entfernen`),
          added: (i) => msg(str`Mitreisende Person ${i + 1} hinzugefügt.`),
          removed: (i) => msg(str`Mitreisende Person ${i + 1} entfernt.`),
        },
        children: [
          {
            type: 'field',
            kind: 'radio',
            name: 'rolle',
            label: () => msg('Wer ist diese Person für Ihren Gast?'),
            options: choices([
              ['ehegatte', () => msg('Ehegatte oder eingetragene Lebenspartnerin bzw. eingetragener Lebenspartner')],
              ['kind', () => msg('Kind unter 18 Jahren')],
            ]),
            errors: { contains: () => msg('Geben Sie höchstens eine Person als Ehegatten oder Lebenspartner an.') },
          },
          ...nameFields({ self: false }),
          sexField(),
          ...birthFields({ self: false }),
          nationalitiesGroup(),
          passportGroup(),
          { type: 'field', kind: 'yesno', name: 'anschriftWieGast', label: () => msg('Wohnt diese Person unter derselben Anschrift wie Ihr Gast?') },
          addressAbroadGroup('anschrift', () => msg('Anschrift im Heimatland'), 'schema'),
          { type: 'field', kind: 'select', name: 'familienstand', codelist: 'familienstand', label: () => msg('Familienstand') },
          {
            type: 'field',
            kind: 'select',
            name: 'verwandtschaftsverhaeltnis',
            codelist: 'verwandtschaftsverhaeltnis',
            excludeCodes: WOHNGELD_ONLY_RELATIONSHIP,
            label: () => msg('Wie ist diese Person mit Ihnen verwandt?'),
          },
        ],
      },
    ],
  },
  {
    id: 'aufenthalt',
    title: () => msg('Angaben zum Aufenthalt'),
    children: [
      {
        type: 'group',
        name: 'aufenthalt',
        children: [
          {
            type: 'field',
            kind: 'select',
            name: 'zweck',
            label: () => msg('Zweck des Aufenthalts'),
            options: choices([
              ['besuch', () => msg('Besuch')],
              ['geschaeftsreise', () => msg('Geschäftsreise')],
              ['medizinische-behandlung', () => msg('Medizinische Behandlung')],
              ['studium', () => msg('Studium')],
              ['ausbildung', () => msg('Ausbildung')],
              ['sprachkurs', () => msg('Sprachkurs')],
              ['familienzusammenfuehrung', () => msg('Familienzusammenführung')],
              ['sonstiges', () => msg('Anderer Zweck')],
            ]),
          },
          { type: 'field', kind: 'text', name: 'zweckBeschreibung', when: 'schema', label: () => msg('Beschreiben Sie den Zweck') },
          {
            type: 'field',
            kind: 'date',
            name: 'beginn',
            label: () => msg('Voraussichtliche Einreise'),
            hint: () => msg('Der erste Tag, an dem das Visum gelten soll. Zum Beispiel 1 6 2027'),
          },
          {
            type: 'field',
            kind: 'date',
            name: 'ende',
            label: () => msg('Voraussichtliche Ausreise'),
            hint: () => msg('Der letzte Tag des Aufenthalts in Deutschland.'),
          },
          {
            type: 'group',
            name: 'unterkunft',
            children: [
              {
                type: 'field',
                kind: 'radio',
                name: 'art',
                label: () => msg('Wo wohnt Ihr Gast in Deutschland?'),
                options: choices([
                  ['erklaerender', () => msg('Bei mir, unter der angegebenen Anschrift')],
                  ['andere', () => msg('Unter einer anderen Anschrift')],
                ]),
              },
              { ...addressInGermanyGroup('anschrift', () => msg('Anschrift der Unterkunft'), { self: false }), when: 'schema' },
              {
                type: 'content',
                when: ({ get }) => get('/aufenthalt/unterkunft/art') === 'andere',
                blocks: () => [
                  {
                    kind: 'notice',
                    text: msg(
                      'Zuständig ist die Ausländerbehörde für den Ort, an dem Ihr Gast wohnen wird. Liegt die Unterkunft in einem anderen Bezirk als Ihr Wohnort, fragen Sie dort oder bei Ihrer Ausländerbehörde nach, wo Sie die Erklärung abgeben.',
                    ),
                  },
                ],
              },
            ],
          },
        ],
      },
      { type: 'content', blocks: sixMonthBlocks },
    ],
  },
  {
    id: 'finanzen',
    title: () => msg('Ihre finanziellen Verhältnisse'),
    when: ({ get }) => get('/erklaerender/art') !== 'organisation',
    children: [
      {
        type: 'content',
        blocks: () => [
          {
            kind: 'paragraph',
            text: msg(
              'Die Ausländerbehörde prüft, ob Sie für den Lebensunterhalt Ihrer Gäste aufkommen können. Ihre Angaben hier sind freiwillig: Sie können sie jetzt machen und sehen dann gleich, ob Ihr Einkommen voraussichtlich reicht, oder Sie legen der Behörde nur Ihre Nachweise vor. Ohne Angaben oder Nachweise kann Ihre Zahlungsfähigkeit nicht bestätigt werden.',
            ),
          },
        ],
      },
      {
        type: 'field',
        kind: 'radio',
        name: 'finanzangaben',
        when: 'schema',
        label: () => msg('Möchten Sie Angaben zu Ihrem Einkommen und Ihren Ausgaben machen?'),
        options: choices([
          ['im-formular', () => msg('Ja, ich mache die Angaben jetzt'), () => msg('Alle Beträge gelten je Monat.')],
          ['nur-nachweise', () => msg('Nein, ich lege die Nachweise vor'), () => msg('Zum Beispiel als Upload im nächsten Schritt oder beim Termin.')],
        ]),
        errors: { required: () => msg('Wählen Sie, ob Sie jetzt Angaben machen oder die Nachweise vorlegen.') },
      },
      {
        type: 'group',
        name: 'finanzen',
        when: 'schema',
        children: [
          {
            type: 'field',
            kind: 'radio',
            name: 'einkommensart',
            label: () => msg('Woher kommt Ihr Einkommen hauptsächlich?'),
            options: choices([
              ['nichtselbststaendig', () => msg('Lohn oder Gehalt')],
              ['selbststaendig', () => msg('Selbstständige Tätigkeit')],
              ['rente', () => msg('Rente oder Pension')],
              ['sonstiges', () => msg('Etwas anderes')],
            ]),
          },
          { type: 'field', kind: 'text', name: 'arbeitgeber', when: 'schema', label: () => msg('Arbeitgeber'), hint: () => msg('Name und Ort.') },
          { type: 'field', kind: 'text', name: 'einkommensartBeschreibung', when: 'schema', label: () => msg('Beschreiben Sie Ihre Einkommensquelle') },
          {
            type: 'field',
            kind: 'amount',
            name: 'nettoeinkommen',
            label: () => msg('Monatliches Nettoeinkommen'),
            hint: () => msg('Was nach Steuern und Sozialabgaben auf Ihrem Konto ankommt. Kindergeld und Sozialleistungen zählen nicht.'),
          },
          {
            type: 'field',
            kind: 'integer',
            name: 'unterhaltspflichten',
            label: () => msg('Wie vielen Personen zahlen Sie Unterhalt?'),
            hint: () => msg('Zum Beispiel Ihren Kindern oder Ihrem Ehegatten, ohne Ihre Gäste. 0, wenn niemandem.'),
          },
          { type: 'field', kind: 'amount', name: 'miete', label: () => msg('Miete oder Kosten für Wohneigentum'), hint: () => msg('Einschließlich Nebenkosten. 0, wenn keine.') },
          {
            type: 'field',
            kind: 'amount',
            name: 'sonstigeVerpflichtungen',
            label: () => msg('Sonstige regelmäßige Zahlungen'),
            hint: () => msg('Zum Beispiel Kredite oder Versicherungen. 0, wenn keine.'),
          },
          {
            type: 'field',
            kind: 'yesno',
            name: 'weitereErklaerungenAbgegeben',
            label: () => msg('Haben Sie für denselben Zeitraum schon andere Verpflichtungserklärungen abgegeben?'),
          },
          {
            type: 'group',
            name: 'weitereErklaerungen',
            when: 'schema',
            legend: () => msg('Ihre anderen Verpflichtungserklärungen'),
            repeat: {
              itemLegend: (i) => msg(str`Andere Erklärung ${i + 1}`),
              addLabel: () => msg('Weitere Erklärung hinzufügen'),
              removeLabel: (i) => msg(str`Andere Erklärung ${i + 1} entfernen`),
              added: (i) => msg(str`Andere Erklärung ${i + 1} hinzugefügt.`),
              removed: (i) => msg(str`Andere Erklärung ${i + 1} entfernt.`),
            },
            children: [
              { type: 'field', kind: 'text', name: 'behoerde', label: () => msg('Bei welcher Behörde?') },
              { type: 'field', kind: 'date', name: 'abgegebenAm', label: () => msg('Abgegeben am') },
              { type: 'field', kind: 'integer', name: 'erwachsene', label: () => msg('Für wie viele Erwachsene?') },
              { type: 'field', kind: 'integer', name: 'kinder', label: () => msg('Für wie viele Kinder?') },
            ],
          },
        ],
      },
      { type: 'content', blocks: creditworthinessBlocks },
    ],
  },
  {
    id: 'nachweise',
    title: () => msg('Nachweise'),
    children: [
      { type: 'content', blocks: evidenceBlocks },
      {
        type: 'field',
        kind: 'file',
        name: 'nachweise',
        label: () => msg('Nachweise hochladen'),
        hint: () => msg('Sie können die Nachweise auch zum Termin mitbringen.'),
        multiple: true,
      },
    ],
  },
  {
    id: 'abgabe',
    title: () => msg('Abgabe und Hinweise'),
    children: [
      authenticationRecord(),
      {
        type: 'content',
        when: onlineNotOffered,
        blocks: () => [
          {
            kind: 'paragraph',
            text: msg(
              'Sie bereiten die Erklärung hier online vor. Verbindlich wird sie, wenn Sie sie bei einem Termin in der Ausländerbehörde unterschreiben.',
            ),
          },
          {
            kind: 'paragraph',
            text: msg(
              'Ganz ohne Termin geht es nur, wenn Sie sich vorher im Portal der Behörde mit der Online-Ausweisfunktion Ihres Ausweises angemeldet haben und die Behörde das anbietet.',
            ),
          },
        ],
      },
      {
        type: 'field',
        kind: 'radio',
        name: 'abgabeart',
        label: () => msg('Wie möchten Sie die Erklärung abgeben?'),
        options: () => [
          {
            value: 'eid',
            label: () => msg('Vollständig online, ohne Termin'),
            hint: () =>
              msg(
                'Ihre Anmeldung im Portal reicht dafür aus. Sie geben die Erklärung hier elektronisch ab (§ 68 Abs. 2 AufenthG) und müssen sie nicht in der Behörde unterschreiben.',
              ),
          },
          {
            value: 'vor-ort',
            label: () => msg('Online vorbereiten und in der Ausländerbehörde unterschreiben'),
            hint: () => msg('Sie bekommen einen Termin und unterschreiben dort.'),
          },
        ],
      },
      {
        type: 'group',
        name: 'belehrungen',
        legend: () => msg('Rechtliche Hinweise'),
        hint: () => msg('Bitte lesen Sie jeden Hinweis und bestätigen Sie ihn.'),
        children: notices(),
      },
      ...digitalDecisionQuestion(),
    ],
  },
  {
    id: 'warnhinweis',
    title: () => msg('Bevor Sie verbindlich absenden'),
    confirmation: { submitLabel: () => msg('Verbindlich absenden', { id: 'verpflichtungserklaerung.submit' }) },
    children: [
      { type: 'content', blocks: warningBlocks },
      {
        type: 'field',
        kind: 'consent',
        name: 'warnhinweisBestaetigt',
        label: () => msg('Ich habe diese Warnung gelesen und möchte die Erklärung verbindlich absenden.'),
      },
    ],
  },
];

/**
 * The warning against hasty submission (§ 68 Abs. 2 Satz 2 AufenthG), right before the binding send: what the
 * signer is liable for, for how long, and that it is enforced without a court (§ 68 Abs. 2 Satz 3).
 */
function warningBlocks({ get, config }: ContentContext): ContentBlock[] {
  const guest = [get('/gast/vornamen'), get('/gast/familienname')].filter((part) => typeof part === 'string').join(' ');
  const companions = Array.isArray(get('/begleitpersonen')) ? (get('/begleitpersonen') as unknown[]).length : 0;
  const whom =
    companions === 0
      ? msg(str`Ihren Gast ${guest}`)
      : companions === 1
        ? msg(str`Ihren Gast ${guest} und eine mitreisende Person`)
        : msg(str`Ihren Gast ${guest} und ${companions} mitreisende Personen`);
  const fee = feeOf(config as VerpflichtungserklaerungConfig | undefined);
  return [
    {
      kind: 'warning',
      text:
        get('/abgabeart') === 'eid'
          ? msg('Mit dem Absenden geben Sie die Verpflichtungserklärung elektronisch und verbindlich ab. Bitte lesen Sie noch einmal, was das für Sie bedeutet.')
          : msg(
              'Mit dem Absenden beantragen Sie verbindlich, dass die Ausländerbehörde Ihre Verpflichtungserklärung anerkennt; verpflichtet sind Sie, sobald Sie sie beim Termin unterschreiben. Bitte lesen Sie noch einmal, was das für Sie bedeutet.',
            ),
    },
    { kind: 'heading', text: msg('Wofür Sie haften') },
    {
      kind: 'paragraph',
      text: msg(
        str`Sie zahlen für ${whom} alle öffentlichen Mittel für den Lebensunterhalt zurück: Essen, Wohnen, Arztbesuche, Medikamente, Krankenhaus und Pflege, auch wenn darauf ein gesetzlicher Anspruch besteht, dazu die Kosten der Ausreise und einer Abschiebung (§§ 66, 67, 68 Abs. 1 AufenthG).`,
      ),
    },
    { kind: 'heading', text: msg('Wie lange') },
    {
      kind: 'paragraph',
      text: msg(
        'Bis zu fünf Jahre ab der Einreise, die diese Erklärung möglich macht; früher endet die Haftung etwa, wenn der Aufenthalt endet. Sie endet nicht, wenn Ihr Gast später aus humanitären Gründen bleiben darf oder internationalen Schutz bekommt.',
      ),
    },
    { kind: 'heading', text: msg('Wenn Sie nicht zahlen') },
    {
      kind: 'paragraph',
      text: msg(
        'Die Behörde kann das Geld ohne Gericht selbst eintreiben, zum Beispiel durch Pfändung Ihres Lohns oder Ihres Kontos (§ 68 Abs. 2 Satz 3 AufenthG).',
      ),
    },
    { kind: 'heading', text: msg('Außerdem') },
    {
      kind: 'list',
      items: [
        msg('Verpflichten sich mehrere Personen für denselben Gast, haftet jede von ihnen für den vollen Betrag.'),
        msg('Sobald das Visum erteilt ist, können Sie die Erklärung nicht mehr widerrufen.'),
        msg('Zwischen Ihrer Erklärung und der Erteilung des Visums sollen nicht mehr als sechs Monate liegen; sonst wird die Erklärung in der Regel nicht mehr anerkannt.'),
        msg(str`Die Gebühr von ${fee} wird auch fällig, wenn die Behörde Ihre Zahlungsfähigkeit nicht bestätigt.`),
      ],
    },
  ];
}

/** Visa missions accept a declaration for about six months (Merkblatt; e.g. Auswärtiges Amt, municipal pages). */
const DECLARATION_ACCEPTED_MONTHS = 6;

function sixMonthBlocks({ get, today }: ContentContext): ContentBlock[] {
  const beginn = get('/aufenthalt/beginn');
  if (!isIsoDate(beginn) || beginn <= addMonths(today, DECLARATION_ACCEPTED_MONTHS)) return [];
  return [
    {
      kind: 'warning',
      text: msg(
        'Ihr Gast reist erst in mehr als sechs Monaten ein. Zwischen der Erklärung und der Erteilung des Visums sollen nicht mehr als sechs Monate liegen. Geben Sie die Erklärung besser später ab, oder fragen Sie die Ausländerbehörde.',
      ),
    },
  ];
}

function notices(): Node[] {
  const notice = (name: string, label: () => string): Node => ({ type: 'field', kind: 'consent', name, label });
  return [
    notice('haftungsumfang', () =>
      msg(
        'Ich habe zur Kenntnis genommen, dass ich alle öffentlichen Mittel erstatten muss, die für den Lebensunterhalt der genannten Personen aufgewendet werden – einschließlich Wohnraum, Versorgung bei Krankheit und Pflegebedürftigkeit, auch wenn die Leistungen auf einem gesetzlichen Anspruch beruhen –, sowie die Kosten der Ausreise und einer Abschiebung (§§ 66, 67, 68 AufenthG).',
      ),
    ),
    notice('dauer', () =>
      msg(
        'Ich habe zur Kenntnis genommen, dass die Verpflichtung bis zu fünf Jahre ab der Einreise gilt, die mit dieser Erklärung möglich wird, und vor Ablauf dieser Zeit nicht endet, wenn ein Aufenthaltstitel aus humanitären Gründen erteilt oder internationaler Schutz zuerkannt wird.',
      ),
    ),
    notice('vollstreckbarkeit', () =>
      msg(
        'Ich habe zur Kenntnis genommen, dass die Behörde die Erstattung nach dem Verwaltungsvollstreckungsgesetz ohne Gericht selbst durchsetzen kann, zum Beispiel durch Pfändung (§ 68 Abs. 2 Satz 3 AufenthG).',
      ),
    ),
    notice('gesamtschuld', () =>
      msg(
        'Ich habe zur Kenntnis genommen, dass jede Person, die sich für denselben Gast verpflichtet, für den vollen Betrag haftet und die Behörde die Erstattung von jeder verlangen kann.',
      ),
    ),
    notice('keineGefaehrdendenVerpflichtungen', () =>
      msg('Ich versichere, dass ich keine anderen Verpflichtungen eingegangen bin, die die Wirkung dieser Erklärung gefährden.'),
    ),
    notice('keinWiderruf', () =>
      msg(
        'Ich habe zur Kenntnis genommen, dass ich die Erklärung nicht mehr widerrufen kann, sobald das Visum erteilt ist, und dass ich selbst einschätzen muss, ob ich meinem Gast vertraue.',
      ),
    ),
    notice('freiwilligkeit', () =>
      msg(
        'Ich habe zur Kenntnis genommen, dass meine Angaben und Nachweise freiwillig sind, ohne sie meine Zahlungsfähigkeit aber weder nachgewiesen noch glaubhaft gemacht werden kann.',
      ),
    ),
    notice('strafbarkeit', () =>
      msg(
        'Ich habe zur Kenntnis genommen, dass falsche oder unvollständige Angaben nach §§ 95, 96 AufenthG strafbar sein können und dass ich dann, ebenso wie wenn ich trotz Aufforderung nicht zahle, in der Visa-Warndatei gespeichert werde.',
      ),
    ),
    notice('datenverarbeitung', () =>
      msg(
        'Ich habe die Hinweise zum Datenschutz auf der ersten Seite zur Kenntnis genommen: Meine Angaben werden nach § 86 AufenthG erhoben, im Ausländerzentralregister zum Visum meines Gastes gespeichert, mit der Visa-Warndatei abgeglichen und, wenn Erstattung verlangt wird, der zuständigen Stelle mitgeteilt.',
      ),
    ),
    notice('krankenversicherung', () =>
      msg(
        'Ich habe zur Kenntnis genommen, dass der Krankenversicherungsschutz im Visumverfahren gesondert geprüft wird (für Besuche eine Reisekrankenversicherung mit mindestens 30.000 Euro Deckung) und dass ich auch für Kosten hafte, die eine Versicherung nicht übernimmt.',
      ),
    ),
  ];
}

/** The evidence the office will ask for, from the answers given so far (Merkblatt § 3 b, municipal practice). */
function evidenceBlocks({ get }: ContentContext): ContentBlock[] {
  const organisation = get('/erklaerender/art') === 'organisation';
  const items: string[] = [];
  if (organisation) {
    items.push(msg('einen aktuellen Auszug aus dem Register oder einen anderen Nachweis über die Organisation'));
    items.push(msg('einen Nachweis, dass die unterschreibende Person die Organisation vertreten darf'));
    items.push(msg('einen Nachweis über die Zahlungsfähigkeit, zum Beispiel den letzten Jahresabschluss'));
  } else {
    items.push(msg('Ihren Personalausweis oder Reisepass'));
    if (get('/erklaerender/person/aufenthaltstitel') !== undefined) items.push(msg('Ihren Aufenthaltstitel'));
    const kind = get('/finanzen/einkommensart');
    if (kind === 'nichtselbststaendig') {
      items.push(msg('Ihre letzten 3 Gehaltsabrechnungen'));
      items.push(msg('eine Bescheinigung Ihres Arbeitgebers, dass Sie nicht mehr in der Probezeit sind'));
    } else if (kind === 'selbststaendig') {
      items.push(msg('Ihre Steuerbescheide der letzten 2 Jahre und eine aktuelle Bescheinigung Ihrer Steuerberatung über Ihr monatliches Einkommen'));
    } else if (kind === 'rente') {
      items.push(msg('Ihren aktuellen Rentenbescheid'));
    } else {
      items.push(msg('Nachweise über Ihr Einkommen, nicht älter als 6 Monate'));
    }
    items.push(msg('Ihren Mietvertrag oder einen Nachweis über Ihr Wohneigentum'));
  }
  items.push(msg('eine Kopie der Seite mit dem Foto aus dem Reisepass Ihres Gastes'));
  return [
    {
      kind: 'paragraph',
      text: msg('Nach Ihren Angaben wird die Ausländerbehörde diese Unterlagen sehen wollen. Sie müssen aktuell sein, höchstens 6 Monate alt. Kontoauszüge allein reichen nicht aus.'),
    },
    { kind: 'list', items },
  ];
}

export const verpflichtungserklaerungDefinition: FormDefinition = {
  service: 'verpflichtungserklaerung',
  schemaVersion: '2.0.0',
  steps,
  rules: verpflichtungserklaerungRules,
};
