import { readdirSync, rmSync } from 'node:fs';
import json from '@rollup/plugin-json';
import resolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

// Each entry in components/entries/ becomes one ES module in dist/ (Lit included): the only file a webmaster
// references. What the first step does not need (translations, adapters) is split into dist/chunks/, which the
// entry loads from beside itself when needed. Entries share nothing, so each service stands alone.
const entries = readdirSync('components/entries').filter((f) => f.endsWith('.ts'));
// Chunk names carry content hashes: without a clean dist/ every build would leave the previous ones behind.
rmSync('dist', { recursive: true, force: true });

export default entries.map((file) => ({
  input: { [file.replace(/\.ts$/, '')]: `components/entries/${file}` },
  // An entry exports its element classes; letting it export internals to its chunks too keeps the code in the
  // entry instead of a facade that loads one more file before anything shows.
  preserveEntrySignatures: 'allow-extension',
  output: { dir: 'dist', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', format: 'es', sourcemap: 'hidden' },
  plugins: [
    resolve({ exportConditions: ['production'] }),
    json({ preferConst: true }),
    esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.json', legalComments: 'eof' }),
  ],
}));
