/**
 * A key costs the form no render unless a text of the page reads the answer: the field shows what was typed
 * itself. Counted, not timed (the times are in the README, from `npm run bench:typing`).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaForm } from '../../components/efa-form/efa-form.js';
import { field, heading } from '../helpers/form-driver.js';

async function resumedAt(stepId: string): Promise<EfaForm> {
  const answers = await (await fetch('/test/fixtures/verpflichtungserklaerung/valid/familie.json')).json();
  const el = await fixture<EfaForm>(html`<efa-verpflichtungserklaerung lang="de" .prefill=${answers}></efa-verpflichtungserklaerung>`);
  el.resumeAt(stepId, '');
  await el.updateComplete;
  return el;
}

/** Counts the form's renders from now on. */
function countRenders(el: EfaForm): () => number {
  let renders = 0;
  const render = el.render.bind(el);
  el.render = () => ((renders += 1), render());
  return () => renders;
}

/** Types into the field key by key, as a person does, and waits for the form and the field after each key. */
async function typeKeys(el: EfaForm, pointer: string, text: string): Promise<void> {
  const input = field(el, pointer) as unknown as HTMLElement & { updateComplete: Promise<boolean> };
  input.focus();
  for (const key of text) {
    await sendKeys({ type: key });
    await el.updateComplete;
    await input.updateComplete;
  }
}

const notices = (el: EfaForm) => [...el.shadowRoot!.querySelectorAll('.notice')].map((notice) => notice.textContent!.replace(/\s+/g, ' ').trim());

describe('efa-form: what a key costs', () => {
  it('renders nothing but the field while a name is typed, and the answer counts', async () => {
    const el = await resumedAt('gast');
    expect(heading(el)).to.contain('Angaben zu Ihrem Gast');
    const input = field(el, '/gast/familienname');
    input.focus();
    await sendKeys({ press: 'End' });
    const renders = countRenders(el);
    await typeKeys(el, '/gast/familienname', '-Lakshminarayanan');
    expect(renders(), 'renders of the form while typing').to.equal(0);
    expect(input.value).to.match(/-Lakshminarayanan$/);

    await sendKeys({ press: 'Tab' }); // leaving the field checks it: the form renders again
    await el.updateComplete;
    expect(renders()).to.be.greaterThan(0);
    el.resumeAt('review', '');
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain(`${input.value as string}`);
  });

  it('renders on every key where a text of the page reads the answer (the self-check)', async () => {
    const el = await resumedAt('finanzen');
    const before = notices(el);
    const input = field(el, '/finanzen/nettoeinkommen');
    input.focus();
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'a' });
    await sendKeys({ up: 'Control' });
    const renders = countRenders(el);
    await typeKeys(el, '/finanzen/nettoeinkommen', '900');
    expect(renders(), 'renders of the form while typing').to.be.at.least(3);
    expect(notices(el)).to.not.deep.equal(before);
    await expect(el).to.be.accessible();
  });
});
