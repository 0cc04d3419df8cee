import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// What a browser loads for the SDK leaves out what only some apps need, each behind its
// own subpath entry: the YAML parser (about 96 kB minified; reading text files), xstate
// (37 kB; running xstate actors), pure-rand (5 kB; seeded numbers) and the audit verifier
// with its checkpoints (3 kB; the in-memory store imports it on the first `verifyAudit`),
// the command catalogue (4 kB of documentation text) and the Open311 status tables.
// Bundling the sources as a browser bundler would shows it, so a new import cannot bring
// them back unnoticed.

const root = join(import.meta.dirname, '..');
/** Each module kept out of the main entries, by the name the test reports it under. */
const keptOut: ReadonlyArray<readonly [string, RegExp]> = [
  ['yaml', /(?:^|\/)node_modules\/yaml\//],
  ['xstate', /(?:^|\/)node_modules\/xstate\//],
  ['pure-rand', /(?:^|\/)node_modules\/pure-rand\//],
  [
    'audit verifier',
    /packages\/core\/src\/(?:verifyAuditLog|verifyAuditChain|auditCheckpoint)\.ts$/,
  ],
  ['command catalogue', /packages\/engine\/src\/commandCatalogue\.ts$/],
  ['open311 statuses', /packages\/lifecycle\/src\/open311Status\.ts$/],
];

/**
 * The kept-out modules each entry loads before it runs (static imports only: the
 * assessment package the engine imports on first `assess` is split off, as a
 * browser bundler splits it), by entry source file.
 */
async function keptOutOf(entries: string[]): Promise<Record<string, string[]>> {
  const result = await build({
    entryPoints: entries.map((entry) => join(root, entry)),
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['quanzi-source'],
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const { outputs } = result.metafile;
  const loadedWith = (output: string, seen: Set<string>): Set<string> => {
    if (seen.has(output)) return seen;
    seen.add(output);
    for (const imported of outputs[output]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external)
        loadedWith(imported.path, seen);
    return seen;
  };
  const found: Record<string, string[]> = {};
  for (const [output, meta] of Object.entries(outputs) as [string, Metafile['outputs'][string]][]) {
    // Modules imported with import() are entry points of their own chunks too.
    if (!meta.entryPoint || !entries.includes(meta.entryPoint)) continue;
    const kept = new Set<string>();
    for (const chunk of loadedWith(output, new Set()))
      for (const input of Object.keys(outputs[chunk]?.inputs ?? {})) {
        for (const [name, pattern] of keptOut) if (pattern.test(input)) kept.add(name);
      }
    found[meta.entryPoint] = [...kept].sort();
  }
  return found;
}

describe('the browser SDK import graph', () => {
  it('loads none of them from the main entries of core, rules, lifecycle, engine and assessment', async () => {
    // Assessment too: the engine imports it on the first `assess`, in a browser as well.
    const entries = ['core', 'rules', 'lifecycle', 'engine', 'assessment'].map(
      (pkg) => `packages/${pkg}/src/index.ts`,
    );
    const found = await keptOutOf(entries);
    expect(Object.keys(found).sort()).toEqual(entries.sort());
    for (const entry of entries) expect(found[entry], entry).toEqual([]);
  }, 120_000);

  it('finds them where they belong: the subpath entries', async () => {
    // The same check on the subpaths that need them, so the test is known to see them.
    const found = await keptOutOf([
      'packages/core/src/documents.ts',
      'packages/rules/src/files.ts',
      'packages/lifecycle/src/xstate.ts',
      'packages/assessment/src/files.ts',
      'packages/core/src/prng.ts',
      'packages/core/src/audit.ts',
      'packages/engine/src/catalogue.ts',
      'packages/lifecycle/src/open311.ts',
    ]);
    expect(found).toEqual({
      'packages/core/src/documents.ts': ['yaml'],
      'packages/rules/src/files.ts': ['yaml'],
      'packages/lifecycle/src/xstate.ts': ['xstate'],
      'packages/assessment/src/files.ts': ['yaml'],
      'packages/core/src/prng.ts': ['pure-rand'],
      'packages/core/src/audit.ts': ['audit verifier'],
      'packages/engine/src/catalogue.ts': ['command catalogue'],
      'packages/lifecycle/src/open311.ts': ['open311 statuses'],
    });
  }, 120_000);
});

/** The values (not types) `source` imports from the main entries of the SDK, as `pkg:name`. */
function sdkValueImports(source: string): string[] {
  const file = ts.createSourceFile('source.ts', source, ts.ScriptTarget.Latest);
  const names: string[] = [];
  for (const statement of file.statements) {
    const isImport = ts.isImportDeclaration(statement);
    const isExport = ts.isExportDeclaration(statement);
    if (!isImport && !isExport) continue;
    const specifier = statement.moduleSpecifier;
    if (specifier === undefined || !ts.isStringLiteral(specifier)) continue;
    // The portal names packages; browserPortal.js names their built files.
    const pkg =
      /^@quanzi\/(core|rules|lifecycle|engine)$/.exec(specifier.text)?.[1] ??
      /^\.\.\/packages\/(core|rules|lifecycle|engine)\/dist\/index\.js$/.exec(specifier.text)?.[1];
    if (pkg === undefined) continue;
    const bindings = isImport
      ? statement.importClause?.isTypeOnly
        ? undefined
        : statement.importClause?.namedBindings
      : statement.isTypeOnly
        ? undefined
        : statement.exportClause;
    if (bindings === undefined || ts.isNamespaceImport(bindings) || ts.isNamespaceExport(bindings))
      continue;
    for (const element of bindings.elements)
      if (!element.isTypeOnly) names.push(`${pkg}:${(element.propertyName ?? element.name).text}`);
  }
  return names;
}

describe('the browser portal size entry', () => {
  it('imports exactly what the web portal and the guide’s browser section import', () => {
    const portalDir = join(root, 'examples/web-portal/src');
    const portal = readdirSync(portalDir)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => sdkValueImports(readFileSync(join(portalDir, file), 'utf8')));
    const guide = readFileSync(join(root, 'docs/guides/integrator.md'), 'utf8');
    const section = guide.slice(guide.indexOf('## 6. Browsers'), guide.indexOf('## 7.'));
    const snippet = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const wanted = [...new Set([...portal, ...sdkValueImports(snippet)])].sort();
    expect(wanted).toContain('engine:createEngine');
    const measured = sdkValueImports(readFileSync(join(root, 'scripts/browserPortal.js'), 'utf8'));
    expect(measured.sort()).toEqual(wanted);
  });
});
