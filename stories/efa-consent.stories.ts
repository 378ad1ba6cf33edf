import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/efa-consent/efa-consent.js';
import { renderField, type FieldArgs } from './field-args.js';

type Args = FieldArgs<boolean>;

const meta: Meta<Args> = {
  title: 'Fields/Consent',
  component: 'efa-consent',
  args: {
    label:
      'Ich habe zur Kenntnis genommen, dass ich für die Kosten des Lebensunterhalts meines Gastes aufkommen muss, auch für Kosten bei Krankheit.',
  },
  render: (args) => renderField('efa-consent', args),
};
export default meta;

type Story = StoryObj<Args>;
export const Empty: Story = {};
export const WithHint: Story = { args: { hint: 'Die Verpflichtung gilt fünf Jahre ab der Einreise Ihres Gastes (§ 68 Abs. 1 Aufenthaltsgesetz).' } };
export const WithError: Story = {
  args: { error: 'Bestätigen Sie, dass Sie den Hinweis zur Kenntnis genommen haben' },
};
export const Filled: Story = { args: { value: true } };
export const Optional: Story = { args: { label: 'Ich möchte über den Stand meines Antrags per E-Mail informiert werden.', optional: true } };
export const Disabled: Story = { args: { value: true, disabled: true } };
