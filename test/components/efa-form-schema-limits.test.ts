/** What a field offers and how much it takes come from the schema, for the answers given so far. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import type { EfaForm } from '../../components/efa-form/efa-form.js';
import { field, heading } from '../helpers/form-driver.js';

async function resumedAt(fixtureName: string, stepId: string): Promise<EfaForm> {
  const answers = await (await fetch(`/test/fixtures/aufenthaltstitel/valid/${fixtureName}`)).json();
  const el = await fixture<EfaForm>(html`<efa-aufenthaltstitel lang="de" .prefill=${answers}></efa-aufenthaltstitel>`);
  el.resumeAt(stepId, '');
  await el.updateComplete;
  return el;
}

describe('efa-form: limits from the schema', () => {
  it('offers as the current document only those the route allows', async () => {
    const el = await resumedAt('arbeitsplatzsuche.json', 'einreise');
    const select = field(el, '/aufenthaltstitelAktuell/art') as unknown as { options: { value: string; label: string }[] };
    expect(select.options.map((option) => option.label)).to.deep.equal(['Aufenthaltserlaubnis', 'Fiktionsbescheinigung']);
    await expect(el).to.be.accessible();
  });

  it("counts down to a text's maxLength on a multi-line field", async () => {
    const el = await resumedAt('anerkennung.json', 'vorhaben');
    expect(heading(el)).to.contain('Vorhaben');
    const textarea = field(el, '/anerkennung/massnahme') as HTMLElement & { maxlength?: number };
    expect(textarea.maxlength).to.equal(2000);
    await (textarea as unknown as EfaForm).updateComplete;
    expect(textarea.shadowRoot!.textContent).to.contain('2000 Zeichen');
    await expect(el).to.be.accessible();
  });
});
