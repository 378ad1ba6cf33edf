import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import type { EfaAufenthaltstitel } from '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import { setLocale } from '../../src/i18n/locale.js';
import { aufenthaltstitelDefinition } from '../../src/services/aufenthaltstitel/definition.js';
import { aufenthaltstitel } from '../../src/services/aufenthaltstitel/spec.js';
import type { ContentDef } from '../../src/engine/definition.js';
import { PURPOSE_LABELS } from '../../src/services/aufenthaltstitel/documents.js';
import dokumentzweck from '../../schemas/codelists/dokumentzweck.json' with { type: 'json' };
import { ROUTES, answers, walks } from '../helpers/aufenthaltstitel.js';
import { combobox, field, heading, next, radio } from '../helpers/form-driver.js';

/** The notices of the purpose step for some answers on some day, straight from the definition. */
function purposeNotices(answers: Record<string, unknown>, today: string): string[] {
  const step = aufenthaltstitelDefinition.steps.find((s) => s.id === 'zweck')!;
  const get = (pointer: string) => answers[pointer.slice(1)];
  return step.children
    .filter((node): node is ContentDef => node.type === 'content')
    .filter((node) => typeof node.when !== 'function' || node.when({ get, pointer: '', isFixed: () => false }))
    .flatMap((node) => node.blocks({ get, config: undefined, today }))
    .map((block) => ('text' in block ? block.text : ''));
}

describe('efa-aufenthaltstitel', () => {
  after(() => setLocale('de'));

  it('asks the route in plain words, accessibly in English too', async () => {
    const form = await fixture<EfaAufenthaltstitel>(html`<efa-aufenthaltstitel lang="en" adapter="event"></efa-aufenthaltstitel>`);
    await waitUntil(() => heading(form).includes('Apply for a residence permit'), heading(form));
    await next(form);
    expect(field(form, '/route').shadowRoot!.querySelector('legend')!.textContent).to.contain('Why do you want to live in Germany?');
    await expect(form).to.be.accessible();
  });

  it('asks the route in plain words first, and asks only what that route needs', async () => {
    const form = await fixture<EfaAufenthaltstitel>(html`<efa-aufenthaltstitel adapter="event"></efa-aufenthaltstitel>`);
    await next(form);
    expect(heading(form)).to.contain('Ihr Anliegen');
    await expect(form).to.be.accessible();
    await radio(form, '/route', 0); // "Ich habe einen Aufenthaltstitel und möchte nur eine Auflage ändern lassen oder zusätzlich arbeiten dürfen"
    await next(form);
    expect(form.shadowRoot!.getElementById('f-antragsart'), 'no first issue or extension for a change of conditions').to.equal(null);
    await radio(form, '/zweck', 0);
    await next(form);
    expect(heading(form)).to.contain('Wer stellt den Antrag?');
    expect(form.shadowRoot!.getElementById('f-vertretung-art'), 'the representation only once someone applies for another').to.equal(null);
    await radio(form, '/antragstellung', 0);
    await next(form);
    expect(form.shadowRoot!.getElementById('f-person-koerpergroesse'), 'no new card: no height').to.equal(null);
    expect(form.shadowRoot!.getElementById('f-person-augenfarbe'), 'no new card: no eye colour').to.equal(null);
    expect(field(form, '/person/telefon').hasAttribute('optional')).to.equal(true);
  });

  it('skips the question when the portal links to a route', async () => {
    const form = await fixture<EfaAufenthaltstitel>(html`<efa-aufenthaltstitel route="ausbildung" adapter="event"></efa-aufenthaltstitel>`);
    expect(heading(form)).to.contain('Aufenthaltstitel beantragen');
    await next(form);
    expect(heading(form)).to.contain('Ihr Aufenthaltszweck');
    expect(form.shadowRoot!.getElementById('f-route')).to.equal(null);
    expect(field(form, '/zweck')).to.exist;
  });

  it('sends each uploaded document beside the data under its purpose, shown under it on the review and the confirmation', async function () {
    this.timeout(60_000);
    const form = await fixture<EfaAufenthaltstitel>(
      html`<efa-aufenthaltstitel route="erwerbstaetigkeit" max-file-size="1" .prefill=${await answers('erwerbstaetigkeit')} endpoint="/api/submissions"></efa-aufenthaltstitel>`,
    );
    await form.updateComplete;
    while (!heading(form).includes('Unterlagen')) await next(form);
    expect(form.shadowRoot!.textContent!.replace(/\s+/g, ' ')).to.contain('Die Gebühr beträgt in der Regel 100,00 € (§ 45 Nr. 1 AufenthV).');
    expect((field(form, '/nachweise/weitere') as unknown as { maxSize: number }).maxSize, 'the authority\'s limit').to.equal(1024 * 1024);
    const slots = [...form.shadowRoot!.querySelectorAll('[id^="f-nachweise-"]')].map((el) => el.id);
    expect(slots, 'a slot for each document a Blue Card needs, then the rest').to.deep.equal([
      'f-nachweise-reisepass',
      'f-nachweise-dokumente-aufenthaltsdokument',
      'f-nachweise-dokumente-arbeitsvertrag',
      'f-nachweise-dokumente-hochschulabschluss',
      'f-nachweise-dokumente-einkommensnachweise',
      'f-nachweise-dokumente-krankenversicherung',
      'f-nachweise-weitere',
    ]);
    const upload = async (pointer: string, name: string, bytes: Uint8Array<ArrayBuffer>) => {
      const slot = field(form, pointer);
      const input = slot.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: 'application/pdf' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await waitUntil(() => (slot.value as File[] | undefined)?.length === 1, `${name} is accepted`);
    };
    const contract = new TextEncoder().encode('%PDF-1.7\n% Arbeitsvertrag\n');
    await upload('/nachweise/dokumente/arbeitsvertrag', 'vertrag.pdf', contract);
    await upload('/nachweise/weitere', 'lebenslauf.pdf', new TextEncoder().encode('%PDF-1.7\n% CV\n'));
    await expect(form).to.be.accessible();
    await next(form);
    const rowOf = (name: string) =>
      [...form.shadowRoot!.querySelectorAll('.summary-list .row')].find((row) => row.querySelector('dd')!.textContent!.includes(name))?.querySelector('dt')?.textContent?.trim();
    expect(rowOf('vertrag.pdf'), 'the review shows the file under its purpose').to.equal('Arbeitsvertrag oder Stellenangebot');
    expect(rowOf('lebenslauf.pdf')).to.equal('Weitere Unterlagen');
    form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
    await waitUntil(() => form.shadowRoot!.querySelector('.reference'), 'confirmation', { timeout: 10_000 });
    expect(rowOf('vertrag.pdf'), 'so does the confirmation').to.equal('Arbeitsvertrag oder Stellenangebot');
    const reference = form.shadowRoot!.querySelector('.reference')!.textContent!.trim();
    const stored = await (await fetch(`/api/submissions/${reference}/data`)).json();
    const [ref] = stored.data.nachweise.dokumente.arbeitsvertrag;
    expect(ref).to.include({ dateiname: 'vertrag.pdf', mimeType: 'application/pdf', zweck: 'arbeitsvertrag' });
    expect(stored.data.nachweise.weitere[0]).to.include({ dateiname: 'lebenslauf.pdf', zweck: 'weitere' });
    expect(stored.attachments.map((a: { id: string; zweck: string }) => [a.id, a.zweck]), 'the envelope says what each file is').to.deep.equal([
      [ref.id, 'arbeitsvertrag'],
      [stored.data.nachweise.weitere[0].id, 'weitere'],
    ]);
    const back = new Uint8Array(await (await fetch(`/api/submissions/${reference}/attachments/${ref.id}`)).arrayBuffer());
    expect([...back]).to.deep.equal([...contract]);
  });

  it('makes the documents the authority requires mandatory where the route asks for them, and the receiver agrees', async function () {
    this.timeout(60_000);
    const config = { dokumente: { pflicht: ['krankenversicherung', 'mietvertrag', 'reisepass'] } };
    const form = await fixture<EfaAufenthaltstitel>(
      html`<efa-aufenthaltstitel route="erwerbstaetigkeit" .config=${config} .prefill=${await answers('erwerbstaetigkeit')} endpoint="/api/submissions"></efa-aufenthaltstitel>`,
    );
    await form.updateComplete;
    while (!heading(form).includes('Unterlagen')) await next(form);
    const insurance = field(form, '/nachweise/dokumente/krankenversicherung');
    expect(insurance.hasAttribute('optional'), 'marked required').to.equal(false);
    expect(field(form, '/nachweise/reisepass').hasAttribute('optional')).to.equal(false);
    expect(field(form, '/nachweise/dokumente/arbeitsvertrag').hasAttribute('optional'), 'not required by the authority').to.equal(true);
    expect(form.shadowRoot!.getElementById('f-nachweise-dokumente-mietvertrag'), 'a Blue Card asks for no tenancy: nothing to require').to.equal(null);
    await expect(form).to.be.accessible();

    form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
    await waitUntil(() => form.shadowRoot!.querySelector('.error-summary'), '"Weiter" is blocked');
    const links = [...form.shadowRoot!.querySelectorAll('.error-summary a')].map((a) => a.textContent!.trim());
    expect(links).to.deep.equal([
      'Laden Sie eine Datei für „Reisepass (Seite mit Lichtbild)“ hoch.',
      'Laden Sie eine Datei für „Nachweis der Krankenversicherung“ hoch.',
    ]);
    expect(insurance.error).to.contain('Nachweis der Krankenversicherung');

    const upload = async (pointer: string, name: string) => {
      const input = field(form, pointer).shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
      const transfer = new DataTransfer();
      transfer.items.add(new File([new TextEncoder().encode(`%PDF-1.7\n% ${name}\n`)], name, { type: 'application/pdf' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await waitUntil(() => field(form, pointer).value !== undefined, `${name} is accepted`);
    };
    await upload('/nachweise/reisepass', 'pass.pdf');
    await upload('/nachweise/dokumente/krankenversicherung', 'versicherung.pdf');
    await next(form);
    const rowOf = (name: string) =>
      [...form.shadowRoot!.querySelectorAll('.summary-list .row')].find((row) => row.querySelector('dd')!.textContent!.includes(name))?.querySelector('dt')?.textContent?.trim();
    expect(rowOf('versicherung.pdf'), 'the review shows the required document under its purpose').to.equal('Nachweis der Krankenversicherung');
    form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
    await waitUntil(() => form.shadowRoot!.querySelector('.reference'), 'the receiver accepts it', { timeout: 10_000 });
    const reference = form.shadowRoot!.querySelector('.reference')!.textContent!.trim();
    const { data } = await (await fetch(`/api/submissions/${reference}/data`)).json();
    expect(data.nachweise.pflichtdokumente, 'what the authority required travels with the data').to.deep.equal(['krankenversicherung', 'mietvertrag', 'reisepass']);
    expect(data.nachweise.dokumente.krankenversicherung[0]).to.include({ dateiname: 'versicherung.pdf', zweck: 'krankenversicherung' });
  });

  for (const [lang, query, words] of [
    ['de', 'Schweiz', 'bei der Ausländerbehörde eine Aufenthaltserlaubnis-CH'],
    ['en', 'Deutschland', 'As a German you need none.'],
  ] as const) {
    it(`in "${lang}": tells a Swiss or German applicant where to go instead, and does not go on`, async function () {
      this.timeout(30_000);
      await setLocale(lang);
      const prefill = (await answers('erwerbstaetigkeit')) as { person: Record<string, unknown> };
      delete prefill.person.staatsangehoerigkeiten;
      const form = await fixture<EfaAufenthaltstitel>(
        html`<efa-aufenthaltstitel lang=${lang} route="erwerbstaetigkeit" adapter="event" .prefill=${prefill}></efa-aufenthaltstitel>`,
      );
      await form.updateComplete;
      while (!form.shadowRoot!.getElementById('f-person-staatsangehoerigkeiten-0')) await next(form);
      await combobox(form, '/person/staatsangehoerigkeiten/0', query);
      form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
      await waitUntil(() => form.shadowRoot!.querySelector('.error-summary'), 'the step is not left');
      expect(form.shadowRoot!.querySelector('.error-summary')!.textContent).to.contain(words);
      expect(field(form, '/person/staatsangehoerigkeiten/0').error).to.contain(words);
      await expect(form).to.be.accessible();
    });
  }

  it('names each document slot as the purpose code list does, in German and English', async () => {
    for (const lang of ['de', 'en'] as const) {
      await setLocale(lang);
      expect(Object.keys(PURPOSE_LABELS)).to.deep.equal(dokumentzweck.values.map((v) => v.code));
      for (const entry of dokumentzweck.values) expect(PURPOSE_LABELS[entry.code]!(), entry.code).to.equal(entry[lang]);
    }
    await setLocale('de');
  });

  it('says what happens next as it is for the route: no card for a work permission, no visit abroad for § 81a, no § 81 Abs. 4 for a new card', async () => {
    await setLocale('de');
    const steps = (route: string) =>
      aufenthaltstitel
        .nextSteps({ route }, { reference: 'X' }, undefined)
        .flatMap((block) => (block.kind === 'list' ? block.items : []))
        .join(' ');
    expect(steps('erwerbstaetigkeit')).to.contain('Fingerabdrücke').and.to.contain('§ 81 Abs. 4 AufenthG');
    expect(steps('neue-karte')).to.contain('Fingerabdrücke').and.not.to.contain('§ 81 Abs. 4');
    expect(steps('beschaeftigungserlaubnis')).to.contain('Duldung oder Aufenthaltsgestattung').and.not.to.contain('Lichtbild nimmt die Ausländerbehörde');
    expect(steps('beschleunigtes-fachkraefteverfahren')).to.contain('Auslandsvertretung').and.not.to.contain('§ 81 Abs. 4');
  });

  it('warns before any work that family reunion to subsidiary protection is suspended, while § 104 Abs. 14 is in force', async () => {
    await setLocale('de');
    const family = { route: 'familie' };
    expect(purposeNotices(family, '2026-12-02').join(' ')).to.contain('§ 104 Abs. 14 AufenthG');
    expect(purposeNotices(family, '2027-07-23').join(' ')).to.contain('23. Juli 2027');
    expect(purposeNotices(family, '2027-07-24'), 'the suspension has ended').to.deep.equal([]);
    expect(purposeNotices({ route: 'erwerbstaetigkeit' }, '2026-12-02')).to.deep.equal([]);
  });

  it('warns § 24 holders that an extension or a re-issue ends the continuation until 4 March 2027', async () => {
    await setLocale('de');
    for (const route of ['schutz-24', 'nebenbestimmungen']) {
      const [notice] = purposeNotices({ route }, '2026-12-02');
      expect(notice).to.contain('1. Februar 2026').and.to.contain('4. März 2027').and.to.contain('Ukraine-Aufenthaltserlaubnis-Fortgeltungsverordnung');
      expect(purposeNotices({ route }, '2027-03-05'), 'the ordinance has expired').to.deep.equal([]);
    }
  });

  it('tells the family of an EU citizen that they report information, not apply for a renewal', async () => {
    await setLocale('de');
    const [notice] = purposeNotices({ route: 'aufenthaltskarte' }, '2026-12-02');
    expect(notice).to.contain('von Amts wegen').and.to.contain('§ 5 Abs. 1 FreizügG/EU');
  });

  it('sends an application encrypted through FIT-Connect: relay, Submission API stand-in, subscriber that validates and stores', async function () {
    this.timeout(120_000);
    const prefill = await answers('erwerbstaetigkeit');
    await setLocale('de');
    // The page trusts the test root of the destination key, as a real page would the Verwaltungs-PKI root.
    const keyTrust = { anchors: [await (await fetch('/api/fit-connect/demo-trust-anchor')).text()] };
    const form = await fixture<EfaAufenthaltstitel>(
      html`<efa-aufenthaltstitel lang="de" route=${prefill.route as string} .prefill=${prefill} adapter="fit-connect" endpoint="/api/fit-connect"
        .keyTrust=${keyTrust} authority="09999000"></efa-aufenthaltstitel>`,
    );
    for (let step = 0; !heading(form).includes('Prüfen Sie Ihre Angaben'); step += 1) {
      expect(step, 'reaches the review').to.be.below(16);
      await next(form);
    }
    form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
    const failure = () => form.shadowRoot!.querySelector('.send-error')?.textContent?.trim() ?? 'not sent yet';
    await waitUntil(() => form.shadowRoot!.querySelector('.reference'), `sent (${failure()})`, { timeout: 60_000 });
    const caseId = form.shadowRoot!.querySelector('.reference')!.textContent!.trim();
    const { reference, problems } = await (await fetch(`/api/fit-connect/demo-cases/${caseId}`)).json();
    expect(problems, 'the subscriber found the Fachdaten valid against the residence-permit schema').to.deep.equal([]);
    const stored = await (await fetch(`/api/submissions/${reference}/data`)).json();
    expect(stored.data.route).to.equal('erwerbstaetigkeit');
    expect(stored.data.person).to.deep.equal(prefill.person);
  });

  walks(ROUTES.slice(0, 4)); // the others: aufenthaltstitel-walks.test.ts
});
