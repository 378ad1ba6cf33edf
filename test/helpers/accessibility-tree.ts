import { a11ySnapshot } from '@web/test-runner-commands';

/** A node of Chromium's accessibility tree as a screen reader gets it (puppeteer's snapshot). */
export interface AccessibleNode {
  role: string;
  name: string;
  description?: string;
  focused?: boolean;
  live?: string;
  children?: AccessibleNode[];
}

/** The page's accessibility tree, through every shadow root. */
export async function accessibilityTree(): Promise<AccessibleNode> {
  return (await a11ySnapshot({})) as unknown as AccessibleNode;
}

export function findAll(node: AccessibleNode, test: (node: AccessibleNode) => boolean): AccessibleNode[] {
  return [...(test(node) ? [node] : []), ...(node.children ?? []).flatMap((child) => findAll(child, test))];
}
