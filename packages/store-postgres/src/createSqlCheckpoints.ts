import { IdSchema, parseInput, type SubscriptionCheckpoints } from '@quanzi/core';
import * as z from 'zod/mini';
import { guarded } from './guarded';
import type { SqlDriver } from './SqlDriver';
import type { StoreTables } from './storeTables';

const PositionSchema = z.number().check(z.int(), z.gte(0));

/**
 * Durable subscription checkpoints in the store's own database (PostgreSQL or
 * PGlite): one row per subscription, moved forward only, in one statement.
 */
export function createSqlCheckpoints(driver: SqlDriver, t: StoreTables): SubscriptionCheckpoints {
  return {
    async load(subscription) {
      const name = parseInput(IdSchema, subscription, { path: ['subscription'] });
      const rows = await guarded(() =>
        driver.query<{ position: string | number }>(
          `SELECT position FROM ${t.subscriptions} WHERE name = $1`,
          [name],
        ),
      );
      return Number(rows[0]?.position ?? 0);
    },
    async save(subscription, position) {
      const name = parseInput(IdSchema, subscription, { path: ['subscription'] });
      const at = parseInput(PositionSchema, position, { path: ['position'] });
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
