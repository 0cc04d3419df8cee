import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// More entries: `@quanzi/rules/reference` and `@quanzi/rules/files`. Splitting (also for
// CommonJS) puts the policy code the entries share in one chunk, so a policy built by
// one entry is known to the others.
export default defineConfig({
  ...baseOptions,
  entry: ['src/index.ts', 'src/reference.ts', 'src/files.ts'],
  splitting: true,
});
