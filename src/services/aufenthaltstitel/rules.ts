/**
 * What the residence-permit schema cannot say: dates against today and against each other, and whether the
 * applicant is a minor on the day (§ 80 AufenthG). Formats and requiredness are the schema's; these rules only
 * compare valid dates.
 */
import { msg } from '@lit/localize';
import type { RuleError, Text } from '../../engine/definition.js';
import { ageOn, at, isIsoDate, list } from '../common/answers.js';

/** Kinds of representation that exist only for minors (§ 80 Abs. 4 AufenthG; for adults only a legal guardian). */
const FOR_MINORS = ['beide-eltern', 'ein-elternteil', 'vormundschaft', 'betreuende-person'];

export function aufenthaltstitelRules(data: Readonly<Record<string, unknown>>, today: string): RuleError[] {
  const errors: RuleError[] = [];
  const error = (pointer: string, message: Text) => errors.push({ pointer, message });
  const date = (...path: (string | number)[]) => {
    const value = at(data, ...path);
    return isIsoDate(value) ? value : undefined;
  };

  const notAfterToday = (pointer: string, value: string | undefined, message: Text) => {
    if (value && value > today) error(pointer, message);
  };
  const inOrder = (pointer: string, from: string | undefined, to: string | undefined, message: Text) => {
    if (from && to && to < from) error(pointer, message);
  };

  const birth = date('person', 'geburtsdatum');
  if (birth && birth >= today) error('/person/geburtsdatum', () => msg('Das Geburtsdatum muss in der Vergangenheit liegen.'));
  // § 80 AufenthG: only an adult acts for themselves; parents, guardians and carers act only for minors.
  if (birth && birth < today) {
    const minor = ageOn(birth, today) < 18;
    if (minor && at(data, 'antragstellung') === 'selbst') {
      error('/person/geburtsdatum', () =>
        msg('Für Personen unter 18 Jahren stellen die Eltern, ein Elternteil mit alleinigem Sorgerecht oder der Vormund den Antrag (§ 80 AufenthG). Gehen Sie zurück zu „Wer stellt den Antrag?“ und wählen Sie „Für eine Person, die ich vertrete“.'),
      );
    }
    if (!minor && FOR_MINORS.includes(at(data, 'vertretung', 'art') as string)) {
      error('/vertretung/art', () =>
        msg('Die Person ist volljährig: Eltern, Vormund oder Betreuungspersonen vertreten sie nicht mehr. Wählen Sie „Eine rechtliche Betreuerin oder ein rechtlicher Betreuer“ oder bei „Für wen stellen Sie den Antrag?“ „Für mich selbst“.'),
      );
    }
  }
  notAfterToday('/person/familienstandSeit', date('person', 'familienstandSeit'), () => msg('Das Datum darf nicht in der Zukunft liegen.'));
  notAfterToday('/anschrift/seit', date('anschrift', 'seit'), () => msg('Geben Sie an, seit wann Sie dort wohnen; das Datum darf nicht in der Zukunft liegen.'));
  notAfterToday('/einreise/datum', date('einreise', 'datum'), () => msg('Die Einreise muss heute oder früher gewesen sein.'));
  inOrder('/einreise/visum/gueltigBis', date('einreise', 'visum', 'gueltigAb'), date('einreise', 'visum', 'gueltigBis'), () =>
    msg('„Gültig bis“ muss nach „Gültig ab“ liegen.'),
  );
  inOrder('/reisepass/gueltigBis', date('reisepass', 'ausstellungsdatum'), date('reisepass', 'gueltigBis'), () =>
    msg('Der Pass muss nach seiner Ausstellung gültig sein. Prüfen Sie beide Daten.'),
  );
  notAfterToday('/reisepass/ausstellungsdatum', date('reisepass', 'ausstellungsdatum'), () => msg('Das Ausstellungsdatum darf nicht in der Zukunft liegen.'));
  inOrder('/ausbildungsstaette/ende', date('ausbildungsstaette', 'beginn'), date('ausbildungsstaette', 'ende'), () =>
    msg('Das Ende muss nach dem Beginn liegen.'),
  );
  list(data, 'fruehereAufenthalte').forEach((stay, i) => {
    inOrder(`/fruehereAufenthalte/${i}/bis`, date('fruehereAufenthalte', i, 'von'), date('fruehereAufenthalte', i, 'bis'), () =>
      msg('„Bis“ muss nach „Von“ liegen.'),
    );
    notAfterToday(`/fruehereAufenthalte/${i}/bis`, isIsoDate(at(stay, 'bis')) ? (at(stay, 'bis') as string) : undefined, () =>
      msg('Ein früherer Aufenthalt muss vorbei sein.'),
    );
  });
  // Who left Ukraine before 24 February 2022 may still be covered in German practice: the office decides.
  notAfterToday('/schutz24/ausreiseUkraine', date('schutz24', 'ausreiseUkraine'), () => msg('Das Datum darf nicht in der Zukunft liegen.'));
  inOrder('/forschung/ende', date('forschung', 'beginn'), date('forschung', 'ende'), () => msg('Das Ende muss nach dem Beginn liegen.'));
  notAfterToday('/ict/unternehmenszugehoerigkeitSeit', date('ict', 'unternehmenszugehoerigkeitSeit'), () =>
    msg('Geben Sie an, seit wann Sie für das Unternehmen arbeiten; das Datum darf nicht in der Zukunft liegen.'),
  );
  inOrder('/ict/transferEnde', today, date('ict', 'transferEnde'), () => msg('Das Ende des Transfers darf nicht in der Vergangenheit liegen.'));
  notAfterToday('/abschluss/datum', date('abschluss', 'datum'), () => msg('Geben Sie das Datum ein, an dem Sie den Abschluss bestanden haben; es darf nicht in der Zukunft liegen.'));
  notAfterToday('/integration/ununterbrochenInDeutschlandSeit', date('integration', 'ununterbrochenInDeutschlandSeit'), () =>
    msg('Das Datum darf nicht in der Zukunft liegen.'),
  );
  const abroadFrom = date('unionsbuerger', 'freizuegigkeitDeutscher', 'von');
  const abroadUntil = date('unionsbuerger', 'freizuegigkeitDeutscher', 'bis');
  inOrder('/unionsbuerger/freizuegigkeitDeutscher/bis', abroadFrom, abroadUntil, () => msg('„Bis“ muss nach „Seit“ liegen.'));
  notAfterToday('/unionsbuerger/freizuegigkeitDeutscher/von', abroadFrom, () => msg('Das Datum darf nicht in der Zukunft liegen.'));
  return errors;
}
