import { expect } from '@open-wc/testing';
import {
  MAX_DRAFT_FILE_BYTES,
  draftFileMessage,
  draftFileName,
  draftToFile,
  readDraftFile,
} from '../../src/drafts/draft-file.js';
import type { DraftFileRefusal } from '../../src/drafts/draft-file.js';

const SERVICE = 'verpflichtungserklaerung';
const EXPECTED = { service: SERVICE, schemaVersion: '1.2.0' };
const SAVED = new Date('2026-11-24T10:00:00.000Z');

const draft = {
  service: SERVICE,
  schemaVersion: '1.2.0',
  stepId: 'gast',
  answers: { gast: { vorname: 'Ana', familienname: 'Müller' }, anzahl: 2, eigenesEinkommen: true, beruf: null },
};

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A file of our format whose checksum is recomputed, as someone editing it on purpose would do. */
async function forged(content: Record<string, unknown>, canonical: string): Promise<Blob> {
  return new Blob([JSON.stringify({ ...content, checksum: await sha256Hex(canonical) })]);
}

describe('draft files', () => {
  it('round-trips through a real Blob', async () => {
    const file = await draftToFile(draft, SAVED);
    expect(file.type).to.equal('application/json');
    const result = await readDraftFile(file, EXPECTED);
    expect(result).to.deep.equal({ ok: true, answers: draft.answers, stepId: 'gast', savedAt: '2026-11-24T10:00:00.000Z' });
  });

  it('keeps the language chosen in the form, covered by the checksum', async () => {
    const file = await draftToFile({ ...draft, locale: 'uk' }, SAVED);
    expect(await readDraftFile(file, EXPECTED)).to.deep.equal({ ok: true, answers: draft.answers, stepId: 'gast', savedAt: '2026-11-24T10:00:00.000Z', locale: 'uk' });
    const changed = new Blob([(await file.text()).replace('"uk"', '"ru"')]);
    expect(await readDraftFile(changed, EXPECTED)).to.deep.equal({ ok: false, reason: 'tampered' });
  });

  it('accepts a file of another minor version of the schema', async () => {
    const file = await draftToFile(draft, SAVED);
    expect((await readDraftFile(file, { service: SERVICE, schemaVersion: '1.7.1' })).ok).to.equal(true);
  });

  it('writes the documented format with a SHA-256 over sorted, compact JSON', async () => {
    const written = JSON.parse(await (await draftToFile(draft, SAVED)).text());
    const canonical =
      '{"answers":{"anzahl":2,"beruf":null,"eigenesEinkommen":true,"gast":{"familienname":"Müller","vorname":"Ana"}},' +
      '"format":"efa-forms-draft-file","savedAt":"2026-11-24T10:00:00.000Z","schemaVersion":"1.2.0",' +
      '"service":"verpflichtungserklaerung","stepId":"gast","version":1}';
    expect(written).to.deep.equal({
      format: 'efa-forms-draft-file',
      version: 1,
      service: SERVICE,
      schemaVersion: '1.2.0',
      savedAt: '2026-11-24T10:00:00.000Z',
      stepId: 'gast',
      answers: draft.answers,
      checksum: await sha256Hex(canonical),
    });
    expect(written.checksum).to.match(/^[0-9a-f]{64}$/);
  });

  it('names the file after the service and the local date', () => {
    expect(draftFileName(SERVICE, new Date(2026, 10, 24, 23, 59))).to.equal(
      'verpflichtungserklaerung-zwischenstand-2026-11-24.json',
    );
    expect(draftFileName('aufenthaltstitel', new Date(2027, 0, 5))).to.equal('aufenthaltstitel-zwischenstand-2027-01-05.json');
  });

  describe('refuses', () => {
    it('a file that is not JSON', async () => {
      const file = new Blob(['%PDF-1.7\n…'], { type: 'application/pdf' });
      expect(await readDraftFile(file, EXPECTED)).to.deep.equal({ ok: false, reason: 'not-json' });
    });

    it('JSON that is not a draft file', async () => {
      for (const text of ['{"name":"efa-forms","version":"0.1.0"}', '[1,2,3]', '"efa-forms-draft-file"', 'null']) {
        expect(await readDraftFile(new Blob([text]), EXPECTED), text).to.deep.equal({ ok: false, reason: 'foreign' });
      }
    });

    it("another service's draft", async () => {
      const file = await draftToFile({ ...draft, service: 'aufenthaltstitel' }, SAVED);
      expect(await readDraftFile(file, EXPECTED)).to.deep.equal({ ok: false, reason: 'other-service' });
    });

    it('a draft of another major version of the schema', async () => {
      const file = await draftToFile(draft, SAVED);
      expect(await readDraftFile(file, { service: SERVICE, schemaVersion: '2.0.0' })).to.deep.equal({
        ok: false,
        reason: 'incompatible-version',
      });
    });

    it('a file with one character of the answers changed', async () => {
      const text = await (await draftToFile(draft, SAVED)).text();
      const edited = text.replace('Müller', 'Möller');
      expect(edited).not.to.equal(text);
      expect(await readDraftFile(new Blob([edited]), EXPECTED)).to.deep.equal({ ok: false, reason: 'tampered' });
    });

    it('a file whose fields were removed', async () => {
      const written = JSON.parse(await (await draftToFile(draft, SAVED)).text());
      delete written.stepId;
      expect(await readDraftFile(new Blob([JSON.stringify(written)]), EXPECTED)).to.deep.equal({ ok: false, reason: 'tampered' });
    });

    it('answers that are not a plain object tree, even with a recomputed checksum', async () => {
      const header = { format: 'efa-forms-draft-file', version: 1, service: SERVICE, schemaVersion: '1.2.0', savedAt: SAVED.toISOString(), stepId: 'gast' };
      const tail = `"format":"efa-forms-draft-file","savedAt":"${SAVED.toISOString()}","schemaVersion":"1.2.0","service":"${SERVICE}","stepId":"gast","version":1}`;

      const list = await forged({ ...header, answers: ['Ana'] }, `{"answers":["Ana"],${tail}`);
      expect(await readDraftFile(list, EXPECTED)).to.deep.equal({ ok: false, reason: 'tampered' });

      const pollution = JSON.parse('{"__proto__":{"admin":true}}');
      const polluting = await forged({ ...header, answers: { gast: pollution } }, `{"answers":{"gast":{"__proto__":{"admin":true}}},${tail}`);
      expect(await readDraftFile(polluting, EXPECTED)).to.deep.equal({ ok: false, reason: 'tampered' });
    });

    it('a file over 1 MB before reading it', async () => {
      const file = await draftToFile({ ...draft, answers: { anmerkung: 'x'.repeat(MAX_DRAFT_FILE_BYTES) } }, SAVED);
      expect(file.size).to.be.greaterThan(MAX_DRAFT_FILE_BYTES);
      expect(await readDraftFile(file, EXPECTED)).to.deep.equal({ ok: false, reason: 'too-large' });
    });
  });

  it('accepts a forged file with a recomputed checksum: the checksum is no signature', async () => {
    const content = { format: 'efa-forms-draft-file', version: 1, service: SERVICE, schemaVersion: '1.2.0', savedAt: SAVED.toISOString(), stepId: 'gast', answers: { gast: { vorname: 'Eve' } } };
    const file = await forged(
      content,
      `{"answers":{"gast":{"vorname":"Eve"}},"format":"efa-forms-draft-file","savedAt":"${SAVED.toISOString()}","schemaVersion":"1.2.0","service":"${SERVICE}","stepId":"gast","version":1}`,
    );
    expect(await readDraftFile(file, EXPECTED)).to.deep.equal({ ok: true, answers: content.answers, stepId: 'gast', savedAt: SAVED.toISOString() });
  });

  it('explains each refusal politely in German, differently per reason', () => {
    const reasons: DraftFileRefusal[] = ['not-json', 'foreign', 'other-service', 'incompatible-version', 'tampered', 'too-large'];
    const messages = reasons.map(draftFileMessage);
    expect(new Set(messages).size).to.equal(reasons.length);
    for (const message of messages) {
      expect(message).to.match(/^Dieses? /);
      expect(message, 'says what to do').to.match(/(Wählen|Öffnen|füllen) Sie /);
    }
    expect(draftFileMessage('tampered')).to.equal(
      'Diese Datei wurde nach dem Speichern verändert und kann deshalb nicht geladen werden. Wählen Sie die unveränderte Datei oder füllen Sie das Formular neu aus.',
    );
    expect(draftFileMessage('foreign')).to.equal(
      'Diese Datei ist kein Zwischenstand dieses Formulars. Wählen Sie die Datei, die Sie mit „Zwischenstand speichern“ heruntergeladen haben.',
    );
  });
});
