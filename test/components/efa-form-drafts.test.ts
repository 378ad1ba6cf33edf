import { LOADING_MS } from '../helpers/timing.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-form/efa-form.js';
import type { EfaForm } from '../../components/efa-form/efa-form.js';
import { draftToFile } from '../../src/drafts/draft-file.js';
import { definition, engineTestSpec } from '../fixtures/engine-test-definition.js';

const KEY = 'efa-forms:draft:engine-test:09999000';

function form(drafts = 'local'): Promise<EfaForm> {
  return fixture<EfaForm>(html`<efa-form .spec=${engineTestSpec} drafts=${drafts} authority="09999000" adapter="event"></efa-form>`);
}

function $(el: EfaForm, selector: string): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>(selector)!;
}

function buttonNamed(el: EfaForm, name: string): HTMLButtonElement {
  const button = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);
  if (!button) throw new Error(`no button "${name}"`);
  return button;
}

async function loadFile(el: EfaForm, file: File, done: () => boolean): Promise<void> {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('.drafts input[type=file]')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
  await waitUntil(done, 'the file was read', { timeout: LOADING_MS });
}

describe('efa-form drafts', () => {
  beforeEach(() => localStorage.removeItem(KEY));
  after(() => localStorage.removeItem(KEY));

  it('saves answers as they are typed and offers them on return', async () => {
    const first = await form();
    $(first, '#f-name').focus();
    // Listening before typing: the autosave may come before `sendKeys` returns on a busy machine.
    const saved = oneEvent(first, 'efa-draft-saved');
    await sendKeys({ type: 'Ada' });
    const { detail } = await saved;
    expect(Date.parse(detail.expiresAt) - Date.parse(detail.savedAt)).to.equal(7 * 24 * 3600 * 1000);
    first.remove();

    const again = await form();
    expect($(again, '.resume').textContent).to.contain('schon angefangen');
    await expect(again).to.be.accessible();
    buttonNamed(again, 'Weitermachen').click();
    await again.updateComplete;
    expect(($(again, '#f-name') as HTMLElement & { value: string }).value).to.equal('Ada');
    expect(again.shadowRoot!.querySelector('.resume')).to.equal(null);
    expect(again.shadowRoot!.activeElement).to.equal($(again, 'h2'));
  });

  it('starts afresh and deletes the stored answers when asked', async () => {
    const first = await form();
    $(first, '#f-name').focus();
    const saved = oneEvent(first, 'efa-draft-saved');
    await sendKeys({ type: 'Bo' });
    await saved;
    first.remove();
    const again = await form();
    buttonNamed(again, 'Neu beginnen und Gespeichertes löschen').click();
    await again.updateComplete;
    expect(localStorage.getItem(KEY)).to.equal(null);
    expect(($(again, '#f-name') as HTMLElement & { value?: string }).value ?? '').to.equal('');
  });

  it('saves nothing across visits without drafts="local"', async () => {
    // A form with drafts, typed into after the one without: once its autosave has come, one of the other would have.
    const off = await form('tab');
    const local = await fixture<EfaForm>(html`<efa-form .spec=${engineTestSpec} drafts="local" authority="09999001" adapter="event"></efa-form>`);
    $(off, '#f-name').focus();
    await sendKeys({ type: 'Cy' });
    $(local, '#f-name').focus();
    const saved = oneEvent(local, 'efa-draft-saved');
    await sendKeys({ type: 'Cy' });
    await saved;
    expect(localStorage.getItem('efa-forms:draft:engine-test:09999001'), 'the comparison form saved').to.not.equal(null);
    expect(localStorage.getItem(KEY)).to.equal(null);
    expect(off.shadowRoot!.querySelector('.drafts'), 'no progress-file actions either').to.equal(null);
    localStorage.removeItem('efa-forms:draft:engine-test:09999001');
  });

  it('continues from a progress file, and refuses a changed one with a clear message', async () => {
    const el = await form('file');
    const blob = await draftToFile({ service: 'engine-test', schemaVersion: '1.0.0', stepId: 'zwei', answers: { name: 'Dora', plz: '10115' } });
    await loadFile(el, new File([blob], 'zwischenstand.json', { type: 'application/json' }), () => $(el, 'h2').textContent!.includes('Schritt 2'));
    expect($(el, 'h2').textContent).to.contain('Schritt 2 von 3');
    expect($(el, '[aria-live="polite"]').textContent).to.equal('Ihr Zwischenstand wurde geladen.');

    const changed = (await blob.text()).replace('Dora', 'Eve');
    await loadFile(el, new File([changed], 'zwischenstand.json', { type: 'application/json' }), () => $(el, '.drafts-message').textContent!.trim() !== '');
    expect($(el, '.drafts-message').textContent).to.contain('verändert');
    await expect(el).to.be.accessible();
  });
});

describe('efa-form with a damaged local draft', () => {
  beforeEach(() => localStorage.removeItem(KEY));
  after(() => localStorage.removeItem(KEY));

  const stored = (fields: Record<string, unknown>) =>
    JSON.stringify({
      format: 'efa-forms-draft',
      version: 1,
      service: 'engine-test',
      schemaVersion: definition.schemaVersion,
      authority: '09999000',
      savedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 24 * 3600 * 1000).toISOString(),
      stepId: 'eins',
      answers: { name: 'Ada' },
      ...fields,
    });

  it('discards a draft whose date is not a date, says so politely, and the form works', async () => {
    localStorage.setItem(KEY, stored({ savedAt: 'gestern' }));
    const el = await form();
    expect($(el, '.resume').textContent).to.contain('waren beschädigt');
    expect(localStorage.getItem(KEY)).to.equal(null);
    await expect(el).to.be.accessible();
    $(el, 'button.primary').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.error-summary'), '"Weiter" checks the step').not.to.equal(null);
    buttonNamed(el, 'Hinweis schließen').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.resume')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'h2[tabindex]'));
  });

  it('discards a draft that does not parse', async () => {
    localStorage.setItem(KEY, '{"format":"efa-forms-draft", "answers": {');
    const el = await form();
    expect($(el, '.resume').textContent).to.contain('waren beschädigt');
    expect(localStorage.getItem(KEY)).to.equal(null);
  });

  it('resumes answers of the wrong shape without freezing: they show as errors to correct', async () => {
    localStorage.setItem(KEY, stored({ answers: { name: { x: 1 }, plz: 10115, personen: 'kaputt', staatsangehoerigkeiten: { '0': 1 } } }));
    const el = await form();
    buttonNamed(el, 'Weitermachen').click();
    await el.updateComplete;
    $(el, 'button.primary').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.error-summary'), 'the form still works').not.to.equal(null);
    await expect(el).to.be.accessible();
  });
});
