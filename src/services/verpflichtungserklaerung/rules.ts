/**
 * What a clerk expects that JSON Schema cannot say: dates relative to today and to each other.
 * The schema has already checked formats; these rules only compare valid dates.
 */
import { msg } from '@lit/localize';
import type { RuleError } from '../../engine/definition.js';
import { ageOn, at, isIsoDate, list } from '../common/answers.js';

type Data = Readonly<Record<string, unknown>>;

export function verpflichtungserklaerungRules(data: Data, today: string): RuleError[] {
  const errors: RuleError[] = [];
  const past = (pointer: string, value: unknown) => {
    if (isIsoDate(value) && value >= today) {
      errors.push({ pointer, message: () => msg('Das Geburtsdatum muss in der Vergangenheit liegen.') });
    }
  };

  past('/erklaerender/person/geburtsdatum', at(data, 'erklaerender', 'person', 'geburtsdatum'));
  past('/gast/geburtsdatum', at(data, 'gast', 'geburtsdatum'));
  list(data, 'begleitpersonen').forEach((person, i) => past(`/begleitpersonen/${i}/geburtsdatum`, at(person, 'geburtsdatum')));

  const beginn = at(data, 'aufenthalt', 'beginn');
  const ende = at(data, 'aufenthalt', 'ende');
  if (isIsoDate(beginn) && beginn < today) {
    errors.push({ pointer: '/aufenthalt/beginn', message: () => msg('Geben Sie als Einreise heute oder ein späteres Datum an.') });
  }
  if (isIsoDate(beginn) && isIsoDate(ende) && ende <= beginn) {
    errors.push({ pointer: '/aufenthalt/ende', message: () => msg('Die Ausreise muss nach der Einreise liegen.') });
  }

  if (isIsoDate(beginn)) {
    list(data, 'begleitpersonen').forEach((person, i) => {
      const birth = at(person, 'geburtsdatum');
      if (at(person, 'rolle') === 'kind' && isIsoDate(birth) && birth < today && ageOn(birth, beginn) >= 18) {
        errors.push({
          pointer: `/begleitpersonen/${i}/geburtsdatum`,
          message: () =>
            msg('Das Kind ist bei der Einreise schon 18 Jahre oder älter. Für Volljährige braucht es eine eigene Verpflichtungserklärung.'),
        });
      }
    });
  }

  const titleValidTo = at(data, 'erklaerender', 'person', 'aufenthaltstitel', 'gueltigBis');
  if (isIsoDate(titleValidTo) && isIsoDate(ende) && titleValidTo <= ende) {
    errors.push({
      pointer: '/erklaerender/person/aufenthaltstitel/gueltigBis',
      message: () => msg('Ihr Aufenthaltstitel muss länger gelten als der Aufenthalt Ihres Gastes. Lassen Sie ihn vorher verlängern.'),
    });
  } else if (isIsoDate(titleValidTo) && titleValidTo <= today) {
    errors.push({
      pointer: '/erklaerender/person/aufenthaltstitel/gueltigBis',
      message: () => msg('Ihr Aufenthaltstitel ist abgelaufen. Geben Sie an, bis wann Ihr aktueller Aufenthaltstitel gültig ist.'),
    });
  }

  list(data, 'finanzen', 'weitereErklaerungen').forEach((other, i) => {
    const given = at(other, 'abgegebenAm');
    if (isIsoDate(given) && given > today) {
      errors.push({ pointer: `/finanzen/weitereErklaerungen/${i}/abgegebenAm`, message: () => msg('Das Datum darf nicht in der Zukunft liegen.') });
    }
    const adults = at(other, 'erwachsene');
    const children = at(other, 'kinder');
    if (adults === 0 && children === 0) {
      errors.push({
        pointer: `/finanzen/weitereErklaerungen/${i}/erwachsene`,
        message: () => msg('Eine Erklärung gilt für mindestens eine Person. Geben Sie an, für wie viele Erwachsene oder Kinder.'),
      });
    }
  });

  return errors;
}
