import {
  type ProjectionSnapshot,
  parseInput,
  plainText,
  QuanziError,
  type StoredEvent,
} from '@quanzi/core';
import { type EventRow, eventColumns, toStoredEvent } from './eventRows';
import type { SqlDriver } from './SqlDriver';
import type { StoreTables } from './storeTables';

interface SnapshotRow {
  position: string | number;
  version: string;
  digest: string;
  parts: number;
  data: string;
}

// Idempotency keys and snapshot scopes are written by the engine; anything longer is not
// its own. Kept whole in text columns, so no NUL and no half characters.
const KeySchema = plainText({ min: 1, max: 300, wellFormed: true });
const text = (field: string, value: unknown) => parseInput(KeySchema, value, { path: [field] });

/** The events an idempotency key wrote, in log order, found through the keys table. */
export async function eventsOfKey(
  driver: SqlDriver,
  t: StoreTables,
  key: string,
): Promise<StoredEvent[]> {
  const rows = await driver.query<EventRow>(
    `SELECT ${eventColumns} FROM ${t.events}
      WHERE (circle_id, position) IN (
        SELECT k.circle_id, unnest(k.positions) FROM ${t.idempotencyKeys} k WHERE k.key = $1)
      ORDER BY position`,
    [text('key', key)],
  );
  return rows.map(toStoredEvent);
}

/** Replaces the scope's snapshot with `snapshot`, one row per part, in one transaction. */
export async function saveSnapshot(
  driver: SqlDriver,
  t: StoreTables,
  snapshot: ProjectionSnapshot,
): Promise<void> {
  const scope = text('scope', snapshot.scope);
  const { position, version, digest, parts } = snapshot;
  if (!Number.isSafeInteger(position) || position < 0)
    throw new QuanziError({
      code: 'invalid_input',
      path: ['position'],
      message: {
        en: `position must be a whole number ≥ 0, got ${JSON.stringify(position)}`,
        'zh-CN': `position 必须是不小于 0 的整数，实际为 ${JSON.stringify(position)}`,
      },
    });
  if (!Array.isArray(parts) || !parts.every((part) => typeof part === 'string'))
    throw new QuanziError({
      code: 'invalid_input',
      path: ['parts'],
      message: { en: 'parts must be a list of texts', 'zh-CN': 'parts 必须是文本列表' },
    });
  await driver.transaction(async (tx) => {
    await tx.query(`DELETE FROM ${t.snapshots} WHERE scope = $1`, [scope]);
    for (const [part, data] of parts.entries())
      await tx.query(
        `INSERT INTO ${t.snapshots} (scope, part, position, version, digest, parts, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          scope,
          part,
          position,
          text('version', version),
          text('digest', digest),
          parts.length,
          data,
        ],
      );
  });
}

/**
 * The scope's latest snapshot as stored, or `undefined`: a damaged one (a part row
 * lost) comes back damaged, for the reader's digest to reject.
 */
export async function loadSnapshot(
  driver: SqlDriver,
  t: StoreTables,
  scope: string,
): Promise<ProjectionSnapshot | undefined> {
  const rows = await driver.query<SnapshotRow>(
    `SELECT position, version, digest, parts, data FROM ${t.snapshots}
      WHERE scope = $1 ORDER BY part`,
    [text('scope', scope)],
  );
  const [first] = rows;
  // A part lost or added by hand comes back as stored: the reader's digest then fails,
  // and it writes a fresh snapshot, where one taken for absent would stay as it is.
  if (first === undefined) return undefined;
  return {
    scope,
    position: Number(first.position),
    version: first.version,
    digest: first.digest,
    parts: rows.map((row) => row.data),
  };
}
