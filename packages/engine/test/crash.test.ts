import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgliteDriver, createPostgresEventStore } from '@quanzi/store-postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { crashEngine, crashSteps, projections, runStream } from './crashStream';

const worker = join(import.meta.dirname, 'crashWorker.ts');
const root = join(import.meta.dirname, '..', '..', '..');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs the worker; kills it with SIGKILL after `killAfter` finished commands (if given). */
function runWorker(dataDir: string, seed: number, killAfter?: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=quanzi-source', worker, dataDir, String(seed)],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
      if (killAfter !== undefined && lines.filter((l) => l.startsWith('done')).length >= killAfter)
        child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve(lines);
      else reject(new Error(`worker exited with ${code}: ${stderr}`));
    });
  });
}

describe('crash safety on PGlite on disk', () => {
  // PGlite boots a database from disk in each process: seconds each, more on a busy machine.
  it('a command stream killed with SIGKILL and retried with the same keys loses and doubles nothing', {
    timeout: 300_000,
  }, async () => {
    const seed = 7;
    const steps = crashSteps(seed);
    expect(steps.length).toBeGreaterThan(30);
    const dataDir = mkdtempSync(join(tmpdir(), 'quanzi-crash-'));
    dirs.push(dataDir);

    const killed = await runWorker(dataDir, seed, 20);
    expect(killed.filter((l) => l.startsWith('done')).length).toBeLessThan(steps.length);
    const last = (await runWorker(dataDir, seed)).at(-1) ?? '';
    expect(last.startsWith('final ')).toBe(true);
    const final = JSON.parse(last.slice('final '.length));
    expect(final.rebuildEqual).toBe(true);

    // The same stream, never interrupted, on the same kind of store (in memory).
    const referenceStore = await createPostgresEventStore({
      driver: createPgliteDriver(await PGlite.create()),
    });
    const reference = await crashEngine(referenceStore);
    await runStream(reference, steps);
    const expected = await reference.engine.store.readAll();

    const actual = final.log as typeof expected;
    expect(actual.length).toBe(expected.length);
    expect(new Set(actual.map((e) => e.id)).size).toBe(actual.length);
    // Positions may skip numbers a killed or lost append had drawn; order and content may not.
    const positions = actual.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const unpositioned = (log: typeof expected) => log.map(({ position: _, ...event }) => event);
    expect(unpositioned(actual)).toEqual(unpositioned(expected));
    const now = reference.clock.now();
    const withoutPosition = (p: { snapshot: object }) => ({
      ...p,
      snapshot: { ...p.snapshot, position: 0 },
    });
    expect(withoutPosition(final.projections)).toEqual(
      withoutPosition(JSON.parse(JSON.stringify(projections(reference.engine, now)))),
    );
    await referenceStore.close();
  });
});
