import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The schemas the browser SDK loads are zod/mini schemas: classic zod attaches every
// method to every schema, so one classic import brings about 60 kB (minified) of zod
// that a bundler cannot leave out. Bundling the main entries as a browser would shows
// which half of zod they load, so a classic import cannot come back unnoticed.

const root = join(import.meta.dirname, '..');

/** The zod modules (`v4/classic/…`, `v4/mini/…`, `v4/core/…`) the entries load. */
async function zodModulesOf(entries: string[]): Promise<string[]> {
  const result = await build({
    entryPoints: entries.map((entry) => join(root, entry)),
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['quanzi-source'],
    // Assessment is imported on the first `assess`, and @noble/curves on the first signature.
    external: ['@quanzi/assessment', '@noble/curves', '@noble/curves/*'],
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const modules = new Set<string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    const module = /node_modules\/zod\/(v4\/[a-z]+)\//.exec(input)?.[1];
    if (module) modules.add(module);
  }
  return [...modules].sort();
}

describe('zod in the browser SDK', () => {
  it('loads zod/mini, never classic zod, from the main entries of core, rules, lifecycle, engine and assessment', async () => {
    // Assessment too: the engine imports it on the first `assess`, in a browser as well.
    const modules = await zodModulesOf(
      ['core', 'rules', 'lifecycle', 'engine', 'assessment'].map(
        (pkg) => `packages/${pkg}/src/index.ts`,
      ),
    );
    expect(modules).toEqual(['v4/core', 'v4/locales', 'v4/mini']);
  }, 120_000);

  it('sees classic zod where it is used: the consultation package', async () => {
    // The same check on a package still written with classic zod, so the test is known to see it.
    const modules = await zodModulesOf(['packages/consultation/src/index.ts']);
    expect(modules).toContain('v4/classic');
  }, 120_000);
});
