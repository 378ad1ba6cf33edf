/** Walks over a step's view: its fields and groups, repeated items included. */
import type { FieldView, GroupView, NodeView } from './form-engine.js';

export function fieldsIn(nodes: readonly NodeView[]): FieldView[] {
  return nodes.flatMap((node) =>
    node.kind === 'field'
      ? [node]
      : node.kind === 'group'
        ? [...fieldsIn(node.children), ...(node.items ?? []).flatMap((item) => fieldsIn(item.children))]
        : [],
  );
}

export function findGroup(nodes: readonly NodeView[], pointer: string): GroupView | undefined {
  for (const node of nodes) {
    if (node.kind !== 'group') continue;
    if (node.pointer === pointer) return node;
    const inner = findGroup([...node.children, ...(node.items ?? []).flatMap((item) => item.children)], pointer);
    if (inner) return inner;
  }
  return undefined;
}
