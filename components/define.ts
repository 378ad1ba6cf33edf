/**
 * Registers a custom element unless its tag is already taken, so a page that loads two efa bundles (or one
 * twice) keeps working: the first definition wins.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
