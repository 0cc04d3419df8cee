import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// A second entry for `@quanzi/rules/reference`. Splitting (also for CommonJS) puts the
// policy code both entries use in one shared chunk, so a policy built by the main
// entry is known to the reference entry.
export default defineConfig({
  ...baseOptions,
  entry: ['src/index.ts', 'src/reference.ts'],
  splitting: true,
});
