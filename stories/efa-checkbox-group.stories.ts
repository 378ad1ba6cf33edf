import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/efa-checkbox-group/efa-checkbox-group.js';
import { renderField, type FieldArgs } from './field-args.js';

type Args = FieldArgs<string[]>;

const nachweise = [
  { value: 'lohn', label: 'Lohn- oder Gehaltsabrechnungen', hint: 'Der letzten drei Monate' },
  { value: 'rente', label: 'Rentenbescheid' },
  { value: 'steuer', label: 'Einkommensteuerbescheid' },
];

const meta: Meta<Args> = {
  title: 'Fields/Checkbox group',
  component: 'efa-checkbox-group',
  args: { label: 'Welche Nachweise über Ihr Einkommen legen Sie vor?' },
  render: (args) => renderField('efa-checkbox-group', args, { options: nachweise }),
};
export default meta;

type Story = StoryObj<Args>;
export const Empty: Story = {};
export const WithHint: Story = { args: { hint: 'Wählen Sie alle zutreffenden aus' } };
export const WithError: Story = { args: { hint: 'Wählen Sie alle zutreffenden aus', error: 'Wählen Sie mindestens einen Nachweis aus' } };
export const Filled: Story = { args: { value: ['lohn', 'steuer'] } };
export const Optional: Story = { args: { label: 'Welche weiteren Nachweise legen Sie vor?', optional: true } };
export const Disabled: Story = { args: { value: ['lohn'], disabled: true } };
