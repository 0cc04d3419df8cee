// A long log for engine.restart_1m_events, written straight into a PostgreSQL store's
// own tables: building a million events through the engine would take hours here.
// Each cycle's events are what the engine wrote for bench/engine.bench.ts's command
// cycle (report, create, publish, claim, start, submit, accept, rate), with the ids,
// keys and times of that cycle moved along, so the log replays like the engine's own.
import type { StoredEvent } from '@quanzi/core';
import { createMemoryEventStore } from '@quanzi/engine';
import type { PostgresEventStore } from '@quanzi/store-postgres';
import { benchEngine, cycle } from './engine.bench';

type Row = Omit<StoredEvent, 'position'>;

const isoTime = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g;

/** What the engine writes for its fixtures' registrations and the first cycles, and one cycle to repeat. */
async function template() {
  const store = createMemoryEventStore();
  const engine = await benchEngine(store);
  const next = cycle(engine);
  // The first cycle also promotes q1; the second is a plain one: the one repeated.
  await next();
  const head = await store.readAll();
  await next();
  const repeated = await store.readAll({ after: head.length });
  return { head, repeated };
}

/**
 * Rows of a log of at least `count` events: the template's head, then cycle after cycle,
 * one minute apart, each with its own task, report, event ids and idempotency keys.
 */
export async function* restartLog(count: number, firstCycle = 3): AsyncGenerator<Row[]> {
  // Cycles 1 and 2 are the template's own; a later start continues a log already written.
  const { head, repeated } = await template();
  const strip = ({ position: _p, ...row }: StoredEvent): Row => row;
  if (firstCycle === 3) yield head.map(strip);
  const text = JSON.stringify(repeated.map(strip));
  const taskId = /"subject":"task\/(t\d+)"/.exec(text)?.[1] as string;
  const reportId = /"subject":"report\/([^"]+)"/.exec(text)?.[1] as string;
  const cycles = Math.ceil((count - (firstCycle === 3 ? head.length : 0)) / repeated.length);
  let batch: Row[] = [];
  for (let n = firstCycle; n < firstCycle + cycles; n += 1) {
    const shift = (n - 2) * 60_000;
    const moved = text
      .replaceAll(`"${taskId}"`, `"t${n}"`)
      .replaceAll(`task/${taskId}"`, `task/t${n}"`)
      .replaceAll(`"${taskId}:`, `"t${n}:`)
      .replaceAll(reportId, `report-c${n}`)
      .replaceAll(/"id":"evt-(\d+)"/g, `"id":"evt-c${n}-$1"`)
      .replaceAll(/乱停 \d+/g, `乱停 ${n}`)
      .replaceAll(isoTime, (time) => new Date(Date.parse(time) + shift).toISOString());
    batch.push(...(JSON.parse(moved) as Row[]));
    if (batch.length >= 8000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Appends `rows` to the store's events and streams tables in one statement each. */
export async function insertRows(store: PostgresEventStore, rows: ReadonlyArray<Row>) {
  const t = store.tables;
  const col = <T>(pick: (row: Row) => T) => rows.map(pick);
  await store.driver.query(
    `INSERT INTO ${t.events}
       (circle_id, stream_id, sequence, event_id, type, source, time, actor, idempotency_key, data)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[],
                          $7::text[], $8::text[], $9::text[], $10::json[])`,
    [
      col((r) => r.circleid),
      col((r) => r.subject),
      col((r) => r.streamsequence),
      col((r) => r.id),
      col((r) => r.type),
      col((r) => r.source),
      col((r) => r.time),
      col((r) => r.actor),
      col((r) => r.idempotencykey ?? null),
      col((r) => JSON.stringify(r.data)),
    ],
  );
  const versions = new Map<string, Row>();
  for (const row of rows) versions.set(row.subject, row);
  await store.driver.query(
    `INSERT INTO ${t.streams} AS s (circle_id, stream_id, version)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
     ON CONFLICT (circle_id, stream_id) DO UPDATE SET version = GREATEST(s.version, excluded.version)`,
    [
      [...versions.values()].map((r) => r.circleid),
      [...versions.keys()],
      [...versions.values()].map((r) => r.streamsequence),
    ],
  );
}
