import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/efa-date-field/efa-date-field.js';
import { renderField, type FieldArgs } from './field-args.js';

type Args = FieldArgs<string>;

const meta: Meta<Args> = {
  title: 'Fields/Date field',
  component: 'efa-date-field',
  args: { label: 'Geburtsdatum' },
  render: (args) => renderField('efa-date-field', args, { autocomplete: 'bday' }),
};
export default meta;

type Story = StoryObj<Args>;
export const Empty: Story = {};
export const WithHint: Story = { args: { hint: 'Zum Beispiel 27 3 1985' } };
export const WithError: Story = { args: { hint: 'Zum Beispiel 27 3 1985', error: 'Geben Sie Ihr Geburtsdatum ein', value: '1985--27' } };
export const Filled: Story = { args: { value: '1985-03-27' } };
export const Optional: Story = { args: { label: 'Datum der Einreise', optional: true } };
export const Disabled: Story = { args: { value: '1985-03-27', disabled: true } };
