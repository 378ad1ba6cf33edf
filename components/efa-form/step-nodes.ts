import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import type { ContentContext } from '../../src/engine/definition.js';
import type { FieldView, GroupView, NodeView } from '../../src/engine/form-engine.js';
import { toFieldValue } from '../../src/engine/values.js';
import type { FieldElementEntry, FieldSettings } from '../fields.js';
import { renderBlocks } from './content-blocks.js';
import { properties } from './properties.js';

/** What rendering a step's fields, groups and texts needs from the shell. */
export interface StepNodesContext {
  fieldElements: Record<string, FieldElementEntry>;
  settings: FieldSettings;
  content: ContentContext;
  input(view: FieldView, value: unknown): void;
  change(view: FieldView): void;
  addItem(group: GroupView): void;
  removeItem(group: GroupView, index: number): void;
}

export function renderNodes(nodes: readonly NodeView[], context: StepNodesContext): unknown[] {
  return nodes.map((node) =>
    node.kind === 'field'
      ? renderField(node, context)
      : node.kind === 'group'
        ? renderGroup(node, context)
        : renderBlocks(node.def.blocks(context.content)),
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
        ${group.canRemove
          ? html`<button type="button" class="secondary" part="button" @click=${() => context.removeItem(group, item.index)}>
              ${repeat.removeLabel(item.index)}
            </button>`
          : nothing}
      </fieldset>`,
    )}
    ${group.canAdd
      ? html`<button type="button" class="secondary" part="button" data-add=${group.id} @click=${() => context.addItem(group)}>
          ${repeat.addLabel()}
        </button>`
      : nothing}
  </fieldset>`;
}

/** One template for every kind: what differs between kinds is the element and its `properties` (components/fields.ts). */
function renderField(view: FieldView, context: StepNodesContext): TemplateResult {
  const { def } = view;
  const { tag, properties: extra } = context.fieldElements[def.kind]!;
  return staticHtml`<${tag} id=${view.id} exportparts=${FIELD_PARTS} .label=${def.label()} .hint=${def.hint?.() ?? ''}
    .error=${view.error?.() ?? ''} ?optional=${!view.required} .value=${toFieldValue(def, view.value)}
    ${properties(extra?.(def, context.settings) ?? {})}
    @input=${(e: Event) => context.input(view, (e.currentTarget as HTMLElement & { value: unknown }).value)}
    @change=${() => context.change(view)}></${tag}>`;
}

/**
 * The parts of the field kit, forwarded by every field the shell renders, so a page reaches them through the
 * service element: \`efa-verpflichtungserklaerung::part(label)\`.
 */
const FIELD_PARTS = 'label, hint, error, input, textarea, select, checkbox, radio, option, count, currency, popup, listbox, note, files, file, remove-button';
