// The glossary of legal terms (xliff/glossary.json) that translators follow and scripts/check-translations.js
// enforces: complete for every locale we intend to ship, and consistent with itself.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const glossary = JSON.parse(readFileSync(new URL('../../xliff/glossary.json', import.meta.url), 'utf8'));
const pattern = (source) => new RegExp(source, 'iu');

test('the glossary names a rendering of every term for every locale of the languages issue', () => {
  assert.deepEqual(glossary.locales, ['en', 'uk', 'ru', 'ar', 'tr', 'fa', 'fr', 'es']);
  for (const term of glossary.terms) {
    for (const locale of glossary.locales) {
      const rendering = term[locale];
      assert.ok(rendering?.term?.trim(), `"${term.de}" has no term for ${locale}`);
      assert.equal(typeof rendering.reviewed, 'boolean', `"${term.de}" (${locale}) says whether it was reviewed`);
    }
  }
});

test("each locale's preferred term passes the check it sets for translations", () => {
  for (const term of glossary.terms) {
    const german = pattern(term.de);
    for (const locale of glossary.locales) {
      const { term: preferred, match } = term[locale];
      const passes = german.test(preferred) || match.map(pattern).some((p) => p.test(preferred));
      assert.ok(passes, `"${preferred}" (${locale}) for "${term.de}" matches none of its own patterns`);
    }
  }
});

test('a term without an accepted translation keeps the German word in every locale', () => {
  for (const term of glossary.terms.filter((t) => t.keepGerman)) {
    for (const locale of glossary.locales) {
      assert.match(term[locale].term, pattern(term.de), `${locale} drops the German "${term.de}"`);
      assert.deepEqual(term[locale].match, [], `${locale} offers a translation of "${term.de}", which stays German`);
    }
  }
});
