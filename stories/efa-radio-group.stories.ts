import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/efa-radio-group/efa-radio-group.js';
import { renderField, type FieldArgs } from './field-args.js';

interface Args extends FieldArgs<string> {
  inline?: boolean;
}

const zweck = [
  { value: 'besuch', label: 'Besuch von Familie oder Freunden', hint: 'Aufenthalt bis zu 90 Tage' },
  { value: 'geschaeft', label: 'Geschäftsreise' },
  { value: 'sonstiges', label: 'Anderer Zweck' },
];
const janein = [
  { value: 'ja', label: 'Ja' },
  { value: 'nein', label: 'Nein' },
];

const meta: Meta<Args> = {
  title: 'Fields/Radio group',
  component: 'efa-radio-group',
  args: { label: 'Zweck der Reise' },
  render: (args) => renderField('efa-radio-group', args, { options: args.inline ? janein : zweck, inline: args.inline ?? false }),
};
export default meta;

type Story = StoryObj<Args>;
export const Empty: Story = {};
export const WithHint: Story = { args: { hint: 'Wählen Sie den Hauptzweck aus' } };
export const WithError: Story = { args: { hint: 'Wählen Sie den Hauptzweck aus', error: 'Wählen Sie den Zweck der Reise aus' } };
export const Filled: Story = { args: { value: 'besuch' } };
export const Inline: Story = { args: { label: 'Waren Sie schon einmal in Deutschland?', inline: true, value: 'nein' } };
export const Optional: Story = { args: { optional: true } };
export const Disabled: Story = { args: { value: 'besuch', disabled: true } };
