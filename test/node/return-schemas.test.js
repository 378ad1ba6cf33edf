/**
 * The return channel's message schema (schemas/return/) as an office or a portal uses it: compiled by a standard
 * validator in its default settings, and by Ajv in strict mode as our generator compiles it. Every valid fixture
 * passes; every invalid one (`{ data, expect }`) fails with each error it expects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const FIXTURES = 'test/fixtures/return';

function compile(options) {
  const ajv = new Ajv2020(options);
  addFormats(ajv);
  for (const file of readdirSync('schemas/common')) ajv.addSchema(readJson(`schemas/common/${file}`));
  return ajv.compile(readJson('schemas/return/nachricht.schema.json'));
}

const validators = {
  'default settings': compile({}),
  'strict, all errors': compile({ strict: true, strictRequired: false, allErrors: true }),
};

test('there are valid and invalid fixtures for every message type', () => {
  const types = readJson('schemas/return/nachricht.schema.json').properties.type.enum;
  const valid = readdirSync(`${FIXTURES}/valid`).map((file) => readJson(`${FIXTURES}/valid/${file}`).type);
  const invalid = readdirSync(`${FIXTURES}/invalid`).map((file) => readJson(`${FIXTURES}/invalid/${file}`).data.type);
  for (const type of types) {
    assert.ok(valid.includes(type), `a valid ${type}`);
    assert.ok(invalid.includes(type), `an invalid ${type}`);
  }
});

for (const [name, validate] of Object.entries(validators)) {
  for (const file of readdirSync(`${FIXTURES}/valid`)) {
    test(`${name}: valid/${file} is valid`, () => {
      assert.equal(validate(readJson(`${FIXTURES}/valid/${file}`)), true, JSON.stringify(validate.errors?.slice(0, 3)));
    });
  }
  for (const file of readdirSync(`${FIXTURES}/invalid`)) {
    test(`${name}: invalid/${file} is invalid`, () => {
      const { data, expect } = readJson(`${FIXTURES}/invalid/${file}`);
      assert.equal(validate(data), false);
      if (name !== 'strict, all errors') return;
      for (const expected of expect) {
        assert.ok(
          validate.errors.some((e) => e.instancePath === expected.instancePath && e.keyword === expected.keyword),
          `${JSON.stringify(expected)} among ${JSON.stringify(validate.errors)}`,
        );
      }
    });
  }
}
