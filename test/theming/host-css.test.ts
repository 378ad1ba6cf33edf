import { expect, fixtureSync, html, waitUntil } from '@open-wc/testing';
import '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaVerpflichtungserklaerung } from '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import { heading, next } from '../helpers/form-driver.js';
import { validData } from '../helpers/submission.js';

/**
 * What CMS themes put on every page (issue 13): a global reset, a 62.5 % root font size, content-box sizing,
 * one font for everything, centred and spaced text.
 */
const HOSTILE_CSS = `
  html { font-size: 62.5%; }
  *, *::before, *::after { margin: 0; padding: 0; border: 0; box-sizing: content-box; }
  * { font: 30px serif; line-height: 1; letter-spacing: 0.1em; text-align: center; text-transform: uppercase; }
`;

function addPageStyle(css: string): HTMLStyleElement {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  return style;
}

/** Every element the form shows, through all its shadow trees: its box size and the font it is set in. */
function rendering(form: HTMLElement): string[] {
  const rows: string[] = [];
  const visit = (root: ShadowRoot) => {
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      const box = el.getBoundingClientRect();
      if (box.width > 0) {
        const style = getComputedStyle(el);
        rows.push(
          `${el.localName}.${el.className} ${box.width.toFixed(1)}×${box.height.toFixed(1)} ${style.fontSize} ${style.fontFamily} ${style.lineHeight} ${style.letterSpacing} ${style.textAlign} ${style.textTransform} ${style.boxSizing}`,
        );
      }
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(form.shadowRoot!);
  return rows;
}

/** The signer's step, with the family name left out so that it shows an error and the error summary. */
async function signerStepWithAnError(): Promise<EfaVerpflichtungserklaerung> {
  const { abgabeart: _chosenInTheForm, warnhinweisBestaetigt: _onItsOwnPage, ...prefill } = await validData();
  delete (prefill.erklaerender as { person: Record<string, unknown> }).person.familienname;
  const column = fixtureSync<HTMLDivElement>(
    html`<div style="inline-size: 600px"><efa-verpflichtungserklaerung .prefill=${prefill} adapter="event"></efa-verpflichtungserklaerung></div>`,
  );
  const form = column.firstElementChild as EfaVerpflichtungserklaerung;
  await waitUntil(() => heading(form) !== '', 'the first step');
  await next(form);
  await next(form);
  form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
  await waitUntil(() => form.shadowRoot!.querySelector('.error-summary'), 'the missing name is an error');
  return form;
}

describe('the form under a host page’s CSS', () => {
  let pageStyle: HTMLStyleElement | undefined;
  afterEach(() => {
    pageStyle?.remove();
    pageStyle = undefined;
  });

  it('looks the same under a hostile theme: sizes, fonts and text settings of every element unchanged', async () => {
    const form = await signerStepWithAnError();
    const neutral = rendering(form);
    expect(neutral.length).to.be.above(50);
    pageStyle = addPageStyle(HOSTILE_CSS);
    expect(getComputedStyle(form).fontFamily, 'the theme does reach the element itself').to.equal('serif');
    expect(rendering(form)).to.deep.equal(neutral);
    await expect(form).to.be.accessible();
  });

  it('has a base size independent of the root font size, and follows it when the integrator opts in with --efa-font-size: 1rem', async () => {
    const form = await signerStepWithAnError();
    const label = () => getComputedStyle(form.shadowRoot!.querySelector('efa-text-field')!.shadowRoot!.querySelector('label')!).fontSize;
    pageStyle = addPageStyle('html { font-size: 62.5%; }');
    expect(label()).to.equal('16px');
    form.style.setProperty('--efa-font-size', '1rem');
    expect(label()).to.equal('10px');
  });

  it("takes the site's font and text size with --efa-font-family and --efa-font-size: 1em", async () => {
    const form = await signerStepWithAnError();
    const page = form.parentElement!;
    page.style.font = '20px "DejaVu Serif", serif';
    const text = (selector: string) => getComputedStyle(form.shadowRoot!.querySelector('efa-text-field')!.shadowRoot!.querySelector(selector)!);
    expect(text('label').fontSize, 'by default the form keeps its own size').to.equal('16px');
    form.style.setProperty('--efa-font-family', 'inherit');
    expect(text('label').fontFamily, 'a custom property cannot carry "inherit": it falls back to the default stack').to.contain('system-ui');
    form.style.setProperty('--efa-font-family', '"DejaVu Serif", serif');
    form.style.setProperty('--efa-font-size', '1em');
    expect(text('label').fontFamily).to.equal('"DejaVu Serif", serif');
    expect(text('input').fontFamily).to.equal('"DejaVu Serif", serif');
    expect(text('label').fontSize).to.equal('20px');
    const h2 = getComputedStyle(form.shadowRoot!.querySelector('h2')!);
    expect(h2.fontSize, 'headings scale with it (1.25em in a column under 30em)').to.equal('25px');
    expect(h2.fontFamily).to.equal('"DejaVu Serif", serif');
    await expect(form).to.be.accessible();
  });

  it('lets the page style every documented part from outside, the field parts included', async () => {
    const form = await signerStepWithAnError();
    const parts = ['form', 'progress', 'error-summary', 'button', 'primary-button', 'label', 'hint', 'error', 'input'];
    pageStyle = addPageStyle(parts.map((part, i) => `efa-verpflichtungserklaerung::part(${part}) { outline: 1px dotted rgb(${i + 1}, 2, 3); }`).join('\n'));
    const styled = (part: string) => {
      const found: Element[] = [];
      const visit = (root: ShadowRoot) => {
        found.push(...root.querySelectorAll(`[part~="${part}"]`));
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
      };
      visit(form.shadowRoot!);
      return found.map((el) => getComputedStyle(el).outlineColor);
    };
    parts.forEach((part, i) => {
      const colours = styled(part);
      expect(colours.length, `some element is part "${part}"`).to.be.above(0);
      // "button" also matches the primary button, whose own rule comes later
      expect(colours.filter((c) => c === `rgb(${i + 1}, 2, 3)`).length, `::part(${part})`).to.be.above(0);
      if (part !== 'button') expect(new Set(colours), `every "${part}"`).to.deep.equal(new Set([`rgb(${i + 1}, 2, 3)`]));
    });
  });
});
