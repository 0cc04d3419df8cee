import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import {
  createPgDriver,
  createPgliteDriver,
  createPostgresEventStore,
  type PostgresEventStore,
  type SqlDriver,
} from '../src/index';
import { createTestDatabase, type TestDatabase } from './testDatabase';

/** Makes stores that share one database, each in a schema of its own, so tests stay apart. */
export interface StoreFactory {
  readonly kind: 'pglite' | 'postgres';
  readonly driver: SqlDriver;
  /** The server URL of the shared database (postgres only). */
  readonly url?: string;
  create(): Promise<PostgresEventStore>;
  dispose(): Promise<void>;
}

function factory(
  kind: StoreFactory['kind'],
  driver: SqlDriver,
  dispose: () => Promise<void>,
  url?: string,
): StoreFactory {
  let count = 0;
  return {
    kind,
    driver,
    ...(url === undefined ? {} : { url }),
    create: () => {
      count += 1;
      return createPostgresEventStore({ driver, schema: `t${count}` });
    },
    dispose,
  };
}

/** One in-memory PGlite database (it takes seconds to boot, so a file shares one). */
export async function pgliteStores(): Promise<StoreFactory> {
  const db = await PGlite.create();
  return factory('pglite', createPgliteDriver(db), () => db.close());
}

/** One fresh database on the test server, reached through a pool of `max` connections. */
export async function postgresStores(max = 10): Promise<StoreFactory> {
  const database: TestDatabase = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max });
  return factory(
    'postgres',
    createPgDriver(pool),
    async () => {
      await pool.end();
      await database.drop();
    },
    database.url,
  );
}

/**
 * Holds `circleId`'s next append in flight after it took its positions: a transaction
 * of the test's writes the audit row that append will write, so the append waits for it.
 * Start the append, then `started()` resolves once it waits; `release()` lets it commit.
 */
export async function holdNextAppend(store: PostgresEventStore, url: string, circleId: string) {
  const [head] = await store.driver.query<{ seq: string }>(
    `SELECT seq FROM ${store.tables.auditHeads} WHERE circle_id = $1`,
    [circleId],
  );
  const blocker = new pg.Client({ connectionString: url });
  await blocker.connect();
  await blocker.query('BEGIN');
  await blocker.query(
    `INSERT INTO ${store.tables.auditLog} (circle_id, seq, position, entry, prev_hash, hash)
     VALUES ($1, $2, 0, '', '', '')`,
    [circleId, Number(head?.seq ?? 0) + 1],
  );
  return {
    async started() {
      for (;;) {
        const [row] = await store.driver.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND query LIKE '%append_one%'`,
        );
        if (row?.n === 1) return;
      }
    },
    async release() {
      await blocker.query('ROLLBACK');
      await blocker.end();
    },
  };
}
