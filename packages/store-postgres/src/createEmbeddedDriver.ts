import { QuanziError } from '@quanzi/core';
import { createPgliteDriver } from './createPgliteDriver';
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

/**
 * A driver on a new in-memory PGlite database, the store's default. PGlite is an
 * optional peer dependency, loaded here on demand so a `pg`-only process neither
 * installs nor parses it; when it is missing this throws an `unsupported`
 * QuanziError naming the `driver` option.
 */
export async function createEmbeddedDriver(): Promise<SqlDriver> {
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
  return createPgliteDriver(await PGlite.create(), { ownsDatabase: true });
}
