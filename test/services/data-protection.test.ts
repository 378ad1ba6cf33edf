import { expect } from '@open-wc/testing';
import { dataProtectionBlocks, missingDataProtectionItems, type DataProtectionConfig } from '../../src/services/common/data-protection.js';
import { verpflichtungserklaerungDataProtection } from '../../src/services/verpflichtungserklaerung/data-protection.js';
import type { ContentBlock } from '../../src/engine/definition.js';

const textOf = (blocks: readonly ContentBlock[]) =>
  blocks.map((block) => ('text' in block ? block.text : block.items.join(' | '))).join('\n');

const configured: DataProtectionConfig = {
  verantwortlicher: { name: 'Stadt Musterstadt, Ausländerbehörde', anschrift: 'Rathausplatz 1, 99999 Musterstadt', email: 'abh@musterstadt.example' },
  datenschutzbeauftragter: { name: 'Datenschutzbeauftragte der Stadt Musterstadt', email: 'datenschutz@musterstadt.example' },
  aufsichtsbehoerde: { name: 'Der Landesbeauftragte für den Datenschutz', anschrift: 'Postfach 1, 99998 Landeshauptstadt' },
  speicherdauer: 'Wir löschen Ihre Erklärung sechs Jahre nach Ablauf ihrer Gültigkeit.',
};

describe('the data-protection block (Art. 13/14 GDPR)', () => {
  it('without configuration names the office generically and says plainly which items are still missing', () => {
    const text = textOf(dataProtectionBlocks(verpflichtungserklaerungDataProtection, undefined));
    expect(text).to.contain('Verantwortlich für die Verarbeitung Ihrer Daten ist die Ausländerbehörde, an die Sie dieses Formular senden.');
    expect(missingDataProtectionItems(undefined)).to.have.length(3);
    expect(text).to.contain(
      'Die Behörde hat hier noch nicht angegeben: Name und Anschrift der verantwortlichen Behörde; die Kontaktdaten der oder des Datenschutzbeauftragten; die zuständige Datenschutzaufsichtsbehörde.',
    );
  });

  it('has every item Art. 13 asks for, with the legal bases of the declaration, and Art. 14 for the guest', () => {
    const text = textOf(dataProtectionBlocks(verpflichtungserklaerungDataProtection, undefined));
    for (const expected of [
      'Art. 6 Abs. 1 Buchstabe e und Abs. 3 DSGVO in Verbindung mit §§ 68 und 86 AufenthG',
      '§§ 28, 29 Abs. 1 Nr. 10 AZR-Gesetz',
      '§ 1 Abs. 1 Nr. 2 Visa-Warndateigesetz',
      '§ 68 Abs. 4 AufenthG',
      '§ 69 Abs. 2 Nr. 2 Buchstabe e und g AufenthV',
      'mindestens fünf Jahre ab der Einreise',
      'Art. 15 bis 18 und 21 DSGVO',
      'Art. 77 DSGVO',
      'Art. 14 DSGVO',
      'nur in diesem Browser auf Ihrem Gerät',
      'freiwillig',
    ]) {
      expect(text).to.contain(expected);
    }
    expect(text, 'the wrong bases are gone').not.to.match(/§ 87 AufenthG|Buchstabe h/);
  });

  it('uses what the authority configured, and then asks for nothing', () => {
    const blocks = dataProtectionBlocks(verpflichtungserklaerungDataProtection, configured);
    const text = textOf(blocks);
    expect(text).to.contain(
      'Verantwortlich für die Verarbeitung Ihrer Daten ist Stadt Musterstadt, Ausländerbehörde, Rathausplatz 1, 99999 Musterstadt, abh@musterstadt.example.',
    );
    expect(text).to.contain('Datenschutzbeauftragte der Stadt Musterstadt, datenschutz@musterstadt.example');
    expect(text).to.contain('Zuständig ist: Der Landesbeauftragte für den Datenschutz, Postfach 1, 99998 Landeshauptstadt.');
    expect(text).to.contain('Wir löschen Ihre Erklärung sechs Jahre nach Ablauf ihrer Gültigkeit.');
    expect(text).not.to.contain('mindestens fünf Jahre ab der Einreise');
    expect(missingDataProtectionItems(configured)).to.deep.equal([]);
    expect(blocks.some((block) => block.kind === 'notice'), 'no “still missing” notice').to.equal(false);
  });
});
