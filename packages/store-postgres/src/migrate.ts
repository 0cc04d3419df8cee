import { migrations } from './migrations';
import type { SqlDriver } from './SqlDriver';
import { type StoreTables, storeTables } from './storeTables';

/** What {@link migrate} did. */
export interface MigrationReport {
  /** Versions applied by this call, in order; empty when the schema was current. */
  readonly applied: number[];
  /** The schema version after the call. */
  readonly version: number;
}

/**
 * Brings the store's schema up to date. Safe to call from many processes at once:
 * a transaction-scoped advisory lock lets one of them apply each migration.
 *
 * @example
 * await migrate(createPgDriver(pool)); // { applied: [1], version: 1 } on a new database
 */
export async function migrate(
  driver: SqlDriver,
  tables: StoreTables = storeTables('quanzi'),
): Promise<MigrationReport> {
  return driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `quanzi.migrate.${tables.schema}`,
    ]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS "${tables.schema}"`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${tables.migrations} (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const rows = await tx.query<{ version: number }>(
      `SELECT coalesce(max(version), 0) AS version FROM ${tables.migrations}`,
    );
    const current = rows[0]?.version ?? 0;
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      await tx.exec(migration.sql(tables));
      await tx.query(`INSERT INTO ${tables.migrations} (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return { applied, version: Math.max(current, ...applied) };
  });
}
