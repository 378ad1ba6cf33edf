/**
 * Default error messages, per field kind and validation keyword. They say what to do, never what the
 * validator found. A field's own `errors` override them; rules bring their own.
 */
import { msg, str } from '@lit/localize';
import { plural } from '../i18n/plural.js';
import type { FieldDef, Text } from './definition.js';
import type { ValidationError } from './validator.js';

const CHOICE_KINDS = new Set(['select', 'combobox', 'radio', 'checkboxes', 'yesno']);

function requiredText(field: FieldDef): string {
  const label = field.label();
  if (field.kind === 'consent') return msg('Bestätigen Sie, dass Sie diesen Hinweis zur Kenntnis genommen haben.');
  if (field.kind === 'file') return msg(str`Laden Sie eine Datei für „${label}“ hoch.`);
  if (field.kind === 'date') return msg(str`Geben Sie das Datum bei „${label}“ ein.`);
  if (CHOICE_KINDS.has(field.kind)) return msg(str`Wählen Sie bei „${label}“ eine Antwort aus.`);
  return msg(str`Füllen Sie das Feld „${label}“ aus.`);
}

function keywordText(field: FieldDef, error: ValidationError): string {
  const label = field.label();
  const limit = String(error.params.limit ?? '');
  // An amount is a decimal string (src/engine/money.ts): whichever keyword refused it, the remedy is the same.
  if (field.kind === 'amount') return msg(str`Geben Sie bei „${label}“ einen Betrag in Euro ein, zum Beispiel 1250,50.`);
  switch (error.keyword) {
    case 'format':
      if (error.params.format === 'date') return msg(str`Geben Sie bei „${label}“ ein gültiges Datum ein, zum Beispiel 27 3 1985.`);
      if (error.params.format === 'email') return msg('Geben Sie eine E-Mail-Adresse im richtigen Format ein, zum Beispiel name@beispiel.de.');
      return msg(str`Prüfen Sie die Angabe bei „${label}“.`);
    case 'type':
      if (field.kind === 'integer') return msg(str`Geben Sie bei „${label}“ eine ganze Zahl ein, zum Beispiel 2.`);
      return msg(str`Prüfen Sie die Angabe bei „${label}“.`);
    case 'maxLength':
      return plural(Number(limit), {
        zero: () => msg(str`„${label}“ darf höchstens ${limit} Zeichen lang sein.`, { id: 'fehler.maxLength.zero' }),
        one: () => msg(str`„${label}“ darf höchstens ${limit} Zeichen lang sein.`, { id: 'fehler.maxLength.one' }),
        two: () => msg(str`„${label}“ darf höchstens ${limit} Zeichen lang sein.`, { id: 'fehler.maxLength.two' }),
        few: () => msg(str`„${label}“ darf höchstens ${limit} Zeichen lang sein.`, { id: 'fehler.maxLength.few' }),
        many: () => msg(str`„${label}“ darf höchstens ${limit} Zeichen lang sein.`, { id: 'fehler.maxLength.many' }),
        other: () => msg(str`„${label}“ darf höchstens ${limit} Zeichen lang sein.`, { id: 'fehler.maxLength.other' }),
      });
    case 'minimum':
      return msg(str`Geben Sie bei „${label}“ eine Zahl ab ${limit} ein.`);
    case 'exclusiveMinimum':
      return msg(str`Geben Sie bei „${label}“ eine Zahl über ${limit} ein.`);
    case 'maximum':
      return msg(str`Geben Sie bei „${label}“ höchstens ${limit} ein.`);
    case 'exclusiveMaximum':
      return msg(str`Geben Sie bei „${label}“ eine Zahl unter ${limit} ein.`);
    case 'uniqueItems':
      return msg(str`Jede Angabe bei „${label}“ darf nur einmal vorkommen.`);
    case 'maxItems':
      return plural(Number(limit), {
        zero: () => msg(str`Bei „${label}“ sind höchstens ${limit} Angaben möglich.`, { id: 'fehler.maxItems.zero' }),
        one: () => msg(str`Bei „${label}“ ist höchstens ${limit} Angabe möglich.`, { id: 'fehler.maxItems.one' }),
        two: () => msg(str`Bei „${label}“ sind höchstens ${limit} Angaben möglich.`, { id: 'fehler.maxItems.two' }),
        few: () => msg(str`Bei „${label}“ sind höchstens ${limit} Angaben möglich.`, { id: 'fehler.maxItems.few' }),
        many: () => msg(str`Bei „${label}“ sind höchstens ${limit} Angaben möglich.`, { id: 'fehler.maxItems.many' }),
        other: () => msg(str`Bei „${label}“ sind höchstens ${limit} Angaben möglich.`, { id: 'fehler.maxItems.other' }),
      });
    case 'enum':
    case 'const':
      if (field.kind === 'consent') return requiredText(field);
      return CHOICE_KINDS.has(field.kind)
        ? msg(str`Wählen Sie bei „${label}“ einen Eintrag aus der Liste aus.`)
        : msg(str`Prüfen Sie die Angabe bei „${label}“.`);
    default:
      return msg(str`Prüfen Sie die Angabe bei „${label}“.`);
  }
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * The message for the first error of a field. An empty field gets the "required" wording whatever the keyword
 * (a missing item of a list reports `type`, a missing list `minItems`).
 */
export function errorText(field: FieldDef, error: ValidationError, value: unknown): Text {
  const keyword = isEmpty(value) ? 'required' : error.keyword;
  const custom = field.errors?.[keyword];
  if (custom) return custom;
  return keyword === 'required' ? () => requiredText(field) : () => keywordText(field, error);
}

/**
 * An error that names whose answer it is, for a step that asks the same of several people or things
 * („Mitreisende Person 2: Geben Sie das Geburtsdatum ein.“): in the field and in the error summary alike.
 */
export function namingWhose(whose: Text, message: Text): Text {
  return () => msg(str`${whose()}: ${message()}`);
}
