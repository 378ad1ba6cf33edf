/**
 * The published schemas as a receiving office uses them: compiled by a standard validator in its default
 * settings (Ajv 2020-12 with only the format vocabulary added — no `multipleOfPrecision`, no custom keywords),
 * straight from `schemas/`, not through our generated validators. Every valid fixture must pass and the data of
 * every invalid one (`{ data, expect }`) fail, so an office never refuses a submission our form produced.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

function defaultValidator() {
  const ajv = new Ajv2020();
  addFormats(ajv);
  for (const file of readdirSync('schemas/common')) ajv.addSchema(readJson(`schemas/common/${file}`));
  return ajv;
}

for (const service of ['verpflichtungserklaerung', 'aufenthaltstitel']) {
  const validate = defaultValidator().compile(readJson(`schemas/${service}.schema.json`));
  for (const kind of ['valid', 'invalid']) {
    for (const file of readdirSync(`test/fixtures/${service}/${kind}`)) {
      test(`${service}: ${kind}/${file} is ${kind} under a default-settings validator`, () => {
        const fixture = readJson(`test/fixtures/${service}/${kind}/${file}`);
        const ok = validate(kind === 'valid' ? fixture : fixture.data);
        assert.equal(ok, kind === 'valid', JSON.stringify(validate.errors?.slice(0, 3)));
      });
    }
  }
}

test('amounts in whole cents validate exactly, also those a float multipleOf check gets wrong', () => {
  const validate = defaultValidator().getSchema('https://efa-forms.de/schemas/common/basis.schema.json#/$defs/betrag');
  assert.ok(validate, 'basis.schema.json#/$defs/betrag is published');
  for (const amount of ['0.00', '0.07', '845.57', '4766.99', '4866.30', '99999999.99']) assert.equal(validate(amount), true, amount);
  for (const amount of [4766.99, '4766.9', '4766.999', '-1.00', '1,00', '01.00', '']) assert.equal(validate(amount), false, String(amount));
});

test('no published schema uses multipleOf with a fraction', () => {
  const files = [
    ...readdirSync('schemas').filter((f) => f.endsWith('.json')).map((f) => `schemas/${f}`),
    ...readdirSync('schemas/common').map((f) => `schemas/common/${f}`),
    ...readdirSync('schemas/return').map((f) => `schemas/return/${f}`),
  ];
  for (const file of files) {
    const fractional = [...readFileSync(file, 'utf8').matchAll(/"multipleOf":\s*([0-9.eE+-]+)/g)].filter(([, n]) => !Number.isInteger(Number(n)));
    assert.deepEqual(fractional.map(([match]) => match), [], file);
  }
});

test('the identification report schema takes the claims of a portal identity token, and only those', () => {
  const ajv = defaultValidator();
  ajv.addSchema(readJson('schemas/fit-connect/identitaetsnachweis.schema.json'));
  const validate = ajv.getSchema('https://efa-forms.de/schemas/fit-connect/identitaetsnachweis-1.0.0.schema.json');
  assert.ok(validate, 'published under its $id');
  const now = Math.floor(Date.now() / 1000);
  // As server/portal-login.ts signs them (IdentityTokenClaims, src/services/common/identity.ts).
  const claims = {
    iss: 'https://portal.musterstadt.example',
    aud: 'https://antrag.musterstadt.example/api/submissions',
    sub: 'citizen-1',
    iat: now,
    exp: now + 600,
    nonce: '0c9e8d7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f',
    vertrauensniveau: 'hoch',
    quelle: 'DeutschlandID',
    angaben: { vornamen: 'Erika', familienname: 'Mustermann', geburtsdatum: '1964-08-12', anschrift: { ort: 'Köln' }, postfachHandle: '3f2b7c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b' },
  };
  assert.equal(validate(claims), true, JSON.stringify(validate.errors));
  const { nonce: _nonce, ...unbound } = claims;
  assert.equal(validate(unbound), false, 'a token bound to no submission');
  assert.equal(validate({ ...claims, vertrauensniveau: 'niedrig' }), false, 'a level eIDAS substantial/high does not name');
});
