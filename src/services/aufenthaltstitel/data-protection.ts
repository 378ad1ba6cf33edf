/**
 * What the residence-permit application does with the data, for the Art. 13 GDPR block (see
 * src/services/common/data-protection.ts). Legal bases checked on 2 Dec 2026 against the consolidated texts in
 * kmein/gesetze (snapshot of 19 Aug 2026): § 86, § 39, § 73 Abs. 2, § 91 AufenthG; §§ 2, 6 AZRG; § 61c,
 * §§ 62–68 AufenthV.
 */
import { msg } from '@lit/localize';
import type { ContentBlock, ContentContext } from '../../engine/definition.js';
import { dataProtectionBlocks, type ServiceDataProtection } from '../common/data-protection.js';
import type { AufenthaltstitelConfig } from './config.js';

const aufenthaltstitelDataProtection: ServiceDataProtection = {
  purposes: () =>
    msg(
      'Die Ausländerbehörde verarbeitet Ihre Angaben, um über Ihren Antrag zu entscheiden, Ihren Aufenthaltstitel auszustellen und Ihren Aufenthalt zu verwalten. Rechtsgrundlage ist Art. 6 Abs. 1 Buchstabe e und Abs. 3 DSGVO in Verbindung mit § 86 AufenthG.',
    ),
  recipients: () => [
    msg('das Bundesverwaltungsamt, das das Ausländerzentralregister führt (§§ 2, 6 AZR-Gesetz)'),
    msg('die Bundesagentur für Arbeit, wenn eine Beschäftigung ihrer Zustimmung bedarf (§ 39 AufenthG)'),
    msg('im Einzelfall Sicherheitsbehörden, wenn die Behörde Sicherheitsbedenken prüfen muss (§ 73 Abs. 2 AufenthG)'),
    msg('die Bundesdruckerei, die Ihren elektronischen Aufenthaltstitel herstellt (§ 61c AufenthV)'),
  ],
  retention: () =>
    msg(
      'Die Ausländerbehörde speichert Ihre Angaben in ihrer Ausländerakte und Ausländerdatei, solange Sie in ihrem Bezirk leben, und danach so lange, wie es die Vorschriften über Ausländerdateien bestimmen (§§ 62 bis 68 AufenthV, § 91 AufenthG).',
    ),
  obligation: () =>
    msg(
      'Sie müssen an Ihrem Verfahren mitwirken und die nötigen Angaben machen (§ 82 AufenthG). Ohne sie kann die Behörde über Ihren Antrag nicht oder nur nach Aktenlage entscheiden. Freiwillige Angaben sind als „optional“ gekennzeichnet.',
    ),
};

export function aufenthaltstitelDataProtectionBlocks({ config }: ContentContext): ContentBlock[] {
  return dataProtectionBlocks(aufenthaltstitelDataProtection, (config as AufenthaltstitelConfig | undefined)?.datenschutz);
}
