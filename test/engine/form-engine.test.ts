import { expect } from '@open-wc/testing';
import validate from '../generated/engine-test.js';
import type { EngineTest } from '../generated/engine-test.js';
import { FormEngine, type FieldView, type GroupView, type NodeView } from '../../src/engine/form-engine.js';
import type { ContentDef, FormDefinition } from '../../src/engine/definition.js';
import { summarize } from '../../src/engine/summary.js';
import { definition } from '../fixtures/engine-test-definition.js';
import { toCodeValue } from '../../src/engine/codelists.js';

function fields(nodes: NodeView[]): FieldView[] {
  return nodes.flatMap((n) =>
    n.kind === 'field' ? [n] : n.kind === 'group' ? [...fields(n.children), ...(n.items ?? []).flatMap((i) => fields(i.children))] : [],
  );
}

function field(engine: FormEngine, pointer: string): FieldView {
  const found = fields(engine.view().children).find((f) => f.pointer === pointer);
  if (!found) throw new Error(`no visible field ${pointer}`);
  return found;
}

function newEngine(): FormEngine {
  return new FormEngine(definition, validate, { today: () => '2026-11-24' });
}

describe('FormEngine', () => {
  it('with only the first step given, waits for the rest of the definition: no total, the resumed step kept', async () => {
    let arrive!: (complete: typeof definition) => void;
    const engine = new FormEngine({ ...definition, steps: [definition.steps[0]!] }, validate, {
      today: () => '2026-11-24',
      completeDefinition: new Promise((resolve) => (arrive = resolve)),
    });
    const last = definition.steps.at(-1)!.id;
    expect(engine.isReady).to.equal(false);
    expect(engine.pageCount(), 'no total while steps are missing').to.equal(undefined);
    engine.goTo(last); // e.g. a draft resumed before the steps arrived
    arrive(definition);
    await engine.ready;
    expect(engine.isReady).to.equal(true);
    expect(engine.visibleSteps().map((step) => step.id)).to.deep.equal(definition.steps.map((step) => step.id));
    expect(engine.pageCount()).to.equal(definition.steps.length + 1);
    expect(engine.view().def.id).to.equal(last);
  });

  it('never shows an error on load, and marks requiredness from the schema', () => {
    const engine = newEngine();
    const view = fields(engine.view().children);
    expect(view.map((f) => f.pointer)).to.deep.equal(['/name', '/plz', '/telefon', '/art']);
    expect(view.filter((f) => f.error)).to.have.length(0);
    expect(view.filter((f) => !f.required).map((f) => f.pointer)).to.deep.equal(['/telefon']);
  });

  it('does not validate while typing; checks a field when it is left after a change', () => {
    const engine = newEngine();
    engine.set('/plz', '123');
    expect(field(engine, '/plz').error).to.equal(undefined);
    engine.fieldLeft('/plz');
    expect(field(engine, '/plz').error?.()).to.equal('Geben Sie eine Postleitzahl mit 5 Ziffern ein.');
    engine.set('/plz', '12345');
    expect(field(engine, '/plz').error?.(), 'the shown error stays until the field is left again').to.be.a('string');
    engine.fieldLeft('/plz');
    expect(field(engine, '/plz').error).to.equal(undefined);
  });

  it('checks a whole step on "next" and lists its errors in field order', () => {
    const engine = newEngine();
    engine.set('/telefon', 'abc');
    const summary = engine.checkStep('eins');
    expect(summary.map((e) => e.pointer)).to.deep.equal(['/name', '/plz', '/telefon', '/art']);
    expect(summary[0]!.message()).to.equal('Geben Sie Ihren Namen ein.');
    expect(summary[1]!.message()).to.equal('Füllen Sie das Feld „Postleitzahl“ aus.');
    expect(summary[2]!.message()).to.equal('Prüfen Sie die Angabe bei „Telefon“.');
    expect(summary[3]!.message()).to.equal('Wählen Sie bei „Wer erklärt?“ eine Antwort aus.');
    expect(summary[0]!.id).to.match(/^[A-Za-z][\w-]*$/);
  });

  it('shows a group exactly when the schema requires it, and never submits hidden answers', () => {
    const engine = newEngine();
    engine.set('/art', 'firma');
    expect(field(engine, '/firma/firmenname').required).to.equal(true);
    engine.set('/firma/firmenname', 'Muster GmbH');
    expect(engine.submissionData().firma).to.deep.equal({ firmenname: 'Muster GmbH' });
    engine.set('/art', 'person');
    expect(fields(engine.view().children).map((f) => f.pointer)).not.to.include('/firma/firmenname');
    expect(engine.submissionData()).not.to.have.property('firma');
    engine.set('/art', 'firma');
    expect(field(engine, '/firma/firmenname').value, 'what was typed comes back').to.equal('Muster GmbH');
  });

  it('repeats groups within min and max, and keeps items in place when one is removed', () => {
    const engine = newEngine();
    engine.goTo('zwei');
    const group = () => engine.view().children.find((n): n is GroupView => n.kind === 'group' && n.pointer === '/personen')!;
    expect(group().items).to.have.length(1);
    expect(group().canRemove).to.equal(false);
    engine.set('/personen/0/vorname', 'Ada');
    expect(engine.addItem('/personen')).to.equal(1);
    engine.set('/personen/1/vorname', 'Bo');
    expect(engine.addItem('/personen')).to.equal(2);
    expect(group().canAdd).to.equal(false);
    expect(group().items!.map((i) => i.legend)).to.deep.equal(['Person 1', 'Person 2', 'Person 3']);
    engine.removeItem('/personen', 0);
    expect((engine.submissionData().personen as { vorname?: string }[]).map((p) => p.vorname)).to.deep.equal(['Bo', undefined]);
  });

  it('maps errors inside a list onto the item and stores code-list values as XÖV triples', () => {
    const engine = newEngine();
    engine.goTo('zwei');
    let summary = engine.checkStep('zwei').map((e) => e.pointer);
    expect(summary).to.include.members(['/personen/0/vorname', '/personen/0/geburtsdatum', '/staatsangehoerigkeiten/0', '/zustimmung']);
    expect(field(engine, '/staatsangehoerigkeiten/0').required).to.equal(true);
    engine.set('/staatsangehoerigkeiten/0', toCodeValue('staatsangehoerigkeit', '475'));
    engine.set('/staatsangehoerigkeiten/0', { code: '999', listURI: 'x', listVersionID: 'y' });
    summary = engine.checkStep('zwei').map((e) => e.pointer);
    expect(summary).to.include('/staatsangehoerigkeiten/0');
    expect(field(engine, '/staatsangehoerigkeiten/0').error!()).to.equal(
      'Staatsangehörigkeit 1: Wählen Sie bei „Staatsangehörigkeit“ einen Eintrag aus der Liste aus.',
    );
    engine.set('/staatsangehoerigkeiten/0', toCodeValue('staatsangehoerigkeit', '475'));
    expect(engine.checkStep('zwei').map((e) => e.pointer)).not.to.include('/staatsangehoerigkeiten/0');
    expect(engine.submissionData().staatsangehoerigkeiten).to.deep.equal([
      { code: '475', listURI: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit', listVersionID: '2021-02-19' },
    ]);
  });

  it('runs the rules after the schema, on the visible answers', () => {
    const engine = newEngine();
    engine.goTo('zwei');
    engine.set('/personen/0/geburtsdatum', '2030-01-01');
    engine.fieldLeft('/personen/0/geburtsdatum');
    expect(field(engine, '/personen/0/geburtsdatum').error!()).to.equal('Person 1: Das Geburtsdatum muss in der Vergangenheit liegen.');
    engine.set('/personen/0/geburtsdatum', '1985-03-27');
    engine.fieldLeft('/personen/0/geburtsdatum');
    expect(field(engine, '/personen/0/geburtsdatum').error).to.equal(undefined);
  });

  it('says whose answer an error is about, in the field and in the summary alike', () => {
    const engine = newEngine();
    engine.set('/art', 'firma');
    engine.goTo('zwei');
    engine.set('/personen/0/geburtsdatum', '1985-03-27');
    engine.addItem('/personen');
    engine.set('/personen/1/geburtsdatum', '2030-01-01');
    const summary = new Map(engine.checkStep('zwei').map((entry) => [entry.pointer, entry.message()]));
    expect(summary.get('/personen/1/geburtsdatum')).to.equal('Person 2: Das Geburtsdatum muss in der Vergangenheit liegen.');
    expect(field(engine, '/personen/1/geburtsdatum').error!()).to.equal('Person 2: Das Geburtsdatum muss in der Vergangenheit liegen.');
    expect(summary.get('/personen/0/vorname'), 'an item outranks the legend of its list').to.equal('Person 1: Füllen Sie das Feld „Vorname“ aus.');
    expect(summary.get('/zustimmung'), 'nobody else is asked: no name').to.equal('Bestätigen Sie, dass Sie diesen Hinweis zur Kenntnis genommen haben.');
    engine.goTo('eins');
    const firstStep = new Map(engine.checkStep('eins').map((entry) => [entry.pointer, entry.message()]));
    expect(firstStep.get('/firma/firmenname'), 'a group with a legend names it').to.equal('Firma: Füllen Sie das Feld „Name der Firma“ aus.');
    expect(firstStep.get('/name')).to.equal('Geben Sie Ihren Namen ein.');
  });

  it('keeps text as typed but submits it trimmed; keeps an unparsed amount so the user sees why', () => {
    const engine = newEngine();
    engine.set('/name', '  Ada Lovelace ');
    expect(engine.get('/name')).to.equal('  Ada Lovelace ');
    expect(engine.submissionData().name).to.equal('Ada Lovelace');
    engine.goTo('zwei');
    engine.set('/einkommen', '12,5,0');
    engine.fieldLeft('/einkommen');
    expect(field(engine, '/einkommen').error!()).to.equal('Geben Sie bei „Einkommen“ einen Betrag in Euro ein, zum Beispiel 1250,50.');
    expect(field(engine, '/einkommen').value).to.equal('12,5,0');
  });

  it('while typing, what is submitted follows every key, down to no answer', () => {
    const engine = newEngine();
    engine.set('/name', 'Ad');
    engine.view();
    engine.set('/name', ' Ada ');
    expect(field(engine, '/name').value).to.equal(' Ada ');
    expect(engine.submissionData().name).to.equal('Ada');
    expect(engine.visibleValue('/name')).to.equal('Ada');
    engine.set('/name', ' ');
    expect(field(engine, '/name').value).to.equal(undefined);
    expect(engine.submissionData()).not.to.have.property('name');
    engine.fieldLeft('/name');
    expect(field(engine, '/name').error?.()).to.equal('Geben Sie Ihren Namen ein.');
    expect(field(engine, '/name').required).to.equal(true);
  });

  it("follows a condition of the definition's own that reads typed text, key by key", () => {
    const [eins, ...rest] = definition.steps;
    const greeting: ContentDef = { type: 'content', when: ({ get }) => get('/name') === 'Ada', blocks: () => [{ kind: 'paragraph', text: 'Hallo Ada' }] };
    const engine = new FormEngine({ ...definition, steps: [{ ...eins!, children: [...eins!.children, greeting] }, ...rest] }, validate);
    const greetings = () => engine.view().children.filter((node) => node.kind === 'content');
    engine.set('/name', 'Ad');
    expect(greetings()).to.have.length(0);
    engine.set('/name', 'Ada');
    expect(greetings()).to.have.length(1);
    engine.set('/name', 'Adam');
    expect(greetings()).to.have.length(0);
  });

  it('turns chosen files into attachment references with stable ids', () => {
    const engine = newEngine();
    const file = new File(['%PDF-1.7'], 'pass.pdf', { type: 'application/pdf' });
    engine.set('/nachweise', [file]);
    const [ref] = engine.submissionData().nachweise as { id: string; dateiname: string; mimeType: string; groesse: number }[];
    expect(ref).to.include({ dateiname: 'pass.pdf', mimeType: 'application/pdf', groesse: 8 });
    expect(engine.attachments().get(ref!.id)).to.equal(file);
    expect((engine.submissionData().nachweise as { id: string }[])[0]!.id, 'same id on every build').to.equal(ref!.id);
    expect(engine.answers(), 'drafts never hold files, nor a trace of them').to.deep.equal({});
  });

  it('produces data the generated type accepts once the form is complete', () => {
    const engine = newEngine();
    engine.set('/name', 'Ada');
    engine.set('/plz', '10115');
    engine.set('/art', 'person');
    engine.set('/personen/0/vorname', 'Ada');
    engine.set('/personen/0/geburtsdatum', '1985-03-27');
    engine.set('/staatsangehoerigkeiten/0', toCodeValue('staatsangehoerigkeit', '000'));
    engine.set('/zustimmung', true);
    expect(engine.firstInvalidStep()).to.equal(undefined);
    const data = engine.submissionData() as unknown as EngineTest;
    expect(data.personen[0]!.vorname).to.equal('Ada');
    expect(validate(data)).to.equal(true);
  });

  it('takes prefilled answers, dropping the ones the schema rejects', () => {
    const engine = newEngine();
    engine.prefill({ name: 'Ada Lovelace', plz: '1011', telefon: '030 123456' });
    expect(engine.get('/name')).to.equal('Ada Lovelace');
    expect(engine.get('/telefon')).to.equal('030 123456');
    expect(engine.get('/plz'), 'a postcode with four digits is not taken').to.equal(undefined);
    expect(engine.view().children.filter((n) => n.kind === 'field' && n.error)).to.have.length(0);
  });

  it('keeps an answer that only steers the form out of the data, the checks and the review, while conditions and content read it', () => {
    const steering: FormDefinition = {
      ...definition,
      steps: [
        {
          id: 'eins',
          title: () => 'Angaben',
          children: [
            {
              type: 'field',
              kind: 'radio',
              name: 'hilfe/wer',
              notSubmitted: true,
              label: () => 'Wer füllt aus?',
              options: () => [{ value: 'firma', label: () => 'Eine Firma' }],
            },
            { type: 'field', kind: 'text', name: 'telefon', label: () => 'Telefon', when: ({ get }) => get('/hilfe/wer') === 'firma' },
          ],
        },
      ],
    };
    const engine = new FormEngine(steering, validate);
    expect(fields(engine.view().children).map((f) => f.pointer)).to.deep.equal(['/hilfe/wer']);
    engine.set('/hilfe/wer', 'firma');
    expect(fields(engine.view().children).map((f) => f.pointer), 'a condition reads it').to.deep.equal(['/hilfe/wer', '/telefon']);
    expect(engine.visibleValue('/hilfe/wer'), 'content reads it').to.equal('firma');
    expect(engine.submissionData()).not.to.have.property('hilfe');
    // The schema allows no `hilfe` (additionalProperties: false): it would be refused, were it checked.
    expect(engine.checkStep('eins').map((e) => e.pointer)).not.to.include('/hilfe/wer');
    expect(field(engine, '/hilfe/wer').required).to.equal(false);
    const reviewed = summarize(engine.view('eins'), 'de').flatMap((section) => section.rows.map((row) => row.pointer));
    expect(reviewed, 'the review shows what is sent').not.to.include('/hilfe/wer');
    expect(engine.answers(), 'a draft keeps it').to.deep.include({ hilfe: { wer: 'firma' } });
  });

  it('a fixed answer that only steers is read by conditions and never submitted', () => {
    const steering: FormDefinition = {
      ...definition,
      steps: [
        {
          id: 'eins',
          title: () => 'Eins',
          children: [
            { type: 'field', kind: 'text', name: 'name', label: () => 'Name' },
            { type: 'field', kind: 'yesno', name: 'hatPostfach', notSubmitted: true, label: () => 'Postfach?', when: () => false },
            { type: 'field', kind: 'text', name: 'telefon', label: () => 'Telefon', when: ({ get }) => get('/hatPostfach') === true },
          ],
        },
      ],
    };
    const engine = new FormEngine(steering, validate);
    expect(fields(engine.view().children).map((f) => f.pointer)).to.deep.equal(['/name']);
    engine.preset('/hatPostfach', true);
    expect(fields(engine.view().children).map((f) => f.pointer), 'a condition reads it').to.deep.equal(['/name', '/telefon']);
    expect(engine.submissionData()).not.to.have.property('hatPostfach');
    engine.release('/hatPostfach');
    expect(fields(engine.view().children).map((f) => f.pointer)).to.deep.equal(['/name']);
  });

  it('counts a fixed answer without asking it, and skips a step left with nothing to ask', () => {
    const engine = newEngine();
    engine.preset('/art', 'firma');
    const pointers = fields(engine.view().children).map((f) => f.pointer);
    expect(pointers).not.to.include('/art');
    expect(pointers, 'the condition still follows the fixed answer').to.include('/firma/firmenname');
    expect(engine.submissionData().art).to.equal('firma');
  });

  it('maps errors the receiver reports onto the fields and names the step to go back to', () => {
    const engine = newEngine();
    engine.goTo('zwei');
    const step = engine.showExternalErrors([{ instancePath: '/plz', keyword: 'pattern', params: {} }]);
    expect(step?.id).to.equal('eins');
    engine.goTo('eins');
    expect(field(engine, '/plz').error!()).to.equal('Füllen Sie das Feld „Postleitzahl“ aus.');
  });
});
