import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// More entries: `@quanzi/lifecycle/xstate` and `@quanzi/lifecycle/open311`. Splitting (also
// for CommonJS) puts the definitions and the reducer the entries use in one shared chunk,
// written once.
export default defineConfig({
  ...baseOptions,
  entry: ['src/index.ts', 'src/xstate.ts', 'src/open311.ts'],
  splitting: true,
});
