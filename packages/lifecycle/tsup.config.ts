import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// A second entry for `@quanzi/lifecycle/xstate`. Splitting (also for CommonJS) puts the
// definitions and the reducer both entries use in one shared chunk, written once.
export default defineConfig({
  ...baseOptions,
  entry: ['src/index.ts', 'src/xstate.ts'],
  splitting: true,
});
