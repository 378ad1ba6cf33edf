import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { ContentBlock, ContentContext, ContentDef } from '../../src/engine/definition.js';
import type { NodeView } from '../../src/engine/form-engine.js';
import { isWithin } from '../../src/engine/pointer.js';

/**
 * The texts of the page shown: each content node's blocks worked out once per render (for the page and for what
 * is announced), and the answers they read. A key typed into any other answer needs no render of the form: the
 * field already shows what was typed.
 */
export class PageTexts {
  private readonly blocks = new Map<ContentDef, readonly ContentBlock[]>();
  private readonly reads = new Set<string>();
  private context: ContentContext | undefined;
  private readonly spotter = new ChangeSpotter();

  constructor(private readonly source: () => ContentContext) {}

  /** Before each render: answers, language or settings may have changed since the last. */
  renew(): void {
    this.blocks.clear();
    this.reads.clear();
    const { get, config, today } = this.source();
    this.context = { get: (pointer) => (this.reads.add(pointer), get(pointer)), config, today };
  }

  of(def: ContentDef): readonly ContentBlock[] {
    let blocks = this.blocks.get(def);
    if (!blocks) this.blocks.set(def, (blocks = def.blocks(this.context ?? this.source())));
    return blocks;
  }

  /**
   * What to read out of the texts on `nodes` of `page` (a step in a language): a warning that appears because of an
   * answer, at once; a result (a `live` notice) that changed, when the user leaves a field (`fieldLeft`). What is
   * there when the page is shown is read with the page, like any text. Empty when there is nothing new.
   */
  news(nodes: readonly NodeView[], page: string, fieldLeft: boolean): string {
    return this.spotter.news(page, changingTexts(nodes, this), fieldLeft).join(' ');
  }

  /** Not on a step any more: the next step shown says nothing new. */
  forget(): void {
    this.spotter.forget();
  }

  /** Whether a text of the page depends on the answer at `pointer`. */
  read(pointer: string): boolean {
    for (const read of this.reads) if (isWithin(read, pointer) || isWithin(pointer, read)) return true;
    return false;
  }
}

export function renderBlocks(blocks: readonly ContentBlock[]): TemplateResult[] {
  return blocks.map((block) => {
    switch (block.kind) {
      case 'heading':
        return html`<h3>${block.text}</h3>`;
      case 'paragraph':
        return html`<p>${block.text}</p>`;
      case 'list':
        return html`<ul>${block.items.map((item) => html`<li>${item}</li>`)}</ul>`;
      case 'notice':
        return html`<div class="notice"><p>${block.text}</p></div>`;
      case 'warning':
        // Not a live region: one that appears because of an answer is announced by the shell (`spokenChanges`).
        return html`<div class="warning">
          <span class="icon" aria-hidden="true">!</span>
          <p><span class="visually-hidden">${msg('Wichtig:')}</span>${` ${block.text}`}</p>
        </div>`;
    }
  });
}

/** What a step says that changes with its answers: warnings, and results marked `live`, as they would be read out. */
function changingTexts(nodes: readonly NodeView[], texts: PageTexts): { warnings: string[]; results: string[] } {
  const blocks = contentBlocksIn(nodes, texts);
  return {
    warnings: blocks.flatMap((block) => (block.kind === 'warning' ? [`${msg('Wichtig:')} ${block.text}`] : [])),
    results: blocks.flatMap((block) => (block.kind === 'notice' && block.live ? [block.text] : [])),
  };
}

function contentBlocksIn(nodes: readonly NodeView[], texts: PageTexts): readonly ContentBlock[] {
  return nodes.flatMap((node) =>
    node.kind === 'content'
      ? texts.of(node.def)
      : node.kind === 'group'
        ? [...contentBlocksIn(node.children, texts), ...(node.items ?? []).flatMap((item) => contentBlocksIn(item.children, texts))]
        : [],
  );
}

/**
 * Remembers what a step said when last rendered, in its language, to tell what is new on the same step: a warning
 * as soon as it appears, a changed result when the user leaves a field (not on every keystroke).
 */
class ChangeSpotter {
  private spoken: { page: string; warnings: string[]; results: string[] } | undefined;

  /** What to read out; nothing on a page just shown, which is read with the page. */
  news(page: string, now: { warnings: string[]; results: string[] }, fieldLeft: boolean): string[] {
    const before = this.spoken;
    if (before?.page !== page) {
      this.spoken = { page, ...now };
      return [];
    }
    this.spoken = { page, warnings: now.warnings, results: fieldLeft ? now.results : before.results };
    return [
      ...now.warnings.filter((text) => !before.warnings.includes(text)),
      ...(fieldLeft ? now.results.filter((text) => !before.results.includes(text)) : []),
    ];
  }

  forget(): void {
    this.spoken = undefined;
  }
}
