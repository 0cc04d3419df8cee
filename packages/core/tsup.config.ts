import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// A second entry for `@quanzi/core/documents` (JSON and YAML text). Splitting (also for
// CommonJS) puts the code both entries use in one shared chunk, so an error thrown by
// the documents entry is the same `QuanziError` class as the main entry's.
export default defineConfig({
  ...baseOptions,
  entry: ['src/index.ts', 'src/documents.ts'],
  splitting: true,
});
