/** The language switch inside the form, and the binding German text in every other language. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/efa-verpflichtungserklaerung/efa-verpflichtungserklaerung.js';
import type { EfaForm } from '../../components/efa-form/efa-form.js';
import { heading } from '../helpers/form-driver.js';
import { LOADING_MS } from '../helpers/timing.js';

function $(el: EfaForm, selector: string): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>(selector)!;
}

async function choose(el: EfaForm, locale: string): Promise<void> {
  const select = $(el, '#efa-language') as HTMLSelectElement;
  select.value = locale;
  select.dispatchEvent(new Event('change'));
  await waitUntil(() => $(el, '.form').getAttribute('lang') === locale, `the form speaks ${locale}`, { timeout: LOADING_MS });
  await el.updateComplete;
}

describe('efa-form: languages', () => {
  afterEach(() => document.documentElement.setAttribute('lang', 'de'));

  it('has no switch unless the portal offers languages', async () => {
    const el = await fixture<EfaForm>(html`<efa-verpflichtungserklaerung lang="de"></efa-verpflichtungserklaerung>`);
    expect(el.shadowRoot!.querySelector('#efa-language')).to.equal(null);
  });

  it('switches the form, not the page, naming each language in itself; the answers and the step stay', async () => {
    const el = await fixture<EfaForm>(html`<efa-verpflichtungserklaerung lang="de" languages="de en uk ar xx"></efa-verpflichtungserklaerung>`);
    const options = [...el.shadowRoot!.querySelectorAll<HTMLOptionElement>('#efa-language option')];
    expect(options.map((o) => [o.value, o.textContent!.trim(), o.lang])).to.deep.equal([
      ['de', 'Deutsch', 'de'],
      ['en', 'English', 'en'],
      ['uk', 'Українська', 'uk'],
      ['ar', 'العربية', 'ar'],
    ]);
    expect($(el, 'label[for="efa-language"]').textContent!.trim()).to.equal('Sprache');
    await expect(el).to.be.accessible();

    await choose(el, 'uk');
    expect(heading(el)).to.contain('Крок 1');
    expect(document.documentElement.lang, "the page's language is the page's").to.equal('de');
    expect($(el, '.form').getAttribute('lang')).to.equal('uk');
    expect($(el, '[aria-live="polite"]').textContent, 'the new title is said').to.contain('Крок 1');
    await expect(el).to.be.accessible();

    await choose(el, 'ar');
    expect($(el, '.form').getAttribute('dir')).to.equal('rtl');
    await expect(el).to.be.accessible();
  });

  it('says on a page of legal notices that the German text binds, shows it, and goes back', async () => {
    const el = await fixture<EfaForm>(html`<efa-verpflichtungserklaerung lang="en"></efa-verpflichtungserklaerung>`);
    await waitUntil(() => /Step 1/.test(heading(el)), 'English', { timeout: LOADING_MS });
    expect(el.shadowRoot!.querySelector('.binding'), 'the start page is no legal notice').to.equal(null);
    el.resumeAt('voraussetzungen', '');
    await el.updateComplete;
    const note = $(el, '.binding');
    expect(note.textContent).to.contain('The German text is legally binding');
    await expect(el).to.be.accessible();

    note.querySelector('button')!.click();
    await waitUntil(() => /Schritt 2/.test(heading(el)), 'German', { timeout: LOADING_MS });
    await el.updateComplete;
    expect(heading(el)).to.contain('Wer gibt die Erklärung ab?');
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'h2'));
    const back = $(el, '.binding button');
    expect(back.textContent!.trim()).to.equal('English');
    expect(back.lang).to.equal('en');
    await expect(el).to.be.accessible();

    back.click();
    await waitUntil(() => /Step 2/.test(heading(el)), 'English again', { timeout: LOADING_MS });
    await el.updateComplete;
    expect($(el, '.binding').textContent).to.contain('The German text is legally binding');
  });
});
