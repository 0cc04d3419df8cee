// Vitest globalSetup: a throwaway PostgreSQL server for the whole `vitest run`.
// DATABASE_URL wins; otherwise the machine's PostgreSQL binaries initdb a temporary
// cluster on a free port. The server boots in the background while test files are
// collected, so a run that never connects pays little; tests wait for it through
// `packages/store-postgres/test/testDatabase.ts`.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser connection string to the test server's `postgres` database. */
    databaseUrl: string;
    /** A file that holds the reason when the throwaway server failed to start. */
    databaseStartupError: string;
  }
}

const run = promisify(execFile);
const root = '/usr/lib/postgresql';

/** The newest `/usr/lib/postgresql/<version>/bin` with an initdb, or a clear error. */
function findBinaries(): string {
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(root, versions[0], 'bin');
  throw new Error(
    `No PostgreSQL server binaries in ${root}/*/bin. The store tests need a real server: ` +
      'install one with `apt-get install postgresql` (Debian/Ubuntu), or set DATABASE_URL ' +
      'to a database you may create databases on.',
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(),
      );
    });
  });
}

/** Runs a server binary as `postgres` when we are root (PostgreSQL refuses to run as root). */
function asPostgres(bin: string, tool: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  return asRoot
    ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args])
    : run(join(bin, tool), args);
}

async function start(bin: string, dir: string, port: number): Promise<void> {
  const data = join(dir, 'data');
  await asPostgres(bin, 'initdb', [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
    // Durability is irrelevant for a server deleted at the end of the run.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  await asPostgres(bin, 'pg_ctl', [
    '-D',
    data,
    '-o',
    settings,
    '-l',
    join(dir, 'server.log'),
    '-w',
    'start',
  ]);
}

/**
 * A detached watchdog stops the server and deletes its files once this process is
 * gone, so a run killed before its teardown (a timeout, SIGKILL) leaves nothing behind.
 */
function watchOwner(bin: string, dir: string): void {
  const runAs = process.getuid?.() === 0 ? 'runuser -u postgres -- ' : '';
  const script = [
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done`,
    `${runAs}'${join(bin, 'pg_ctl')}' -D '${join(dir, 'data')}' -m immediate stop >/dev/null 2>&1`,
    `rm -rf '${dir}'`,
  ].join('; ');
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

/** A running throwaway server; `stop` shuts it down and deletes its files. */
export interface ThrowawayPostgres {
  readonly url: string;
  /** Resolves once the server accepts connections; rejects with the reason it did not start. */
  readonly started: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Boots a throwaway PostgreSQL server from the machine's binaries: initdb into a
 * temporary directory, start on a free port. Returns at once with the URL; the
 * server comes up in the background (`started`).
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = findBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'quanzi-pg-'));
  if (process.getuid?.() === 0) await run('chown', ['postgres:postgres', dir]);
  const port = await freePort();
  watchOwner(bin, dir);
  const started = start(bin, dir, port);
  const outcome = started.then(
    () => true,
    () => false,
  );
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    started,
    async stop() {
      if (await outcome)
        await asPostgres(bin, 'pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']).catch(
          () => undefined,
        );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject) {
  const errorFile = join(tmpdir(), `quanzi-pg-error-${process.pid}.txt`);
  project.provide('databaseStartupError', errorFile);
  if (process.env.DATABASE_URL) {
    project.provide('databaseUrl', process.env.DATABASE_URL);
    return;
  }
  const server = await startThrowawayPostgres();
  project.provide('databaseUrl', server.url);
  server.started.catch((error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    writeFileSync(errorFile, `The throwaway PostgreSQL server did not start: ${detail}`);
  });
  return async () => {
    await server.stop();
    rmSync(errorFile, { force: true });
  };
}

/**
 * Runs `work` against `DATABASE_URL`, or against a throwaway server started for it
 * and stopped afterwards (the benchmarks use this outside vitest).
 */
export async function withThrowawayPostgres<T>(work: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return work(process.env.DATABASE_URL);
  const server = await startThrowawayPostgres();
  try {
    await server.started;
    return await work(server.url);
  } finally {
    await server.stop();
  }
}
