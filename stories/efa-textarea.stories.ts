import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/efa-textarea/efa-textarea.js';
import { renderField, type FieldArgs } from './field-args.js';

interface Args extends FieldArgs<string> {
  maxlength?: number;
}

const meta: Meta<Args> = {
  title: 'Fields/Textarea',
  component: 'efa-textarea',
  args: { label: 'Zweck des Besuchs', maxlength: 500 },
  render: (args) => renderField('efa-textarea', args, { maxlength: args.maxlength }),
};
export default meta;

type Story = StoryObj<Args>;
export const Empty: Story = {};
export const WithHint: Story = { args: { hint: 'Zum Beispiel Familienbesuch, Hochzeit oder Urlaub' } };
export const WithError: Story = {
  args: { hint: 'Zum Beispiel Familienbesuch, Hochzeit oder Urlaub', error: 'Geben Sie den Zweck des Besuchs ein' },
};
export const Filled: Story = { args: { value: 'Meine Schwester besucht uns zur Geburt unseres zweiten Kindes.' } };
export const OverTheLimit: Story = { args: { maxlength: 40, value: 'Meine Schwester besucht uns zur Geburt unseres zweiten Kindes.' } };
export const Optional: Story = { args: { label: 'Anmerkungen', optional: true, maxlength: undefined } };
export const Disabled: Story = { args: { value: 'Familienbesuch', disabled: true } };
