import type { NewEvent, StoredEvent } from '@quanzi/core';
import type { SqlExecutor } from './SqlDriver';
import type { StoreTables } from './storeTables';

/** An `events` row as both drivers return it (`bigint` may arrive as a string). */
export interface EventRow {
  circle_id: string;
  position: string | number;
  stream_id: string;
  sequence: number;
  event_id: string;
  type: string;
  source: string;
  time: string;
  actor: string;
  idempotency_key: string | null;
  data: unknown;
}

/** The columns {@link toStoredEvent} reads, in a fixed order. */
export const eventColumns =
  'circle_id, position, stream_id, sequence, event_id, type, source, time, actor, idempotency_key, data';

/** Rebuilds the CloudEvents envelope from its row. */
export function toStoredEvent(row: EventRow): StoredEvent {
  const event: StoredEvent = {
    specversion: '1.0',
    id: row.event_id,
    source: row.source,
    type: row.type,
    time: row.time,
    subject: row.stream_id,
    datacontenttype: 'application/json',
    data: row.data,
    circleid: row.circle_id,
    actor: row.actor,
    streamsequence: row.sequence,
    position: Number(row.position),
  };
  if (row.idempotency_key !== null) event.idempotencykey = row.idempotency_key;
  return event;
}

/**
 * Inserts `events` in one statement; `previous` holds each stream's version before
 * this append, so sequences continue from it. Returns the stored events in order.
 */
export async function insertEvents(
  tx: SqlExecutor,
  tables: StoreTables,
  circleId: string,
  events: ReadonlyArray<NewEvent>,
  previous: ReadonlyMap<string, number>,
): Promise<StoredEvent[]> {
  const next = new Map(previous);
  const sequences = events.map((event) => {
    const sequence = (next.get(event.subject) ?? 0) + 1;
    next.set(event.subject, sequence);
    return sequence;
  });
  const rows = await tx.query<EventRow>(
    `INSERT INTO ${tables.events}
       (circle_id, stream_id, sequence, event_id, type, source, time, actor, idempotency_key, data)
     SELECT $1, s, q, i, ty, so, ti, a, k, d::json
       FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
                   $8::text[], $9::text[], $10::text[]) AS u(s, q, i, ty, so, ti, a, k, d)
     RETURNING ${eventColumns}`,
    [
      circleId,
      events.map((e) => e.subject),
      sequences,
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.source),
      events.map((e) => e.time),
      events.map((e) => e.actor),
      events.map((e) => e.idempotencykey ?? null),
      events.map((e) => (e.data === undefined ? null : JSON.stringify(e.data))),
    ],
  );
  return rows.map(toStoredEvent).sort((a, b) => a.position - b.position);
}
