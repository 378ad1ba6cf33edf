import { expect, fixtureSync, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { setLocale } from '../../src/i18n/locale.js';
import { checkEveryPage, placeForm, type Service } from '../helpers/every-page.js';

/**
 * Host pages the form is placed on: a light one, and WordPress Twenty Twenty-Three's dark style "Pitch"
 * (background #202124, text #e8eaed), on which the form used to have dark text on near-black (issue 20).
 * The webmaster chooses the form's scheme with the token --efa-color-scheme (on the element or any ancestor).
 */
const HOST_PAGES = {
  light: { background: '#ffffff', color: '#1b1b1b' },
  dark: { background: '#202124', color: '#e8eaed' },
} as const;

/** Not `fixture()`: it waits for an animation frame, which a page in the background never gets. */
function column(page: keyof typeof HOST_PAGES): HTMLDivElement {
  const { background, color } = HOST_PAGES[page];
  return fixtureSync<HTMLDivElement>(html`<div style="background: ${background}; color: ${color}; padding: 24px"></div>`);
}

const surfaceOf = (form: HTMLElement) => getComputedStyle(form.shadowRoot!.querySelector('.form')!);

/** Every page of one service, with axe, on the light and on the dark host page (one test file per service: time). */
export function onLightAndDarkPages(service: Service): void {
  describe(`efa-${service} on light and dark host pages`, () => {
    after(() => setLocale('de'));

    for (const page of ['light', 'dark'] as const) {
      it(`with --efa-color-scheme: ${page} on a ${page} page: every page accessible, contrast included`, async function () {
        this.timeout(110_000);
        const host = column(page);
        const form = await placeForm(service, 'de', host);
        host.style.setProperty('--efa-color-scheme', page);
        await checkEveryPage(form, 'de', async () => {
          await expect(form).to.be.accessible();
        });
        expect(surfaceOf(form).backgroundColor).to.equal(page === 'dark' ? 'rgb(26, 26, 26)' : 'rgb(255, 255, 255)');
      });
    }
  });
}

/** Which default colours the form takes. */
export function colourSchemes(): void {
  describe('the colour scheme of the form', () => {
    after(() => emulateMedia({ colorScheme: 'light' }));

    it("follows the reader's prefers-color-scheme by default, and --efa-color-scheme overrides it", async () => {
      const host = column('dark');
      const form = await placeForm('verpflichtungserklaerung', 'de', host);
      await emulateMedia({ colorScheme: 'dark' });
      expect(surfaceOf(form).backgroundColor, 'dark preference').to.equal('rgb(26, 26, 26)');
      expect(surfaceOf(form).color).to.equal('rgb(242, 242, 242)');
      form.style.setProperty('--efa-color-scheme', 'light');
      expect(surfaceOf(form).backgroundColor, 'forced light').to.equal('rgb(255, 255, 255)');
      form.style.removeProperty('--efa-color-scheme');
      await emulateMedia({ colorScheme: 'light' });
      expect(surfaceOf(form).backgroundColor, 'light preference').to.equal('rgb(255, 255, 255)');
      form.style.setProperty('--efa-color-scheme', 'dark');
      expect(surfaceOf(form).backgroundColor, 'forced dark').to.equal('rgb(26, 26, 26)');
      await expect(form).to.be.accessible();
    });

    it('takes a token set on the element over both schemes', async () => {
      const host = column('light');
      const form = await placeForm('verpflichtungserklaerung', 'de', host);
      form.style.setProperty('--efa-color-background', '#fdf6e3');
      form.style.setProperty('--efa-color-scheme', 'dark');
      expect(surfaceOf(form).backgroundColor).to.equal('rgb(253, 246, 227)');
    });
  });
}
