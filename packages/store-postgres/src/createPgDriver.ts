import pg, { type Pool, type PoolClient, type PoolConfig } from 'pg';
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

/**
 * A {@link SqlDriver} on PostgreSQL through a `pg.Pool` — yours, or one it creates
 * from a pool config (and then ends on close). Each transaction holds one pooled
 * connection from `BEGIN` to `COMMIT`.
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
  return {
    kind: 'postgres',
    ...executor(pool),
    async transaction(work) {
      const client = await pool.connect();
      let broken: unknown;
      try {
        await client.query('BEGIN');
        const value = await work(executor(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        // A failed ROLLBACK means the connection itself is gone: drop it from the pool.
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    async listen(channel, onNotify) {
      const client = await pool.connect();
      const handler = (message: pg.Notification) => {
        if (message.channel === channel) onNotify(message.payload ?? '');
      };
      client.on('notification', handler);
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        client.off('notification', handler);
        await client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
        client.release();
      };
    },
    async close() {
      if (ownsPool) await pool.end();
    },
  };
}
