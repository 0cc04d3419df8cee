import { type AuditEntry, type AuditHead, genesisHash, type StoredEvent } from '@quanzi/core';
import type { AuditSource } from '@quanzi/core/audit';
import { type EventRow, eventColumns, toStoredEvent } from './eventRows';
import type { SqlExecutor } from './SqlDriver';
import type { StoreTables } from './storeTables';

interface AuditRow {
  seq: string | number;
  position: string | number;
  entry: string;
  prev_hash: string;
  hash: string;
}

const pageSize = 1000;

/**
 * Streams a query's rows through a cursor, a page at a time. A cursor (not keyset
 * paging) so that duplicated keys — which verification exists to find — are neither
 * skipped nor repeated at a page boundary.
 */
async function* cursorRows<TRow>(
  tx: SqlExecutor,
  name: string,
  sql: string,
  params: ReadonlyArray<unknown>,
): AsyncGenerator<TRow> {
  await tx.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
  try {
    for (;;) {
      const rows = await tx.query<TRow>(`FETCH ${pageSize} FROM ${name}`);
      yield* rows;
      if (rows.length < pageSize) return;
    }
  } finally {
    // Closed after each circle so the next one reuses the name (and the pg driver's
    // prepared statements stay a fixed few, however many circles there are).
    await tx.query(`CLOSE ${name}`);
  }
}

function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    position: Number(row.position),
    entry: row.entry,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

async function* mapRows<TRow, T>(rows: AsyncIterable<TRow>, map: (row: TRow) => T) {
  for await (const row of rows) yield map(row);
}

/**
 * The store's rows as core's `verifyAuditLog` reads them. Must run inside one
 * REPEATABLE READ transaction: the cursors live until it ends, and the chain, the
 * log and the heads are then read from one snapshot.
 */
export function auditSource(tx: SqlExecutor, t: StoreTables): AuditSource {
  return {
    async circleIds(circleId) {
      if (circleId !== undefined) return [circleId];
      const rows = await tx.query<{ circle_id: string }>(
        `SELECT circle_id FROM ${t.auditHeads} UNION SELECT circle_id FROM ${t.auditLog}
         UNION SELECT circle_id FROM ${t.events} UNION SELECT circle_id FROM ${t.streams}`,
      );
      return rows.map((row) => row.circle_id);
    },
    async chain(circleId) {
      const heads = await tx.query<{ seq: string | number; hash: string }>(
        `SELECT seq, hash FROM ${t.auditHeads} WHERE circle_id = $1`,
        [circleId],
      );
      const head = heads[0];
      const entries = cursorRows<AuditRow>(
        tx,
        'quanzi_audit_entries',
        `SELECT seq, position, entry, prev_hash, hash FROM ${t.auditLog} WHERE circle_id = $1 ORDER BY seq`,
        [circleId],
      );
      const events = cursorRows<EventRow>(
        tx,
        'quanzi_audit_events',
        `SELECT ${eventColumns} FROM ${t.events} WHERE circle_id = $1 ORDER BY position`,
        [circleId],
      );
      return {
        // A table holding two head rows for a circle is itself a broken head.
        head:
          heads.length === 1 && head
            ? { seq: Number(head.seq), hash: head.hash }
            : heads.length === 0
              ? { seq: 0, hash: genesisHash }
              : { seq: -1, hash: '' },
        entries: mapRows(entries, toAuditEntry),
        events: mapRows<EventRow, StoredEvent>(events, toStoredEvent),
      };
    },
  };
}

/** The current chain heads (one circle's, or all), by circle id in code-point order, as checkpoints list them. */
export async function auditHeads(
  tx: SqlExecutor,
  t: StoreTables,
  circleId?: string,
): Promise<AuditHead[]> {
  const rows = await tx.query<{ circle_id: string; seq: string | number; hash: string }>(
    `SELECT circle_id, seq, hash FROM ${t.auditHeads}
      WHERE $1::text IS NULL OR circle_id = $1 ORDER BY circle_id COLLATE "C"`,
    [circleId ?? null],
  );
  return rows.map((r) => ({ circleId: r.circle_id, seq: Number(r.seq), hash: r.hash }));
}
