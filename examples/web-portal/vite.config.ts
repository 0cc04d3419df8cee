import { defaultClientConditions, defineConfig } from 'vite';

// The SDK packages resolve to their TypeScript sources, so the portal builds
// without building the packages first.
export default defineConfig({
  root: import.meta.dirname,
  resolve: { conditions: ['quanzi-source', ...defaultClientConditions] },
  build: { target: 'es2022' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
