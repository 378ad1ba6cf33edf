import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../components/efa-radio-group/efa-radio-group.js';
import type { FieldArgs } from './field-args.js';

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
  render: (args) =>
    html`<efa-radio-group
      label=${args.label}
      hint=${ifDefined(args.hint)}
      error=${ifDefined(args.error)}
      .options=${args.inline ? janein : zweck}
      .value=${args.value}
      ?inline=${args.inline}
      ?optional=${args.optional}
      ?disabled=${args.disabled}
    ></efa-radio-group>`,
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
