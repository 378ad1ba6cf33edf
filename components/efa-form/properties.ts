import { noChange } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

/** Sets each property of an object on the element, when it differs: the per-kind bindings of a field. */
class PropertiesDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('properties() belongs in an element position.');
  }

  render(_properties: Record<string, unknown>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [Record<string, unknown>]): typeof noChange {
    const element = part.element as unknown as Record<string, unknown>;
    for (const [name, value] of Object.entries(properties)) {
      if (element[name] !== value) element[name] = value;
    }
    return noChange;
  }
}

export const properties = directive(PropertiesDirective);
