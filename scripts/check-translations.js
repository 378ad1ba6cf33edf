/**
 * Fails when a shipped locale lacks a message, or when a message breaks the glossary (xliff/glossary.json):
 * a message whose German source names a glossary term must, in its translation, use the locale's rendering
 * of it or name the German term. Run after `lit-localize extract`, which adds every message found in the code
 * to each XLIFF file — new ones without a <target>.
 */
import { readFile, readdir } from 'node:fs/promises';

const dir = new URL('../xliff/', import.meta.url);
const glossary = JSON.parse(await readFile(new URL('glossary.json', dir), 'utf8'));
const plain = (xml) => xml.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const pattern = (source) => new RegExp(source, 'iu');

let missing = 0;
let offGlossary = 0;
for (const file of (await readdir(dir)).filter((f) => f.endsWith('.xlf'))) {
  const xliff = await readFile(new URL(file, dir), 'utf8');
  const locale = /target-language="([^"]+)"/.exec(xliff)?.[1] ?? file.replace(/\.xlf$/, '');
  const terms = glossary.terms.map((term) => {
    if (!term[locale]) throw new Error(`xliff/glossary.json: the term "${term.de}" has no rendering for "${locale}"`);
    return { german: pattern(term.de), renderings: term[locale].match.map(pattern), term: term[locale].term };
  });
  for (const [, id, body] of xliff.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)) {
    const source = plain(/<source>([\s\S]*?)<\/source>/.exec(body)?.[1] ?? '');
    const target = /<target>([\s\S]*?\S[\s\S]*?)<\/target>/.exec(body)?.[1];
    if (target === undefined) {
      missing += 1;
      console.error(`${file}: no translation for ${id}: ${source}`);
      continue;
    }
    const translated = plain(target);
    for (const { german, renderings, term } of terms) {
      if (!german.test(source) || german.test(translated) || renderings.some((r) => r.test(translated))) continue;
      offGlossary += 1;
      console.error(`${file}: ${id} names "${german.source}" but its translation neither says "${term}" nor names the German term:\n  ${source}\n  ${translated}`);
    }
  }
}
if (missing > 0) console.error(`${missing} message(s) untranslated. Add a <target> in xliff/*.xlf.`);
if (offGlossary > 0) console.error(`${offGlossary} translation(s) off the glossary. Use the term of xliff/glossary.json, or the German term.`);
if (missing > 0 || offGlossary > 0) process.exit(1);
console.log('every shipped locale has every message, in the glossary\'s terms');
