import { appendLoggedFunctionSql } from './appendLoggedFunction';
import { appendOneFunctionSql } from './appendOneFunction';
import { appendOneInlineSql, appendOneSql } from './appendOneInlineSql';
import { appendPlannedOnceSql } from './appendPlannedOnceSql';
import { partitionByCircleSql } from './partitionByCircle';
import { settledOnceSql, settledPositionsSql } from './settledPositions';
import type { StoreTables } from './storeTables';
import { taskViewKeyedOnlySql } from './taskViewKeyedOnly';

/** One schema change; applied once, in `version` order, inside a transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  sql(tables: StoreTables): string;
  /** The task view is refilled from the log after this migration (its rows are computed in TypeScript). */
  readonly rebuildsTaskView?: true;
}

/**
 * The store's schema history. Never edit an applied migration: add the next one.
 *
 * Every per-circle table is partitioned by `circle_id` (migration 4) and each of its
 * keys includes that column, so a province-wide deployment can let Citus distribute
 * the tables by it; one append touches one circle's rows only.
 */
export const migrations: ReadonlyArray<Migration> = [
  {
    version: 1,
    name: 'event log, idempotency keys, audit chain, task view',
    sql: (t) => `
      CREATE TABLE ${t.streams} (
        circle_id text NOT NULL,
        stream_id text NOT NULL,
        version integer NOT NULL CHECK (version >= 0),
        PRIMARY KEY (circle_id, stream_id)
      );
      CREATE INDEX ON ${t.streams} (stream_id);

      CREATE TABLE ${t.events} (
        circle_id text NOT NULL,
        position bigint GENERATED ALWAYS AS IDENTITY,
        stream_id text NOT NULL,
        sequence integer NOT NULL,
        event_id text NOT NULL,
        type text NOT NULL,
        source text NOT NULL,
        time text NOT NULL,
        actor text NOT NULL,
        idempotency_key text,
        data json,
        PRIMARY KEY (circle_id, position),
        -- The backstop for optimistic concurrency: one event per stream version.
        UNIQUE (circle_id, stream_id, sequence)
      );
      CREATE INDEX ON ${t.events} (position);
      CREATE INDEX ON ${t.events} (stream_id, sequence);

      CREATE TABLE ${t.idempotencyKeys} (
        circle_id text NOT NULL,
        key text NOT NULL,
        request_hash text,
        positions bigint[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (circle_id, key)
      );

      CREATE TABLE ${t.auditLog} (
        circle_id text NOT NULL,
        seq bigint NOT NULL,
        position bigint NOT NULL,
        entry text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        PRIMARY KEY (circle_id, seq)
      );
      CREATE TABLE ${t.auditHeads} (
        circle_id text PRIMARY KEY,
        seq bigint NOT NULL,
        hash text NOT NULL
      );

      CREATE TABLE ${t.taskView} (
        circle_id text NOT NULL,
        task_id text NOT NULL,
        stream_id text NOT NULL,
        state text NOT NULL,
        slots integer NOT NULL CHECK (slots >= 1),
        claimant_ids text[] NOT NULL DEFAULT '{}',
        leases jsonb NOT NULL DEFAULT '{}',
        category text NOT NULL,
        title text NOT NULL,
        publisher_id text NOT NULL,
        deadline text,
        updated_at text NOT NULL,
        PRIMARY KEY (circle_id, task_id),
        CHECK (cardinality(claimant_ids) <= slots)
      );
      CREATE INDEX ON ${t.taskView} (circle_id, state);
    `,
  },
  {
    version: 2,
    name: "task view keeps the lifecycle's snapshot and states",
    // The old rows used a vocabulary of their own; the store refills the view from
    // the log with the lifecycle's `evolveTask` right after this runs.
    sql: (t) => `
      DROP TABLE ${t.taskView};
      CREATE TABLE ${t.taskView} (
        circle_id text NOT NULL,
        task_id text NOT NULL,
        stream_id text NOT NULL,
        state text NOT NULL,
        slots integer NOT NULL CHECK (slots >= 1),
        claimant_ids text[] NOT NULL DEFAULT '{}',
        leases jsonb NOT NULL DEFAULT '{}',
        category text NOT NULL,
        title text NOT NULL,
        publisher_id text NOT NULL,
        deadline text,
        updated_at text NOT NULL,
        snapshot jsonb NOT NULL,
        terms jsonb,
        PRIMARY KEY (circle_id, task_id),
        CHECK (cardinality(claimant_ids) <= slots)
      );
      CREATE INDEX ON ${t.taskView} (circle_id, state);
    `,
    rebuildsTaskView: true,
  },
  {
    version: 3,
    name: 'durable subscription checkpoints',
    // A subscription reads every circle it is given, so its checkpoint is not a
    // circle's row: a small table of its own, like the migrations.
    sql: (t) => `
      CREATE TABLE ${t.subscriptions} (
        name text PRIMARY KEY,
        position bigint NOT NULL CHECK (position >= 0)
      );
    `,
  },
  {
    version: 4,
    name: 'per-circle tables partitioned by circle_id',
    sql: partitionByCircleSql,
  },
  {
    version: 5,
    name: 'append_logged: events and their audit chain links in one call',
    sql: appendLoggedFunctionSql,
  },
  {
    version: 6,
    name: 'NOTIFY the circle of every committed append',
    // One notification per circle and transaction: PostgreSQL folds identical payloads.
    sql: (t) => `
      CREATE FUNCTION "${t.schema}".notify_appended() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM pg_notify(${sqlText(appendedChannel(t))}, NEW.circle_id);
        RETURN NULL;
      END
      $fn$;
      CREATE TRIGGER notify_appended AFTER INSERT ON ${t.events}
        FOR EACH ROW EXECUTE FUNCTION "${t.schema}".notify_appended();
    `,
  },
  {
    version: 7,
    name: 'projection snapshots; idempotency keys found by key alone',
    // A snapshot covers every circle its engine serves, so, like a subscription's
    // checkpoint, it is not a circle's row. An engine looks a retried command's key up
    // without knowing its circle.
    sql: (t) => `
      CREATE TABLE ${t.snapshots} (
        scope text NOT NULL,
        part integer NOT NULL CHECK (part >= 0),
        position bigint NOT NULL CHECK (position >= 0),
        version text NOT NULL,
        digest text NOT NULL,
        parts integer NOT NULL CHECK (parts > part),
        data text NOT NULL,
        PRIMARY KEY (scope, part)
      );
      CREATE INDEX ON ${t.idempotencyKeys} (key);
    `,
  },
  {
    version: 8,
    name: 'append_one: a whole append in one statement; task rows carry a revision',
    sql: appendOneFunctionSql,
  },
  {
    version: 9,
    name: 'append functions planned once per connection; one NOTIFY per append',
    sql: (t) => appendPlannedOnceSql(t, appendedChannel(t)),
  },
  {
    version: 10,
    name: 'task view keyed by its primary key only, json rows; append_one links events itself',
    sql: (t) => taskViewKeyedOnlySql(t) + appendOneInlineSql(t, appendedChannel(t)),
  },
  {
    version: 11,
    name: 'append_one reports a lost race as a conflict at once',
    sql: (t) => appendOneSql(t, appendedChannel(t)),
  },
  {
    version: 12,
    name: 'appends show in pg_locks while in flight; settled_position() for readers',
    sql: settledPositionsSql,
  },
  {
    version: 13,
    name: 'settled_position() reads pg_locks once at most, and not at all with no append in flight',
    sql: settledOnceSql,
  },
  {
    version: 14,
    name: "append_one answers a task row the client has not seen; a task is created once; an expectation on another circle's stream is refused",
    sql: (t) => appendOneSql(t, appendedChannel(t)),
  },
];

/**
 * The channel a store's appends are announced on, one per schema so stores stay apart:
 * a plain lower-case identifier, which both PostgreSQL and PGlite listen to unquoted.
 */
export const appendedChannel = (tables: StoreTables) =>
  `quanzi_appended_${tables.schema.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;

const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;
