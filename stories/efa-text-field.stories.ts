import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../components/efa-text-field/efa-text-field.js';
import type { FieldArgs } from './field-args.js';

type Args = FieldArgs<string>;

const meta: Meta<Args> = {
  title: 'Fields/Text field',
  component: 'efa-text-field',
  args: { label: 'Familienname' },
  render: (args) =>
    html`<efa-text-field
      label=${args.label}
      hint=${ifDefined(args.hint)}
      error=${ifDefined(args.error)}
      .value=${args.value}
      ?optional=${args.optional}
      ?disabled=${args.disabled}
      autocomplete="family-name"
    ></efa-text-field>`,
};
export default meta;

type Story = StoryObj<Args>;
export const Empty: Story = {};
export const WithHint: Story = { args: { hint: 'So wie im Pass oder Personalausweis' } };
export const WithError: Story = { args: { hint: 'So wie im Pass oder Personalausweis', error: 'Geben Sie Ihren Familiennamen ein' } };
export const Filled: Story = { args: { value: 'Yılmaz' } };
export const Optional: Story = { args: { label: 'Telefonnummer', optional: true } };
export const Disabled: Story = { args: { value: 'Yılmaz', disabled: true } };
