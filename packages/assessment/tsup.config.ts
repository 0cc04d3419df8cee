import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// A second entry for `@quanzi/assessment/files`. Splitting (also for CommonJS) puts the
// code both entries use in one shared chunk, written once.
export default defineConfig({
  ...baseOptions,
  entry: ['src/index.ts', 'src/files.ts'],
  splitting: true,
});
