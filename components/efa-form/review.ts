import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { Receipt } from '../../src/adapters/adapter.js';
import type { ContentBlock } from '../../src/engine/definition.js';
import type { FormEngine } from '../../src/engine/form-engine.js';
import { summarize } from '../../src/engine/summary.js';
import { fieldsIn } from '../../src/engine/tree.js';
import { getLocale, setLocale, textDirection } from '../../src/i18n/locale.js';
import { renderBlocks } from './content-blocks.js';

/** The check-your-answers page: the answers with "Ändern", then sending (or the way on to a confirmation step). */
export function renderReviewPage(page: {
  engine: FormEngine;
  heading: TemplateResult;
  change: (stepId: string, fieldId: string) => void;
  toConfirmation: (stepId: string) => void;
  back: () => void;
  sendControls: () => TemplateResult;
}): TemplateResult {
  const confirmation = page.engine.visibleSteps().find((s) => s.confirmation);
  return html`<div class="review" part="review">
    ${page.heading}
    <p>${msg('Bitte prüfen Sie alles, bevor Sie es absenden. Mit „Ändern“ kommen Sie zur jeweiligen Angabe.')}</p>
    ${renderReviewSections(page.engine, { change: page.change })}
    ${confirmation
      ? html`<div class="actions">
          <button type="button" class="primary" part="button primary-button" @click=${() => page.toConfirmation(confirmation.id)}>
            ${msg('Weiter')}
          </button>
          <button type="button" class="secondary" part="button" @click=${page.back}>${msg('Zurück')}</button>
        </div>`
      : page.sendControls()}
  </div>`;
}

/** After sending: the reference, what happens next, and the summary to print. */
export function renderConfirmationPage(page: {
  engine: FormEngine;
  receipt: Receipt;
  nextSteps: readonly ContentBlock[];
  print: () => void;
  alongside: Alongside | undefined;
  /** Paying the fee (payment.ts), or nothing. */
  payment: TemplateResult | typeof nothing;
}): TemplateResult {
  return html`<div class="confirmation" part="confirmation">
    <div class="panel">
      <h2 tabindex="-1">${msg('Ihre Angaben wurden übermittelt')}</h2>
      <p>${msg('Ihre Vorgangsnummer')}<br /><strong class="reference">${page.receipt.reference}</strong></p>
      ${page.receipt.accessCode === undefined
        ? nothing
        : html`<p>${msg('Ihr Zugangscode')}<br /><strong class="access-code" dir="ltr">${page.receipt.accessCode}</strong></p>`}
    </div>
    <p>${msg('Bitte notieren Sie die Vorgangsnummer. Sie brauchen sie, wenn Sie sich an die Behörde wenden.')}</p>
    ${page.receipt.accessCode === undefined
      ? nothing
      : html`<p class="access-note">
          ${msg(
            'Mit Vorgangsnummer und Zugangscode können Sie später online sehen, wie weit Ihr Antrag ist, und auf Nachrichten der Behörde antworten. Der Zugangscode wird nur hier angezeigt: Notieren oder drucken Sie ihn. Geben Sie ihn niemandem weiter – wer ihn kennt, kann Ihren Vorgang lesen.',
          )}
        </p>`}
    ${page.payment}
    ${renderBlocks(page.nextSteps)}
    <div class="actions no-print">
      <button type="button" class="secondary" part="button" @click=${page.print}>${msg('Zusammenfassung auf Deutsch drucken')}</button>
    </div>
    <section class="printable">
      <h2>${msg('Ihre Angaben im Überblick')}</h2>
      ${renderReviewSections(page.engine, { alongside: page.alongside })}
    </section>
  </div>`;
}

/** The summary as read in another language, to print beside the German: step titles and rows, by pointer. */
export interface Alongside {
  locale: string;
  titles: Map<string, string>;
  rows: Map<string, { label: string; value: string }>;
}

/**
 * The printed summary is for the authority, so it is in German whatever language the form is used in, with the
 * citizen's language beside it (kept in `shown` while printing): keep that, switch, print, switch back.
 */
export async function printInGerman(engine: FormEngine, shown: { alongside: Alongside | undefined }, host: ReactiveControllerHost): Promise<void> {
  const previous = getLocale();
  if (previous !== 'de') {
    shown.alongside = summaryAlongside(engine);
    await setLocale('de');
    host.requestUpdate();
    await host.updateComplete;
  }
  window.print();
  if (previous !== 'de') {
    shown.alongside = undefined;
    await setLocale(previous);
    host.requestUpdate();
  }
}

/** The summary in the active language, as plain text, to stand beside the German one. */
function summaryAlongside(engine: FormEngine): Alongside {
  const locale = getLocale();
  const steps = engine.visibleSteps().filter((step) => !step.confirmation);
  return {
    locale,
    titles: new Map(steps.map((step) => [step.id, step.title()])),
    rows: new Map(steps.flatMap((step) => summarize(engine.view(step.id), locale).flatMap((section) => section.rows.map((row) => [row.pointer, row] as const)))),
  };
}

/**
 * The answers of every visible step as headed description lists; with `change`, each row has an "Ändern" that
 * leads to its field (given the step and the field's element id); with `alongside`, each title and row also in
 * the citizen's language (the printed summary).
 */
export function renderReviewSections(
  engine: FormEngine,
  { change, alongside }: { change?: (stepId: string, fieldId: string) => void; alongside?: Alongside } = {},
): TemplateResult[] {
  const locale = getLocale();
  const other = (text: string | undefined) =>
    alongside && text !== undefined
      ? html`<span class="alongside" lang=${alongside.locale} dir=${textDirection(alongside.locale)}>${text}</span>`
      : nothing;
  return engine.visibleSteps().flatMap((step) => {
    if (step.confirmation) return [];
    const view = engine.view(step.id);
    const sections = summarize(view, locale);
    if (sections.length === 0) return [];
    const ids = new Map(fieldsIn(view.children).map((f) => [f.pointer, f.id]));
    return [
      html`<section class="review-step">
        <h3>${step.title()} ${other(alongside?.titles.get(step.id))}</h3>
        ${sections.map(
          (section) => html`${section.heading ? html`<h4>${section.heading}</h4>` : nothing}
            <dl class="summary-list">
              ${section.rows.map(
                (row) => html`<div class="row">
                  <dt>${row.label} ${other(alongside?.rows.get(row.pointer)?.label)}</dt>
                  <dd>${row.value} ${other(alongside?.rows.get(row.pointer)?.value)}</dd>
                  ${change
                    ? html`<dd class="change">
                        <button type="button" class="link" part="button" @click=${() => change(step.id, ids.get(row.pointer)!)}>
                          ${msg('Ändern')}<span class="visually-hidden"> ${row.label}</span>
                        </button>
                      </dd>`
                    : nothing}
                </div>`,
              )}
            </dl>`,
        )}
      </section>`,
    ];
  });
}
