import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../components/efa-textarea/efa-textarea.js';
import type { FieldArgs } from './field-args.js';

interface Args extends FieldArgs<string> {
  maxlength?: number;
}

const meta: Meta<Args> = {
  title: 'Fields/Textarea',
  component: 'efa-textarea',
  args: { label: 'Zweck des Besuchs', maxlength: 500 },
  render: (args) =>
    html`<efa-textarea
      label=${args.label}
      hint=${ifDefined(args.hint)}
      error=${ifDefined(args.error)}
      maxlength=${ifDefined(args.maxlength)}
      .value=${args.value}
      ?optional=${args.optional}
      ?disabled=${args.disabled}
    ></efa-textarea>`,
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
