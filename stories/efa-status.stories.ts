import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/efa-status/efa-status.js';

interface Args {
  lang: 'de' | 'en';
  reference: string;
}

/**
 * The sign-in to a case, as a portal's "my application" page shows it. The case itself needs a receiver with
 * a submission (`npm start`, page „Mein Antrag“).
 */
const meta: Meta<Args> = {
  title: 'Services/Status',
  component: 'efa-status',
  args: { lang: 'de', reference: '' },
  render: (args) => html`<efa-status lang=${args.lang} reference=${args.reference} endpoint="/api"></efa-status>`,
};
export default meta;

type Story = StoryObj<Args>;

export const SignIn: Story = {};

/** With the reference from a link in the receipt: only the access code is left to type. */
export const WithReference: Story = { args: { reference: 'VE-2026-4F7K2Q' } };

export const InEnglish: Story = { args: { lang: 'en' } };
