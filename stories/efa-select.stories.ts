import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/efa-select/efa-select.js';
import { renderField, type FieldArgs } from './field-args.js';

type Args = FieldArgs<string>;

const familienstand = [
  { value: 'LD', label: 'ledig' },
  { value: 'VH', label: 'verheiratet' },
  { value: 'LP', label: 'in eingetragener Lebenspartnerschaft' },
  { value: 'GS', label: 'geschieden' },
  { value: 'VW', label: 'verwitwet' },
];

const meta: Meta<Args> = {
  title: 'Fields/Select',
  component: 'efa-select',
  args: { label: 'Familienstand' },
  render: (args) => renderField('efa-select', args, { options: familienstand }),
};
export default meta;

type Story = StoryObj<Args>;
export const Empty: Story = {};
export const WithHint: Story = { args: { hint: 'Ihr Familienstand am Tag der Antragstellung' } };
export const WithError: Story = { args: { hint: 'Ihr Familienstand am Tag der Antragstellung', error: 'Wählen Sie Ihren Familienstand aus' } };
export const Filled: Story = { args: { value: 'VH' } };
export const Optional: Story = { args: { label: 'Familienstand des Gastes', optional: true } };
export const Disabled: Story = { args: { value: 'VH', disabled: true } };
