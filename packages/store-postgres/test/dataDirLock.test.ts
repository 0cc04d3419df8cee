import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { isQuanziError } from '@quanzi/core';
import { afterAll, expect, it } from 'vitest';
import { createPostgresEventStore } from '../src/index';
import { crashCommands } from './crashCommands';

// Each data directory (and its lock beside it) lives in a temporary parent, removed whole.
const parents: string[] = [];
afterAll(() => {
  for (const parent of parents) rmSync(parent, { recursive: true, force: true });
});
function tempDir(): string {
  const parent = mkdtempSync(join(tmpdir(), 'quanzi-pglite-'));
  parents.push(parent);
  return join(parent, 'data');
}

function worker(dataDir: string, mode: 'open' | 'append'): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--conditions=quanzi-source',
      '--import',
      'tsx',
      join(import.meta.dirname, 'dataDirWorker.ts'),
      dataDir,
      mode,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

/** Resolves with the first JSON line `child` prints for which `wanted` holds. */
function line<T>(child: ChildProcess, wanted: (report: T) => boolean): Promise<T> {
  const lines = createInterface({ input: child.stdout as NonNullable<ChildProcess['stdout']> });
  return new Promise((resolve, reject) => {
    lines.on('line', (text) => {
      const report = JSON.parse(text) as T;
      if (wanted(report)) {
        lines.close();
        resolve(report);
      }
    });
    child.once('close', () => reject(new Error('the worker exited without that line')));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

it('a second process on the same data directory gets a typed error and the first loses nothing', async () => {
  const dataDir = tempDir();
  const commands = crashCommands(6, 1);
  const first = await createPostgresEventStore({ dataDir });
  const half = Math.floor(commands.length / 2);
  for (const command of commands.slice(0, half)) await first.append(command);

  const second = worker(dataDir, 'open');
  const report = await line<Record<string, unknown>>(second, () => true);
  expect(await exited(second)).toEqual({ code: 0, signal: null });
  expect(report).toMatchObject({
    code: 'storage_failure',
    path: ['dataDir'],
    issues: [{ path: ['dataDir'], code: 'data_directory_locked' }],
  });
  const messages = report.messages as { en: string; 'zh-CN': string };
  expect(messages.en).toContain(dataDir);
  expect(messages.en).toContain('PGlite allows one writer');
  expect(messages.en).toContain('PostgreSQL');
  expect(messages['zh-CN']).toContain('只允许一个写入者');

  // The first writer carries on; afterwards every one of its events is there.
  for (const command of commands.slice(half)) await first.append(command);
  const written = await first.readAll();
  await first.close();
  expect(existsSync(`${dataDir}.lock`)).toBe(false);
  const reopened = await createPostgresEventStore({ dataDir });
  expect(await reopened.readAll()).toEqual(written);
  expect(written).toHaveLength(commands.flatMap((command) => command.events).length);
  expect(await reopened.verifyAudit()).toMatchObject({ ok: true, entries: written.length });
  await reopened.close();
});

it('the lock of a process killed with SIGKILL is taken over, its committed events kept', async () => {
  const dataDir = tempDir();
  const holder = worker(dataDir, 'append');
  await line<{ appended?: number }>(holder, (report) => (report.appended ?? 0) >= 3);
  holder.kill('SIGKILL');
  expect((await exited(holder)).signal).toBe('SIGKILL');
  expect(existsSync(`${dataDir}.lock`)).toBe(true);

  // The dead holder's lock goes stale (10 s) and the opener waits that out.
  const store = await createPostgresEventStore({ dataDir });
  const events = await store.readAll();
  expect(events.length).toBeGreaterThanOrEqual(3);
  expect(await store.verifyAudit()).toMatchObject({ ok: true, entries: events.length });
  await store.close();
});

it('refuses dataDir together with a driver, naming dataDir', async () => {
  const embedded = await createPostgresEventStore();
  const error = await createPostgresEventStore({ driver: embedded.driver, dataDir: tempDir() })
    .then(() => undefined)
    .catch((caught: unknown) => caught);
  await embedded.close();
  expect(isQuanziError(error) && error.code).toBe('invalid_input');
  expect(isQuanziError(error) && error.path).toEqual(['dataDir']);
});

it.each([
  ['a file stands where the directory should be', 'file'],
  ['a directory beneath a file', 'beneath'],
  ['the directory holds files that are not a database', 'junk'],
])('names the data directory and the reason when %s, and leaves no lock', async (_, kind) => {
  const dataDir = tempDir();
  writeFileSync(dataDir, '');
  const dir = {
    file: dataDir,
    beneath: join(dataDir, 'data'),
    junk: join(dirname(dataDir), 'junk'),
  }[kind as 'file' | 'beneath' | 'junk'];
  if (kind === 'junk') {
    mkdirSync(dir);
    writeFileSync(join(dir, 'PG_VERSION'), 'not a database\n');
  }
  const error = await createPostgresEventStore({ dataDir: dir }).catch((caught: unknown) => caught);
  expect(isQuanziError(error) && error.code).toBe('storage_failure');
  expect(isQuanziError(error) && error.path).toEqual(['dataDir']);
  expect(isQuanziError(error) && error.messages.en).toContain(dir);
  expect(isQuanziError(error) && error.messages['zh-CN']).toContain(dir);
  expect(existsSync(`${dir}.lock`)).toBe(false);
});
