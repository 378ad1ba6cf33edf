/**
 * Building blocks every service asks the same way: names, birth, nationalities, addresses, passport.
 * Each returns definition nodes whose names match the `$defs` in schemas/common/person.schema.json.
 */
import { msg, str } from '@lit/localize';
import type { ErrorTexts, FieldDef, GroupDef, Node, Option, Text } from '../../engine/definition.js';
import { POSTFACH_VORHANDEN } from './identity.js';

/** Options of a choice as `[value, label, hint?]` rows. */
export const choices = (entries: [string, Text, Text?][]): (() => Option[]) => () =>
  entries.map(([value, label, hint]) => ({ value, label, ...(hint ? { hint } : {}) }));

/** Document numbers as printed, without the spaces people type into them. */
/**
 * Code 003 of the relationship list describes a community with a person entitled to housing benefit (Wohngeld):
 * no relation a guest or applicant has (schema: person.schema.json#/$defs/verwandtschaftsverhaeltnis).
 */
export const WOHNGELD_ONLY_RELATIONSHIP = ['003'];

export const documentNumber = (text: string): string => text.replace(/[\s-]+/g, '').toUpperCase();

/** `autocomplete` only where the answers are about the person filling in the form, never about a guest. */
export interface Whose {
  self: boolean;
}

/**
 * What to do when a name has characters a passport does not (schemas/common/basis.schema.json#/$defs/name,
 * DIN 91379): digits, invisible or control characters, another script.
 */
export const nameCharacters =
  (label: Text): Text =>
  () =>
    msg(str`Geben Sie bei „${label()}“ den Namen in lateinischen Buchstaben ein, so wie im Pass oder Ausweis. Erlaubt sind auch Leerzeichen, Bindestrich, Apostroph und Punkt, aber keine Ziffern.`);

export function nameFields({ self }: Whose, options: { birthName?: boolean } = {}): Node[] {
  const nodes: Node[] = [
    {
      type: 'field',
      kind: 'text',
      name: 'familienname',
      label: () => msg('Familienname'),
      hint: () => msg('So wie im Pass oder Ausweis.'),
      ...(self ? { autocomplete: 'family-name' } : {}),
      errors: { required: () => msg('Geben Sie den Familiennamen ein.'), pattern: nameCharacters(() => msg('Familienname')) },
    },
  ];
  if (options.birthName) {
    nodes.push({
      type: 'field',
      kind: 'text',
      name: 'geburtsname',
      label: () => msg('Geburtsname'),
      hint: () => msg('Nur wenn er vom Familiennamen abweicht.'),
      errors: { pattern: nameCharacters(() => msg('Geburtsname')) },
    });
  }
  nodes.push({
    type: 'field',
    kind: 'text',
    name: 'vornamen',
    label: () => msg('Vornamen'),
    hint: () => msg('Alle Vornamen, so wie im Pass oder Ausweis.'),
    ...(self ? { autocomplete: 'given-name' } : {}),
    errors: { required: () => msg('Geben Sie die Vornamen ein.'), pattern: nameCharacters(() => msg('Vornamen')) },
  });
  return nodes;
}

export function birthFields({ self }: Whose): Node[] {
  return [
    {
      type: 'field',
      kind: 'date',
      name: 'geburtsdatum',
      label: () => msg('Geburtsdatum'),
      hint: () => msg('Zum Beispiel 27 3 1985'),
      ...(self ? { autocomplete: 'bday' } : {}),
      errors: { required: () => msg('Geben Sie das Geburtsdatum ein.') },
    },
    {
      type: 'field',
      kind: 'text',
      name: 'geburtsort',
      label: () => msg('Geburtsort'),
      hint: () => msg('So wie im Pass oder Ausweis.'),
      errors: {
        required: () => msg('Geben Sie den Geburtsort ein.'),
        pattern: () => msg('Geben Sie den Geburtsort in lateinischen Buchstaben ein, so wie im Pass oder Ausweis.'),
      },
    },
  ];
}

export function sexField(): FieldDef {
  return {
    type: 'field',
    kind: 'radio',
    name: 'geschlecht',
    label: () => msg('Geschlecht'),
    hint: () => msg('So wie im Pass eingetragen.'),
    codelist: 'geschlecht',
  };
}

/** `errors`: messages for what a service's schema refuses beyond the code list (the applicant's own nationality). */
export function nationalitiesGroup(errors: ErrorTexts = {}): GroupDef {
  return {
    type: 'group',
    name: 'staatsangehoerigkeiten',
    legend: () => msg('Staatsangehörigkeit'),
    hint: () => msg('Geben Sie jede Staatsangehörigkeit an, wenn es mehrere sind.'),
    repeat: {
      itemLegend: (i) => msg(str`Staatsangehörigkeit ${i + 1}`),
      addLabel: () => msg('Weitere Staatsangehörigkeit angeben'),
      removeLabel: (i) => msg(str`Staatsangehörigkeit ${i + 1} entfernen`),
      added: (i) => msg(str`Feld für Staatsangehörigkeit ${i + 1} hinzugefügt.`),
      removed: (i) => msg(str`Feld für Staatsangehörigkeit ${i + 1} entfernt.`),
    },
    children: [
      {
        type: 'field',
        kind: 'combobox',
        name: '',
        codelist: 'staatsangehoerigkeit',
        label: () => msg('Staat'),
        hint: () => msg('Tippen Sie die ersten Buchstaben und wählen Sie aus der Liste.'),
        errors: { required: () => msg('Wählen Sie eine Staatsangehörigkeit aus der Liste aus.'), ...errors },
      },
    ],
  };
}

export function addressInGermanyGroup(name: string, legend: Text, { self }: Whose): GroupDef {
  return {
    type: 'group',
    name,
    legend,
    children: [
      {
        type: 'field',
        kind: 'text',
        name: 'strasse',
        label: () => msg('Straße'),
        ...(self ? { autocomplete: 'address-line1' } : {}),
        errors: { required: () => msg('Geben Sie die Straße ein.') },
      },
      {
        type: 'field',
        kind: 'text',
        name: 'hausnummer',
        label: () => msg('Hausnummer'),
        width: 'short',
        errors: { required: () => msg('Geben Sie die Hausnummer ein.') },
      },
      {
        type: 'field',
        kind: 'text',
        name: 'adresszusatz',
        label: () => msg('Adresszusatz'),
        hint: () => msg('Zum Beispiel „bei Müller“ oder „Hinterhaus“.'),
        ...(self ? { autocomplete: 'address-line2' } : {}),
      },
      {
        type: 'field',
        kind: 'text',
        name: 'postleitzahl',
        label: () => msg('Postleitzahl'),
        width: 'short',
        inputmode: 'numeric',
        normalize: (text) => text.replace(/\s+/g, ''),
        ...(self ? { autocomplete: 'postal-code' } : {}),
        errors: {
          required: () => msg('Geben Sie die Postleitzahl ein.'),
          pattern: () => msg('Geben Sie eine Postleitzahl mit 5 Ziffern ein, zum Beispiel 10115.'),
        },
      },
      {
        type: 'field',
        kind: 'text',
        name: 'ort',
        label: () => msg('Ort'),
        ...(self ? { autocomplete: 'address-level2' } : {}),
        errors: { required: () => msg('Geben Sie den Ort ein.') },
      },
    ],
  };
}

export function addressAbroadGroup(name: string, legend: Text, when?: GroupDef['when']): GroupDef {
  return {
    type: 'group',
    name,
    legend,
    ...(when ? { when } : {}),
    children: [
      {
        type: 'field',
        kind: 'text',
        name: 'strasse',
        label: () => msg('Straße oder Ortsangabe'),
        errors: { required: () => msg('Geben Sie die Straße oder eine Ortsangabe ein.') },
      },
      { type: 'field', kind: 'text', name: 'hausnummer', label: () => msg('Hausnummer'), width: 'short' },
      {
        type: 'field',
        kind: 'text',
        name: 'postleitzahl',
        label: () => msg('Postleitzahl'),
        width: 'medium',
        errors: { pattern: () => msg('Geben Sie die Postleitzahl mit Buchstaben, Ziffern, Leerzeichen oder Bindestrich ein.') },
      },
      {
        type: 'field',
        kind: 'text',
        name: 'ort',
        label: () => msg('Ort'),
        errors: { required: () => msg('Geben Sie den Ort ein.') },
      },
      {
        type: 'field',
        kind: 'combobox',
        name: 'staat',
        codelist: 'staat',
        label: () => msg('Staat'),
        errors: { required: () => msg('Wählen Sie den Staat aus der Liste aus.') },
      },
    ],
  };
}

export function passportGroup(): GroupDef {
  return {
    type: 'group',
    name: 'reisepass',
    legend: () => msg('Reisepass'),
    children: [
      {
        type: 'field',
        kind: 'text',
        name: 'nummer',
        label: () => msg('Passnummer'),
        hint: () => msg('Steht oben rechts auf der Seite mit dem Foto.'),
        width: 'medium',
        normalize: documentNumber,
        errors: {
          required: () => msg('Geben Sie die Passnummer ein.'),
          pattern: () => msg('Geben Sie die Passnummer so ein, wie sie im Pass steht: nur Buchstaben und Ziffern.'),
        },
      },
      {
        type: 'field',
        kind: 'date',
        name: 'gueltigBis',
        label: () => msg('Gültig bis'),
        errors: { required: () => msg('Geben Sie ein, bis wann der Pass gültig ist.') },
      },
    ],
  };
}

/**
 * Where the record of the portal's identity (`authentifizierung`) is placed in the submission. Never asked: only
 * the element supplies it, as a fixed answer (components/efa-form/identity-form.ts).
 */
export function authenticationRecord(): FieldDef {
  return { type: 'field', kind: 'text', name: 'authentifizierung', label: () => msg('Anmeldung über das Portal der Behörde'), when: () => false };
}

/**
 * Whether the decision may be delivered to the citizen's DeutschlandID mailbox (`zustimmungZumDigitalenBescheid`,
 * schemas/common/basis.schema.json, where the legal basis is): asked only when the portal's identity has a mailbox
 * (the element presets `POSTFACH_VORHANDEN`, an answer never submitted), optional and unanswered until the
 * citizen chooses. Top-level nodes, in this order: the condition reads what the first one recorded.
 */
export function digitalDecisionQuestion(): Node[] {
  return [
    { type: 'field', kind: 'yesno', name: POSTFACH_VORHANDEN.slice(1), notSubmitted: true, label: () => 'DeutschlandID-Postfach', when: () => false },
    {
      type: 'field',
      kind: 'yesno',
      name: 'zustimmungZumDigitalenBescheid',
      when: ({ get }) => get(POSTFACH_VORHANDEN) === true,
      label: () => msg('Darf die Behörde Ihnen den Bescheid digital in Ihr Postfach bei der DeutschlandID schicken?'),
      hint: () =>
        msg(
          'Freiwillig. Bei „Nein“ kommt der Bescheid mit der Post. Ohne Antwort entscheidet die Behörde. Wenn Sie „Ja“ wählen, schauen Sie bitte regelmäßig in Ihr Postfach: Fristen, etwa um sich gegen den Bescheid zu wehren, können schon laufen, bevor Sie ihn öffnen.',
        ),
    },
  ];
}
