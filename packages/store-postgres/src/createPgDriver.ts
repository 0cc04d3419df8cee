import pg, { type Pool, type PoolClient, type PoolConfig } from 'pg';
import { listenOnPool } from './listenOnPool';
import type { SqlDriver, SqlExecutor } from './SqlDriver';

/** Options for {@link createPgDriver}. */
export interface PgDriverOptions {
  /** End the pool when the store closes; default: only when the driver created it. */
  readonly ownsPool?: boolean;
}

const statementNames = new Map<string, string>();

// Named statements are parsed and planned once per connection, then reused: the
// store sends the same few statements over and over.
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `quanzi_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return name;
}

function executor(client: Pool | PoolClient): SqlExecutor {
  return {
    async query<TRow>(sql: string, params: ReadonlyArray<unknown> = []) {
      const result = await client.query({
        name: statementName(sql),
        text: sql,
        values: params as unknown[],
      });
      return result.rows as TRow[];
    },
    async exec(sql: string) {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await client.query(sql);
    },
  };
}

// SQLSTATE classes after which the connection may be gone or unfit: connection
// exceptions, insufficient resources, operator intervention (a terminated backend),
// system and internal errors.
const connectionClasses = new Set(['08', '53', '57', '58', 'XX']);

/**
 * The error to drop a pooled connection for, or undefined when the server refused a
 * statement and the connection is as good as before (pg's Error with a SQLSTATE and a
 * severity; duck-typed, as another copy of pg may have made it).
 */
function connectionFailure(error: unknown): Error | undefined {
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  const refused =
    typeof code === 'string' &&
    code.length === 5 &&
    typeof severity === 'string' &&
    !connectionClasses.has(code.slice(0, 2));
  return refused ? undefined : error instanceof Error ? error : new Error(String(error));
}

/**
 * Runs `work` on a connection checked out of `pool`, and gives it back: dropped, when
 * `work` called `drop` or the connection failed on the way.
 */
async function checkedOut<T>(
  pool: Pool,
  work: (client: PoolClient, drop: (error: Error) => void) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const drop = (error: Error) => {
    broken ??= error;
  };
  // A connection that fails while checked out (the server restarts, or ends the backend)
  // emits 'error', even after failing the statement in flight: unheard, that ends the
  // process. pg-pool listens only while the connection is idle.
  client.on('error', drop);
  try {
    return await work(client, drop);
  } finally {
    client.off('error', drop);
    client.release(broken);
  }
}

// pg's Pool#query ends the connection after any error, even a statement the server
// refused: under contention every lost race paid for a new connection, a new server
// process and the named statements parsed again. A connection is dropped here only
// when it may be broken.
function pooledExecutor(pool: Pool): SqlExecutor {
  const onClient = <T>(work: (client: SqlExecutor) => Promise<T>) =>
    checkedOut(pool, async (client, drop) => {
      try {
        return await work(executor(client));
      } catch (error) {
        const failure = connectionFailure(error);
        if (failure) drop(failure);
        throw error;
      }
    });
  return {
    query: (sql, params) => onClient((client) => client.query(sql, params)),
    exec: (sql) => onClient((client) => client.exec(sql)),
  };
}

/**
 * A {@link SqlDriver} on PostgreSQL through a `pg.Pool` — yours, or one it creates
 * from a pool config (and then ends on close). Each transaction holds one pooled
 * connection from `BEGIN` to `COMMIT`. A statement the server refuses (a lost race,
 * a constraint) keeps its connection; one that may have broken it drops it, and the
 * pool opens another. A connection the server ends while in use fails its statement
 * or transaction, not the process. A pool it creates outlives a server restart; give a
 * pool of yours an `'error'` listener, as pg asks, or a connection the server ends
 * while idle ends the process.
 *
 * @example
 * const driver = createPgDriver({ connectionString: process.env.DATABASE_URL, max: 8 });
 * const store = await createPostgresEventStore({ driver });
 */
export function createPgDriver(
  poolOrConfig: Pool | PoolConfig,
  options: PgDriverOptions = {},
): SqlDriver {
  // Duck-typed, so a pool from another copy of pg is still recognised as a pool.
  const given = typeof (poolOrConfig as Pool).connect === 'function';
  const pool = given ? (poolOrConfig as Pool) : new pg.Pool(poolOrConfig as PoolConfig);
  const ownsPool = options.ownsPool ?? !given;
  // pg-pool reports a connection the server ended while idle (a restart, a failover) as
  // an 'error' event: unheard, it ends the process. It has already dropped the connection,
  // and the next query opens another. A pool of yours reports to your listener.
  if (!given) pool.on('error', () => undefined);
  return {
    kind: 'postgres',
    ...pooledExecutor(pool),
    transaction: (work) =>
      checkedOut(pool, async (client, drop) => {
        try {
          await client.query('BEGIN');
          const value = await work(executor(client));
          await client.query('COMMIT');
          return value;
        } catch (error) {
          // A failed ROLLBACK means the connection itself is gone: drop it from the pool.
          await client.query('ROLLBACK').catch((rollbackError: unknown) => {
            drop(rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)));
          });
          throw error;
        }
      }),
    listen: (channel, onNotify, onError) => listenOnPool(pool, channel, onNotify, onError),
    async close() {
      if (ownsPool) await pool.end();
    },
  };
}
