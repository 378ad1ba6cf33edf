import { expect } from '@open-wc/testing';
import validate from '../../src/schema/generated/verpflichtungserklaerung.js';
import { FormEngine } from '../../src/engine/form-engine.js';
import { summarize } from '../../src/engine/summary.js';
import { verpflichtungserklaerungDefinition } from '../../src/services/verpflichtungserklaerung/definition.js';
import { definition } from '../fixtures/engine-test-definition.js';
import engineTestValidator from '../generated/engine-test.js';

function reviewed(engine: FormEngine, stepId: string): Map<string, string> {
  return new Map(summarize(engine.view(stepId), 'de').flatMap((section) => section.rows.map((row) => [row.pointer, row.value])));
}

describe('summary (check your answers)', () => {
  it('shows each answer as the office receives it: trimmed and normalised, not as typed', () => {
    const engine = new FormEngine(verpflichtungserklaerungDefinition, validate);
    engine.set('/erklaerender/art', 'person');
    engine.set('/erklaerender/person/familienname', '  Lovelace ');
    engine.set('/erklaerender/person/ausweisdokument/nummer', 'l01x 00t-47');
    const rows = reviewed(engine, 'erklaerender');
    expect(rows.get('/erklaerender/person/familienname')).to.equal('Lovelace');
    expect(rows.get('/erklaerender/person/ausweisdokument/nummer')).to.equal('L01X00T47');
    expect(rows.get('/erklaerender/person/ausweisdokument/nummer')).to.equal(
      (engine.submissionData() as { erklaerender: { person: { ausweisdokument: { nummer: string } } } }).erklaerender.person.ausweisdokument.nummer,
    );
    expect(rows.get('/erklaerender/person/telefon')).to.equal('Keine Angabe');
  });

  it('names the chosen files, and says so when none is chosen', () => {
    const engine = new FormEngine(definition, engineTestValidator);
    engine.goTo('zwei');
    expect(reviewed(engine, 'zwei').get('/nachweise')).to.equal('Keine Angabe');
    engine.set('/nachweise', [new File(['%PDF-1.7'], 'pass.pdf', { type: 'application/pdf' }), new File(['x'], 'lohn.pdf', { type: 'application/pdf' })]);
    expect(reviewed(engine, 'zwei').get('/nachweise')).to.equal('pass.pdf, lohn.pdf');
  });
});
