import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaVerpflichtungserklaerung } from '../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaSubmitDetail } from '../src/adapters/event.js';
import einfach from '../test/fixtures/verpflichtungserklaerung/valid/einfach.json' with { type: 'json' };

interface Args {
  lang: 'de' | 'en';
  prefill?: Record<string, unknown>;
}

/** Presses the shell's primary button `times` times, letting it render in between. */
async function continueTimes(canvas: HTMLElement, times: number): Promise<void> {
  const form = canvas.querySelector<EfaVerpflichtungserklaerung>('efa-verpflichtungserklaerung')!;
  for (let i = 0; i < times; i += 1) {
    await form.updateComplete;
    form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
  }
  await form.updateComplete;
}

const meta: Meta<Args> = {
  title: 'Services/Verpflichtungserklärung',
  component: 'efa-verpflichtungserklaerung',
  args: { lang: 'de' },
  render: (args) =>
    html`<efa-verpflichtungserklaerung
      lang=${args.lang}
      authority="09999000"
      adapter="event"
      .prefill=${args.prefill}
      @efa-submit=${(e: CustomEvent<EfaSubmitDetail>) => e.detail.respondWith?.(Promise.resolve({ reference: 'VE-2026-STORY2' }))}
    ></efa-verpflichtungserklaerung>`,
};
export default meta;

type Story = StoryObj<Args>;

/** The start page: what you need, the fee, the liability, data protection. */
export const StartPage: Story = {};

export const InEnglish: Story = { args: { lang: 'en' } };

/** "Weiter" on an empty step: the error summary takes focus and links to each field. */
export const ErrorSummary: Story = { play: ({ canvasElement }) => continueTimes(canvasElement, 2) };

/** The check-your-answers page, with change links that name what they change. */
export const Review: Story = {
  args: { prefill: einfach },
  play: ({ canvasElement }) => continueTimes(canvasElement, 8),
};

/** After the review: the warning against hasty submission (§ 68 Abs. 2 Satz 2 AufenthG), to be confirmed before sending. */
export const WarningBeforeSending: Story = {
  args: { prefill: einfach },
  play: ({ canvasElement }) => continueTimes(canvasElement, 9),
};

/** The confirmation with the reference, what happens next and the printable summary. */
export const Confirmation: Story = {
  args: { prefill: einfach },
  play: async ({ canvasElement }) => {
    await continueTimes(canvasElement, 9);
    // The warning is confirmed on its page each time, never taken from the answers.
    const form = canvasElement.querySelector<EfaVerpflichtungserklaerung>('efa-verpflichtungserklaerung')!;
    form.shadowRoot!.querySelector('efa-consent')!.shadowRoot!.querySelector<HTMLInputElement>('input')!.click();
    await continueTimes(canvasElement, 1);
  },
};
