import type { SqlDriver, SqlExecutor } from './SqlDriver';

/** What the driver uses of a PGlite database or transaction. */
export interface PgliteExecutor {
  query<TRow>(sql: string, params?: unknown[]): Promise<{ rows: TRow[] }>;
  exec(sql: string): Promise<unknown>;
}

/**
 * What the driver uses of a `PGlite` instance. Declared here rather than imported so
 * that the package's types do not need `@electric-sql/pglite`, an optional peer
 * dependency, to be installed.
 */
export interface PgliteDatabase extends PgliteExecutor {
  transaction<T>(work: (tx: PgliteExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
}

function executor(db: PgliteExecutor): SqlExecutor {
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
  db: PgliteDatabase,
  options: { ownsDatabase?: boolean } = {},
): SqlDriver {
  return {
    kind: 'pglite',
    ...executor(db),
    transaction: (work) => db.transaction((tx) => work(executor(tx))),
    listen: (channel, onNotify) => db.listen(channel, onNotify),
    async close() {
      if (options.ownsDatabase) await db.close();
    },
  };
}
