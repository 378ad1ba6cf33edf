import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/efa-file-upload/efa-file-upload.js';
import { renderField, type FieldArgs } from './field-args.js';

interface Args extends FieldArgs<File[]> {
  multiple?: boolean;
}

/** A file of `size` bytes that starts like a real file of its type. */
function sample(name: string, type: string, head: number[], size: number): File {
  const bytes = new Uint8Array(size);
  bytes.set(head);
  return new File([bytes], name, { type });
}

const pass = sample('reisepass.pdf', 'application/pdf', [0x25, 0x50, 0x44, 0x46], 2_516_582);
const meldebescheinigung = sample('meldebescheinigung.jpg', 'image/jpeg', [0xff, 0xd8, 0xff], 831_488);

const meta: Meta<Args> = {
  title: 'Fields/File upload',
  component: 'efa-file-upload',
  args: { label: 'Reisepass' },
  render: (args) => renderField('efa-file-upload', args, { multiple: args.multiple ?? false }),
};
export default meta;

type Story = StoryObj<Args>;
const hint = 'Die Seite mit Ihrem Foto';
export const Empty: Story = {};
export const WithHint: Story = { args: { hint } };
export const WithError: Story = { args: { hint, error: 'Laden Sie eine Kopie Ihres Reisepasses hoch' } };
export const Filled: Story = { args: { hint, value: [pass] } };
export const Optional: Story = { args: { label: 'Weitere Nachweise', optional: true, multiple: true } };
export const Disabled: Story = { args: { value: [pass], disabled: true } };
export const TwoFiles: Story = {
  args: { label: 'Nachweise', hint: 'Sie können mehrere Dateien hochladen', multiple: true, value: [pass, meldebescheinigung] },
};
