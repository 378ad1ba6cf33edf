/**
 * Build-time generation from the contract in schemas/:
 *  1. schemas/common/codelisten.schema.json from the XÖV/FIM code lists in src/codelists/ (committed, so the
 *     published schemas are complete without this script);
 *  2. one Ajv standalone validator per top-level schema, bundled with esbuild so that no `require` is left
 *     and nothing is compiled at run time (strict CSP);
 *  3. TypeScript types of the same schemas;
 *  4. src/schema/generated/constants.js: the few values of the contract a component needs without a validator
 *     (the attachment MIME types, for the upload's default `accept`).
 * Output: src/schema/generated/<name>.js + <name>.d.ts (not committed). The small schemas the engine's tests
 * exercise (test/fixtures/schemas/) go the same way into test/generated/.
 * The server (server/) gets its own build of the published schemas' validators in src/schema/generated/server/,
 * without `allErrors`: it stops at the first error, so an item that fails ten thousand times costs one failure,
 * not ten thousand concatenated error lists (issue 17). The browser keeps every error, to mark every field.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';
import { compile } from 'json-schema-to-typescript';
import { printLegalParameterWarnings } from './legal-parameters.js';

const root = new URL('..', import.meta.url).pathname;
const schemasDir = join(root, 'schemas');
const targets = [
  { from: schemasDir, to: join(root, 'src/schema/generated'), serverTo: join(root, 'src/schema/generated/server') },
  // The return channel's messages (issue 11): types and validators for the status element, a validator for the server.
  { from: join(schemasDir, 'return'), to: join(root, 'src/schema/generated/return'), serverTo: join(root, 'src/schema/generated/server/return') },
  { from: join(root, 'test/fixtures/schemas'), to: join(root, 'test/generated') },
];

async function readJson(path) {
  return JSON.parse(await readFile(path, 'utf8'));
}

async function writeCodelistSchema() {
  const dir = join(root, 'src/codelists');
  const $defs = {};
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
    const list = await readJson(join(dir, file));
    $defs[file.replace(/\.json$/, '')] = {
      title: list.shortName,
      description: `${list.longName || list.shortName} (${list.id}, ${list.canonicalVersionUri})`,
      type: 'object',
      properties: {
        code: { enum: list.values.map((v) => v.code) },
        listURI: { const: list.canonicalUri },
        listVersionID: { const: list.version },
      },
      required: ['code', 'listURI', 'listVersionID'],
      additionalProperties: false,
    };
  }
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://efa-forms.de/schemas/common/codelisten.schema.json',
    title: 'XÖV/FIM-Codelisten',
    description: 'Generated from src/codelists/ by scripts/generate.js. Values are XÖV-style {code, listURI, listVersionID}.',
    $defs,
  };
  await writeFile(join(schemasDir, 'common/codelisten.schema.json'), `${JSON.stringify(schema, null, 2)}\n`);
}

async function loadCommonSchemas() {
  const common = [];
  for (const file of (await readdir(join(schemasDir, 'common'))).filter((f) => f.endsWith('.json'))) {
    common.push(await readJson(join(schemasDir, 'common', file)));
  }
  return common;
}

async function loadTopSchemas(dir) {
  const top = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.schema.json'))) {
    top.push({ name: file.replace(/\.schema\.json$/, ''), schema: await readJson(join(dir, file)) });
  }
  return top;
}

const ANNOTATIONS = ['title', 'description', '$comment', 'examples'];
const SCHEMA_MAPS = ['properties', '$defs', 'patternProperties', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_VALUES = ['items', 'if', 'then', 'else', 'not', 'contains', 'additionalProperties', 'propertyNames'];

/**
 * The schema without its documentation: Ajv embeds schema objects in the generated code, and the published
 * descriptions would otherwise ship to every browser.
 */
function withoutAnnotations(schema) {
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy = { ...schema };
  for (const key of ANNOTATIONS) delete copy[key];
  for (const key of SCHEMA_MAPS) {
    if (copy[key]) copy[key] = Object.fromEntries(Object.entries(copy[key]).map(([k, v]) => [k, withoutAnnotations(v)]));
  }
  for (const key of SCHEMA_LISTS) if (copy[key]) copy[key] = copy[key].map(withoutAnnotations);
  for (const key of SCHEMA_VALUES) if (key in copy) copy[key] = withoutAnnotations(copy[key]);
  return copy;
}

function newAjv(common, allErrors) {
  const ajv = new Ajv2020({
    code: { source: true, esm: true },
    allErrors,
    strict: true,
    // Conditions are written as `if`/`then: { required: [...] }` over properties declared at the object itself.
    strictRequired: false,
    messages: false, // the engine writes its own, user-facing messages
    // Shared definitions (a code list used ten times) become one function each instead of ten inlined copies.
    inlineRefs: false,
  });
  addFormats(ajv);
  for (const schema of common) ajv.addSchema(withoutAnnotations(schema));
  return ajv;
}

async function generateValidator(outDir, name, schema, common, { allErrors = true } = {}) {
  const ajv = newAjv(common, allErrors);
  ajv.addSchema(withoutAnnotations(schema));
  const source = standaloneCode(ajv, ajv.getSchema(schema.$id));
  // Resolve Ajv's runtime `require`s into one self-contained ES module.
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    minify: false,
    legalComments: 'none',
  });
  await writeFile(join(outDir, `${name}.js`), result.outputFiles[0].text);
}

async function generateTypes(outDir, name, schema) {
  const ts = await compile(schema, name, {
    bannerComment: `/* Generated from ${name}.schema.json by scripts/generate.js. Do not edit. */`,
    additionalProperties: false,
    declareExternallyReferenced: true,
    ignoreMinAndMaxItems: true,
    $refOptions: {
      resolve: {
        // Every shared definition lives in schemas/common/, whichever folder the referring schema is in.
        common: {
          order: 1,
          canRead: /\/common\/[^/]+\.schema\.json$/,
          read: (file) => readFile(join(schemasDir, 'common', file.url.split('/').pop()), 'utf8'),
        },
      },
    },
  });
  const validatorDecl = `
export interface ValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}
declare const validate: {
  (data: unknown): boolean;
  errors?: ValidationError[] | null;
};
export default validate;
`;
  await writeFile(join(outDir, `${name}.d.ts`), ts + validatorDecl);
}

/** Values the components read from the contract instead of restating them. */
async function writeContractConstants(outDir, common) {
  const basis = common.find((schema) => schema.$id.endsWith('/common/basis.schema.json'));
  const mimeTypes = basis.$defs.anlage.properties.mimeType.enum;
  const banner = '/* Generated from schemas/common/basis.schema.json by scripts/generate.js. Do not edit. */';
  const doc = '/** The MIME types an attachment may have (basis.schema.json#/$defs/anlage/properties/mimeType). */';
  await writeFile(join(outDir, 'constants.js'), `${banner}\n${doc}\nexport const ATTACHMENT_MIME_TYPES = ${JSON.stringify(mimeTypes)};\n`);
  await writeFile(join(outDir, 'constants.d.ts'), `${banner}\n${doc}\nexport declare const ATTACHMENT_MIME_TYPES: readonly string[];\n`);
}

await writeCodelistSchema();
const common = await loadCommonSchemas();
/** The server's validators (first error only) and one module that names them all by schema name. */
async function generateServerValidators(outDir, top, common) {
  await mkdir(outDir, { recursive: true });
  for (const { name, schema } of top) await generateValidator(outDir, name, schema, common, { allErrors: false });
  const names = top.map((t) => t.name).sort();
  const index = [
    ...names.map((name, i) => `import v${i} from './${name}.js';`),
    `export const validators = { ${names.map((name, i) => `${JSON.stringify(name)}: v${i}`).join(', ')} };`,
    '',
  ].join('\n');
  const declaration = `/* Generated by scripts/generate.js. Do not edit. */
import type { Validator } from '../../../engine/validator.js';
export declare const validators: Readonly<Record<string, Validator>>;
`;
  await writeFile(join(outDir, 'index.js'), index);
  await writeFile(join(outDir, 'index.d.ts'), declaration);
  console.log(`generated server validators in ${outDir.slice(root.length)}: ${names.join(', ')}`);
}

for (const { from, to, serverTo } of targets) {
  await mkdir(to, { recursive: true });
  const top = await loadTopSchemas(from);
  for (const { name, schema } of top) {
    await generateValidator(to, name, schema, common);
    await generateTypes(to, name, schema);
  }
  console.log(`generated validators and types in ${to.slice(root.length)}: ${top.map((t) => t.name).join(', ')}`);
  if (serverTo) await generateServerValidators(serverTo, top, common);
}
await writeContractConstants(targets[0].to, common);
await printLegalParameterWarnings();
