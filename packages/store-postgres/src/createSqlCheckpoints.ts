import { parseCheckpoint, type SubscriptionCheckpoints } from '@quanzi/core';
import { guarded } from './guarded';
import type { SqlDriver } from './SqlDriver';
import type { StoreTables } from './storeTables';

/**
 * Durable subscription checkpoints in the store's own database (PostgreSQL or
 * PGlite): one row per subscription, moved forward only, in one statement.
 */
export function createSqlCheckpoints(driver: SqlDriver, t: StoreTables): SubscriptionCheckpoints {
  return {
    async load(subscription) {
      const { name } = parseCheckpoint(subscription);
      const rows = await guarded(() =>
        driver.query<{ position: string | number }>(
          `SELECT position FROM ${t.subscriptions} WHERE name = $1`,
          [name],
        ),
      );
      return Number(rows[0]?.position ?? 0);
    },
    async save(subscription, position) {
      const { name, position: at } = parseCheckpoint(subscription, position);
      await guarded(() =>
        driver.query(
          `INSERT INTO ${t.subscriptions} AS s (name, position) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET position = GREATEST(s.position, excluded.position)`,
          [name, at],
        ),
      );
    },
  };
}
