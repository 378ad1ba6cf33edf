/**
 * What the Verpflichtungserklärung does with the data, for the Art. 13/14 GDPR block (see
 * src/services/common/data-protection.ts). Legal bases checked on 2 Dec 2026 against the consolidated texts in
 * kmein/gesetze (snapshot of 19 Aug 2026): § 86, § 68 Abs. 4, § 73 Abs. 1 AufenthG; §§ 28, 29 Abs. 1 Nr. 10
 * AZRG; § 1 Abs. 1 Nr. 2, § 2 Abs. 1 Nr. 3 Buchst. b VWDG; § 69 Abs. 2 Nr. 2 Buchst. e, g AufenthV. The VIS
 * (Verordnung (EG) Nr. 767/2008) was not in that mirror and is named without an article.
 */
import { msg } from '@lit/localize';
import type { ServiceDataProtection } from '../common/data-protection.js';

export const verpflichtungserklaerungDataProtection: ServiceDataProtection = {
  purposes: () =>
    msg(
      'Die Ausländerbehörde verarbeitet Ihre Angaben, um Ihre Verpflichtungserklärung entgegenzunehmen, Ihre Zahlungsfähigkeit zu prüfen, die Erklärung für das Visumverfahren Ihres Gastes zu bestätigen und, falls öffentliche Mittel für Ihren Gast ausgegeben werden, die Erstattung durchzusetzen. Rechtsgrundlage ist Art. 6 Abs. 1 Buchstabe e und Abs. 3 DSGVO in Verbindung mit §§ 68 und 86 AufenthG.',
    ),
  recipients: () => [
    msg(
      'die deutsche Auslandsvertretung, bei der Ihr Gast das Visum beantragt: sie speichert Angaben zu Ihrer Erklärung in ihrer Visadatei (§ 69 Abs. 2 Nr. 2 Buchstabe e und g AufenthV), bei Schengen-Visa auch im Visa-Informationssystem der EU (VIS)',
    ),
    msg(
      'das Bundesverwaltungsamt: Ihre Angaben werden im Ausländerzentralregister zum Visum Ihres Gastes gespeichert (§§ 28, 29 Abs. 1 Nr. 10 AZR-Gesetz), vor der Anerkennung wird die Visa-Warndatei abgefragt (§ 1 Abs. 1 Nr. 2 Visa-Warndateigesetz), und im Visumverfahren gehen Ihre Angaben zur Sicherheitsprüfung an die zuständigen Behörden (§ 73 Abs. 1 AufenthG)',
    ),
    msg('eine öffentliche Stelle, die für Ihren Gast Leistungen erbracht hat und deren Erstattung verlangt (§ 68 Abs. 4 AufenthG)'),
    msg(
      'die Visa-Warndatei, nur wenn Sie falsche Angaben machen oder nicht zahlen, obwohl Sie dazu aufgefordert wurden (§ 2 Abs. 1 Nr. 3 Buchstabe b Visa-Warndateigesetz)',
    ),
  ],
  retention: () =>
    msg(
      'Die Ausländerbehörde speichert Ihre Erklärung, solange daraus Erstattungsansprüche entstehen und durchgesetzt werden können, also mindestens fünf Jahre ab der Einreise Ihres Gastes. Ihre Nachweise bewahrt sie getrennt auf und vernichtet sie, sobald sie nicht mehr gebraucht werden.',
    ),
  obligation: () =>
    msg(
      'Ohne die Angaben zu Ihrer Person, zu Ihrem Gast und zum Aufenthalt kann die Behörde Ihre Erklärung nicht bearbeiten. Die Angaben zu Ihren finanziellen Verhältnissen sind freiwillig; ohne sie oder Ihre Nachweise kann Ihre Zahlungsfähigkeit aber nicht bestätigt werden.',
    ),
  otherPeople: () =>
    msg(
      'Sie geben hier auch Daten Ihres Gastes und seiner mitreisenden Familie an (Art. 14 DSGVO). Die Behörde verarbeitet sie zu denselben Zwecken; für sie gelten dieselben Empfänger, Fristen und Rechte. Bitte geben Sie diese Hinweise an Ihren Gast weiter.',
    ),
};
