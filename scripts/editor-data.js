/**
 * Editor support generated from custom-elements.json (run by `npm run build` after `cem analyze`):
 * - vscode.html-custom-data.json: VS Code's HTML custom data (`"html.customData": ["./node_modules/efa-forms/vscode.html-custom-data.json"]`);
 * - web-types.json: JetBrains IDEs read it from the package (`"web-types"` in package.json).
 * Both list every tag with its attributes (string-literal types become value lists), events, slots, parts
 * and CSS custom properties.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const elements = manifest.modules
  .flatMap((mod) => mod.declarations ?? [])
  .filter((declaration) => declaration.tagName)
  .sort((a, b) => a.tagName.localeCompare(b.tagName));

/** `'off' | 'local' | 'file'` → ['off', 'local', 'file']; anything else → []. */
function literalValues(type) {
  const parts = (type?.text ?? '').split('|').map((part) => part.trim());
  return parts.every((part) => /^'[^']*'$/.test(part)) ? parts.map((part) => part.slice(1, -1)) : [];
}

const describe = (element) => [element.summary, element.description].filter(Boolean).join('\n\n');

/** An attribute as both formats describe it: name, description and, for a union of strings, its values. */
function attributeData(attribute) {
  const values = literalValues(attribute.type);
  return { name: attribute.name, description: attribute.description ?? '', ...(values.length ? { values: values.map((name) => ({ name })) } : {}) };
}

const vscode = {
  version: 1.1,
  tags: elements.map((element) => ({
    name: element.tagName,
    description: describe(element),
    attributes: (element.attributes ?? []).map(attributeData),
  })),
};

const webTypes = {
  $schema: 'https://json.schemastore.org/web-types',
  name: pkg.name,
  version: pkg.version,
  'description-markup': 'markdown',
  contributions: {
    html: {
      elements: elements.map((element) => ({
        name: element.tagName,
        description: describe(element),
        attributes: (element.attributes ?? []).map((attribute) => ({
          ...attributeData(attribute),
          ...(attribute.default ? { default: attribute.default } : {}),
          value: literalValues(attribute.type).length ? { kind: 'plain', type: 'enum' } : { kind: 'expression', type: attribute.type?.text ?? 'string' },
        })),
        events: (element.events ?? []).filter((event) => event.name).map((event) => ({
          name: event.name,
          description: event.description ?? '',
        })),
        slots: (element.slots ?? []).map((slot) => ({ name: slot.name, description: slot.description ?? '' })),
        js: {
          properties: (element.members ?? [])
            .filter((member) => member.kind === 'field' && (member.privacy ?? 'public') === 'public' && !member.static)
            .map((member) => ({ name: member.name, description: member.description ?? '', type: member.type?.text })),
          events: (element.events ?? []).filter((event) => event.name).map((event) => ({ name: event.name, type: event.type?.text })),
        },
      })),
    },
    css: {
      properties: [
        ...new Map(elements.flatMap((element) => element.cssProperties ?? []).map((property) => [property.name, property])).values(),
      ].map((property) => ({ name: property.name, description: property.description ?? '', ...(property.default ? { default: property.default } : {}) })),
      parts: [...new Map(elements.flatMap((element) => element.cssParts ?? []).map((part) => [part.name, part])).values()].map(
        (part) => ({ name: part.name, description: part.description ?? '' }),
      ),
    },
  },
};

writeFileSync('vscode.html-custom-data.json', `${JSON.stringify(vscode, null, 2)}\n`);
writeFileSync('web-types.json', `${JSON.stringify(webTypes, null, 2)}\n`);
