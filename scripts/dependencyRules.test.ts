import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

// The repository's own rules, run over a small fake workspace, so the test proves that
// the rules `pnpm lint:deps` applies catch each kind of violation.
const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as {
  forbidden: IForbiddenRuleType[];
};
const workspaces: string[] = [];

/** Writes `files` (path → source) into a fresh directory and cruises its `packages`. */
async function violationsOf(files: Record<string, string>) {
  const base = mkdtempSync(join(tmpdir(), 'quanzi-depcruise-'));
  workspaces.push(base);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), text);
  }
  const result = await cruise(['packages'], {
    baseDir: base,
    ruleSet: { forbidden: config.forbidden },
    tsPreCompilationDeps: true,
    validate: true,
  });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

afterAll(() => {
  for (const base of workspaces) rmSync(base, { recursive: true, force: true });
});

const core = { 'packages/core/src/index.ts': 'export const one = 1;\n' };

describe('the dependency rules (.dependency-cruiser.cjs)', () => {
  it('accept a domain package that imports core through its entry point', async () => {
    expect(
      await violationsOf({
        ...core,
        'packages/lifecycle/src/index.ts':
          "import { one } from '../../core/src/index';\nexport const two = one + 1;\n",
      }),
    ).toEqual([]);
  });

  it('refuse an import against the direction, a deep import and a cycle (reported once)', async () => {
    expect(
      await violationsOf({
        ...core,
        'packages/core/src/deep.ts': 'export const deep = 2;\n',
        'packages/engine/src/index.ts': "export const engine = 'engine';\n",
        'packages/lifecycle/src/index.ts': [
          "import { engine } from '../../engine/src/index';",
          "import { deep } from '../../core/src/deep';",
          "import { a } from './a';",
          'export const all = [engine, deep, a];',
          '',
        ].join('\n'),
        'packages/lifecycle/src/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
        'packages/lifecycle/src/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      }),
    ).toEqual([
      'domain-needs-only-core: packages/lifecycle/src/index.ts → packages/engine/src/index.ts',
      'no-circular: packages/lifecycle/src/a.ts → packages/lifecycle/src/b.ts',
      'no-deep-imports: packages/lifecycle/src/index.ts → packages/core/src/deep.ts',
    ]);
  });

  it('refuse an adapter that imports another adapter, and core importing anything of ours', async () => {
    expect(
      await violationsOf({
        'packages/core/src/index.ts': "export { x } from '../../open311/src/index';\n",
        'packages/open311/src/index.ts':
          "export const x = 1;\nexport { y } from '../../store-postgres/src/index';\n",
        'packages/store-postgres/src/index.ts': 'export const y = 2;\n',
      }),
    ).toEqual([
      'adapters-need-inner: packages/open311/src/index.ts → packages/store-postgres/src/index.ts',
      'core-is-innermost: packages/core/src/index.ts → packages/open311/src/index.ts',
    ]);
  });
});
