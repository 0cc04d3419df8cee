import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// The library builds in the shared shape; the executable is ESM only (top-level await).
// string-width is ESM only: the CJS build carries its own copy so `require` works on
// every Node 20, not only on those that can require ES modules.
export default defineConfig([
  { ...baseOptions, format: ['esm'] },
  { ...baseOptions, format: ['cjs'], noExternal: ['string-width'], clean: false },
  { entry: ['src/bin.ts'], format: ['esm'], target: 'es2022', sourcemap: true, clean: false },
]);
