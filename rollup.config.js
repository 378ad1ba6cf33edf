import { readdirSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

// Each entry in components/entries/ becomes one self-contained ES module in dist/ (Lit included), so a
// webmaster loads exactly one file per service. Shared code is duplicated across files on purpose.
const entries = readdirSync('components/entries').filter((f) => f.endsWith('.ts'));

export default entries.map((file) => ({
  input: `components/entries/${file}`,
  output: { file: `dist/${file.replace(/\.ts$/, '.js')}`, format: 'es', sourcemap: true },
  plugins: [
    resolve({ exportConditions: ['production'] }),
    esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.json', legalComments: 'eof' }),
  ],
}));
