import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { accessibilityTree, findAll } from './accessibility-tree.js';
import type { EfaFieldElement } from '../../components/shared/field-element.js';

/** The tags of the field kit. */
type FieldTag = {
  [K in keyof HTMLElementTagNameMap]: HTMLElementTagNameMap[K] extends EfaFieldElement<unknown> ? K : never;
}[keyof HTMLElementTagNameMap];

/** What the contract suite needs to know about one field of the kit. */
export interface FieldConformance<Field extends EfaFieldElement<unknown>, V = Field['value']> {
  /** Properties every fixture of this field needs, such as its options. */
  props?: Record<string, unknown>;
  /** A value to set from outside, and what the field's controls then show (`shows`). */
  value: V;
  shows: (field: Field) => unknown;
  showsValue: unknown;
  /** The field keeps showing what the user typed when its value is taken away (the combobox). */
  keepsTextWhenUnset?: boolean;
  /** The entries the field adds to a host form's data for `value` (files by name). */
  entries: string[];
  /** What a user does to fill the empty field (keyboard from `field.focus()`, or the file dialog), and the value it gives. */
  userFills: (field: Field) => Promise<void>;
  filledValue: V;
  /** The browser gives the value back when the user returns to the page; not files, which a page never gets back. */
  restoredValue: V | undefined;
  /** An `autocomplete` token the field hands to its native control as it is, where it takes one. */
  autocomplete?: string;
}

/** A host page with every field in its own form (test/fixtures/host-form/page.html), each named after its tag. */
const HOST_PAGE = new URL('../fixtures/host-form/page.html', import.meta.url).href;

const loaded = (frame: HTMLIFrameElement) => new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));

const LABEL = 'Angabe';
const HINT = 'So wie im Pass';
const ERROR = 'Geben Sie die Angabe ein';

/** The native controls that take focus. */
function controls(field: HTMLElement): HTMLElement[] {
  return [...field.shadowRoot!.querySelectorAll<HTMLElement>('input, select, textarea')];
}

function text(element: Element | null | undefined): string {
  return element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function entriesOf(form: HTMLFormElement): Array<[string, string]> {
  return [...new FormData(form)].map(([name, value]) => [name, value instanceof File ? value.name : value]);
}

/**
 * The contract every field of the kit keeps (`components/shared/field-element.ts`): label, hint and error tied
 * to each of its controls, the "Fehler:" prefix and "(optional)", a value set from outside, disabled, the
 * `input`/`change` events, form association (data, reset, validity, disabled fieldset) and axe. The field's
 * own test file calls it once and keeps only what is special to that field.
 */
export function runFieldConformance<K extends FieldTag>(tag: K, spec: FieldConformance<HTMLElementTagNameMap[K]>): void {
  type Field = HTMLElementTagNameMap[K];
  /** The field with `properties`, alone or (`inHostForm`) in a fieldset of a plain host form. */
  async function make(properties: Record<string, unknown> = {}, inHostForm = false): Promise<Field> {
    const field: Field = Object.assign(document.createElement(tag), { label: LABEL, ...spec.props, ...properties });
    // The field itself is the fixture: one of another element waits for an animation frame, which a background
    // tab never gets. So the host form is put around it afterwards.
    await fixture(html`${field}`);
    if (inHostForm) {
      const form = document.createElement('form');
      field.before(form);
      form.append(document.createElement('fieldset'));
      form.firstElementChild!.append(field);
    }
    await field.updateComplete;
    return field;
  }

  describe(`${tag}: the field contract`, () => {
    it('labels each control and describes it with the hint', async () => {
      const field = await make({ hint: HINT });
      const label = field.shadowRoot!.querySelector('[part~="label"]')!;
      expect(text(label)).to.contain(LABEL);
      expect(text(field.shadowRoot!.getElementById('hint'))).to.equal(HINT);
      expect(controls(field)).to.not.be.empty;
      for (const control of controls(field)) {
        const labels = [...((control as HTMLInputElement).labels ?? [])];
        const labelled = labels.includes(label as HTMLLabelElement) || (label.localName === 'legend' && label.parentElement!.contains(control));
        expect(labelled, `${control.id} is labelled by the field's label or legend`).to.equal(true);
        expect(control.getAttribute('aria-describedby')!.split(' ')).to.include('hint');
        expect(control.getAttribute('aria-invalid')).to.equal('false');
      }
      expect(field.matches(':state(invalid)')).to.equal(false);
      await expect(field).to.be.accessible();
    });

    it('shows an error with a hidden "Fehler:" prefix, heard at the focused control', async () => {
      const field = await make({ hint: HINT, error: ERROR });
      const error = field.shadowRoot!.getElementById('error')!;
      expect(text(error)).to.equal(`Fehler: ${ERROR}`);
      expect(error.querySelector('.visually-hidden')!.textContent).to.equal('Fehler:');
      for (const control of controls(field)) {
        expect(control.getAttribute('aria-invalid')).to.equal('true');
        const ids = control.getAttribute('aria-describedby')!.split(' ');
        expect(ids).to.include('hint');
        expect(ids.at(-1), 'the error last').to.equal('error');
      }
      expect(field.matches(':state(invalid)')).to.equal(true);
      // What a screen reader gets for the control that has focus, also inside a group (issue 21).
      field.focus();
      const [focused] = findAll(await accessibilityTree(), (node) => node.focused === true);
      expect(focused?.description).to.contain(HINT).and.contain(`Fehler: ${ERROR}`);
      expect((focused as { invalid?: string } | undefined)?.invalid, 'and marked invalid').to.equal('true');
      await expect(field).to.be.accessible();
    });

    it('marks an optional field', async () => {
      const field = await make({ optional: true });
      expect(text(field.shadowRoot!.querySelector('[part~="label"]'))).to.contain(`${LABEL} (optional)`);
      expect(field.matches(':state(optional)')).to.equal(true);
    });

    it('shows a value set from outside, and nothing once it is taken away', async () => {
      const empty = spec.shows(await make());
      const field = await make({ value: spec.value });
      expect(spec.shows(field)).to.deep.equal(spec.showsValue);
      field.value = undefined;
      await field.updateComplete;
      expect(spec.shows(field)).to.deep.equal(spec.keepsTextWhenUnset ? spec.showsValue : empty);
    });

    it('takes no input while disabled', async () => {
      const field = await make({ disabled: true });
      expect(controls(field).every((control) => (control as HTMLInputElement).disabled)).to.equal(true);
      expect(field.matches(':disabled')).to.equal(true);
      field.focus();
      expect(field.shadowRoot!.activeElement, 'a disabled control takes no focus').to.equal(null);
    });

    it('reports input while the user fills it, and change once when the user leaves', async () => {
      const field = await make();
      const after = Object.assign(document.createElement('button'), { textContent: 'weiter' });
      field.after(after);
      let inputs = 0;
      let changes = 0;
      field.addEventListener('input', () => (inputs += 1));
      field.addEventListener('change', () => (changes += 1));
      await spec.userFills(field);
      expect(field.value).to.deep.equal(spec.filledValue);
      expect(inputs).to.be.greaterThan(0);
      expect(changes, 'no change while inside the field').to.equal(0);
      expect(field.matches(':state(touched)')).to.equal(false);
      const changed = oneEvent(field, 'change');
      after.focus();
      await changed;
      field.focus();
      after.focus();
      expect(changes, 'leaving again without a change says nothing').to.equal(1);
      await field.updateComplete;
      expect(field.matches(':state(touched)')).to.equal(true);
      expect(field.matches(':state(user-invalid)')).to.equal(false);
      field.error = ERROR;
      await field.updateComplete;
      expect(field.matches(':state(user-invalid)')).to.equal(true);
    });

    it('adds its value to a host form, which reset() empties', async () => {
      const field = await make({ name: 'angabe', value: spec.value }, true);
      const form = field.closest('form')!;
      expect(entriesOf(form)).to.deep.equal(spec.entries.map((entry) => ['angabe', entry]));
      const empty = spec.shows(await make());
      form.reset();
      await field.updateComplete;
      expect(field.value).to.equal(undefined);
      expect(spec.shows(field)).to.deep.equal(empty);
      expect(entriesOf(form)).to.deep.equal([]);
    });

    it('adds nothing to a host form without a name', async () => {
      const field = await make({ value: spec.value }, true);
      expect(entriesOf(field.closest('form')!)).to.deep.equal([]);
    });

    it('holds back a host form while it shows an error, without the browser bubble or moving focus', async () => {
      const field = await make({ name: 'angabe', error: ERROR }, true);
      const form = field.closest('form')!;
      let submits = 0;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        submits += 1;
      });
      const invalid = oneEvent(field, 'invalid');
      form.requestSubmit();
      // A cancelled `invalid` event is what keeps the browser from reporting the problem itself.
      expect((await invalid).defaultPrevented).to.equal(true);
      expect(submits).to.equal(0);
      expect(field.matches(':invalid')).to.equal(true);
      expect(document.activeElement, 'focus stays where it was').to.not.equal(field);
      // reportValidity() is the other way a page asks the browser to show the problem: the same, silently.
      expect(form.reportValidity()).to.equal(false);
      expect(document.activeElement).to.not.equal(field);
      field.error = '';
      await field.updateComplete;
      expect(form.checkValidity()).to.equal(true);
      form.requestSubmit();
      expect(submits).to.equal(1);
    });

    it('is disabled by a disabled fieldset of its host form, and leaves the form data', async () => {
      const field = await make({ name: 'angabe', value: spec.value }, true);
      const fieldset = field.closest('fieldset')!;
      fieldset.disabled = true;
      await field.updateComplete;
      expect(controls(field).every((control) => (control as HTMLInputElement).disabled)).to.equal(true);
      expect(field.matches(':disabled')).to.equal(true);
      expect(entriesOf(field.closest('form')!)).to.deep.equal([]);
      await expect(field).to.be.accessible();
      fieldset.disabled = false;
      await field.updateComplete;
      expect(controls(field).some((control) => (control as HTMLInputElement).disabled)).to.equal(false);
    });

    it('gets its value back from the browser when the user returns to the page', async () => {
      const frame = Object.assign(document.createElement('iframe'), { src: HOST_PAGE, title: 'Gastseite' });
      frame.style.cssText = 'position: fixed; inset-block-start: 0; inset-inline-start: 0; inline-size: 40em; block-size: 30em';
      document.body.append(frame);
      try {
        await loaded(frame);
        const page = frame.contentWindow!;
        await page.customElements.whenDefined(tag);
        const field = page.document.querySelector(tag) as Field;
        Object.assign(field, spec.props, { value: spec.value });
        await field.updateComplete;
        // A real click: the browser's Back skips pages left without a user gesture.
        const link = page.document.querySelector('a')!.getBoundingClientRect();
        const away = loaded(frame);
        await sendMouse({ type: 'click', position: [Math.round(link.x + 2), Math.round(link.y + 2)] });
        await away;
        const back = loaded(frame);
        frame.contentWindow!.history.back();
        await back;
        const returned = frame.contentWindow!;
        await returned.customElements.whenDefined(tag);
        const restored = returned.document.querySelector(tag) as Field;
        expect(restored, 'a new page, not the old one from a cache').to.not.equal(field);
        if (spec.restoredValue === undefined) {
          await restored.updateComplete;
          expect(restored.value).to.equal(undefined);
        } else {
          await waitUntil(() => restored.value !== undefined, 'the browser hands the value back');
          expect(restored.value).to.deep.equal(spec.restoredValue);
        }
      } finally {
        frame.remove();
        await resetMouse();
      }
    });

    if (spec.autocomplete) {
      const token = spec.autocomplete;
      it('hands its autocomplete token to the native control, where autofill looks', async () => {
        const field = await make({ autocomplete: token, name: 'angabe' });
        for (const control of controls(field)) expect(control.getAttribute('autocomplete')).to.equal(token);
      });
    }
  });
}
