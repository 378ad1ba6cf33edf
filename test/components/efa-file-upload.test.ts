import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/efa-file-upload/efa-file-upload.js';
import type { EfaFileUpload } from '../../components/efa-file-upload/efa-file-upload.js';
import { runFieldConformance } from '../helpers/field-conformance.js';
import { setLocale } from '../../src/i18n/locale.js';
import basis from '../../schemas/common/basis.schema.json' with { type: 'json' };

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]; // "%PDF-1.7"
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff, 0xe0];
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // what a .docx really is
const MB = 1024 * 1024;

/** A file that starts with `head` and is `size` bytes long. */
function fileOf(name: string, type: string, head: number[], size = 1000): File {
  const bytes = new Uint8Array(size);
  bytes.set(head);
  return new File([bytes], name, { type });
}

function input(el: EfaFileUpload): HTMLInputElement {
  return el.shadowRoot!.querySelector('input')!;
}

function text(el: EfaFileUpload, selector: string): string {
  return el.shadowRoot!.querySelector(selector)!.textContent!.replace(/\s+/g, ' ').trim();
}

function statusText(el: EfaFileUpload): string {
  return el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
}

function errorText(el: EfaFileUpload): string {
  return el.shadowRoot!.getElementById('error')?.textContent!.replace(/\s+/g, ' ').trim() ?? '';
}

function listed(el: EfaFileUpload): string[] {
  return [...el.shadowRoot!.querySelectorAll('[part="file"]')].map((item) =>
    [...item.querySelectorAll('.name, .size')].map((part) => part.textContent!.trim()).join(' '),
  );
}

function removeButtons(el: EfaFileUpload): HTMLButtonElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="remove-button"]')];
}

/** Chooses files as the browser's file dialog does, and waits until the field has checked them. */
async function choose(el: EfaFileUpload, ...files: File[]): Promise<void> {
  const before = statusText(el);
  const control = input(el);
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  control.files = transfer.files;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
  await waitUntil(() => statusText(el) !== before, 'the field announces the outcome', { timeout: 5000 });
}

describe('efa-file-upload', () => {
  afterEach(() => setLocale('de'));

  const pass = fileOf('pass.pdf', 'application/pdf', PDF);
  runFieldConformance('efa-file-upload', {
    value: [pass],
    shows: listed,
    showsValue: ['pass.pdf 1.000 Byte'],
    entries: ['pass.pdf'],
    userFills: async (el) => {
      input(el).focus();
      await choose(el, pass);
    },
    filledValue: [pass],
    restoredValue: undefined,
  });

  it('is the native file input, by default for the types the submission schema allows', async () => {
    const el = await fixture<EfaFileUpload>(html`<efa-file-upload label="Reisepass"></efa-file-upload>`);
    const control = input(el);
    expect(control.type).to.equal('file');
    expect(control.accept.split(','), 'the types the submission schema allows').to.deep.equal(basis.$defs.anlage.properties.mimeType.enum);
    expect(control.multiple).to.equal(false);
  });

  it('says which types it takes and how large a file may be, under the hint and with it', async () => {
    const el = await fixture<EfaFileUpload>(html`<efa-file-upload label="Reisepass" hint="Die Seite mit dem Foto"></efa-file-upload>`);
    expect(text(el, '#limits')).to.equal('PDF, JPEG oder PNG, höchstens 10 MB');
    expect(input(el).getAttribute('aria-describedby')).to.equal('hint limits');
    el.multiple = true;
    el.accept = 'image/jpeg,image/png';
    el.maxSize = 2 * MB;
    await el.updateComplete;
    expect(text(el, '#limits')).to.equal('JPEG oder PNG, höchstens 2 MB je Datei');
    await setLocale('en');
    await el.updateComplete;
    expect(text(el, '#limits')).to.equal('JPEG or PNG, no more than 2 MB per file');
    await expect(el).to.be.accessible();
  });

  it('lists an added file with its size, announces it and reports the new value', async () => {
    const el = await fixture<EfaFileUpload>(html`<efa-file-upload label="Reisepass"></efa-file-upload>`);
    const pass = fileOf('pass.pdf', 'application/pdf', PDF, Math.round(2.4 * MB));
    const reported = oneEvent(el, 'input');
    await choose(el, pass);
    await reported;
    expect(el.value).to.deep.equal([pass]);
    await el.updateComplete;
    expect(listed(el)).to.deep.equal(['pass.pdf 2,4 MB']);
    expect(statusText(el)).to.equal('„pass.pdf“ wurde hinzugefügt.');
    const [remove] = removeButtons(el);
    expect(remove!.textContent!.trim()).to.equal('Entfernen');
    expect(remove!.getAttribute('aria-label')).to.equal('„pass.pdf“ entfernen');
    await expect(el).to.be.accessible();
  });

  it('accepts JPEG and PNG, and a file whose system reports no MIME type', async () => {
    const el = await fixture<EfaFileUpload>(html`<efa-file-upload label="Nachweise" multiple></efa-file-upload>`);
    await choose(el, fileOf('foto.JPG', 'image/jpeg', JPEG), fileOf('scan.png', 'image/png', PNG), fileOf('alt.pdf', '', PDF));
    expect(el.value!.map((file) => file.name)).to.deep.equal(['foto.JPG', 'scan.png', 'alt.pdf']);
    expect(errorText(el)).to.equal('');
  });

  it('refuses a file of another type and says which types it takes', async () => {
    const el = await fixture<EfaFileUpload>(html`<efa-file-upload label="Reisepass"></efa-file-upload>`);
    let inputs = 0;
    el.addEventListener('input', () => (inputs += 1));
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    await choose(el, fileOf('brief.docx', docx, ZIP));
    const message =
      'Die Datei „brief.docx“ hat ein Format, das nicht angenommen wird. Laden Sie eine Datei als PDF, JPEG oder PNG hoch.';
    expect(errorText(el)).to.equal(`Fehler: ${message}`);
    expect(statusText(el), 'announced too').to.equal(message);
    expect(el.value).to.equal(undefined);
    expect(inputs, 'nothing changed, nothing reported').to.equal(0);
    expect(input(el).getAttribute('aria-invalid')).to.equal('true');
    expect(el.matches(':state(invalid)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('refuses a renamed file by its first bytes, and a wrong extension', async () => {
    const el = await fixture<EfaFileUpload>(html`<efa-file-upload label="Reisepass"></efa-file-upload>`);
    await choose(el, fileOf('brief.pdf', 'application/pdf', ZIP));
    expect(errorText(el)).to.contain('Die Datei „brief.pdf“ hat ein Format, das nicht angenommen wird.');
    await choose(el, fileOf('foto.jpg', 'image/jpeg', PNG));
    expect(errorText(el)).to.contain('Die Datei „foto.jpg“ hat ein Format');
    await choose(el, fileOf('pass.exe', 'application/pdf', PDF));
    expect(errorText(el)).to.contain('Die Datei „pass.exe“ hat ein Format');
    expect(el.value).to.equal(undefined);
  });

  it('names the accepted types of a custom accept list', async () => {
    const el = await fixture<EfaFileUpload>(html`<efa-file-upload label="Foto" accept="image/jpeg, image/png"></efa-file-upload>`);
    await choose(el, fileOf('foto.pdf', 'application/pdf', PDF));
    expect(errorText(el)).to.equal(
      'Fehler: Die Datei „foto.pdf“ hat ein Format, das nicht angenommen wird. Laden Sie eine Datei als JPEG oder PNG hoch.',
    );
  });

  it('refuses a file that is too large and names both sizes', async () => {
    const el = await fixture<EfaFileUpload>(html`<efa-file-upload label="Reisepass"></efa-file-upload>`);
    await choose(el, fileOf('scan.pdf', 'application/pdf', PDF, Math.round(14.2 * MB)));
    expect(errorText(el)).to.equal('Fehler: Die Datei „scan.pdf“ ist 14,2 MB groß. Laden Sie eine Datei mit höchstens 10 MB hoch.');
    expect(el.value).to.equal(undefined);

    // Just over the limit never reads as the limit itself.
    await choose(el, fileOf('knapp.pdf', 'application/pdf', PDF, 10 * MB + 1));
    expect(errorText(el)).to.equal('Fehler: Die Datei „knapp.pdf“ ist 10,1 MB groß. Laden Sie eine Datei mit höchstens 10 MB hoch.');
  });

  it('takes its size limit from max-size', async () => {
    const el = await fixture<EfaFileUpload>(html`<efa-file-upload label="Foto" max-size="2097152"></efa-file-upload>`);
    await choose(el, fileOf('foto.png', 'image/png', PNG, 3 * MB));
    expect(errorText(el)).to.equal('Fehler: Die Datei „foto.png“ ist 3 MB groß. Laden Sie eine Datei mit höchstens 2 MB hoch.');
    await choose(el, fileOf('klein.png', 'image/png', PNG, 800 * 1024));
    expect(listed(el)).to.deep.equal(['klein.png 800 kB']);
    expect(errorText(el), 'a successful choice clears the reason').to.equal('');
  });

  it('lets the form error win over the rejection message', async () => {
    const el = await fixture<EfaFileUpload>(html`<efa-file-upload label="Reisepass" error="Laden Sie Ihren Reisepass hoch"></efa-file-upload>`);
    await choose(el, fileOf('scan.pdf', 'application/pdf', PDF, 11 * MB));
    expect(errorText(el)).to.equal('Fehler: Laden Sie Ihren Reisepass hoch');
    el.error = '';
    await el.updateComplete;
    expect(errorText(el)).to.contain('Die Datei „scan.pdf“ ist 11 MB groß.');
  });

  it('replaces the file of a single-file field', async () => {
    const el = await fixture<EfaFileUpload>(html`<efa-file-upload label="Reisepass"></efa-file-upload>`);
    await choose(el, fileOf('alt.pdf', 'application/pdf', PDF));
    await choose(el, fileOf('neu.pdf', 'application/pdf', PDF));
    expect(el.value!.map((file) => file.name)).to.deep.equal(['neu.pdf']);
    // A refused file keeps the one chosen before.
    await choose(el, fileOf('brief.docx', 'application/msword', ZIP));
    expect(el.value!.map((file) => file.name)).to.deep.equal(['neu.pdf']);
  });

  it('adds to the list with multiple, up to max-files, without duplicates', async () => {
    const el = await fixture<EfaFileUpload>(html`<efa-file-upload label="Nachweise" multiple max-files="3"></efa-file-upload>`);
    const a = fileOf('a.pdf', 'application/pdf', PDF);
    await choose(el, a, fileOf('b.png', 'image/png', PNG));
    expect(statusText(el)).to.equal('„a.pdf“ wurde hinzugefügt. „b.png“ wurde hinzugefügt.');
    await choose(el, a);
    expect(errorText(el)).to.equal('Fehler: Die Datei „a.pdf“ ist bereits ausgewählt.');
    await choose(el, fileOf('c.pdf', 'application/pdf', PDF), fileOf('d.pdf', 'application/pdf', PDF));
    expect(el.value!.map((file) => file.name)).to.deep.equal(['a.pdf', 'b.png', 'c.pdf']);
    expect(errorText(el)).to.equal(
      'Fehler: Die Datei „d.pdf“ wurde nicht hinzugefügt, weil Sie höchstens 3 Dateien hochladen können. Entfernen Sie zuerst eine andere Datei.',
    );
    expect(statusText(el)).to.equal(
      '„c.pdf“ wurde hinzugefügt. Die Datei „d.pdf“ wurde nicht hinzugefügt, weil Sie höchstens 3 Dateien hochladen können. Entfernen Sie zuerst eine andere Datei.',
    );
  });

  it('removes files by keyboard, announces it and moves focus to the next file, then to the input', async () => {
    const el = await fixture<EfaFileUpload>(html`<efa-file-upload label="Nachweise" multiple></efa-file-upload>`);
    const files = ['a.pdf', 'b.pdf', 'c.pdf'].map((name) => fileOf(name, 'application/pdf', PDF));
    await choose(el, ...files);
    const values: Array<string[] | undefined> = [];
    el.addEventListener('input', () => values.push(el.value?.map((file) => file.name)));

    removeButtons(el)[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(listed(el).map((item) => item.split(' ')[0])).to.deep.equal(['b.pdf', 'c.pdf']);
    expect(statusText(el)).to.equal('„a.pdf“ wurde entfernt.');
    expect(el.shadowRoot!.activeElement!.getAttribute('aria-label'), 'focus on the next file').to.equal('„b.pdf“ entfernen');

    removeButtons(el)[1]!.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(statusText(el)).to.equal('„c.pdf“ wurde entfernt.');
    expect(el.shadowRoot!.activeElement?.id, 'no next file: back to the input').to.equal('control');

    removeButtons(el)[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id).to.equal('control');
    expect(values).to.deep.equal([['b.pdf', 'c.pdf'], ['b.pdf'], undefined]);
    expect(el.shadowRoot!.querySelector('[part="files"]')).to.equal(null);
  });

  it('cannot be changed while disabled', async () => {
    const el = await fixture<EfaFileUpload>(
      html`<efa-file-upload label="Reisepass" disabled .value=${[fileOf('pass.pdf', 'application/pdf', PDF)]}></efa-file-upload>`,
    );
    expect(input(el).disabled).to.equal(true);
    expect(removeButtons(el)[0]!.disabled).to.equal(true);
  });
});
