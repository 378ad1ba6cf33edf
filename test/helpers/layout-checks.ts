/** Measurements of how a form fits its column: sideways overflow and words broken across lines. */

/** Every element in the form's shadow trees that sticks out to the right (left in RTL) of the form. */
export function overflowing(form: HTMLElement): string[] {
  const bounds = form.getBoundingClientRect();
  const found: string[] = [];
  const visit = (root: ShadowRoot | null) => {
    if (!root) return;
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && (box.right > bounds.right + 1 || box.left < bounds.left - 1)) found.push(`${el.tagName.toLowerCase()}.${el.className}`);
      visit(el.shadowRoot);
    }
  };
  visit(form.shadowRoot);
  return found;
}

/**
 * What scrolls sideways: the column the form is placed in, the form's own surface, and any element sticking
 * out of the form. Empty when everything fits.
 */
export function horizontalOverflow(column: HTMLElement, form: HTMLElement): string[] {
  const surface = form.shadowRoot!.querySelector<HTMLElement>('.form')!;
  return [
    ...(column.scrollWidth > column.clientWidth ? [`the column scrolls: ${column.scrollWidth} > ${column.clientWidth}`] : []),
    ...(surface.scrollWidth > surface.clientWidth ? [`the form scrolls: ${surface.scrollWidth} > ${surface.clientWidth}`] : []),
    ...overflowing(form),
  ];
}

/**
 * No automatic hyphenation while measuring, whatever dictionaries the browser has: a word then either fits on its
 * line or is broken without a hyphen, which is what `brokenWords` finds. (Debian's headless Chromium has no
 * hyphenation data at all, so there this changes nothing.)
 */
const manualHyphens = new CSSStyleSheet();
manualHyphens.replaceSync('* { hyphens: manual !important; }');

function shadowRoots(root: ShadowRoot): ShadowRoot[] {
  return [root, ...[...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? shadowRoots(el.shadowRoot) : []))];
}

function hidden(node: Node): boolean {
  const el = node.parentElement;
  return !el || el.closest('.visually-hidden, [hidden]') !== null || el.getClientRects().length === 0;
}

/**
 * Words (runs of letters; a soft hyphen counts as part of a word) that the layout broke across two lines at a
 * place other than a soft hyphen — "Verpflichtungserklä|rung". A break at a hyphen or a slash lies between two
 * runs of letters, so it never counts; nor do e-mail addresses and domain or file names (anna@example.org,
 * pass.pdf), which have no hyphenation and must break somewhere. Each as `word (text before the break)`.
 */
export function brokenWords(form: HTMLElement): string[] {
  const found: string[] = [];
  for (const root of shadowRoots(form.shadowRoot!)) {
    if (!root.adoptedStyleSheets.includes(manualHyphens)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, manualHyphens];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (hidden(node)) continue;
      for (const match of node.data.matchAll(/[\p{L}\p{M}\u00AD]+/gu)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size < 2 || /[@.]\p{L}/u.test(tokenAround(node.data, match.index))) continue;
        const breakAt = lineBreakIn(node, match.index, match[0].length);
        if (node.data[breakAt - 1] !== '\u00AD') found.push(`${match[0]} (${node.data.slice(match.index, breakAt)}|)`);
      }
    }
  }
  return found;
}

/** The whitespace-delimited token of `text` that contains the offset `at`. */
function tokenAround(text: string, at: number): string {
  const start = text.lastIndexOf(' ', at) + 1;
  const end = text.indexOf(' ', at);
  return text.slice(start, end === -1 ? undefined : end);
}

/** The offset of the first character of `node` (from `start`, within `length`) that starts a new line. */
function lineBreakIn(node: Text, start: number, length: number): number {
  const range = document.createRange();
  const topOf = (offset: number) => {
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    return range.getBoundingClientRect().top;
  };
  const firstTop = topOf(start);
  for (let offset = start + 1; offset < start + length; offset += 1) {
    if (topOf(offset) > firstTop + 1) return offset;
  }
  return start + length;
}
