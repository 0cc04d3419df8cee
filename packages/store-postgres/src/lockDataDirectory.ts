import { QuanziError } from '@quanzi/core';
import { cannotOpenDataDirectory } from './cannotOpenDataDirectory';

/**
 * How long a lock whose holder stopped refreshing it counts as held. The holder
 * refreshes it every {@link staleMs}/2; a process killed with SIGKILL cannot remove its
 * lock, so the next opener waits this long at most before taking the lock over.
 */
const staleMs = 10_000;
// Tries span the stale window, so a restart after a crash waits the dead lock out
// instead of failing; a live holder keeps its lock fresh and the opener gives up.
const lockTries = 13;
const lockRetryMs = 1_000;

/** Held lock on a data directory. */
export interface DataDirectoryLock {
  /** The directory, as an absolute path. */
  readonly dir: string;
  /** Set once the lock was lost (its file removed or not refreshed in time). */
  readonly lost: () => QuanziError | undefined;
  release(): Promise<void>;
}

function lockedError(dir: string, cause: unknown): QuanziError {
  const message = {
    en: `Another process has the data directory "${dir}" open. PGlite allows one writer: close that process, or use PostgreSQL (createPgDriver) for several processes`,
    'zh-CN': `另一个进程已打开数据目录 "${dir}"。PGlite 只允许一个写入者：请关闭那个进程，或在多个进程间使用 PostgreSQL（createPgDriver）`,
  };
  return new QuanziError({
    code: 'storage_failure',
    message,
    issues: [{ path: ['dataDir'], code: 'data_directory_locked', message }],
    cause,
  });
}

function lostError(dir: string, cause: unknown): QuanziError {
  return new QuanziError({
    code: 'storage_failure',
    path: ['dataDir'],
    message: {
      en: `The lock on the data directory "${dir}" was lost, so another process may write to it: this store refuses further work; reopen it`,
      'zh-CN': `数据目录 "${dir}" 的锁已丢失，其他进程可能正在写入：此存储拒绝继续工作，请重新打开`,
    },
    cause,
  });
}

/**
 * Takes the exclusive lock on a PGlite data directory (a `<dir>.lock` directory next
 * to it, kept fresh by proper-lockfile), creating the directory first. Throws a
 * `storage_failure` QuanziError naming `dataDir` when another live process holds it.
 */
export async function lockDataDirectory(dataDir: string): Promise<DataDirectoryLock> {
  // Loaded on demand, so that a browser bundle (PGlite on IndexedDB) needs no fs.
  const [{ mkdir }, { resolve }, { default: lockfile }] = await Promise.all([
    import('node:fs/promises'),
    import('node:path'),
    import('proper-lockfile'),
  ]);
  const dir = resolve(dataDir);
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw cannotOpenDataDirectory(dir, error);
  });
  let lost: QuanziError | undefined;
  let release: (() => Promise<void>) | undefined;
  // Only a lock held by another process is worth waiting for; any other failure (the
  // process may not write beside the directory) is final at once.
  for (let tries = 1; release === undefined; tries += 1) {
    try {
      release = await lockfile.lock(dir, {
        stale: staleMs,
        // The default throws from a timer and kills the process; refusing work is enough.
        onCompromised: (error) => {
          lost = lostError(dir, error);
        },
      });
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ELOCKED')
        throw cannotOpenDataDirectory(dir, error);
      if (tries === lockTries) throw lockedError(dir, error);
      await new Promise((wake) => setTimeout(wake, lockRetryMs));
    }
  }
  const held = release;
  return {
    dir,
    lost: () => lost,
    async release() {
      // A compromised lock is no longer ours to remove.
      if (!lost) await held();
    },
  };
}
