// The architecture of docs DESIGN §2 as rules that fail `pnpm lint:deps` (and so `pnpm check`):
// dependencies point inwards — core ← lifecycle, rules, reputation, assessment ← engine ←
// adapters, simulate, cli, examples — a package is entered only through its public entry
// points, and no package has an import cycle.
const domain = '(lifecycle|rules|reputation|assessment)';
const adapters = '(store-postgres|open311|consultation)';

/** A rule that lets packages matching `from` reach only `packages/<allowed>/`. */
const onlyInwards = (name, from, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: `^packages/${from}/` },
  to: { path: '^packages/', pathNot: `^packages/${allowed}/` },
});

module.exports = {
  forbidden: [
    onlyInwards('core-is-innermost', 'core', 'core', 'core depends on no other Quanzi package.'),
    onlyInwards(
      'domain-needs-only-core',
      domain,
      '($1|core)',
      'A domain package depends on core only, never on another domain package or an outer one.',
    ),
    onlyInwards(
      'engine-needs-inner',
      'engine',
      `(engine|core|${domain.slice(1, -1)})`,
      'The engine depends on core and the domain packages.',
    ),
    onlyInwards(
      'adapters-need-inner',
      adapters,
      `($1|core|engine|${domain.slice(1, -1)})`,
      'Adapters depend inwards (core, domain, engine), never on each other, simulate or cli.',
    ),
    onlyInwards(
      'simulate-needs-inner',
      'simulate',
      `(simulate|core|engine|${domain.slice(1, -1)})`,
      'The simulator runs the kernel; it depends on no adapter and not on cli.',
    ),
    {
      name: 'no-deep-imports',
      comment:
        "Another package is entered only through an entry point of its exports map (src/index.ts, a subpath's file), never a file inside its src.",
      severity: 'error',
      from: { path: '^(packages|examples)/([^/]+)/' },
      to: {
        path: '^packages/[^/]+/(src|test)/',
        pathNot: [
          '^packages/$2/',
          '^packages/[^/]+/src/(index|reference|documents|files|xstate|prng|audit|catalogue|open311|testing/index)\\.ts$',
        ],
      },
    },
    {
      name: 'no-circular',
      comment: 'Modules of one package form no cycle.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (a typo or a missing dependency fails here).',
      severity: 'error',
      from: { path: '^(packages|examples)/' },
      // vite/client is an ambient type declaration of the browser example, not a module.
      to: { couldNotResolve: true, pathNot: '^vite/client$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      // Workspace packages resolve to their sources, as vitest and tsc see them.
      conditionNames: ['quanzi-source', 'import', 'require', 'node', 'default'],
      exportsFields: ['exports'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
