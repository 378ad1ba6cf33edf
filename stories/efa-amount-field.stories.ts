import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/efa-amount-field/efa-amount-field.js';
import { renderField, type FieldArgs } from './field-args.js';

type Args = FieldArgs<string>;

const meta: Meta<Args> = {
  title: 'Fields/Amount field',
  component: 'efa-amount-field',
  args: { label: 'Monatliches Nettoeinkommen' },
  render: (args) => renderField('efa-amount-field', args),
};
export default meta;

type Story = StoryObj<Args>;
export const Empty: Story = {};
export const WithHint: Story = { args: { hint: 'Der Betrag, der nach Steuern und Sozialabgaben auf Ihr Konto kommt' } };
export const WithError: Story = {
  args: { value: 'zwölfhundert', error: 'Geben Sie den Betrag in Ziffern ein, zum Beispiel 1.250,50' },
};
export const Filled: Story = { args: { value: '2450.80' } };
export const Optional: Story = { args: { label: 'Weitere Einkünfte', optional: true } };
export const Disabled: Story = { args: { value: '2450.80', disabled: true } };
