import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// The library builds in the shared shape; the executable is ESM only (top-level await).
export default defineConfig([
  baseOptions,
  { entry: ['src/bin.ts'], format: ['esm'], target: 'es2022', sourcemap: true, clean: false },
]);
