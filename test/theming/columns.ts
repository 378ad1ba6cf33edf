import { expect, fixtureSync, html } from '@open-wc/testing';
import { setLocale } from '../../src/i18n/locale.js';
import { checkEveryPage, placeForm, type Service } from '../helpers/every-page.js';
import { brokenWords, horizontalOverflow } from '../helpers/layout-checks.js';

/** The columns a form meets in CMS themes at 320 px and below (issue 20: 254–272 px), and a full-width page. */
const COLUMNS = ['240px', '272px', '320px', '100%'];
/**
 * Where every word fits on its line whole (issue 18: at 320 px). In narrower columns some do not
 * ("Datenschutzaufsichtsbehörde" is 239 px wide in DejaVu Sans at 16 px, more in a notice's padding): a browser with
 * hyphenation data hyphenates them there (`hyphens: auto`), one without breaks them rather than scroll sideways.
 */
const WHOLE_WORD_COLUMNS = ['320px', '100%'];

/** Every page of one service in each column, in German and English (one test file per service: time). */
export function fitsNarrowColumns(service: Service): void {
  describe(`efa-${service} in narrow columns`, () => {
    after(() => setLocale('de'));

    for (const lang of ['de', 'en'] as const) {
      it(`fits every page in "${lang}" into columns of ${COLUMNS.join(', ')} without sideways scrolling or broken words`, async function () {
        this.timeout(110_000);
        const column = fixtureSync<HTMLDivElement>(html`<div style="inline-size: 240px"></div>`);
        const form = await placeForm(service, lang, column);
        await checkEveryPage(form, lang, (_form, page) => {
          for (const width of COLUMNS) {
            column.style.inlineSize = width;
            expect(horizontalOverflow(column, form), `${page} at ${width}`).to.deep.equal([]);
            if (WHOLE_WORD_COLUMNS.includes(width)) expect(brokenWords(form), `${page} at ${width}`).to.deep.equal([]);
          }
        });
      });
    }
  });
}
