import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/efa-text-field/efa-text-field.js';
import { renderField, type FieldArgs } from './field-args.js';

type Args = FieldArgs<string>;

const meta: Meta<Args> = {
  title: 'Fields/Text field',
  component: 'efa-text-field',
  args: { label: 'Familienname' },
  render: (args) => renderField('efa-text-field', args, { autocomplete: 'family-name' }),
};
export default meta;

type Story = StoryObj<Args>;
export const Empty: Story = {};
export const WithHint: Story = { args: { hint: 'So wie im Pass oder Personalausweis' } };
export const WithError: Story = { args: { hint: 'So wie im Pass oder Personalausweis', error: 'Geben Sie Ihren Familiennamen ein' } };
export const Filled: Story = { args: { value: 'Yılmaz' } };
export const Optional: Story = { args: { label: 'Telefonnummer', optional: true } };
export const Disabled: Story = { args: { value: 'Yılmaz', disabled: true } };
