import type { Meta, StoryObj } from '@storybook/web-components-vite';
import staatsangehoerigkeit from '../src/codelists/staatsangehoerigkeit.json' with { type: 'json' };
import '../components/efa-combobox/efa-combobox.js';
import { renderField, type FieldArgs } from './field-args.js';

type Args = FieldArgs<string>;

const nationalities = staatsangehoerigkeit.values.map(({ code, label }) => ({ value: code, label }));

const meta: Meta<Args> = {
  title: 'Fields/Combobox',
  component: 'efa-combobox',
  args: { label: 'Staatsangehörigkeit' },
  render: (args) => renderField('efa-combobox', args, { options: nationalities }),
};
export default meta;

type Story = StoryObj<Args>;
export const Empty: Story = {};
export const WithHint: Story = { args: { hint: 'Wie in Ihrem Pass. Geben Sie die ersten Buchstaben ein.' } };
export const WithError: Story = {
  args: { hint: 'Wie in Ihrem Pass. Geben Sie die ersten Buchstaben ein.', error: 'Wählen Sie Ihre Staatsangehörigkeit aus der Liste aus' },
};
export const Filled: Story = { args: { value: '163' } };
export const Optional: Story = { args: { label: 'Weitere Staatsangehörigkeit', optional: true } };
export const Disabled: Story = { args: { value: '163', disabled: true } };
/** The list open after typing "ko": word starts first, the second option highlighted as by ArrowDown twice. */
export const OpenWithQuery: Story = {
  play: async ({ canvasElement }) => {
    const field = canvasElement.querySelector('efa-combobox')!;
    await field.updateComplete;
    const input = field.shadowRoot!.querySelector('input')!;
    input.focus();
    input.value = 'ko';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    for (let presses = 0; presses < 2; presses += 1) {
      await field.updateComplete;
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    }
  },
};
