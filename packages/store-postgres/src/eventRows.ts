import type { NewEvent, StoredEvent } from '@quanzi/core';

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

/**
 * New events' fields as parallel arrays, one per column after the stream's (event id,
 * type, source, time, actor, idempotency key, data as JSON text): the parameters both
 * append functions take.
 */
export function eventFieldColumns(events: ReadonlyArray<NewEvent>) {
  return [
    events.map((e) => e.id),
    events.map((e) => e.type),
    events.map((e) => e.source),
    events.map((e) => e.time),
    events.map((e) => e.actor),
    events.map((e) => e.idempotencykey ?? null),
    events.map((e) => (e.data === undefined ? null : JSON.stringify(e.data))),
  ];
}

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
