import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests run against each package's TypeScript source through the `quanzi-source`
// export condition, so `pnpm test` needs no build step.
export default defineConfig({
  resolve: { conditions: ['quanzi-source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['quanzi-source', ...defaultServerConditions] } },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'docs/**/*.test.ts',
      'scripts/*.test.ts',
    ],
    // Starts one throwaway PostgreSQL server per run (or uses DATABASE_URL).
    globalSetup: ['scripts/testPostgres.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    typecheck: { enabled: true, include: ['packages/*/test/**/*.test-d.ts'] },
  },
});
