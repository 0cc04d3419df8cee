/** Runs one SQL statement with positional parameters (`$1`, `$2`, …) and returns its rows. */
export interface SqlExecutor {
  query<TRow = Record<string, unknown>>(
    sql: string,
    params?: ReadonlyArray<unknown>,
  ): Promise<TRow[]>;
  /** Runs a parameterless script of one or more statements (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * The thin seam between the store and a database client. The store speaks the same
 * SQL to both implementations: {@link createPgDriver} (PostgreSQL through a
 * `pg.Pool`) and {@link createPgliteDriver} (embedded PGlite).
 */
export interface SqlDriver extends SqlExecutor {
  /** Which client runs the SQL, for messages and benchmarks. */
  readonly kind: 'postgres' | 'pglite';
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Releases the client if the driver owns it. */
  close(): Promise<void>;
  /**
   * Runs `onNotify` with the payload of every `NOTIFY` on `channel` until the returned
   * function is called; PostgreSQL opens a connection of its own for it, outside the
   * pool, with the pool's settings. When the server ends that connection, it listens
   * again on another and then runs `onNotify('')`: notifications sent in between are lost.
   * `onError` hears of the connection's end and of each attempt to listen again that failed.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onError?: (error: unknown) => void,
  ): Promise<() => Promise<void>>;
}
