import { expect, waitUntil } from '@open-wc/testing';
import { render, type LitElement } from 'lit';
import * as amountField from '../../stories/efa-amount-field.stories.js';
import * as aufenthaltstitel from '../../stories/efa-aufenthaltstitel.stories.js';
import * as checkboxGroup from '../../stories/efa-checkbox-group.stories.js';
import * as combobox from '../../stories/efa-combobox.stories.js';
import * as consent from '../../stories/efa-consent.stories.js';
import * as dateField from '../../stories/efa-date-field.stories.js';
import * as fileUpload from '../../stories/efa-file-upload.stories.js';
import * as radioGroup from '../../stories/efa-radio-group.stories.js';
import * as select from '../../stories/efa-select.stories.js';
import * as status from '../../stories/efa-status.stories.js';
import * as textField from '../../stories/efa-text-field.stories.js';
import * as textarea from '../../stories/efa-textarea.stories.js';
import * as verpflichtungserklaerung from '../../stories/efa-verpflichtungserklaerung.stories.js';

/** The part of a Storybook story this test uses (Component Story Format). */
interface Story {
  args?: Record<string, unknown>;
  render?: (args: Record<string, unknown>) => unknown;
  play?: (context: { canvasElement: HTMLElement }) => Promise<void> | void;
}
interface StoryModule {
  default: Story & { title: string };
  [name: string]: Story;
}

// Every file in stories/ with stories in it.
const modules = [
  amountField,
  aufenthaltstitel,
  checkboxGroup,
  combobox,
  consent,
  dateField,
  fileUpload,
  radioGroup,
  select,
  status,
  textField,
  textarea,
  verpflichtungserklaerung,
] as unknown as StoryModule[];

/** Until every custom element in `root` (and in their shadow roots) has rendered. */
async function settled(root: ParentNode): Promise<void> {
  for (const element of root.querySelectorAll<LitElement>('*')) {
    if (!element.localName.includes('-')) continue;
    await customElements.whenDefined(element.localName);
    await element.updateComplete;
    if (element.shadowRoot) await settled(element.shadowRoot);
  }
}

/** A service element is ready once its first step shows its heading instead of the loading note. */
async function ready(canvas: HTMLElement): Promise<void> {
  const service = canvas.querySelector('efa-verpflichtungserklaerung, efa-aufenthaltstitel');
  if (service) await waitUntil(() => service.shadowRoot?.querySelector('form h2'), `${service.localName} shows its first step`, { timeout: 8000 });
  await settled(canvas);
}

// Stories are fixtures: each one, as Storybook would show it, must pass axe.
for (const { default: meta, ...stories } of modules) {
  describe(`stories: ${meta.title}`, () => {
    let canvas: HTMLElement;
    beforeEach(() => {
      canvas = document.body.appendChild(document.createElement('div'));
    });
    afterEach(() => canvas.remove());

    for (const [name, story] of Object.entries(stories)) {
      it(`${name} is accessible`, async () => {
        const args = { ...meta.args, ...story.args };
        render((story.render ?? meta.render)!(args), canvas);
        await ready(canvas);
        if (story.play) {
          await story.play({ canvasElement: canvas });
          await settled(canvas);
        }
        expect(canvas.children.length, 'the story rendered something').to.be.greaterThan(0);
        await expect(canvas).to.be.accessible();
      });
    }
  });
}
