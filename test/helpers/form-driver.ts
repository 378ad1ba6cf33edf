/**
 * Fills an efa form the way a keyboard user does: focus a field, type, use arrows, Space and Enter. Fields are
 * addressed by the JSON pointer of their answer (the engine derives element ids from it).
 */
import { LOADING_MS } from './timing.js';
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { EfaForm } from '../../components/efa-form/efa-form.js';

export function fieldId(pointer: string): string {
  return `f${pointer.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

export function field(form: EfaForm, pointer: string): HTMLElement & { value: unknown; error: string } {
  const el = form.shadowRoot!.getElementById(fieldId(pointer));
  if (!el) throw new Error(`no field for ${pointer} on "${heading(form)}"`);
  return el as HTMLElement & { value: unknown; error: string };
}

export function heading(form: EfaForm): string {
  return form.shadowRoot!.querySelector('h2')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

export async function type(form: EfaForm, pointer: string, text: string): Promise<void> {
  field(form, pointer).focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Tab' });
}

/** A date in the day/month/year inputs, e.g. "27.3.1985". */
export async function date(form: EfaForm, pointer: string, dmy: string): Promise<void> {
  const [day, month, year] = dmy.split('.');
  field(form, pointer).focus();
  await sendKeys({ type: day! });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: month! });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: year! });
  await sendKeys({ press: 'Tab' });
}

/** The n-th option (0-based) of a radio group: Space on the first, arrows to the others. */
export async function radio(form: EfaForm, pointer: string, index: number): Promise<void> {
  field(form, pointer).focus();
  if (index === 0) await sendKeys({ press: 'Space' });
  for (let i = 0; i < index; i += 1) await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ press: 'Tab' });
}

/** A native select: typing the start of a label selects it, as in any browser. */
export async function select(form: EfaForm, pointer: string, label: string): Promise<void> {
  field(form, pointer).focus();
  await sendKeys({ type: label });
  await sendKeys({ press: 'Tab' });
}

/** A searchable code list: type, move into the list, pick. */
export async function combobox(form: EfaForm, pointer: string, query: string): Promise<void> {
  field(form, pointer).focus();
  await sendKeys({ type: query });
  await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ press: 'Enter' });
  await sendKeys({ press: 'Tab' });
}

export async function tick(form: EfaForm, pointer: string): Promise<void> {
  field(form, pointer).focus();
  await sendKeys({ press: 'Space' });
}

/**
 * "Weiter": expects the step to be accepted (no error summary) and returns the new heading. `byKeyboard`: as a
 * keyboard user reaches it, Tab from wherever focus is until the button has it, then Enter.
 */
export async function next(form: EfaForm, { byKeyboard = false } = {}): Promise<string> {
  const before = heading(form);
  const button = form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!;
  if (byKeyboard) await pressByKeyboard(form, button);
  else button.click();
  await form.updateComplete;
  const summary = form.shadowRoot!.querySelector('.error-summary');
  expect(summary?.textContent?.replace(/\s+/g, ' ').trim(), `errors on "${before}"`).to.equal(undefined);
  await waitUntil(() => heading(form) !== before, `leaves "${before}"`, { timeout: LOADING_MS });
  return heading(form);
}

/** Tab until `button` (in the form's shadow root) has focus, then Enter: what a keyboard user does. */
export async function pressByKeyboard(form: EfaForm, button: HTMLButtonElement): Promise<void> {
  for (let presses = 0; form.shadowRoot!.activeElement !== button; presses += 1) {
    expect(presses, `Tab reaches "${button.textContent!.trim()}" on "${heading(form)}"`).to.be.below(150);
    await sendKeys({ press: 'Tab' });
  }
  await sendKeys({ press: 'Enter' });
}
