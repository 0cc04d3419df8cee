import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SqlDriver, SqlExecutor } from './SqlDriver';

function executor(db: PGlite | Transaction): SqlExecutor {
  return {
    async query<TRow>(sql: string, params: ReadonlyArray<unknown> = []) {
      const result = await db.query<TRow>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

/**
 * A {@link SqlDriver} on embedded PGlite (PostgreSQL compiled to WebAssembly). PGlite
 * runs one transaction at a time, so transactions queue; the store still decides
 * races with conditional statements, never a read-then-write in JavaScript.
 *
 * @example
 * const driver = createPgliteDriver(await PGlite.create('idb://quanzi'));
 */
export function createPgliteDriver(
  db: PGlite,
  options: { ownsDatabase?: boolean } = {},
): SqlDriver {
  return {
    kind: 'pglite',
    ...executor(db),
    transaction: (work) => db.transaction((tx) => work(executor(tx))),
    async close() {
      if (options.ownsDatabase) await db.close();
    },
  };
}
