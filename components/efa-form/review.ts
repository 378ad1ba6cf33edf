import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { FormEngine } from '../../src/engine/form-engine.js';
import { summarize } from '../../src/engine/summary.js';
import { fieldsIn } from '../../src/engine/tree.js';
import { getLocale } from '../../src/i18n/locale.js';

/**
 * The answers of every visible step as headed description lists; with `change`, each row has an "Ändern" that
 * leads to its field (given the step and the field's element id).
 */
export function renderReviewSections(engine: FormEngine, change?: (stepId: string, fieldId: string) => void): TemplateResult[] {
  const locale = getLocale();
  return engine.visibleSteps().flatMap((step) => {
    if (step.confirmation) return [];
    const view = engine.view(step.id);
    const sections = summarize(view, locale);
    if (sections.length === 0) return [];
    const ids = new Map(fieldsIn(view.children).map((f) => [f.pointer, f.id]));
    return [
      html`<section class="review-step">
        <h3>${step.title()}</h3>
        ${sections.map(
          (section) => html`${section.heading ? html`<h4>${section.heading}</h4>` : nothing}
            <dl class="summary-list">
              ${section.rows.map(
                (row) => html`<div class="row">
                  <dt>${row.label}</dt>
                  <dd>${row.value}</dd>
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
