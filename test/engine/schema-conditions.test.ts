/**
 * The engine skips its schema probes while an answer of typed text is typed (form-engine.ts `TYPED_KINDS`). That
 * holds only while the schema's conditions never test such an answer: this test reads both services' schemas,
 * finds every answer a condition tests — its value (`const`, `enum`, `pattern`, … inside `if`, `anyOf`, `oneOf`,
 * `not`, `contains`) or its presence (`required` there, `dependentRequired`) — and checks that none of them is the
 * answer of a typed-text field of the definition.
 */
import { expect } from '@open-wc/testing';
import type { FormDefinition, Node } from '../../src/engine/definition.js';
import { parsePointer } from '../../src/engine/pointer.js';
import { aufenthaltstitelDefinition } from '../../src/services/aufenthaltstitel/definition.js';
import { verpflichtungserklaerungDefinition } from '../../src/services/verpflichtungserklaerung/definition.js';

type Schema = { [keyword: string]: unknown };

const SCHEMA_FILES = [
  'aufenthaltstitel.schema.json',
  'verpflichtungserklaerung.schema.json',
  'common/aufenthalt.schema.json',
  'common/basis.schema.json',
  'common/codelisten.schema.json',
  'common/person.schema.json',
];

/** Keywords that test what a value is, rather than whether it is there. */
const VALUE_KEYWORDS = [
  'const',
  'enum',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'formatMinimum',
  'formatMaximum',
];
/** Keywords whose subschemas decide: which errors appear elsewhere depends on whether they match. */
const DECIDING = ['if', 'not', 'contains'];
const DECIDING_LISTS = ['anyOf', 'oneOf'];

async function schemasById(): Promise<Map<string, Schema>> {
  const byId = new Map<string, Schema>();
  for (const file of SCHEMA_FILES) {
    const schema = (await (await fetch(`/schemas/${file}`)).json()) as Schema;
    byId.set(schema.$id as string, schema);
  }
  return byId;
}

/**
 * Instance paths (array items as `*`) whose value a deciding subschema tests, reachable from `schema`.
 */
function testedValues(byId: Map<string, Schema>, rootId: string): Set<string> {
  const tested = new Set<string>();
  const seen = new Set<string>();
  const visit = (schema: unknown, base: string, path: string[], deciding: boolean): void => {
    if (typeof schema !== 'object' || schema === null) return;
    const node = schema as Schema;
    if (typeof node.$ref === 'string') {
      const url = new URL(node.$ref, base);
      const documentId = `${url.origin}${url.pathname}`;
      const key = `${url.href}|${path.join('/')}|${deciding}`;
      if (!seen.has(key)) {
        seen.add(key);
        let target: unknown = byId.get(documentId);
        if (!target) throw new Error(`${node.$ref} (from ${base}) is none of the schemas this test reads: add it to SCHEMA_FILES`);
        for (const token of parsePointer(decodeURIComponent(url.hash.slice(1)))) target = (target as Schema)[token];
        visit(target, documentId, path, deciding);
      }
    }
    if (deciding && VALUE_KEYWORDS.some((keyword) => keyword in node)) tested.add(path.join('/'));
    if (deciding) for (const name of (node.required ?? []) as string[]) tested.add([...path, name].join('/'));
    for (const name of Object.keys({ ...(node.dependentRequired as object), ...(node.dependentSchemas as object) })) tested.add([...path, name].join('/'));
    const unread = ['minProperties', 'maxProperties', 'patternProperties', 'unevaluatedProperties'].filter((keyword) => keyword in node);
    if (unread.length > 0) throw new Error(`${base}: ${unread.join(', ')} can make answers depend on each other; teach this test to read them`);
    for (const [name, sub] of Object.entries((node.properties ?? {}) as Schema)) visit(sub, base, [...path, name], deciding);
    if (node.items) visit(node.items, base, [...path, '*'], deciding);
    if (node.additionalProperties) visit(node.additionalProperties, base, [...path, '*'], deciding);
    for (const sub of (node.prefixItems ?? []) as unknown[]) visit(sub, base, [...path, '*'], deciding);
    for (const keyword of ['then', 'else']) visit(node[keyword], base, path, deciding);
    for (const sub of [...((node.allOf ?? []) as unknown[]), ...Object.values((node.dependentSchemas ?? {}) as Schema)]) visit(sub, base, path, deciding);
    for (const keyword of DECIDING) visit(node[keyword], base, keyword === 'contains' ? [...path, '*'] : path, true);
    for (const keyword of DECIDING_LISTS) for (const sub of (node[keyword] ?? []) as unknown[]) visit(sub, base, path, true);
  };
  visit(byId.get(rootId), rootId, [], false);
  return tested;
}

/** Answer paths of the typed-text fields (array items as `*`). */
function typedAnswers(definition: FormDefinition): Map<string, string> {
  const typed = new Map<string, string>();
  const visit = (nodes: readonly Node[], path: string[]): void => {
    for (const node of nodes) {
      if (node.type === 'content') continue;
      const own = node.name ? [...path, ...node.name.split('/')] : path;
      if (node.type === 'group') visit(node.children, node.repeat ? [...own, '*'] : own);
      else if (['text', 'textarea', 'integer', 'amount', 'date'].includes(node.kind)) typed.set(own.join('/'), node.label());
    }
  };
  for (const step of definition.steps) visit(step.children, []);
  return typed;
}

describe('schema conditions and typed answers', () => {
  for (const [definition, schemaId] of [
    [aufenthaltstitelDefinition, 'https://efa-forms.de/schemas/aufenthaltstitel-2.0.0.schema.json'],
    [verpflichtungserklaerungDefinition, 'https://efa-forms.de/schemas/verpflichtungserklaerung-2.0.0.schema.json'],
  ] as const) {
    it(`${definition.service}: no condition tests a typed answer, neither what it says nor whether it is there`, async () => {
      const tested = testedValues(await schemasById(), schemaId);
      expect(tested.size, 'the walk finds the choices the conditions test').to.be.greaterThan(5);
      const typed = typedAnswers(definition);
      expect(typed.size).to.be.greaterThan(10);
      const clashes = [...typed].filter(([path]) => tested.has(path)).map(([path, label]) => `${path} („${label}“)`);
      expect(clashes).to.deep.equal([]);
    });
  }
});
