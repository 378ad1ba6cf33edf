import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import type { EfaAufenthaltstitel } from '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import validate from '../../src/schema/generated/aufenthaltstitel.js';
import { setLocale } from '../../src/i18n/locale.js';
import { field, heading, next, radio } from '../helpers/form-driver.js';

const ROUTES = ['erwerbstaetigkeit', 'ausbildung', 'familie', 'niederlassung', 'humanitaer', 'schutz-24', 'nebenbestimmungen', 'aufenthaltskarte'];
const REVIEW = { de: 'Prüfen Sie Ihre Angaben', en: 'Check your answers' };

/** A route's valid fixture as answers; uploads cannot be prefilled (they are files, not data). */
async function answers(route: string): Promise<Record<string, unknown>> {
  const data = await (await fetch(`/test/fixtures/aufenthaltstitel/valid/${route}.json`)).json();
  delete data.nachweise;
  return data;
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
    await radio(form, '/route', 6); // "Ich habe schon einen Aufenthaltstitel und möchte eine Auflage ändern lassen"
    await next(form);
    expect(form.shadowRoot!.getElementById('f-antragsart'), 'no first issue or extension for a change of conditions').to.equal(null);
    await radio(form, '/zweck', 0);
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

  it('sends uploaded documents as attachments beside the data, not inside it', async function () {
    this.timeout(60_000);
    const form = await fixture<EfaAufenthaltstitel>(
      html`<efa-aufenthaltstitel route="erwerbstaetigkeit" max-file-size="1" .prefill=${await answers('erwerbstaetigkeit')} endpoint="/api/submissions"></efa-aufenthaltstitel>`,
    );
    await form.updateComplete;
    while (!heading(form).includes('Unterlagen')) await next(form);
    expect((field(form, '/nachweise/weitere') as unknown as { maxSize: number }).maxSize, 'the authority\'s limit').to.equal(1024 * 1024);
    const bytes = new TextEncoder().encode('%PDF-1.7\n% Arbeitsvertrag\n');
    const upload = field(form, '/nachweise/weitere');
    const input = upload.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'arbeitsvertrag.pdf', { type: 'application/pdf' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => (upload.value as File[] | undefined)?.length === 1, 'the file is accepted');
    await next(form);
    form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
    await waitUntil(() => form.shadowRoot!.querySelector('.reference'), 'confirmation', { timeout: 10_000 });
    const reference = form.shadowRoot!.querySelector('.reference')!.textContent!.trim();
    const stored = await (await fetch(`/api/submissions/${reference}/data`)).json();
    const [ref] = stored.data.nachweise.weitere;
    expect(ref).to.include({ dateiname: 'arbeitsvertrag.pdf', mimeType: 'application/pdf', zweck: 'Weitere Unterlagen' });
    expect(stored.attachments.map((a: { id: string }) => a.id)).to.deep.equal([ref.id]);
    const back = new Uint8Array(await (await fetch(`/api/submissions/${reference}/attachments/${ref.id}`)).arrayBuffer());
    expect([...back]).to.deep.equal([...bytes]);
  });

  for (const route of ROUTES) {
    for (const lang of ['de', 'en'] as const) {
      it(`route ${route} in "${lang}": every step accessible, sent, stored schema-valid`, async function () {
        this.timeout(60_000);
        const prefill = await answers(route);
        const form = await fixture<EfaAufenthaltstitel>(
          html`<efa-aufenthaltstitel lang=${lang} route=${route} .prefill=${prefill} endpoint="/api/submissions" authority="09999000"></efa-aufenthaltstitel>`,
        );
        await form.updateComplete;
        const headings: string[] = [];
        while (!heading(form).includes(REVIEW[lang])) {
          headings.push(heading(form));
          await expect(form).to.be.accessible();
          await next(form);
          expect(headings.length, 'reaches the review page').to.be.below(15);
        }
        await expect(form).to.be.accessible();
        form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
        await waitUntil(() => form.shadowRoot!.querySelector('.reference'), 'confirmation', { timeout: 10_000 });
        await expect(form).to.be.accessible();
        const reference = form.shadowRoot!.querySelector('.reference')!.textContent!.trim();
        expect(reference).to.match(/^AT-\d{4}-[A-Z0-9]{6}$/);
        const stored = await (await fetch(`/api/submissions/${reference}/data`)).json();
        expect(validate(stored.data), JSON.stringify(validate.errors)).to.equal(true);
        expect(stored.data.route).to.equal(route);
        expect(stored.data, 'answers not given are not invented').to.deep.include({ person: { ...prefill.person as object } });
      });
    }
  }
});
