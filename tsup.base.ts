import { defineConfig } from 'tsup';

/** One build shape for every package: ESM + CJS, each with its own declarations. */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
});
