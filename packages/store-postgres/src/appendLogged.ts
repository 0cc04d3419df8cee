import { auditEntry, genesisHash, type NewEvent, type StoredEvent } from '@quanzi/core';
import { eventFieldColumns } from './eventRows';
import type { SqlExecutor } from './SqlDriver';
import type { StoreTables } from './storeTables';

// The top-level key is the last `"position":0` of a canonical entry: keys are sorted, only
// scalars follow it, and inside a JSON string the quote would be escaped.
const marker = '"position":0';
// Likewise the first `"streamsequence":0` after it (only `source` and `specversion` lie between).
const sequenceMarker = '"streamsequence":0';

/**
 * An event's canonical audit entry in three parts, around its position and its stream
 * sequence (both written as 0 in `event`), for the database to join once it knows them.
 */
export function entryParts(event: StoredEvent): [string, string, string] {
  const entry = auditEntry(event);
  const at = entry.lastIndexOf(marker) + marker.length - 1;
  const seq = entry.indexOf(sequenceMarker, at) + sequenceMarker.length - 1;
  return [entry.slice(0, at), entry.slice(at + 1, seq), entry.slice(seq + 1)];
}

/** The event as the store will return it (and read it back), at position 0 for now. */
export function stored(circleId: string, event: NewEvent, sequence: number): StoredEvent {
  const out: StoredEvent = {
    specversion: '1.0',
    id: event.id,
    source: event.source,
    type: event.type,
    time: event.time,
    subject: event.subject,
    datacontenttype: 'application/json',
    // What a `json` column gives back: the data as JSON text, parsed again.
    data: event.data === undefined ? null : JSON.parse(JSON.stringify(event.data)),
    circleid: circleId,
    actor: event.actor,
    streamsequence: sequence,
    position: 0,
  };
  if (event.idempotencykey !== undefined) out.idempotencykey = event.idempotencykey;
  return out;
}

/**
 * Inserts `events` and links them into the circle's audit chain in one call of the
 * `append_logged` function, so the circle's head stays locked for that statement and
 * the COMMIT only, never across the client's hashing. `previous` holds each stream's
 * version before this append, so sequences continue from it.
 */
export async function appendLogged(
  tx: SqlExecutor,
  t: StoreTables,
  circleId: string,
  events: ReadonlyArray<NewEvent>,
  previous: ReadonlyMap<string, number>,
  idempotencyKey: string | null,
): Promise<StoredEvent[]> {
  const next = new Map(previous);
  const pending = events.map((event) => {
    const sequence = (next.get(event.subject) ?? 0) + 1;
    next.set(event.subject, sequence);
    return stored(circleId, event, sequence);
  });
  const entries = pending.map((event) => {
    const entry = auditEntry(event);
    const at = entry.lastIndexOf(marker);
    return [entry.slice(0, at + marker.length - 1), entry.slice(at + marker.length)] as const;
  });
  const [row] = await tx.query<{ positions: Array<string | number> }>(
    `SELECT "${t.schema}".append_logged($1, $2::text[], $3::int[], $4::text[], $5::text[],
       $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
       $13, $14) AS positions`,
    [
      circleId,
      events.map((e) => e.subject),
      pending.map((e) => e.streamsequence),
      ...eventFieldColumns(events),
      entries.map(([before]) => before),
      entries.map(([, after]) => after),
      idempotencyKey,
      genesisHash,
    ],
  );
  const positions = row?.positions ?? [];
  return pending.map((event, i) => ({ ...event, position: Number(positions[i]) }));
}
