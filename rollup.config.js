import { readdirSync, rmSync } from 'node:fs';
import json from '@rollup/plugin-json';
import resolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

// Each entry in components/entries/ becomes one ES module in dist/: the file a webmaster references. What the
// entries have in common (Lit, the shell, the engine) is one shared chunk each loads beside itself, so two services
// on one page load it once; what the first step does not need (the field kit, translations, adapters) is split
// into further chunks in dist/chunks/, loaded from beside the entry when needed.
const entries = readdirSync('components/entries').filter((f) => f.endsWith('.ts'));
// Chunk names carry content hashes: without a clean dist/ every build would leave the previous ones behind.
rmSync('dist', { recursive: true, force: true });

export default {
  input: Object.fromEntries(entries.map((file) => [file.replace(/\.ts$/, ''), `components/entries/${file}`])),
  // An entry exports its element classes; letting it export internals to its chunks too keeps the code in the
  // entry instead of a facade that loads one more file before anything shows.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: 'dist',
    entryFileNames: '[name].js',
    // A chunk loaded with `import()` is named after its module (field-kit, en, http, …); the one the entries
    // share is `shared` (rollup would name it after whichever module came first).
    chunkFileNames: (chunk) => (chunk.isDynamicEntry ? 'chunks/[name]-[hash].js' : 'chunks/shared-[hash].js'),
    format: 'es',
    sourcemap: 'hidden',
  },
  plugins: [
    resolve({ exportConditions: ['production'] }),
    json({ preferConst: true }),
    esbuild({ target: 'es2022', minify: true, charset: 'utf8', tsconfig: 'tsconfig.json', legalComments: 'eof' }),
  ],
};
