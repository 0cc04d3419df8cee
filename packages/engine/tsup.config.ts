import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// A second entry for `@quanzi/engine/catalogue` (the commands as the documentation reads
// them). Splitting (also for CommonJS) puts code both entries use in one shared chunk.
export default defineConfig({
  ...baseOptions,
  entry: ['src/index.ts', 'src/catalogue.ts'],
  splitting: true,
});
