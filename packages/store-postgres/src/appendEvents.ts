import {
  type AppendRequest,
  type AppendResult,
  foreignStreamError,
  QuanziError,
} from '@quanzi/core';
import { appendLogged } from './appendLogged';
import { type EventRow, eventColumns, toStoredEvent } from './eventRows';
import type { SqlDriver, SqlExecutor } from './SqlDriver';
import type { StoreTables } from './storeTables';
import { projectTaskEvents } from './taskViewProjection';

type Conflict = Extract<AppendResult, { status: 'conflict' }>;

/** Carries a lost race out of the transaction so that it rolls back. */
class AppendConflict extends Error {
  constructor(readonly result: Conflict) {
    super('append conflict');
  }
}

async function streamVersion(tx: SqlExecutor, t: StoreTables, circleId: string, streamId: string) {
  const rows = await tx.query<{ version: number }>(
    `SELECT version FROM ${t.streams} WHERE circle_id = $1 AND stream_id = $2`,
    [circleId, streamId],
  );
  return rows[0]?.version ?? 0;
}

/** Returns the earlier result for a used key, or undefined after reserving a new one. */
async function reserveKey(
  tx: SqlExecutor,
  t: StoreTables,
  request: AppendRequest & { idempotencyKey: string },
): Promise<AppendResult | undefined> {
  const { circleId, idempotencyKey, requestHash = null } = request;
  // A concurrent request with the same key waits here on the primary key until the
  // first one commits (then it replays) or rolls back (then it proceeds).
  const reserved = await tx.query(
    `INSERT INTO ${t.idempotencyKeys} (circle_id, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (circle_id, key) DO NOTHING RETURNING key`,
    [circleId, idempotencyKey, requestHash],
  );
  if (reserved.length === 1) return undefined;
  const [prior] = await tx.query<{
    request_hash: string | null;
    positions: Array<string | number>;
  }>(`SELECT request_hash, positions FROM ${t.idempotencyKeys} WHERE circle_id = $1 AND key = $2`, [
    circleId,
    idempotencyKey,
  ]);
  if (prior?.request_hash !== requestHash)
    throw new QuanziError({ code: 'idempotency_mismatch', path: ['idempotencyKey'] });
  const rows = await tx.query<EventRow>(
    `SELECT ${eventColumns} FROM ${t.events}
      WHERE circle_id = $1 AND position = ANY($2::bigint[]) ORDER BY position`,
    [circleId, prior.positions],
  );
  return { status: 'replayed', events: rows.map(toStoredEvent) };
}

/** A stream id may live in one circle only; checked when this append created the stream. */
async function rejectForeignStreams(
  tx: SqlExecutor,
  t: StoreTables,
  circleId: string,
  created: string[],
): Promise<void> {
  if (created.length === 0) return;
  const [foreign] = await tx.query<{ stream_id: string; circle_id: string }>(
    `SELECT stream_id, circle_id FROM ${t.streams}
      WHERE stream_id = ANY($1::text[]) AND circle_id <> $2 LIMIT 1`,
    [created, circleId],
  );
  if (foreign) throw foreignStreamError(foreign.stream_id, foreign.circle_id);
}

/**
 * Moves every touched stream forward with one conditional statement each, in stream
 * order so that two appends never wait on each other in a cycle. Returns each
 * stream's version before the append; throws {@link AppendConflict} on a lost race.
 */
async function advanceStreams(
  tx: SqlExecutor,
  t: StoreTables,
  request: AppendRequest,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>(request.expectations.map((e) => [e.streamId, 0]));
  for (const event of request.events)
    counts.set(event.subject, (counts.get(event.subject) ?? 0) + 1);
  const expected = new Map(request.expectations.map((e) => [e.streamId, e.expectedVersion]));
  const previous = new Map<string, number>();
  const created: string[] = [];
  for (const streamId of [...counts.keys()].sort()) {
    const count = counts.get(streamId) ?? 0;
    const version = expected.get(streamId);
    const updating = version !== undefined && version > 0;
    const rows = await tx.query<{ version: number }>(
      updating
        ? `UPDATE ${t.streams} SET version = version + $3
            WHERE circle_id = $1 AND stream_id = $2 AND version = $4
            RETURNING version`
        : `INSERT INTO ${t.streams} AS s (circle_id, stream_id, version) VALUES ($1, $2, $3)
           ON CONFLICT (circle_id, stream_id) DO UPDATE SET version = s.version + excluded.version
            WHERE $4::int IS NULL OR s.version = $4
           RETURNING version`,
      [request.circleId, streamId, count, version ?? null],
    );
    const row = rows[0];
    if (!row) {
      const actualVersion = await streamVersion(tx, t, request.circleId, streamId);
      // Not in this circle: an expectation on another circle's stream can never hold.
      if (actualVersion === 0) await rejectForeignStreams(tx, t, request.circleId, [streamId]);
      throw new AppendConflict({
        status: 'conflict',
        streamId,
        expectedVersion: version ?? actualVersion,
        actualVersion,
      });
    }
    // A new row holds exactly this append's count. (Partitioned tables cannot return
    // `xmax`.) A stream that had version 0 counts too: checking it again is harmless.
    if (!updating && row.version === count) created.push(streamId);
    previous.set(streamId, row.version - count);
  }
  await rejectForeignStreams(tx, t, request.circleId, created);
  // A task is created once: its created event begins its stream.
  const recreated = request.events.find(
    (event) => event.type === 'quanzi.task.created' && !created.includes(event.subject),
  );
  if (recreated)
    throw new AppendConflict({
      status: 'conflict',
      streamId: recreated.subject,
      expectedVersion: 0,
      actualVersion: previous.get(recreated.subject) ?? 0,
    });
  return previous;
}

async function appendOnce(tx: SqlExecutor, t: StoreTables, request: AppendRequest) {
  const { circleId, idempotencyKey } = request;
  if (idempotencyKey !== undefined) {
    const prior = await reserveKey(tx, t, { ...request, idempotencyKey });
    if (prior) return prior;
  }
  // The task view goes first: a refused claim then fails on the task's row without
  // ever queueing for the stream or the circle's audit head.
  const refused = await projectTaskEvents(tx, t, request.events);
  if (refused) {
    const actualVersion = await streamVersion(tx, t, circleId, refused.subject);
    const expectation = request.expectations.find((e) => e.streamId === refused.subject);
    throw new AppendConflict({
      status: 'conflict',
      streamId: refused.subject,
      expectedVersion: expectation?.expectedVersion ?? actualVersion,
      actualVersion,
    });
  }
  const previous = await advanceStreams(tx, t, request);
  const events = await appendLogged(
    tx,
    t,
    circleId,
    request.events,
    previous,
    idempotencyKey ?? null,
  );
  return { status: 'appended' as const, events };
}

// Deadlocks and serialization failures are safe to retry: the transaction left nothing.
const retryableCodes = new Set(['40P01', '40001']);
const maxAttempts = 5;

/**
 * Appends in one transaction: idempotency key, task view, stream versions, events
 * and audit chain commit together or not at all. Row locks are taken in that order
 * (streams sorted by id), so appends seldom wait in a cycle; when PostgreSQL does
 * break a deadlock, the loser is retried from the start.
 */
export async function appendEvents(
  driver: SqlDriver,
  t: StoreTables,
  request: AppendRequest,
): Promise<AppendResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await driver.transaction((tx) => appendOnce(tx, t, request));
    } catch (error) {
      if (error instanceof AppendConflict) return error.result;
      const code = (error as { code?: unknown }).code;
      if (attempt < maxAttempts && typeof code === 'string' && retryableCodes.has(code)) continue;
      throw error;
    }
  }
}
