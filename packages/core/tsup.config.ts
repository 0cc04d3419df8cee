import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// More entries: `@quanzi/core/documents` (JSON and YAML text), `@quanzi/core/prng`
// (seeded random numbers, with pure-rand) and `@quanzi/core/audit` (chain verification and
// signed checkpoints). Splitting (also for CommonJS) puts the code
// the entries share in one chunk, so an error thrown by the documents entry is the same
// `QuanziError` class as the main entry's.
export default defineConfig({
  ...baseOptions,
  entry: ['src/index.ts', 'src/documents.ts', 'src/prng.ts', 'src/audit.ts'],
  splitting: true,
});
