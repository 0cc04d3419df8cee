import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { parse } from 'yaml';

// The policy file is YAML; it reaches the page as data, parsed here at build time, so the
// page needs only `loadPolicy` of `@quanzi/rules` and no YAML parser (about 30 kB gzipped).
const yamlAsData: Plugin = {
  name: 'yaml-as-data',
  transform(code, id) {
    if (!id.endsWith('.yaml')) return undefined;
    return { code: `export default ${JSON.stringify(parse(code))};`, map: null };
  },
};

// The SDK packages resolve to their TypeScript sources, so the portal builds
// without building the packages first.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [yamlAsData],
  resolve: { conditions: ['quanzi-source', ...defaultClientConditions] },
  build: { target: 'es2022' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
