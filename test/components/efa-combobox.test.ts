import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import staatsangehoerigkeit from '../../src/codelists/staatsangehoerigkeit.json' with { type: 'json' };
import '../../components/efa-combobox/efa-combobox.js';
import type { ComboboxOption, EfaCombobox } from '../../components/efa-combobox/efa-combobox.js';
import { runFieldConformance } from '../helpers/field-conformance.js';

const nationalities: ComboboxOption[] = staatsangehoerigkeit.values.map(({ code, label }) => ({ value: code, label }));

function input(el: EfaCombobox): HTMLInputElement {
  return el.shadowRoot!.querySelector('input')!;
}

/** An option's label, without the decorative check mark of the chosen one. */
function labelOf(option: Element): string {
  return [...option.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join('').trim();
}

function optionTexts(el: EfaCombobox): string[] {
  return [...el.shadowRoot!.querySelectorAll('[role="option"]')].map(labelOf);
}

function statusText(el: EfaCombobox): string {
  return el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
}

/** The field with a button after it, somewhere for Tab to go. */
async function field(value?: string): Promise<EfaCombobox> {
  const el = await fixture<EfaCombobox>(
    html`<efa-combobox label="Staatsangehörigkeit" hint="Wie im Pass" .options=${nationalities} .value=${value}></efa-combobox>`,
  );
  const next = document.createElement('button');
  next.textContent = 'weiter';
  el.after(next);
  return el;
}

async function type(el: EfaCombobox, text: string): Promise<void> {
  el.focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

async function press(el: EfaCombobox, key: string): Promise<void> {
  await sendKeys({ press: key });
  await el.updateComplete;
}

describe('efa-combobox', () => {
  runFieldConformance('efa-combobox', {
    props: { options: nationalities },
    value: '163',
    shows: (el) => input(el).value,
    showsValue: 'Türkei',
    keepsTextWhenUnset: true,
    entries: ['163'],
    userFills: async (el) => {
      await type(el, 'Türk');
      await press(el, 'ArrowDown');
      await press(el, 'Enter');
    },
    filledValue: '163',
    restoredValue: '163',
    autocomplete: 'off',
  });

  afterEach(() => resetMouse());

  it('is a combobox with a listbox popup', async () => {
    const el = await field();
    const control = input(el);
    expect(control.labels?.[0]?.textContent?.trim()).to.equal('Staatsangehörigkeit');
    expect(control.getAttribute('role')).to.equal('combobox');
    expect(control.getAttribute('aria-autocomplete')).to.equal('list');
    expect(control.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.getElementById(control.getAttribute('aria-controls')!)!.getAttribute('role')).to.equal('listbox');
    expect(control.getAttribute('aria-describedby')).to.equal('hint');
    expect(control.getAttribute('aria-invalid')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('shows the label of a value set from outside', async () => {
    const el = await field('000');
    expect(input(el).value).to.equal('Deutschland');
    el.value = '163';
    await el.updateComplete;
    expect(input(el).value).to.equal('Türkei');
  });

  it('filters ignoring case and accents, word starts first', async () => {
    const el = await field();
    await type(el, 'GUINEA');
    expect(optionTexts(el)).to.deep.equal(['Guinea', 'Guinea-Bissau', 'Äquatorialguinea', 'Papua-Neuguinea']);
    expect(input(el).getAttribute('aria-expanded')).to.equal('true');

    input(el).select();
    await type(el, 'republik');
    expect(optionTexts(el)).to.deep.equal([
      'Dominikanische Republik',
      'Kongo, Demokratische Republik',
      'Korea, Republik',
      'Zentralafrikanische Republik',
      'Jugoslawien, Bundesrepublik',
      'Korea, Demokratische Volksrepublik',
    ]);

    input(el).select();
    await type(el, 'turkei');
    expect(optionTexts(el)).to.deep.equal(['Türkei']);

    input(el).select();
    await type(el, 'weiss');
    expect(optionTexts(el)).to.deep.equal(['Weißrussland']);
  });

  it('finds options by their keywords', async () => {
    const el = await fixture<EfaCombobox>(
      html`<efa-combobox
        label="Staat"
        .options=${[
          { value: '168', label: 'Vereinigtes Königreich', keywords: ['Großbritannien', 'UK'] },
          { value: '170', label: 'Ungarn' },
        ]}
      ></efa-combobox>`,
    );
    await type(el, 'grossbr');
    expect(optionTexts(el)).to.deep.equal(['Vereinigtes Königreich']);
  });

  it('shows at most 50 rows and says that more match', async () => {
    const el = await field();
    el.focus();
    await press(el, 'ArrowDown');
    expect(optionTexts(el)).to.have.length(50);
    expect(optionTexts(el)[0]).to.equal('Afghanistan');
    expect(el.shadowRoot!.querySelector('[part="note"]')!.textContent!.trim()).to.equal(
      '50 von 211 Ergebnissen werden angezeigt. Geben Sie weitere Buchstaben ein, um die Liste einzugrenzen.',
    );
  });

  it('announces the number of results once typing settles', async () => {
    const el = await field();
    await type(el, 'deu');
    expect(statusText(el), 'not while typing').to.equal('');
    await waitUntil(() => statusText(el) === '1 Ergebnis', 'one result', { timeout: 3000 });

    await type(el, 'x');
    await waitUntil(() => statusText(el) === 'Keine Ergebnisse – prüfen Sie die Schreibweise', 'no result', { timeout: 3000 });
    expect(el.shadowRoot!.querySelector('[part="note"]')!.textContent!.trim()).to.equal(
      'Keine Ergebnisse – prüfen Sie die Schreibweise',
    );
    expect(input(el).getAttribute('aria-expanded'), 'an empty list is not expanded').to.equal('false');

    input(el).select();
    await type(el, 'ko');
    await waitUntil(() => statusText(el) === '12 Ergebnisse', `12 results, got "${statusText(el)}"`, { timeout: 3000 });
  });

  it('moves with the arrow keys and picks with Enter', async () => {
    const el = await field();
    await type(el, 'guinea');
    const inputs: Array<string | undefined> = [];
    el.addEventListener('input', () => inputs.push(el.value));
    const control = input(el);
    expect(control.hasAttribute('aria-activedescendant'), 'no automatic selection').to.equal(false);

    await press(el, 'ArrowDown');
    await press(el, 'ArrowDown');
    const active = el.shadowRoot!.getElementById(control.getAttribute('aria-activedescendant')!)!;
    expect(active.textContent!.trim()).to.equal('Guinea-Bissau');
    expect(active.getAttribute('aria-selected')).to.equal('true');

    await press(el, 'ArrowUp');
    await press(el, 'ArrowUp');
    expect(el.shadowRoot!.getElementById(control.getAttribute('aria-activedescendant')!)!.textContent!.trim(), 'wraps').to.equal(
      'Papua-Neuguinea',
    );

    await press(el, 'Enter');
    expect(el.value).to.equal('538');
    expect(control.value).to.equal('Papua-Neuguinea');
    expect(control.getAttribute('aria-expanded')).to.equal('false');
    expect(inputs).to.deep.equal(['538']);
  });

  it('opens on ArrowUp with the chosen option highlighted and marked', async () => {
    const el = await field('277');
    el.focus();
    await press(el, 'ArrowUp');
    const control = input(el);
    expect(control.getAttribute('aria-expanded')).to.equal('true');
    expect(optionTexts(el)).to.deep.equal(['Sudan', 'Sudan (einschließlich Südsudan)', 'Südsudan']);
    const active = el.shadowRoot!.getElementById(control.getAttribute('aria-activedescendant')!)!;
    expect(labelOf(active), 'the chosen one, not the last').to.equal('Sudan');
    expect(active.querySelector('[aria-hidden="true"]')!.textContent).to.equal('✓');
    await expect(el).to.be.accessible();
  });

  it('moves the caret with Home and End, leaving the list', async () => {
    const el = await field();
    await type(el, 'fra');
    await press(el, 'ArrowDown');
    expect(input(el).hasAttribute('aria-activedescendant')).to.equal(true);
    await press(el, 'Home');
    expect(input(el).hasAttribute('aria-activedescendant')).to.equal(false);
    expect(input(el).selectionStart).to.equal(0);
    await press(el, 'End');
    expect(input(el).selectionStart).to.equal(3);
  });

  it('closes on Escape and clears the text on a second Escape', async () => {
    const el = await field();
    await type(el, 'fra');
    await press(el, 'Escape');
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(input(el).value, 'first Escape keeps the text').to.equal('fra');
    await press(el, 'Escape');
    expect(input(el).value).to.equal('');
  });

  it('reports a cleared choice when Escape empties a picked value', async () => {
    const el = await field('000');
    el.focus();
    const reported = oneEvent(el, 'input');
    await press(el, 'Escape');
    await reported;
    expect(el.value).to.equal(undefined);
    expect(input(el).value).to.equal('');
  });

  it('picks the option whose label was typed exactly when the user tabs away', async () => {
    const el = await field();
    let changes = 0;
    el.addEventListener('change', () => (changes += 1));
    await type(el, 'deutschland');
    expect(el.value).to.equal(undefined);
    await press(el, 'Tab');
    expect(el.value).to.equal('000');
    expect(input(el).value, 'shows the label as written in the list').to.equal('Deutschland');
    expect(changes).to.equal(1);
  });

  it('keeps text that matches no option, reports undefined and lets the form validate', async () => {
    const el = await field();
    let changes = 0;
    el.addEventListener('change', () => (changes += 1));
    await type(el, 'Deutsch');
    await press(el, 'Tab');
    expect(el.value).to.equal(undefined);
    expect(input(el).value).to.equal('Deutsch');
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(changes, 'change on leaving, so the form asks to choose from the list').to.equal(1);
  });

  it('invalidates a picked value as soon as its text is edited, and keeps that text', async () => {
    const el = await field('000');
    el.focus();
    await press(el, 'End');
    const reported = oneEvent(el, 'input');
    await press(el, 'Backspace');
    await reported;
    expect(el.value).to.equal(undefined);
    // The form echoes the value back, one-way; the typed text stays.
    el.value = undefined;
    await el.updateComplete;
    expect(input(el).value).to.equal('Deutschlan');
  });

  it('picks with the mouse and keeps focus in the input', async () => {
    const el = await field();
    await type(el, 'öster');
    const option = el.shadowRoot!.querySelector<HTMLElement>('[role="option"]')!;
    const box = option.getBoundingClientRect();
    const reported = oneEvent(el, 'input');
    await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    await reported;
    await el.updateComplete;
    expect(el.value).to.equal('151');
    expect(input(el).value).to.equal('Österreich');
    expect(el.shadowRoot!.activeElement?.id).to.equal('control');
  });

  it('is accessible with the popup open and an option highlighted', async () => {
    const el = await field();
    await type(el, 'ko');
    await press(el, 'ArrowDown');
    expect(input(el).getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('cannot be used while disabled', async () => {
    const el = await fixture<EfaCombobox>(html`<efa-combobox label="Staat" disabled .options=${nationalities} .value=${'000'}></efa-combobox>`);
    expect(input(el).disabled).to.equal(true);
    expect(input(el).value).to.equal('Deutschland');
  });
});
