import type { StoreTables } from './storeTables';

/**
 * The store's per-circle tables, by their unqualified names: each is partitioned by
 * `circle_id`, and its keys start with `circle_id`. The other two tables are not per
 * circle: `migrations` is the schema's bookkeeping, and a subscription's checkpoint
 * (`subscriptions`) covers every circle it reads.
 */
export const circleTables = [
  'streams',
  'events',
  'idempotency_keys',
  'audit_log',
  'audit_heads',
  'task_view',
] as const;

/**
 * Hash partitions per table. HASH rather than LIST: a new circle needs no DDL (a LIST
 * partition per circle would put `CREATE TABLE` on the path of a circle's first
 * append, and a LIST default partition would hold every circle nobody added by hand,
 * which is no partitioning at all). Eight spreads the circles of a district or city
 * over tables small enough to vacuum and index separately, and keeps a fresh
 * schema's DDL cheap on PGlite; a province distributes by the same key with Citus.
 */
const partitions = 8;

// The tables as migrations 1 and 2 left them, now declared PARTITION BY HASH (circle_id).
const definitions = (t: StoreTables): Record<(typeof circleTables)[number], string> => ({
  streams: `CREATE TABLE ${t.streams} (
      circle_id text NOT NULL,
      stream_id text NOT NULL,
      version integer NOT NULL CHECK (version >= 0),
      PRIMARY KEY (circle_id, stream_id)
    ) PARTITION BY HASH (circle_id);
    CREATE INDEX ON ${t.streams} (stream_id);`,
  events: `CREATE TABLE ${t.events} (
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
      UNIQUE (circle_id, stream_id, sequence)
    ) PARTITION BY HASH (circle_id);
    CREATE INDEX ON ${t.events} (position);
    CREATE INDEX ON ${t.events} (stream_id, sequence);`,
  idempotency_keys: `CREATE TABLE ${t.idempotencyKeys} (
      circle_id text NOT NULL,
      key text NOT NULL,
      request_hash text,
      positions bigint[] NOT NULL DEFAULT '{}',
      PRIMARY KEY (circle_id, key)
    ) PARTITION BY HASH (circle_id);`,
  audit_log: `CREATE TABLE ${t.auditLog} (
      circle_id text NOT NULL,
      seq bigint NOT NULL,
      position bigint NOT NULL,
      entry text NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (circle_id, seq)
    ) PARTITION BY HASH (circle_id);`,
  audit_heads: `CREATE TABLE ${t.auditHeads} (
      circle_id text PRIMARY KEY,
      seq bigint NOT NULL,
      hash text NOT NULL
    ) PARTITION BY HASH (circle_id);`,
  task_view: `CREATE TABLE ${t.taskView} (
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
    ) PARTITION BY HASH (circle_id);
    CREATE INDEX ON ${t.taskView} (circle_id, state);`,
});

/**
 * Migration 4's script: every per-circle table is rebuilt partitioned by `circle_id`,
 * its rows copied over (positions kept, the position identity continued after them)
 * in the migration's transaction. The old tables and their indexes are renamed out of
 * the way first, so the new ones get the same constraint and index names.
 */
export function partitionByCircleSql(t: StoreTables): string {
  const q = (name: string) => `"${t.schema}"."${name}"`;
  const names = circleTables.map((name) => `'${name}'`).join(', ');
  const tables = definitions(t);
  return `
    DO $$
    DECLARE r record;
    BEGIN
      FOR r IN SELECT i.relname AS name FROM pg_index x
          JOIN pg_class i ON i.oid = x.indexrelid
          JOIN pg_class c ON c.oid = x.indrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = '${t.schema}' AND c.relname IN (${names})
      LOOP
        EXECUTE format('ALTER INDEX %I.%I RENAME TO %I', '${t.schema}', r.name, r.name || '_v3');
      END LOOP;
    END $$;
    ALTER SEQUENCE ${q('events_position_seq')} RENAME TO events_position_seq_v3;
    ${circleTables.map((name) => `ALTER TABLE ${q(name)} RENAME TO ${name}_v3;`).join('\n    ')}
    ${circleTables
      .map((name) =>
        [
          tables[name],
          ...Array.from(
            { length: partitions },
            (_, r) =>
              `CREATE TABLE ${q(`${name}_p${r}`)} PARTITION OF ${q(name)}
                 FOR VALUES WITH (MODULUS ${partitions}, REMAINDER ${r});`,
          ),
          `INSERT INTO ${q(name)}${name === 'events' ? ' OVERRIDING SYSTEM VALUE' : ''}
             SELECT * FROM ${q(`${name}_v3`)};`,
          `DROP TABLE ${q(`${name}_v3`)};`,
        ].join('\n    '),
      )
      .join('\n    ')}
    SELECT setval(pg_get_serial_sequence('${t.events}', 'position'),
                  coalesce(max(position), 0) + 1, false) FROM ${t.events};
  `;
}
