import { QuanziError } from '@quanzi/core';
import { cannotOpenDataDirectory } from './cannotOpenDataDirectory';
import { createPgliteDriver } from './createPgliteDriver';
import { type DataDirectoryLock, lockDataDirectory } from './lockDataDirectory';
import type { SqlDriver } from './SqlDriver';

const pglite = '@electric-sql/pglite';

// Node's codes for "that package is not installed" (ESM and CommonJS loaders).
function isMissing(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    message.includes(pglite)
  );
}

// Every call first checks that this process still holds the directory's lock.
function lockedDriver(driver: SqlDriver, lock: DataDirectoryLock): SqlDriver {
  const held = () => {
    const lost = lock.lost();
    if (lost) throw lost;
  };
  return {
    kind: driver.kind,
    async query(sql, params) {
      held();
      return driver.query(sql, params);
    },
    async exec(sql) {
      held();
      return driver.exec(sql);
    },
    async transaction(work) {
      held();
      return driver.transaction(work);
    },
    async listen(channel, onNotify, onError) {
      held();
      return driver.listen(channel, onNotify, onError);
    },
    async close() {
      try {
        await driver.close();
      } finally {
        await lock.release();
      }
    },
  };
}

/**
 * A driver on a PGlite database the store opens itself, the store's default: in
 * memory, or in `dataDir` on disk. A data directory is locked for this process first,
 * because PGlite has one writer and a second process would silently lose writes; the
 * lock goes with `close()`. PGlite is an optional peer dependency, loaded here on
 * demand so a `pg`-only process neither installs nor parses it; when it is missing
 * this throws an `unsupported` QuanziError naming the `driver` option.
 */
export async function createEmbeddedDriver(dataDir?: string): Promise<SqlDriver> {
  let PGlite: typeof import('@electric-sql/pglite').PGlite;
  try {
    ({ PGlite } = await import('@electric-sql/pglite'));
  } catch (error) {
    if (!isMissing(error)) throw error;
    throw new QuanziError({
      code: 'unsupported',
      path: ['driver'],
      message: {
        en: `No driver was given, and the embedded default needs ${pglite}, which is not installed: run "npm install ${pglite}", or pass { driver: createPgDriver(pool) } to use PostgreSQL`,
        'zh-CN': `未传入 driver，而内置的默认数据库需要 ${pglite}，但它没有安装：请运行 "npm install ${pglite}"，或传入 { driver: createPgDriver(pool) } 以使用 PostgreSQL`,
      },
      cause: error,
    });
  }
  if (dataDir === undefined)
    return createPgliteDriver(await PGlite.create(), { ownsDatabase: true });
  const lock = await lockDataDirectory(dataDir);
  try {
    const db = await PGlite.create(dataDir);
    return lockedDriver(createPgliteDriver(db, { ownsDatabase: true }), lock);
  } catch (error) {
    await lock.release();
    throw cannotOpenDataDirectory(lock.dir, error);
  }
}
