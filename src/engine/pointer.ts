/** JSON Pointer (RFC 6901) helpers over plain JSON values. */

export type JsonObject = { [key: string]: unknown };

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`Not a JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function isContainer(value: unknown): value is JsonObject | unknown[] {
  return typeof value === 'object' && value !== null && !(value instanceof File);
}

export function getAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of parsePointer(pointer)) {
    if (!isContainer(node)) return undefined;
    node = (node as JsonObject)[token];
  }
  return node;
}

/**
 * Sets `value` at `pointer`, creating the containers on the way (an array where the next token is an index).
 * `undefined` deletes an object key; in an array it leaves the slot empty, so items keep their positions.
 */
export function setAt(root: JsonObject, pointer: string, value: unknown): void {
  place(root, pointer, value, false);
}

/**
 * `root` with `value` at `pointer`, as `setAt` would put it there, without touching `root`: only the containers
 * on the way are copied, everything else is shared. For asking the validator "what if" without copying all answers.
 */
export function withValueAt(root: JsonObject, pointer: string, value: unknown): JsonObject {
  const copy = { ...root };
  place(copy, pointer, value, true);
  return copy;
}

function place(root: JsonObject, pointer: string, value: unknown, copyPath: boolean): void {
  const tokens = parsePointer(pointer);
  const last = tokens.pop();
  if (last === undefined) throw new Error('Cannot replace the root');
  let node: JsonObject = root;
  tokens.forEach((token, i) => {
    const child = node[token];
    if (!isContainer(child)) node[token] = /^\d+$/.test(tokens[i + 1] ?? last) ? [] : {};
    else if (copyPath) node[token] = Array.isArray(child) ? [...child] : { ...child };
    node = node[token] as JsonObject;
  });
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value;
}

export function isWithin(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

