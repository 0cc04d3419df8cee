import {
  type AppendRequest,
  type AppendResult,
  foreignStreamError,
  genesisHash,
  QuanziError,
} from '@quanzi/core';
import { entryParts, stored } from './appendLogged';
import { appendOneErrors } from './appendOneFunction';
import { type EventRow, eventColumns, eventFieldColumns, toStoredEvent } from './eventRows';
import type { SqlExecutor } from './SqlDriver';
import type { StoreTables } from './storeTables';
import type { TaskRowCache } from './taskRowCache';
import {
  foldAll,
  keyOf,
  type Pending,
  pendingOf,
  readRows,
  rowRecords,
  type StoredRow,
  taskEventsOf,
  wantedRows,
} from './taskViewProjection';

interface AppendOneRow {
  o_replayed: boolean;
  o_positions: Array<string | number> | null;
  o_sequences: number[] | null;
  o_circles: string[] | null;
  o_tasks: string[] | null;
  o_revisions: Array<string | number> | null;
}

/** What a database error carries that `append_one` fills in. */
interface RaisedError {
  readonly code?: unknown;
  readonly detail?: unknown;
}

/** The rows among `wanted` the cache lacks, read (unlocked) and cached. */
async function readMissing(
  db: SqlExecutor,
  t: StoreTables,
  cache: TaskRowCache,
  wanted: ReadonlyMap<string, [string, string]>,
  pending: Map<string, Pending>,
): Promise<Map<string, Pending>> {
  const missing = new Map([...wanted].filter(([key]) => !pending.has(key)));
  const read = await readRows(db, t, missing, 'revision');
  cache.put(read.values());
  for (const [key, row] of read) pending.set(key, { ...row });
  return pending;
}

/** The append's streams in sorted order, with each one's event count and expected version. */
function streamsOf(request: AppendRequest) {
  const counts = new Map<string, number>(request.expectations.map((e) => [e.streamId, 0]));
  for (const event of request.events)
    counts.set(event.subject, (counts.get(event.subject) ?? 0) + 1);
  const expected = new Map(request.expectations.map((e) => [e.streamId, e.expectedVersion]));
  const streams = [...counts.keys()].sort();
  return {
    streams,
    counts: streams.map((id) => counts.get(id) ?? 0),
    expected: streams.map((id) => expected.get(id) ?? null),
  };
}

function conflictOf(request: AppendRequest, detail: unknown): AppendResult {
  const { streamId, actualVersion, expectedVersion } = JSON.parse(String(detail)) as {
    streamId: string;
    actualVersion: number;
    expectedVersion?: number;
  };
  const expectation = request.expectations.find((e) => e.streamId === streamId);
  return {
    status: 'conflict',
    streamId,
    expectedVersion: expectedVersion ?? expectation?.expectedVersion ?? actualVersion,
    actualVersion,
  };
}

async function replayed(db: SqlExecutor, t: StoreTables, circleId: string, row: AppendOneRow) {
  const rows = await db.query<EventRow>(
    `SELECT ${eventColumns} FROM ${t.events}
      WHERE circle_id = $1 AND position = ANY($2::bigint[]) ORDER BY position`,
    [circleId, row.o_positions ?? []],
  );
  return { status: 'replayed' as const, events: rows.map(toStoredEvent) };
}

/**
 * One attempt at an append as a single `append_one` statement: the task events are
 * folded here on the cached task rows, and the statement checks their revisions.
 * Rows the cache lacks are read first, or, with `probe`, sent without a revision:
 * the statement then answers a lost race at once, or hands the rows back to fold on
 * the next attempt. Returns `undefined` when a row turned out stale (the rows it
 * handed back are cached, so the next attempt folds on them); a lost race is a
 * `conflict` result, as on the transaction path.
 */
export async function appendInOneCall(
  db: SqlExecutor,
  t: StoreTables,
  cache: TaskRowCache,
  request: AppendRequest,
  probe = false,
): Promise<AppendResult | undefined> {
  const { circleId, idempotencyKey = null, requestHash = null } = request;
  const taskEvents = taskEventsOf(request.events);
  const wanted = wantedRows(taskEvents);
  let pending: Map<string, Pending> = cache.take(wanted.keys());
  const probing = probe && pending.size < wanted.size;
  if (!probing && pending.size < wanted.size)
    pending = await readMissing(db, t, cache, wanted, pending);
  // Sorted, so appends sharing task rows lock them in one order.
  const checked = (
    probing
      ? [...wanted.values()].map(([, taskId]) => ({
          taskId,
          revision: pending.get(keyOf(circleId, taskId))?.revision,
        }))
      : [...pending.values()]
  ).sort((a, b) => (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0));
  // A probe sends no events: it can only replay, lose the race or hand back the rows.
  const folded = probing ? { touched: [] } : foldAll(pending, taskEvents);
  const refused = 'refused' in folded ? folded.refused.subject : null;
  const touched = 'touched' in folded ? folded.touched : [];
  const { streams, counts, expected } = streamsOf(request);
  // On a refusal only the key and the rows' revisions matter: no events are sent.
  const events = refused === null && !probing ? request.events : [];
  const pendingEvents = events.map((event) => stored(circleId, event, 0));
  const parts = pendingEvents.map(entryParts);
  try {
    const [row] = await db.query<AppendOneRow>(
      `SELECT * FROM "${t.schema}".append_one($1, $2, $3, $4::text[], $5::int[], $6::int[],
         $7::text[], $8::bigint[], $9::json, $10, $11::text[], $12::text[], $13::text[],
         $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[],
         $20::text[], $21::text[], $22)`,
      [
        circleId,
        idempotencyKey,
        requestHash,
        streams,
        counts,
        expected,
        checked.map((r) => r.taskId),
        checked.map((r) => r.revision ?? null),
        refused === null && touched.length > 0 ? JSON.stringify(rowRecords(touched)) : null,
        refused,
        events.map((e) => e.subject),
        ...eventFieldColumns(events),
        parts.map(([before]) => before),
        parts.map(([, middle]) => middle),
        parts.map(([, , after]) => after),
        genesisHash,
      ],
    );
    if (!row) throw new Error('append_one returned no row');
    if (row.o_replayed) return replayed(db, t, circleId, row);
    cache.remember(
      touched,
      (row.o_tasks ?? []).map((taskId, i) => ({
        circle_id: row.o_circles?.[i] ?? circleId,
        task_id: taskId,
        revision: row.o_revisions?.[i] ?? '',
      })),
    );
    const positions = row.o_positions ?? [];
    const sequences = row.o_sequences ?? [];
    return {
      status: 'appended',
      events: pendingEvents.map((event, i) => ({
        ...event,
        streamsequence: sequences[i] ?? 0,
        position: Number(positions[i]),
      })),
    };
  } catch (error) {
    const { code, detail } = error as RaisedError;
    if (code === appendOneErrors.stale) {
      cache.forget(wanted.keys());
      cache.put((JSON.parse(String(detail)) as StoredRow[]).map(pendingOf));
      return undefined;
    }
    if (code === appendOneErrors.conflict) {
      // A refusal confirmed the rows current; any other conflict is a race that most
      // likely moved them too: read them again next time.
      if (refused === null) cache.forget(wanted.keys());
      return conflictOf(request, detail);
    }
    if (code === appendOneErrors.mismatch)
      throw new QuanziError({ code: 'idempotency_mismatch', path: ['idempotencyKey'] });
    if (code === appendOneErrors.foreignStream) {
      const { streamId, circleId } = JSON.parse(String(detail)) as Record<string, string>;
      throw foreignStreamError(streamId ?? '', circleId ?? '');
    }
    throw error;
  }
}
