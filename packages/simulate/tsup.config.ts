import { defineConfig } from 'tsup';

// The shared build shape plus a second entry: runSweep starts `sweepWorker.js`
// from next to the bundle as a worker thread. `shims` gives the CommonJS build an
// `import.meta.url` to find it by.
export default defineConfig({
  entry: ['src/index.ts', 'src/sweepWorker.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  shims: true,
});
