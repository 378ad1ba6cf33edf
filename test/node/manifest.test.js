/**
 * custom-elements.json (written by `npm run build`) against the code and the README: every tag the code
 * defines is in it, and the README's tables of attributes, events and design tokens name exactly what the
 * manifest has — so the manifest, the editors' data generated from it and the documentation agree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const readme = readFileSync('README.md', 'utf8');
const elements = manifest.modules.flatMap((mod) => mod.declarations ?? []).filter((declaration) => declaration.tagName);
const byTag = new Map(elements.map((element) => [element.tagName, element]));
const services = ['efa-verpflichtungserklaerung', 'efa-aufenthaltstitel'].map((tag) => byTag.get(tag));
const sorted = (values) => [...new Set(values)].sort();

/** The first column (`name` in backticks) of the README table whose header row starts with `| <header> |`. */
function readmeColumn(header) {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${header} `));
  assert.notEqual(start, -1, `README has no table headed "${header}"`);
  const rows = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(/^\|\s*`([^`]+)`/.exec(line)?.[1]);
  }
  return rows.filter(Boolean);
}

const sources = readdirSync('components', { recursive: true })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => readFileSync(`components/${file}`, 'utf8'));

test('every tag the code defines is in the manifest, with its class exported as a definition', () => {
  const defined = sources.flatMap((text) => [...text.matchAll(/\bdefine\('(efa-[a-z-]+)'/g)].map((m) => m[1]));
  assert.ok(defined.length >= 13, `only ${defined.length} define() calls found`);
  assert.deepEqual(sorted(elements.map((element) => element.tagName)), sorted(defined));
  const definitions = manifest.modules.flatMap((mod) => mod.exports ?? []).filter((e) => e.kind === 'custom-element-definition');
  assert.deepEqual(sorted(definitions.map((e) => e.name)), sorted(defined));
});

test("the README's attribute table names exactly the service elements' attributes", () => {
  assert.deepEqual(sorted(readmeColumn('attribute')), sorted(services.flatMap((s) => s.attributes.map((a) => a.name))));
});

test('no internal state is shown: every member is public and every attribute belongs to one', () => {
  for (const element of elements) {
    const members = new Set(element.members.map((member) => member.name));
    for (const member of element.members) assert.equal(member.privacy ?? 'public', 'public', `${element.tagName}: ${member.name}`);
    for (const attribute of element.attributes ?? []) {
      assert.ok(members.has(attribute.fieldName), `${element.tagName}: attribute ${attribute.name} has no public property`);
    }
  }
});

test("the README's event table names exactly the service elements' events, each with its detail type", () => {
  assert.deepEqual(sorted(readmeColumn('event (bubbles, composed)')), sorted(services.flatMap((s) => s.events.map((e) => e.name))));
  for (const service of services) {
    for (const event of service.events) assert.match(event.type?.text ?? '', /^CustomEvent<\w+>$/, `${service.tagName}: ${event.name}`);
  }
});

test("the README's token table, the manifest and the styles name the same --efa-* tokens", () => {
  const inStyles = sorted(sources.flatMap((text) => [...text.matchAll(/var\((--efa-[a-z0-9-]+)/g)].map((m) => m[1])));
  assert.deepEqual(sorted(readmeColumn('token')), inStyles);
  for (const element of elements) {
    assert.deepEqual(sorted(element.cssProperties.map((p) => p.name)), inStyles, element.tagName);
    for (const property of element.cssProperties) assert.ok(property.default, `${property.name} has no default`);
  }
});

test('every part the README names is in the manifest', () => {
  // The paragraph that lists them, up to where it speaks of how they are forwarded.
  const named = /Parts for finer control([\s\S]*?)(?:forwarded|\n\n)/.exec(readme)?.[1] ?? '';
  const parts = [...named.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
  assert.ok(parts.length > 5, 'the README names no parts');
  const inManifest = new Set(elements.flatMap((element) => element.cssParts?.map((part) => part.name) ?? []));
  assert.deepEqual(parts.filter((part) => !inManifest.has(part)), []);
});

test('the editor data (VS Code, JetBrains) list every tag with its attributes and events, every token and part', () => {
  const vscode = JSON.parse(readFileSync('vscode.html-custom-data.json', 'utf8'));
  const webTypes = JSON.parse(readFileSync('web-types.json', 'utf8')).contributions;
  const byTag = (list) => Object.fromEntries(list.map((item) => [item.tagName ?? item.name, item]));
  const attributesOf = (tags) => Object.fromEntries(Object.entries(tags).map(([tag, e]) => [tag, sorted((e.attributes ?? []).map((a) => a.name))]));
  const eventsOf = (tags) => Object.fromEntries(Object.entries(tags).map(([tag, e]) => [tag, sorted((e.events ?? []).map((ev) => ev.name))]));
  const fromManifest = byTag(elements);
  assert.deepEqual(attributesOf(byTag(vscode.tags)), attributesOf(fromManifest));
  assert.deepEqual(attributesOf(byTag(webTypes.html.elements)), attributesOf(fromManifest));
  assert.deepEqual(eventsOf(byTag(webTypes.html.elements)), eventsOf(fromManifest));
  assert.deepEqual(sorted(webTypes.css.properties.map((p) => p.name)), sorted(elements.flatMap((e) => e.cssProperties.map((p) => p.name))));
  assert.deepEqual(sorted(webTypes.css.parts.map((p) => p.name)), sorted(elements.flatMap((e) => e.cssParts?.map((p) => p.name) ?? [])));
});
