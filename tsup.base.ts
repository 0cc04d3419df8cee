import { defineConfig, type Options } from 'tsup';

/** One build shape for every package: ESM + CJS, each with its own declarations. */
export const baseOptions: Options = {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
};

export default defineConfig(baseOptions);
