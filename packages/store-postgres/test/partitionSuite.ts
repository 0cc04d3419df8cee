import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppendRequest, parseAppendRequest } from '@quanzi/core';
import { describe, expect, it } from 'vitest';
import { appendEvents } from '../src/appendEvents';
import { appendLoggedFunctionSql } from '../src/appendLoggedFunction';
import { createPostgresEventStore, type SqlDriver, storeTables } from '../src/index';
import { migrations } from '../src/migrations';
import { circleTables } from '../src/partitionByCircle';
import { crashCommands } from './crashCommands';
import type { StoreFactory } from './storeFixtures';
import { thing } from './testEvents';

/** The store's tables that are not per circle, and why; every other table must be. */
const notPerCircle: Record<string, string> = {
  migrations: "the schema's own bookkeeping: which migrations ran",
  subscriptions: "a subscription's checkpoint covers every circle it reads",
  snapshots: 'a projection snapshot covers every circle its engine serves',
};

/**
 * What breaks the rule in `schema`, read from the catalogue: a table not declaratively
 * partitioned by exactly `circle_id`, or a primary key, unique constraint or unique
 * index without `circle_id`. Tables in `exceptions` are skipped.
 */
async function partitionViolations(
  driver: SqlDriver,
  schema: string,
  exceptions: ReadonlyArray<string>,
): Promise<string[]> {
  const tables = await driver.query<{ name: string; partition_key: string[] | null }>(
    `SELECT c.relname AS name,
            (SELECT array_agg(a.attname::text ORDER BY k.ord)
               FROM unnest(p.partattrs::int2[]) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum) AS partition_key
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_partitioned_table p ON p.partrelid = c.oid
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
    [schema],
  );
  const constraints = await driver.query<{ table: string; name: string; columns: string[] }>(
    `SELECT c.relname AS table, con.conname AS name,
            array(SELECT a.attname::text FROM unnest(con.conkey) AS k(attnum)
                    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum) AS columns
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND con.contype IN ('p', 'u', 'x') AND NOT c.relispartition`,
    [schema],
  );
  const indexes = await driver.query<{ table: string; name: string; columns: string[] }>(
    `SELECT c.relname AS table, i.relname AS name,
            array(SELECT a.attname::text FROM unnest(x.indkey::int2[]) AS k(attnum)
                    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum) AS columns
       FROM pg_index x
       JOIN pg_class c ON c.oid = x.indrelid
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND x.indisunique AND NOT c.relispartition`,
    [schema],
  );
  const checked = (table: string) => !exceptions.includes(table);
  // A key shows up both as a constraint and as its index: report it once.
  const found = new Set([
    ...tables
      .filter((t) => checked(t.name) && String(t.partition_key) !== 'circle_id')
      .map((t) => `${t.name}: partitioned by ${t.partition_key ?? 'nothing'}`),
    ...[...constraints, ...indexes]
      .filter((k) => checked(k.table) && !k.columns.includes('circle_id'))
      .map((k) => `${k.table}.${k.name}: key (${k.columns.join(', ')}) without circle_id`),
  ]);
  return [...found].sort();
}

/** The tables `create_distributed_table` is called for in the integrator guide. */
function distributedInGuide(): string[] {
  const guide = readFileSync(
    join(import.meta.dirname, '../../../docs/guides/integrator.md'),
    'utf8',
  );
  return [...guide.matchAll(/create_distributed_table\('quanzi\.(\w+)', 'circle_id'\)/g)].map(
    (match) => match[1] ?? '',
  );
}

/** Creates `schema` at migration `version` exactly as `migrate` would have then. */
async function migrateTo(driver: SqlDriver, schema: string, version: number) {
  const tables = storeTables(schema);
  await driver.transaction(async (tx) => {
    await tx.query(`CREATE SCHEMA "${schema}"`);
    await tx.query(
      `CREATE TABLE ${tables.migrations} (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    for (const step of migrations.filter((m) => m.version <= version)) {
      await tx.exec(step.sql(tables));
      await tx.query(`INSERT INTO ${tables.migrations} (version, name) VALUES ($1, $2)`, [
        step.version,
        step.name,
      ]);
    }
  });
  return tables;
}

/** Every row of every per-circle table, as sorted JSON text. */
async function rowsOf(driver: SqlDriver, schema: string) {
  const out: Record<string, string[]> = {};
  for (const table of circleTables) {
    const rows = await driver.query<{ r: string }>(
      // Migration 8's task row revision is the store's bookkeeping, not data.
      `SELECT (to_jsonb(x) - 'revision')::text AS r FROM "${schema}"."${table}" x ORDER BY r`,
    );
    out[table] = rows.map((row) => row.r);
  }
  return out;
}

// Appends in several circles (so that several partitions hold rows), with keys.
function commands(): AppendRequest[] {
  const others = ['a', 'b', 'c', 'd', 'e', 'f'].map((circleId, i) => ({
    circleId,
    expectations: [{ streamId: `s/${circleId}`, expectedVersion: 0 }],
    events: [thing(`${circleId}1`, `s/${circleId}`, circleId, { i })],
    idempotencyKey: `k-${circleId}`,
  }));
  return [...crashCommands(8, 2), ...others];
}

/** Checks the schema's partitioning and its migration from version 3 with data. */
export function describePartitionSuite(name: string, factory: () => StoreFactory): void {
  describe(`partitioning by circle on ${name}`, () => {
    it('partitions every per-circle table by circle_id, each key with circle_id', async () => {
      const store = await factory().create();
      const { driver, tables } = store;
      expect(await partitionViolations(driver, tables.schema, Object.keys(notPerCircle))).toEqual(
        [],
      );
      // Every table is either per circle or a named exception; both lists are live.
      const names = await driver.query<{ relname: string }>(
        `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          ORDER BY c.relname`,
        [tables.schema],
      );
      expect(names.map((row) => row.relname)).toEqual(
        [...circleTables, ...Object.keys(notPerCircle)].sort(),
      );
      // The guide's Citus section distributes exactly the per-circle tables.
      expect(distributedInGuide().sort()).toEqual([...circleTables].sort());

      // The check has teeth: a plain table and a key without circle_id are reported.
      await driver.exec(`
        CREATE SCHEMA bad_${tables.schema};
        CREATE TABLE bad_${tables.schema}.plain (circle_id text, id text PRIMARY KEY);
        CREATE TABLE bad_${tables.schema}.keyed (circle_id text, id text) PARTITION BY HASH (circle_id);
        CREATE TABLE bad_${tables.schema}.by_id (circle_id text, id text) PARTITION BY HASH (id);
      `);
      expect(await partitionViolations(driver, `bad_${tables.schema}`, [])).toEqual([
        'by_id: partitioned by id',
        'plain.plain_pkey: key (id) without circle_id',
        'plain: partitioned by nothing',
      ]);
    });

    it('migrates a version 3 database with data to partitioned tables without loss', async () => {
      const stores = factory();
      const schema = `v3_${stores.kind}`;
      const tables = await migrateTo(stores.driver, schema, 3);
      // Today's appends need migration 5's function, which works on version 3's tables
      // as well: write with it, then drop it so the schema is exactly at version 3.
      await stores.driver.exec(appendLoggedFunctionSql(tables));
      const appended = [];
      for (const command of commands())
        appended.push(await appendEvents(stores.driver, tables, parseAppendRequest(command)));
      await stores.driver.exec(`DROP FUNCTION "${schema}".append_logged`);
      const before = await rowsOf(stores.driver, schema);
      expect(before.events?.length).toBeGreaterThan(40);

      const store = await createPostgresEventStore({ driver: stores.driver, schema });
      const later = migrations.filter((step) => step.version > 3).map((step) => step.version);
      expect(store.migration).toEqual({ applied: later, version: Math.max(...later) });
      expect(await partitionViolations(stores.driver, schema, Object.keys(notPerCircle))).toEqual(
        [],
      );
      expect(await rowsOf(stores.driver, schema)).toEqual(before);
      const events = appended.flatMap((result) => ('events' in result ? result.events : []));
      expect(await store.readAll()).toEqual(events);
      expect(await store.verifyAudit()).toMatchObject({ ok: true, entries: events.length });
      // Keys still answer with their events; new appends continue after the old positions.
      for (const [i, command] of commands().entries())
        expect(await store.append(command)).toEqual({
          status: 'replayed',
          events: (appended[i] as { events: unknown }).events,
        });
      const last = Math.max(...events.map((event) => event.position));
      const next = await store.append({
        circleId: 'a',
        expectations: [{ streamId: 's/a', expectedVersion: 1 }],
        events: [thing('a2', 's/a', 'a')],
      });
      expect(next.status === 'appended' && next.events[0]?.position).toBeGreaterThan(last);
      expect(
        await store.append({
          circleId: 'a',
          expectations: [{ streamId: 's/a', expectedVersion: 1 }],
          events: [thing('a3', 's/a', 'a')],
        }),
      ).toMatchObject({ status: 'conflict', actualVersion: 2 });
      expect(await store.verifyAudit()).toMatchObject({ ok: true, entries: events.length + 1 });
    });
  });
}
