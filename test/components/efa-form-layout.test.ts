import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaVerpflichtungserklaerung } from '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import { next, radio } from '../helpers/form-driver.js';
import { overflowing } from '../helpers/layout-checks.js';

async function signerStep(form: EfaVerpflichtungserklaerung): Promise<void> {
  await next(form);
  await radio(form, '/erklaerender/art', 0);
  await radio(form, '/bezugSozialleistungen', 1);
  await next(form);
}

describe('efa-verpflichtungserklaerung layout', () => {
  after(async () => {
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ forcedColors: 'none' });
  });

  it('fits a 320 CSS px screen without sideways scrolling (start page and the longest step)', async () => {
    await setViewport({ width: 320, height: 640 });
    const form = await fixture<EfaVerpflichtungserklaerung>(html`<efa-verpflichtungserklaerung adapter="event"></efa-verpflichtungserklaerung>`);
    expect(overflowing(form)).to.deep.equal([]);
    await signerStep(form);
    expect(overflowing(form)).to.deep.equal([]);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
  });

  it('lays out right to left with logical properties', async () => {
    await setViewport({ width: 320, height: 640 });
    const form = await fixture<EfaVerpflichtungserklaerung>(html`<efa-verpflichtungserklaerung dir="rtl" adapter="event"></efa-verpflichtungserklaerung>`);
    await signerStep(form);
    expect(overflowing(form)).to.deep.equal([]);
    const label = form.shadowRoot!.getElementById('f-erklaerender-person-familienname')!.shadowRoot!.querySelector('label')!;
    const formBox = form.getBoundingClientRect();
    expect(formBox.right - label.getBoundingClientRect().right, 'labels start at the right edge').to.be.lessThan(24);
  });

  it('stays accessible in forced-colors mode', async () => {
    await emulateMedia({ forcedColors: 'active' });
    const form = await fixture<EfaVerpflichtungserklaerung>(html`<efa-verpflichtungserklaerung adapter="event"></efa-verpflichtungserklaerung>`);
    await signerStep(form);
    form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
    await form.updateComplete;
    const summary = form.shadowRoot!.querySelector<HTMLElement>('.error-summary')!;
    expect(getComputedStyle(summary).borderTopStyle, 'the summary keeps a visible border').to.not.equal('none');
    await expect(form).to.be.accessible();
  });
});
