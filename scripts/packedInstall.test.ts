import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What an integrator outside the monorepo gets: every package built, packed with
// `pnpm pack` and installed from the tarballs with npm into an empty project in the
// system's temp directory, then loaded with plain node (no vitest, no source condition).

const root = join(import.meta.dirname, '..');
const packagesDir = join(root, 'packages');

interface Manifest {
  name: string;
  exports: Record<string, unknown>;
}
const manifests: Manifest[] = readdirSync(packagesDir)
  .filter((dir) => existsSync(join(packagesDir, dir, 'package.json')))
  .map((dir) => JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')));
/** Every entry a consumer can load: `@quanzi/rules`, `@quanzi/rules/reference`, … */
const entries = manifests.flatMap((manifest) =>
  Object.keys(manifest.exports)
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`)),
);

let app = '';

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
function node(file: string, source: string): string {
  writeFileSync(join(app, file), source);
  return run(process.execPath, [file], app);
}

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'quanzi-packed-'));
  app = join(dir, 'app');
  run('npx', ['-y', 'pnpm@10', 'build'], root);
  run(
    'npx',
    ['-y', 'pnpm@10', '-r', '--filter', './packages/*', 'pack', '--pack-destination', dir],
    root,
  );
  const tarballs = readdirSync(dir).filter((file) => file.endsWith('.tgz'));
  expect(tarballs).toHaveLength(manifests.length);
  run('mkdir', [app], dir);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  // One install for every tarball; @types/node as any TypeScript consumer has it.
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '@types/node@20',
      ...tarballs.map((file) => join(dir, file)),
    ],
    app,
  );
}, 900_000);

afterAll(() => {
  if (app) rmSync(join(app, '..'), { recursive: true, force: true });
});

describe('the packed packages in a project outside the workspace', () => {
  it('lists every package and the subpath entries', () => {
    expect(entries).toContain('@quanzi/rules/reference');
    expect(entries).toContain('@quanzi/rules/files');
    expect(entries).toContain('@quanzi/core/documents');
    expect(entries).toContain('@quanzi/core/prng');
    expect(entries).toContain('@quanzi/core/audit');
    expect(entries).toContain('@quanzi/engine/catalogue');
    expect(entries).toContain('@quanzi/lifecycle/open311');
    expect(entries).toContain('@quanzi/lifecycle/xstate');
    expect(entries).toContain('@quanzi/assessment/files');
    expect(entries).toContain('@quanzi/simulate');
    expect(entries).toContain('@quanzi/cli');
  });

  it('can require() and import() every entry, with the same exports both ways', () => {
    const names = JSON.stringify(entries);
    const required = JSON.parse(
      node(
        'require.cjs',
        `const out = {};
for (const name of ${names}) out[name] = Object.keys(require(name)).sort();
process.stdout.write(JSON.stringify(out));`,
      ),
    ) as Record<string, string[]>;
    const imported = JSON.parse(
      node(
        'import.mjs',
        `const out = {};
for (const name of ${names})
  out[name] = Object.keys(await import(name)).filter((key) => key !== 'default' && key !== 'module.exports').sort();
process.stdout.write(JSON.stringify(out));`,
      ),
    ) as Record<string, string[]>;
    for (const name of entries) {
      expect(required[name]?.length, name).toBeGreaterThan(0);
      expect(imported[name], name).toEqual(required[name]);
    }
  });

  it('decides with the reference entry on a policy from the files entry, in CommonJS and ESM', () => {
    writeFileSync(
      join(app, 'policy.yaml'),
      readFileSync(join(root, 'examples', 'policies', 'civilized-city.yaml'), 'utf8'),
    );
    const body = (load: string) => `${load}
const policy = files.loadPolicy(readFileSync('policy.yaml', 'utf8'), { format: 'yaml' });
const circle = core.parseInput(core.CircleSchema, { id: 'civilized-city', name: { en: 'C', 'zh-CN': '圈' }, model: 'extended' });
const participant = core.parseInput(core.ParticipantSchema, { id: 'p1', circleId: 'civilized-city', kind: 'resident', displayName: 'Li Lei' });
const task = core.parseInput(core.TaskSchema, { id: 't1', circleId: 'civilized-city', publisherId: 'cmd', source: { kind: 'officer' },
  category: 'shared_bike_parking', title: 'Task', goal: 'Done', location: { type: 'Point', coordinates: [116.397, 39.909] }, createdAt: '2026-11-29T08:00:00Z' });
const facts = { participant, level: 0, tags: [] };
const taskFacts = { task, state: 'published', claimantIds: [] };
const out = [];
for (const position of [[116.397, 39.909], [116.5, 39.909]]) {
  const context = { now: '2026-11-29T09:00:00Z', circle, position };
  const fast = policy.decide('claim', facts, taskFacts, context);
  const slow = await reference.decideWithReference(policy, 'claim', facts, taskFacts, context);
  out.push([fast.allowed, slow.allowed, fast.reasons.map((r) => r.code), slow.reasons.map((r) => r.code)]);
}
process.stdout.write(JSON.stringify(out));`;
    const cjs = node(
      'reference.cjs',
      `const { readFileSync } = require('node:fs');
const core = require('@quanzi/core');
const files = require('@quanzi/rules/files');
const reference = require('@quanzi/rules/reference');
(async () => {${body('')}})();`,
    );
    const esm = node(
      'reference.mjs',
      body(`import { readFileSync } from 'node:fs';
import * as core from '@quanzi/core';
import * as files from '@quanzi/rules/files';
import * as reference from '@quanzi/rules/reference';`),
    );
    // Next to the task it may be claimed; 7 km away it is out of reach, on both paths.
    expect(JSON.parse(cjs)).toEqual([
      [true, true, [], []],
      [false, false, ['out_of_range'], ['out_of_range']],
    ]);
    expect(JSON.parse(esm)).toEqual(JSON.parse(cjs));
  });

  it('installs neither @stdlib nor PGlite, and says how to get PGlite when it is asked for', () => {
    expect(existsSync(join(app, 'node_modules', '@stdlib'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', '@electric-sql', 'pglite'))).toBe(false);
    const error = JSON.parse(
      node(
        'pglite.mjs',
        `import { createPostgresEventStore } from '@quanzi/store-postgres';
try { await createPostgresEventStore(); process.stdout.write('null'); }
catch (error) { process.stdout.write(JSON.stringify({ code: error.code, path: error.path, text: error.message, zh: error.localized('zh-CN') })); }`,
      ),
    );
    expect(error.code).toBe('unsupported');
    expect(error.path).toEqual(['driver']);
    expect(error.text).toContain('npm install @electric-sql/pglite');
    expect(error.zh).toContain('没有安装');
  });

  it('type-checks a strict consumer importing every entry with skipLibCheck off', () => {
    writeFileSync(
      join(app, 'consumer.ts'),
      entries
        .map((name, i) => `import * as entry${i} from '${name}';\nconsole.log(entry${i});\n`)
        .join(''),
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    let output = '';
    try {
      run(process.execPath, [tsc, '-p', 'tsconfig.json'], app);
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toBe('');
  });
});
