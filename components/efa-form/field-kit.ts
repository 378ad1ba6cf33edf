/**
 * How the shell renders a step's fields, groups and texts, with the field kit; and the review and sending. Loaded
 * beside the shell, not with it: a start page shows without it, and by the time the user continues it is there.
 *
 * A new kind of field is one element (registered in components/fields.ts) and one row in `fieldElements`; the
 * template binds what all fields share (id, label, hint, error, optional, value, input/change) and sets the row's
 * `properties` besides.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { html as staticHtml, literal, type StaticValue } from 'lit/static-html.js';
import type { FieldKind } from '../../src/engine/definition.js';
import type { FieldView, FormEngine, GroupView, NodeView, SummaryEntry } from '../../src/engine/form-engine.js';
import { fieldsIn, findGroup } from '../../src/engine/tree.js';
import type { Focus } from './focus-controller.js';
import { fromFieldValue, toFieldValue } from '../../src/engine/values.js';
import { optionsOf } from '../../src/i18n/field-options.js';
import { getLocale } from '../../src/i18n/locale.js';
import { formatValue } from '../../src/engine/summary.js';
import '../fields.js';
import { renderBlocks, type PageTexts } from './content-blocks.js';
import { properties } from './properties.js';

// Beyond the start page the shell also needs the check-your-answers lists and sending; they come with the kit.
export { printInGerman, renderConfirmationPage, renderReviewPage } from './review.js';
export { SendingController } from './sending-controller.js';

interface FieldElementEntry {
  tag: StaticValue;
  properties?: (field: FieldView, context: StepNodesContext) => Record<string, unknown>;
}

const autocomplete = ({ def }: FieldView) => ({ autocomplete: def.autocomplete ?? '' });
/** What the schema allows at a choice field now (code lists keep their own values, XÖV triples; yes/no is a boolean). */
const choices = ({ def, pointer }: FieldView, { engine }: StepNodesContext) => ({
  options: optionsOf(def, def.options ? engine.allowedValues(pointer, def.kind === 'checkboxes') : undefined),
});

const fieldElements: Record<FieldKind, FieldElementEntry> = {
  text: {
    tag: literal`efa-text-field`,
    properties: (field) => ({
      ...autocomplete(field),
      type: field.def.inputType ?? 'text',
      inputmode: field.def.inputmode ?? '',
      width: field.def.width ?? 'full',
    }),
  },
  integer: {
    tag: literal`efa-text-field`,
    properties: (field) => ({ ...autocomplete(field), inputmode: field.def.inputmode ?? 'numeric', width: field.def.width ?? 'short' }),
  },
  // Only the multi-line field gets the limit: it counts down and never cuts off what was typed or pasted, where a
  // native `maxlength` on a one-line input would.
  textarea: { tag: literal`efa-textarea`, properties: ({ pointer }, { engine }) => ({ maxlength: engine.longestText(pointer) }) },
  amount: { tag: literal`efa-amount-field` },
  date: { tag: literal`efa-date-field`, properties: autocomplete },
  select: { tag: literal`efa-select`, properties: (field, context) => ({ ...autocomplete(field), ...choices(field, context) }) },
  combobox: { tag: literal`efa-combobox`, properties: (field, context) => ({ ...autocomplete(field), ...choices(field, context) }) },
  radio: { tag: literal`efa-radio-group`, properties: choices },
  yesno: { tag: literal`efa-radio-group`, properties: (field, context) => ({ ...choices(field, context), inline: true }) },
  checkboxes: { tag: literal`efa-checkbox-group`, properties: choices },
  consent: { tag: literal`efa-consent` },
  file: {
    tag: literal`efa-file-upload`,
    properties: ({ def }, { maxFileSize }) => ({ maxSize: maxFileSize, multiple: def.multiple ?? false }),
  },
};

/** The problems found on "Weiter", each a link to its field. */
export function renderErrorSummary(summary: readonly SummaryEntry[], focusField: (event: Event, id: string) => void): TemplateResult {
  // Focused, so read once with its list as description; not also a live region (an alert was read two or three times).
  return html`<div
    class="error-summary"
    part="error-summary"
    tabindex="-1"
    role="group"
    aria-labelledby="error-summary-title"
    aria-describedby="error-summary-list"
  >
    <h2 id="error-summary-title">${msg('Es gibt ein Problem')}</h2>
    <ul id="error-summary-list">
      ${summary.map((entry) => html`<li><a href="#${entry.id}" @click=${(e: Event) => focusField(e, entry.id)}>${entry.message()}</a></li>`)}
    </ul>
  </div>`;
}

/** What rendering a step's fields, groups and texts needs from the shell. */
export interface StepNodesContext {
  engine: FormEngine;
  /** Largest upload in bytes (`max-file-size`). */
  maxFileSize: number;
  texts: PageTexts;
  /** The user left a field after changing it. */
  fieldLeft(view: FieldView): void;
  /** Something changed on the page without a move: what to say, and where focus goes. */
  changedOnPage(announcement: string, focus?: Focus): void;
}

export function renderNodes(nodes: readonly NodeView[], context: StepNodesContext): unknown[] {
  return nodes.map((node) =>
    node.kind === 'field'
      ? renderField(node, context)
      : node.kind === 'group'
        ? renderGroup(node, context)
        : renderBlocks(context.texts.of(node.def)),
  );
}

function renderGroup(group: GroupView, context: StepNodesContext): TemplateResult {
  const { def } = group;
  const hint = def.hint ? html`<p class="hint">${def.hint()}</p>` : nothing;
  if (!def.repeat) {
    if (!def.legend) return html`${renderNodes(group.children, context)}`;
    return html`<fieldset class="group"><legend>${def.legend()}</legend>${hint}${renderNodes(group.children, context)}</fieldset>`;
  }
  const repeat = def.repeat;
  return html`<fieldset class="group repeat" id=${group.id}>
    ${def.legend ? html`<legend>${def.legend()}</legend>` : nothing}${hint}
    ${group.items!.map(
      (item) => html`<fieldset class="item">
        <legend>${item.legend}</legend>
        ${renderNodes(item.children, context)}
        ${group.canRemove && !fieldsIn(item.children).some((field) => field.origin)
          ? html`<button type="button" class="secondary" part="button" @click=${() => removeItem(group, item.index, context)}>
              ${repeat.removeLabel(item.index)}
            </button>`
          : nothing}
      </fieldset>`,
    )}
    ${group.canAdd
      ? html`<button type="button" class="secondary" part="button" data-add=${group.id} @click=${() => addItem(group, context)}>
          ${repeat.addLabel()}
        </button>`
      : nothing}
  </fieldset>`;
}

function addItem(group: GroupView, { engine, changedOnPage }: StepNodesContext): void {
  const index = engine.addItem(group.pointer);
  const item = findGroup(engine.view().children, group.pointer)?.items?.[index];
  const firstField = item && fieldsIn(item.children)[0];
  changedOnPage(group.def.repeat!.added(index), firstField && { kind: 'field', id: firstField.id });
}

function removeItem(group: GroupView, index: number, { engine, changedOnPage }: StepNodesContext): void {
  engine.removeItem(group.pointer, index);
  changedOnPage(group.def.repeat!.removed(index), { kind: 'element', selector: `[data-add="${group.id}"]` });
}

/** One template for every kind: what differs between kinds is the element and its `properties` (components/fields.ts). */
function renderField(view: FieldView, context: StepNodesContext): TemplateResult {
  const { def } = view;
  if (view.origin) return renderLockedField(view);
  const { tag, properties: extra } = fieldElements[def.kind];
  return staticHtml`<${tag} id=${view.id} exportparts=${FIELD_PARTS} .label=${def.label()} .hint=${def.hint?.() ?? ''}
    .error=${view.error?.() ?? ''} ?optional=${!view.required} .value=${toFieldValue(def, view.value)}
    ${properties(extra?.(view, context) ?? {})}
    @input=${(e: Event) => context.engine.set(view.pointer, fromFieldValue(def, (e.currentTarget as HTMLElement & { value: unknown }).value))}
    @change=${() => context.fieldLeft(view)}></${tag}>`;
}

/**
 * A locked answer (an authenticated identity's) as a read-only text input of any kind: focusable, read out with its
 * label, the answer as the review shows it, and where it came from as its hint. It reports no input; an error the
 * schema finds in it (a portal's value it rejects) is still shown, not hidden behind the lock.
 */
function renderLockedField(view: FieldView): TemplateResult {
  return html`<efa-text-field id=${view.id} exportparts=${FIELD_PARTS} readonly .label=${view.def.label()} .hint=${view.origin!()}
    .error=${view.error?.() ?? ''} .value=${formatValue(view.def, view.submitted, getLocale())}></efa-text-field>`;
}

/**
 * The parts of the field kit, forwarded by every field the shell renders, so a page reaches them through the
 * service element: \`efa-verpflichtungserklaerung::part(label)\`.
 */
const FIELD_PARTS = 'label, hint, error, input, textarea, select, checkbox, radio, option, count, currency, popup, listbox, note, files, file, remove-button';
