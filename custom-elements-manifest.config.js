/**
 * `cem analyze` (run by `npm run build`) writes custom-elements.json. The plugin below adds what the analyzer
 * cannot see on its own:
 * - tags: elements register through `define(tag, Class)` (components/define.ts), not `customElements.define`;
 * - event detail types, from the event maps in components/efa-form/events.ts (the shell's, a service's own);
 * - every `--efa-*` design token the styles read on every element, with its default (tokens.styles.ts);
 * - no internal state (`state: true`, protected or private members) as attributes or members.
 */
import { readFileSync, readdirSync } from 'node:fs';

const TOKENS_FILE = 'components/shared/tokens.styles.ts';
const EVENTS_FILE = 'components/efa-form/events.ts';

/**
 * Every `--efa-*` token the styles read (`var(--efa-…)` in components/), the default being the fallback of its
 * first `var()` with one, and the `@cssprop` descriptions of tokens.styles.ts.
 */
function designTokens() {
  const tokens = new Map();
  for (const file of readdirSync('components', { recursive: true }).filter((f) => f.endsWith('.ts')).sort()) {
    const text = readFileSync(`components/${file}`, 'utf8');
    for (const match of text.matchAll(/var\((--efa-[a-z0-9-]+)\s*(,?)/g)) {
      if (tokens.get(match[1]) !== undefined) continue;
      tokens.set(match[1], match[2] ? fallbackAt(text, match.index + match[0].length) : undefined);
    }
  }
  const described = new Map(
    [...readFileSync(TOKENS_FILE, 'utf8').matchAll(/@cssprop\s+(?:\{[^}]*\}\s+)?(--efa-[a-z0-9-]+)\s*-?\s*(.*)/g)].map((m) => [m[1], m[2].trim()]),
  );
  return { tokens, described };
}

/** The text from `start` to the `)` that closes the `var(` it is in. */
function fallbackAt(text, start) {
  let depth = 0;
  let end = start;
  for (; end < text.length; end++) {
    if (text[end] === '(') depth++;
    else if (text[end] === ')' && depth-- === 0) break;
  }
  return text.slice(start, end).trim();
}

function efaManifestPlugin() {
  const definitions = [];
  const eventTypes = new Map();
  return {
    name: 'efa-forms',
    analyzePhase({ ts, node, moduleDoc }) {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'define' &&
        node.arguments.length === 2 &&
        ts.isStringLiteral(node.arguments[0]) &&
        ts.isIdentifier(node.arguments[1])
      ) {
        definitions.push({ tag: node.arguments[0].text, className: node.arguments[1].text, module: moduleDoc.path });
      }
      if (moduleDoc.path === EVENTS_FILE && ts.isInterfaceDeclaration(node) && node.name.text.endsWith('EventMap')) {
        for (const member of node.members) {
          if (ts.isPropertySignature(member) && member.type) eventTypes.set(member.name.text, member.type.getText());
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const { tokens, described } = designTokens();
      for (const mod of customElementsManifest.modules) {
        // The analyzer takes the helper's own `customElements.define(tag, element)` for a definition of a tag "tag".
        mod.exports = (mod.exports ?? []).filter((e) => !(e.kind === 'custom-element-definition' && mod.path === 'components/define.ts'));
        for (const declaration of mod.declarations ?? []) {
          for (const property of declaration.cssProperties ?? []) if (property.description) described.set(property.name, property.description);
        }
      }
      for (const { tag, className, module } of definitions) {
        const mod = customElementsManifest.modules.find((m) => m.path === module);
        const declaration = mod?.declarations.find((d) => d.name === className);
        if (!declaration) throw new Error(`define('${tag}', ${className}) in ${module}: no such class in the manifest`);
        declaration.tagName = tag;
        declaration.customElement = true;
        mod.exports.push({ kind: 'custom-element-definition', name: tag, declaration: { name: className, module } });
      }
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.customElement) continue;
          const internal = new Set(
            (declaration.members ?? []).filter((m) => m.kind === 'field' && m.privacy && m.privacy !== 'public').map((m) => m.name),
          );
          for (const member of declaration.members ?? []) if (internal.has(member.name)) delete member.attribute;
          declaration.attributes = (declaration.attributes ?? []).filter((a) => !internal.has(a.fieldName));
          // Documentation tools (Storybook's docs pages) list every member as a property; internals are no API.
          declaration.members = (declaration.members ?? []).filter((m) => (m.privacy ?? 'public') === 'public');
          if (!declaration.tagName) continue;
          for (const event of declaration.events ?? []) {
            if (eventTypes.has(event.name)) event.type = { text: eventTypes.get(event.name) };
          }
          declaration.cssProperties = [...tokens].map(([name, fallback]) => ({
            name,
            ...(fallback ? { default: fallback } : {}),
            ...(described.has(name) ? { description: described.get(name) } : {}),
          }));
        }
      }
    },
  };
}

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts', 'components/jsx/**'],
  litelement: true,
  plugins: [efaManifestPlugin()],
};
