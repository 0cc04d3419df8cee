import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isQuanziError } from '@quanzi/core';
import {
  loadScenario,
  type Progress,
  parseSweep,
  runScenario,
  runSweep,
  seedsFor,
  toTidyJson,
} from '@quanzi/simulate';
import { build } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';
import manifest from '../package.json' with { type: 'json' };
import { smallCircle } from './fixtures';

const scenario = loadScenario({ ...smallCircle, durationDays: 2 });
const sweep = [parseSweep('scheme.credibilityWeighting=false,true')];

describe('parseSweep and seeds', () => {
  it('reads typed values from the command-line form', () => {
    expect(parseSweep('game.multiplier=1.5,3')).toEqual({
      path: 'game.multiplier',
      values: [1.5, 3],
    });
    expect(parseSweep('scheme.credibilityWeighting=true,false,null,x')).toEqual({
      path: 'scheme.credibilityWeighting',
      values: [true, false, null, 'x'],
    });
    expect(() => parseSweep('no-equals-sign')).toThrow(/path=a,b,c/);
  });

  it('takes the scenario seeds, counts on past them, or counts up from --seed', () => {
    expect(seedsFor(scenario, {})).toEqual([11, 12]);
    expect(seedsFor(scenario, { runs: 4 })).toEqual([11, 12, 13, 14]);
    expect(seedsFor(scenario, { runs: 1 })).toEqual([11]);
    expect(seedsFor(scenario, { runs: 3, seed: 100 })).toEqual([100, 101, 102]);
  });
});

describe('runSweep', () => {
  it('in this thread: every setting × seed, in grid order, each equal to runScenario', async () => {
    const results = await runSweep(scenario, { sweep, workers: 0 });
    expect(results.map((result) => result.run)).toEqual([
      'scheme.credibilityWeighting=false|seed=11',
      'scheme.credibilityWeighting=false|seed=12',
      'scheme.credibilityWeighting=true|seed=11',
      'scheme.credibilityWeighting=true|seed=12',
    ]);
    const direct = runScenario(
      { ...scenario, scheme: { ...scenario.scheme, credibilityWeighting: true } },
      {
        seed: 12,
        run: 'scheme.credibilityWeighting=true|seed=12',
        params: { 'scheme.credibilityWeighting': true },
      },
    );
    expect(results[3]).toEqual(direct);
  });

  it('on worker threads (TypeScript sources through tsx) gives the same bytes as in this thread', async () => {
    const progress: Progress[] = [];
    const [threaded, inline] = await Promise.all([
      runSweep(scenario, { sweep, workers: 2, onProgress: (p) => progress.push(p) }),
      runSweep(scenario, { sweep, workers: 0 }),
    ]);
    expect(toTidyJson(threaded)).toBe(toTidyJson(inline));
    const total = 4 * 48;
    expect(progress.every((p) => p.total === total)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual(
      [...progress.map((p) => p.done)].sort((a, b) => a - b),
    );
    expect(progress.at(-1)?.done).toBe(total);
  });

  it('rejects a parameter that is not in the scenario, or a value out of range, before running', async () => {
    for (const bad of [
      'scheme.nope=1',
      'game.multiplier=2',
      'populations[0].behaviour.participation=2',
    ]) {
      const error = await runSweep(scenario, { sweep: [parseSweep(bad)], workers: 0 }).catch(
        (e: unknown) => e,
      );
      expect(isQuanziError(error) && error.code).toBe('invalid_scenario');
    }
  });
});

describe('runSweep from the built package', () => {
  const scratch = join(import.meta.dirname, '../.tmp');
  mkdirSync(scratch, { recursive: true });
  const outDir = mkdtempSync(join(scratch, 'build-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('starts the built JavaScript worker next to the bundle', async () => {
    await build({
      config: false,
      entry: [
        join(import.meta.dirname, '../src/index.ts'),
        join(import.meta.dirname, '../src/sweepWorker.ts'),
      ],
      format: ['esm'],
      outDir,
      silent: true,
      shims: true,
      // This package's own dependencies stay external; the workspace packages (and
      // theirs) are bundled from source, so no process or worker loads TypeScript.
      external: Object.keys(manifest.dependencies).filter((name) => !name.startsWith('@quanzi/')),
      // Bundled CommonJS dependencies call require() for Node built-ins.
      banner: {
        js: "import { createRequire as bannerRequire } from 'node:module'; const require = bannerRequire(import.meta.url);",
      },
      esbuildOptions: (options) => {
        options.conditions = ['quanzi-source'];
      },
    });
    const script = `
      const { loadScenario, runSweep, toTidyJson } = await import(${JSON.stringify(join(outDir, 'index.js'))});
      const scenario = loadScenario(${JSON.stringify(JSON.stringify({ ...smallCircle, durationDays: 1 }))});
      const results = await runSweep(scenario, { workers: 2 });
      process.stdout.write(toTidyJson(results));`;
    writeFileSync(join(outDir, 'run.mjs'), script);
    const output = execFileSync(process.execPath, [join(outDir, 'run.mjs')], {
      cwd: join(import.meta.dirname, '..'),
      encoding: 'utf8',
    });
    const expected = await runSweep(loadScenario({ ...smallCircle, durationDays: 1 }), {
      workers: 0,
    });
    expect(output).toBe(toTidyJson(expected));
  });
});
