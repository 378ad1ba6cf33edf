/**
 * The bound check that runs before the generated validators (issue 17, finding 1): a body within the size
 * limit can still hold thousands of array items, each failing through a `$ref`, or arrays nested a hundred
 * thousand deep. The guard walks the data once beside the schema and refuses, with the first problem only:
 * - an array longer than the `maxItems` the schema gives it (an array the schema leaves unbounded, or data the
 *   schema does not describe, may have as many items as the largest `maxItems` anywhere in the schemas);
 * - nesting deeper than MAX_DEPTH.
 * Nothing here restates a constraint: the bounds are read from the schemas. The guard is deliberately loose
 * where a schema branches (`anyOf`, `if`/`then`): it allows the largest bound of any branch, and the validator
 * that runs next decides exactly.
 */
import type { FieldError } from './problems.js';

type SchemaObject = Record<string, unknown>;
type Schema = SchemaObject | boolean;

/**
 * Deeper than any of the published schemas nests (an envelope with data reaches about 8 levels); deep enough
 * for a schema to grow, shallow enough that no walk ever comes near the stack's limit.
 */
export const MAX_DEPTH = 32;

/**
 * Whether JSON text nests arrays and objects deeper than `limit`, found by one pass over the text: V8's
 * JSON.parse takes most of a second for 100,000 levels, so such a body is refused before it is parsed.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return false;
}

const APPLICATORS = ['allOf', 'anyOf', 'oneOf'] as const;
const CONDITIONALS = ['if', 'then', 'else'] as const;

function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A schema together with the URI its `$ref`s resolve against. */
interface Located {
  schema: SchemaObject;
  base: string;
}

export interface Guard {
  /** The first bound `data` breaks, checked against the schema with this `$id`, or undefined. */
  check(schemaId: string, data: unknown): FieldError | undefined;
  /** The largest `maxItems` in the schemas: the bound of arrays the schemas leave unbounded. */
  readonly largestMaxItems: number;
}

export function createGuard(schemas: SchemaObject[]): Guard {
  const resources = new Map<string, SchemaObject>();
  for (const schema of schemas) resources.set(String(schema.$id), schema);

  let largestMaxItems = 0;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isSchemaObject(node)) {
      if (typeof node.maxItems === 'number') largestMaxItems = Math.max(largestMaxItems, node.maxItems);
      Object.values(node).forEach(visit);
    }
  };
  schemas.forEach(visit);

  function resolve(ref: string, base: string): Located | undefined {
    const url = new URL(ref, base);
    const hash = decodeURIComponent(url.hash.slice(1));
    url.hash = '';
    let node: unknown = resources.get(url.href);
    for (const key of hash.split('/').slice(1)) {
      node = isSchemaObject(node) ? node[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    return isSchemaObject(node) ? { schema: node, base: url.href } : undefined;
  }

  const expanded = new WeakMap<SchemaObject, Located[]>();
  /** Every schema that may apply where `located` applies: itself, its `$ref`, its sub-schemas in place. */
  function expand(located: Located): Located[] {
    const cached = expanded.get(located.schema);
    if (cached) return cached;
    const result: Located[] = [];
    const seen = new Set<SchemaObject>();
    const add = (item: Located | undefined): void => {
      if (!item || seen.has(item.schema)) return;
      seen.add(item.schema);
      result.push(item);
      const { schema, base } = item;
      if (typeof schema.$ref === 'string') add(resolve(schema.$ref, base));
      for (const key of APPLICATORS) {
        if (Array.isArray(schema[key])) for (const sub of schema[key]) if (isSchemaObject(sub)) add({ schema: sub, base });
      }
      for (const key of CONDITIONALS) if (isSchemaObject(schema[key])) add({ schema: schema[key], base });
    };
    add(located);
    expanded.set(located.schema, result);
    return result;
  }

  function childrenOfProperty(set: Located[], key: string): Located[] {
    const children: Located[] = [];
    for (const { schema, base } of set) {
      const properties = schema.properties;
      if (isSchemaObject(properties) && Object.hasOwn(properties, key)) {
        const sub = properties[key];
        if (isSchemaObject(sub)) children.push({ schema: sub, base });
      } else if (isSchemaObject(schema.additionalProperties)) {
        children.push({ schema: schema.additionalProperties, base });
      }
    }
    return children;
  }

  function childrenOfItem(set: Located[], index: number): Located[] {
    const children: Located[] = [];
    for (const { schema, base } of set) {
      const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
      const sub: Schema | undefined = index < prefix.length ? prefix[index] : (schema.items as Schema | undefined);
      if (isSchemaObject(sub)) children.push({ schema: sub, base });
    }
    return children;
  }

  function maxItemsOf(set: Located[]): number {
    const declared = set.map(({ schema }) => schema.maxItems).filter((n): n is number => typeof n === 'number');
    return declared.length > 0 ? Math.max(...declared) : largestMaxItems;
  }

  function walk(located: Located[], value: unknown, path: string, depth: number): FieldError | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    if (depth > MAX_DEPTH) return { instancePath: path, keyword: 'maxDepth', params: { limit: MAX_DEPTH } };
    const set = located.flatMap(expand);
    if (Array.isArray(value)) {
      const limit = maxItemsOf(set);
      if (value.length > limit) return { instancePath: path, keyword: 'maxItems', params: { limit } };
      for (let i = 0; i < value.length; i += 1) {
        const problem = walk(childrenOfItem(set, i), value[i], `${path}/${i}`, depth + 1);
        if (problem) return problem;
      }
      return undefined;
    }
    for (const [key, child] of Object.entries(value)) {
      const pointer = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const problem = walk(childrenOfProperty(set, key), child, pointer, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }

  return {
    largestMaxItems,
    check(schemaId, data) {
      const root = resources.get(schemaId);
      if (!root) throw new Error(`No schema ${schemaId}`);
      return walk([{ schema: root, base: schemaId }], data, '', 0);
    },
  };
}
