/**
 * The information every service owes before it collects anything: Art. 13 GDPR for the person filling in the
 * form, and Art. 14 GDPR where they also give other people's data. The service says what it does with the data
 * (purposes, legal basis, recipients, retention); the authority's configuration says who it is. Where the
 * authority has not set something only it can know, the text says so plainly instead of inventing it.
 */
import { msg, str } from '@lit/localize';
import type { ContentBlock, Text } from '../../engine/definition.js';

/** A person or office as the authority names it; the texts are shown as given, in every language. */
export interface DataProtectionContact {
  name: string;
  /** Postal address in one line, e.g. "Musterstraße 1, 65183 Wiesbaden". */
  anschrift?: string;
  email?: string;
  telefon?: string;
}

/** What an authority sets under `config.datenschutz` (both services). */
export interface DataProtectionConfig {
  /** Art. 13 Abs. 1 Buchst. a DSGVO: the authority responsible, with its contact details. */
  verantwortlicher?: DataProtectionContact;
  /** Art. 13 Abs. 1 Buchst. b DSGVO: the authority's data protection officer. */
  datenschutzbeauftragter?: DataProtectionContact;
  /** Art. 13 Abs. 2 Buchst. d, Art. 77 DSGVO: the supervisory authority responsible for the authority (that of its Land). */
  aufsichtsbehoerde?: DataProtectionContact;
  /** Art. 13 Abs. 2 Buchst. a DSGVO: how long the data are kept, replacing the service's default criteria. */
  speicherdauer?: string;
}

/** What one service does with the data; the citizen-facing sentences of its Art. 13 block. */
export interface ServiceDataProtection {
  /** Art. 13 Abs. 1 Buchst. c: purposes and legal basis. */
  purposes: Text;
  /** Art. 13 Abs. 1 Buchst. e: recipients or categories of recipients, one sentence each. */
  recipients: () => string[];
  /** Art. 13 Abs. 2 Buchst. a: the criteria for the storage period, unless the authority sets it. */
  retention: Text;
  /** Art. 13 Abs. 2 Buchst. e: whether the data must be given, and what happens if not. */
  obligation: Text;
  /** Art. 14: data the user gives about other people. */
  otherPeople?: Text;
}

function contactLine(contact: DataProtectionContact): string {
  return [contact.name, contact.anschrift, contact.email, contact.telefon].filter((part) => part?.trim()).join(', ');
}

/** The items of the Art. 13 block only the authority can supply and has not set, as the citizen reads them. */
export function missingDataProtectionItems(config: DataProtectionConfig | undefined): string[] {
  const missing: string[] = [];
  if (!config?.verantwortlicher?.name) missing.push(msg('Name und Anschrift der verantwortlichen Behörde'));
  if (!config?.datenschutzbeauftragter?.name) missing.push(msg('die Kontaktdaten der oder des Datenschutzbeauftragten'));
  if (!config?.aufsichtsbehoerde?.name) missing.push(msg('die zuständige Datenschutzaufsichtsbehörde'));
  return missing;
}

export function dataProtectionBlocks(service: ServiceDataProtection, config: DataProtectionConfig | undefined): ContentBlock[] {
  const controller = config?.verantwortlicher?.name
    ? contactLine(config.verantwortlicher)
    : msg('die Ausländerbehörde, an die Sie dieses Formular senden');
  const blocks: ContentBlock[] = [
    { kind: 'heading', text: msg('Datenschutz') },
    { kind: 'paragraph', text: msg(str`Verantwortlich für die Verarbeitung Ihrer Daten ist ${controller}.`) },
  ];
  if (config?.datenschutzbeauftragter?.name) {
    blocks.push({
      kind: 'paragraph',
      text: msg(str`Die oder den Datenschutzbeauftragten erreichen Sie so: ${contactLine(config.datenschutzbeauftragter)}.`),
    });
  }
  blocks.push(
    { kind: 'paragraph', text: service.purposes() },
    { kind: 'paragraph', text: msg('Ihre Daten erhalten:') },
    { kind: 'list', items: service.recipients() },
    { kind: 'paragraph', text: config?.speicherdauer?.trim() || service.retention() },
    { kind: 'paragraph', text: service.obligation() },
  );
  if (service.otherPeople) blocks.push({ kind: 'paragraph', text: service.otherPeople() });
  const supervisor = config?.aufsichtsbehoerde?.name
    ? msg(str`Zuständig ist: ${contactLine(config.aufsichtsbehoerde)}.`)
    : '';
  blocks.push(
    {
      kind: 'paragraph',
      text: msg(
        'Sie haben das Recht auf Auskunft über Ihre Daten, auf Berichtigung, auf Löschung, auf Einschränkung der Verarbeitung und auf Widerspruch (Art. 15 bis 18 und 21 DSGVO). Das Recht auf Datenübertragbarkeit gilt hier nicht, weil die Behörde eine öffentliche Aufgabe erfüllt (Art. 20 Abs. 3 DSGVO).',
      ),
    },
    {
      kind: 'paragraph',
      text: `${msg('Sie können sich bei einer Datenschutzaufsichtsbehörde beschweren (Art. 77 DSGVO).')}${supervisor ? ` ${supervisor}` : ''}`,
    },
    {
      kind: 'paragraph',
      text: msg(
        'Dieses Formular sendet nichts, bevor Sie am Ende „Verbindlich absenden“ wählen. Bietet die Behörde das Zwischenspeichern an und nutzen Sie es, bleiben Ihre Angaben bis dahin nur in diesem Browser auf Ihrem Gerät, ohne hochgeladene Dateien; sie werden nach dem Absenden oder nach der angegebenen Frist gelöscht.',
      ),
    },
  );
  const missing = missingDataProtectionItems(config);
  if (missing.length > 0) {
    blocks.push({
      kind: 'notice',
      text: msg(
        str`Die Behörde hat hier noch nicht angegeben: ${missing.join('; ')}. Sie können diese Angaben bei der Ausländerbehörde erfragen.`,
      ),
    });
  }
  return blocks;
}
