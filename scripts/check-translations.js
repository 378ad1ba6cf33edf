/**
 * Fails when a shipped locale lacks a message. Run after `lit-localize extract`, which adds every message
 * found in the code to each XLIFF file — new ones without a <target>.
 */
import { readFile, readdir } from 'node:fs/promises';

const dir = new URL('../xliff/', import.meta.url);
let missing = 0;
for (const file of (await readdir(dir)).filter((f) => f.endsWith('.xlf'))) {
  const xliff = await readFile(new URL(file, dir), 'utf8');
  for (const [, id, body] of xliff.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)) {
    if (!/<target>[\s\S]*?\S[\s\S]*?<\/target>/.test(body)) {
      missing += 1;
      const source = /<source>([\s\S]*?)<\/source>/.exec(body)?.[1] ?? '';
      console.error(`${file}: no translation for ${id}: ${source}`);
    }
  }
}
if (missing > 0) {
  console.error(`${missing} message(s) untranslated. Add a <target> in xliff/*.xlf.`);
  process.exit(1);
}
console.log('every shipped locale has every message');
