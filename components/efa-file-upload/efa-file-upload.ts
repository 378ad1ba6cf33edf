import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { define } from '../define.js';
import { EfaFieldElement } from '../shared/field-element.js';
import { getLocale } from '../../src/i18n/locale.js';
import { plural } from '../../src/i18n/plural.js';
import { ATTACHMENT_MIME_TYPES } from '../../src/schema/generated/constants.js';
import { fileUploadStyles } from './efa-file-upload.styles.js';

/**
 * What a known type looks like: the extensions it may carry and the bytes it starts with. A renamed file
 * (a Word document called "brief.pdf") keeps its real first bytes, so checking them refuses it at once
 * instead of at the authority. Types not listed here are checked by MIME type only.
 */
const KNOWN_TYPES: Record<string, { name: string; extensions: string[]; signature: number[] }> = {
  'application/pdf': { name: 'PDF', extensions: ['pdf'], signature: [0x25, 0x50, 0x44, 0x46] }, // "%PDF"
  'image/jpeg': { name: 'JPEG', extensions: ['jpg', 'jpeg'], signature: [0xff, 0xd8, 0xff] },
  'image/png': { name: 'PNG', extensions: ['png'], signature: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
};
const SIGNATURE_BYTES = 8;

const KB = 1024;
const MB = 1024 * 1024;

/** "2,4 MB", "812 kB", "500 Byte" in the active locale. `roundUp` keeps a file just over a limit from reading as the limit. */
function formatSize(bytes: number, roundUp = false): string {
  const [amount, unit, digits] =
    bytes >= MB ? [bytes / MB, 'megabyte', 1] : bytes >= KB ? [bytes / KB, 'kilobyte', 0] : [bytes, 'byte', 0];
  const factor = 10 ** digits;
  const rounded = roundUp ? Math.ceil(amount * factor) / factor : amount;
  return new Intl.NumberFormat(getLocale(), { style: 'unit', unit, maximumFractionDigits: digits }).format(rounded);
}

async function hasAcceptedType(file: File, accepted: string[]): Promise<boolean> {
  const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
  const head = new Uint8Array(await file.slice(0, SIGNATURE_BYTES).arrayBuffer());
  return accepted.some((type) => {
    const known = KNOWN_TYPES[type];
    if (!known) return file.type === type;
    // Some systems report no MIME type at all; extension and first bytes still have to fit.
    return (
      (file.type === type || file.type === '') &&
      known.extensions.includes(extension) &&
      known.signature.every((byte, i) => head[i] === byte)
    );
  });
}

function sameFile(a: File, b: File): boolean {
  return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
}

/**
 * @summary Upload of documents (passport scan, certificates): the native file input, so keyboard, screen
 * readers and the phone camera work as the platform makes them.
 *
 * Below the label it says which types it takes and how large a file may be (from `accept` and `max-size`).
 * Each chosen file is checked at once: a file of another type (by MIME type, extension and first bytes) or
 * larger than `max-size` is not added, and the field says why. Added files are listed with name, size and
 * a button to remove them; adding and removing are announced to screen readers.
 *
 * @event input - The user added or removed a file.
 * @event change - The user left the field after changing it.
 * @csspart label - The label.
 * @csspart hint - The hint below the label, and the line with the accepted types and the largest size.
 * @csspart error - The error message (the form's, or why a chosen file was not added).
 * @csspart input - The native file input.
 * @csspart files - The list of added files.
 * @csspart file - One added file.
 * @csspart remove-button - The button that removes a file.
 * @cssprop --efa-input-max-width - Widest the list of files grows.
 */
export class EfaFileUpload extends EfaFieldElement<File[]> {
  static override styles = [...EfaFieldElement.styles, fileUploadStyles];

  static override properties = {
    ...EfaFieldElement.properties,
    value: { attribute: false },
    accept: {},
    maxSize: { type: Number, attribute: 'max-size' },
    multiple: { type: Boolean },
    maxFiles: { type: Number, attribute: 'max-files' },
    rejection: { state: true },
    announcement: { state: true },
  };

  /**
   * Accepted MIME types, comma-separated; by default those the submission schema allows for an attachment.
   * PDF, JPEG and PNG are also checked by extension and first bytes.
   */
  declare accept: string;
  /** Largest accepted file in bytes; default 10 MB. */
  declare maxSize: number;
  /** Lets the user add several files; otherwise a new file replaces the one chosen before. */
  declare multiple: boolean;
  /** With `multiple`: the most files the list takes. */
  declare maxFiles: number | undefined;
  /** Why the files the user chose last were not added. Shown while the form sets no `error`. */
  declare private rejection: string;
  declare private announcement: string;

  constructor() {
    super();
    this.accept = ATTACHMENT_MIME_TYPES.join(',');
    this.maxSize = 10 * MB;
    this.multiple = false;
    this.rejection = '';
    this.announcement = '';
  }

  /** The form's error wins over the reason a chosen file was not added. */
  protected override get shownError(): string {
    return this.error || this.rejection;
  }

  /** A browser never hands files back to a page: after a restore the user chooses them again. */
  protected override formState(): null {
    return null;
  }

  override formResetCallback(): void {
    super.formResetCallback();
    this.rejection = '';
    this.announcement = '';
  }

  private get acceptedTypes(): string[] {
    return this.accept
      .split(',')
      .map((type) => type.trim().toLowerCase())
      .filter(Boolean);
  }

  /** The accepted types as a person names them: "PDF, JPEG oder PNG". */
  private acceptedFormats(): string {
    return new Intl.ListFormat(getLocale(), { type: 'disjunction' }).format(
      this.acceptedTypes.map((type) => KNOWN_TYPES[type]?.name ?? type.split('/').pop()!.toUpperCase()),
    );
  }

  /** Why `file` cannot join `files`, or `undefined` when it can. */
  private async problemWith(file: File, files: File[], limit: number): Promise<string | undefined> {
    if (!(await hasAcceptedType(file, this.acceptedTypes))) {
      const formats = this.acceptedFormats();
      return msg(
        str`Die Datei „${file.name}“ hat ein Format, das nicht angenommen wird. Laden Sie eine Datei als ${formats} hoch.`,
      );
    }
    if (file.size > this.maxSize) {
      return msg(
        str`Die Datei „${file.name}“ ist ${formatSize(file.size, true)} groß. Laden Sie eine Datei mit höchstens ${formatSize(this.maxSize)} hoch.`,
      );
    }
    if (files.some((listed) => sameFile(listed, file))) return msg(str`Die Datei „${file.name}“ ist bereits ausgewählt.`);
    if (files.length >= limit) {
      const name = file.name;
      return plural(limit, {
        zero: () => msg(str`Die Datei „${name}“ wurde nicht hinzugefügt, weil Sie höchstens ${limit} Dateien hochladen können. Entfernen Sie zuerst eine andere Datei.`, { id: 'upload.hoechstzahl.zero' }),
        one: () => msg(str`Die Datei „${name}“ wurde nicht hinzugefügt, weil Sie höchstens ${limit} Datei hochladen können. Entfernen Sie zuerst die andere Datei.`, { id: 'upload.hoechstzahl.one' }),
        two: () => msg(str`Die Datei „${name}“ wurde nicht hinzugefügt, weil Sie höchstens ${limit} Dateien hochladen können. Entfernen Sie zuerst eine andere Datei.`, { id: 'upload.hoechstzahl.two' }),
        few: () => msg(str`Die Datei „${name}“ wurde nicht hinzugefügt, weil Sie höchstens ${limit} Dateien hochladen können. Entfernen Sie zuerst eine andere Datei.`, { id: 'upload.hoechstzahl.few' }),
        many: () => msg(str`Die Datei „${name}“ wurde nicht hinzugefügt, weil Sie höchstens ${limit} Dateien hochladen können. Entfernen Sie zuerst eine andere Datei.`, { id: 'upload.hoechstzahl.many' }),
        other: () => msg(str`Die Datei „${name}“ wurde nicht hinzugefügt, weil Sie höchstens ${limit} Dateien hochladen können. Entfernen Sie zuerst eine andere Datei.`, { id: 'upload.hoechstzahl.other' }),
      });
    }
    return undefined;
  }

  /** The native `input` event comes before the (asynchronous) check; `userPicked` reports the real change. */
  private holdNativeInput(event: Event): void {
    event.stopPropagation();
  }

  private async onChange(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const chosen = [...(input.files ?? [])];
    // Emptied so that choosing the same file again (after removing it) is reported again.
    input.value = '';
    if (chosen.length === 0) return;
    const limit = this.multiple ? (this.maxFiles ?? Infinity) : 1;
    // A field for one file replaces its file; a field for several adds to the list.
    const files = limit === 1 ? [] : [...(this.value ?? [])];
    const added: File[] = [];
    const problems: string[] = [];
    for (const file of chosen) {
      const problem = await this.problemWith(file, files, limit);
      if (problem) {
        problems.push(problem);
      } else {
        files.push(file);
        added.push(file);
      }
    }
    this.rejection = problems.join(' ');
    this.announcement = [...added.map((file) => msg(str`„${file.name}“ wurde hinzugefügt.`)), ...problems].join(' ');
    if (added.length > 0) this.userPicked(files);
  }

  private async removeFile(index: number): Promise<void> {
    const files = [...(this.value ?? [])];
    const [removed] = files.splice(index, 1);
    this.announcement = msg(str`„${removed!.name}“ wurde entfernt.`);
    this.userPicked(files.length > 0 ? files : undefined);
    await this.updateComplete;
    const next = this.renderRoot.querySelectorAll<HTMLButtonElement>('.remove')[index];
    (next ?? this.renderRoot.querySelector('input'))!.focus();
  }

  protected override get hintIds(): string[] {
    return [...super.hintIds, 'limits'];
  }

  protected override renderHint(): TemplateResult {
    const formats = this.acceptedFormats();
    const size = formatSize(this.maxSize);
    return html`${super.renderHint()}
      <p id="limits" class="hint" part="hint">
        ${this.multiple ? msg(str`${formats}, höchstens ${size} je Datei`) : msg(str`${formats}, höchstens ${size}`)}
      </p>`;
  }

  override render() {
    const files = this.value ?? [];
    return html`<div class="field ${this.invalid ? 'invalid' : ''}">
      <label for="control" part="label">${this.renderLabelText()}</label>
      ${this.renderHint()} ${this.renderError()}
      <input
        id="control"
        part="input"
        type="file"
        accept=${this.accept}
        ?multiple=${this.multiple}
        aria-describedby=${this.describedBy()}
        aria-invalid=${this.invalid ? 'true' : 'false'}
        ?disabled=${this.isDisabled}
        @input=${this.holdNativeInput}
        @change=${this.onChange}
      />
      ${files.length > 0
        ? html`<ul class="files" part="files">
            ${files.map(
              (file, index) =>
                html`<li part="file">
                  <bdi class="name">${file.name}</bdi>
                  <bdi class="size">${formatSize(file.size)}</bdi>
                  <button
                    type="button"
                    class="remove"
                    part="remove-button"
                    aria-label=${msg(str`„${file.name}“ entfernen`)}
                    ?disabled=${this.isDisabled}
                    @click=${() => this.removeFile(index)}
                  >
                    ${msg('Entfernen')}
                  </button>
                </li>`,
            )}
          </ul>`
        : nothing}
      <div class="visually-hidden" role="status">${this.announcement}</div>
    </div>`;
  }
}

define('efa-file-upload', EfaFileUpload);

declare global {
  interface HTMLElementTagNameMap {
    'efa-file-upload': EfaFileUpload;
  }
}
