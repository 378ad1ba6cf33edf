import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';
import type { EfaAufenthaltstitel } from '../components/efa-aufenthaltstitel/efa-aufenthaltstitel.js';

interface Args {
  lang: 'de' | 'en';
  route?: string;
}

/** Presses "Weiter" once, so the story opens on the route question. */
async function toRouteQuestion(canvas: HTMLElement): Promise<void> {
  const form = canvas.querySelector<EfaAufenthaltstitel>('efa-aufenthaltstitel')!;
  await form.updateComplete;
  form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
  await form.updateComplete;
}

const meta: Meta<Args> = {
  title: 'Services/Aufenthaltstitel',
  component: 'efa-aufenthaltstitel',
  args: { lang: 'de' },
  render: (args) =>
    html`<efa-aufenthaltstitel lang=${args.lang} route=${ifDefined(args.route)} authority="09999000" adapter="event"></efa-aufenthaltstitel>`,
};
export default meta;

type Story = StoryObj<Args>;

export const StartPage: Story = {};

/** Without a `route` attribute: why do you want to live in Germany, in plain words. */
export const RouteQuestion: Story = { play: ({ canvasElement }) => toRouteQuestion(canvasElement) };

export const RouteQuestionInEnglish: Story = { args: { lang: 'en' }, play: ({ canvasElement }) => toRouteQuestion(canvasElement) };

/** With `route="erwerbstaetigkeit"` the portal has chosen: the form goes on to the kind of work. */
export const EmploymentRoute: Story = { args: { route: 'erwerbstaetigkeit' }, play: ({ canvasElement }) => toRouteQuestion(canvasElement) };

/** The employer's route (§ 81a AufenthG): the purposes of the skilled worker, then who "Sie" is and the fee. */
export const AcceleratedProcedureRoute: Story = {
  args: { route: 'beschleunigtes-fachkraefteverfahren' },
  play: ({ canvasElement }) => toRouteQuestion(canvasElement),
};
