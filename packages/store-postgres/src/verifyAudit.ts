import { auditEntry, chainHash, genesisHash } from './auditChain';
import { type EventRow, eventColumns, toStoredEvent } from './eventRows';
import type { SqlExecutor } from './SqlDriver';
import type { StoreTables } from './storeTables';

/** One circle's chain head: how many entries it has and the hash of the last one. */
export interface AuditHead {
  readonly circleId: string;
  readonly seq: number;
  readonly hash: string;
}

/** Chain heads exported at one moment; a later verification proves history before them unchanged. */
export interface AuditCheckpoint {
  readonly heads: ReadonlyArray<AuditHead>;
}

/** Why verification failed. */
export type AuditFailureReason =
  /** An entry's hash is not the hash of its previous hash and content (edited entry). */
  | 'hash_mismatch'
  /** An entry does not point at the entry before it (reordered or deleted entries). */
  | 'broken_link'
  /** The entry numbers have a gap or are out of order (deleted or reordered entries). */
  | 'missing_entry'
  /** An event differs from what the chain recorded for it (edited event). */
  | 'event_mismatch'
  /** The chain records an event the log no longer has, or the log has one the chain never saw. */
  | 'event_missing'
  | 'event_unlogged'
  /** The stored head does not match the chain's last entry (truncated chain). */
  | 'head_mismatch'
  /** The chain disagrees with an exported checkpoint (history rewritten). */
  | 'checkpoint_mismatch';

/** The outcome of {@link verifyAudit}: everything checked, or the first bad spot and why. */
export type AuditVerification =
  | { readonly ok: true; readonly circles: number; readonly entries: number }
  | {
      readonly ok: false;
      readonly circleId: string;
      /** The chain entry number (from 1) where the chain first goes wrong. */
      readonly seq: number;
      /** The event's global position there, when known. */
      readonly position?: number;
      readonly reason: AuditFailureReason;
    };

interface AuditRow {
  seq: string | number;
  position: string | number;
  entry: string;
  prev_hash: string;
  hash: string;
}

type Failure = Extract<AuditVerification, { ok: false }>;
const pageSize = 1000;

async function headOf(tx: SqlExecutor, t: StoreTables, circleId: string) {
  const rows = await tx.query<{ seq: string | number; hash: string }>(
    `SELECT seq, hash FROM ${t.auditHeads} WHERE circle_id = $1`,
    [circleId],
  );
  return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : { seq: 0, hash: genesisHash };
}

/** Checks one entry against the running chain, its event and the checkpoint. */
async function checkEntry(
  row: AuditRow,
  event: EventRow | undefined,
  expected: { seq: number; hash: string },
  checkpoint: AuditHead | undefined,
): Promise<Failure['reason'] | undefined> {
  if (Number(row.seq) !== expected.seq) return 'missing_entry';
  if (row.prev_hash !== expected.hash) return 'broken_link';
  if ((await chainHash(row.prev_hash, row.entry)) !== row.hash) return 'hash_mismatch';
  if (checkpoint?.seq === expected.seq && checkpoint.hash !== row.hash)
    return 'checkpoint_mismatch';
  if (!event || Number(event.position) > Number(row.position)) return 'event_missing';
  if (Number(event.position) < Number(row.position)) return 'event_unlogged';
  if (auditEntry(toStoredEvent(event)) !== row.entry) return 'event_mismatch';
  return undefined;
}

/** Walks one circle's chain and log side by side, a page at a time. */
async function verifyCircle(
  tx: SqlExecutor,
  t: StoreTables,
  circleId: string,
  checkpoint: AuditHead | undefined,
): Promise<Failure | number> {
  const running = { seq: 1, hash: genesisHash };
  let lastPosition = 0;
  const fail = (reason: Failure['reason'], position?: number): Failure => ({
    ok: false,
    circleId,
    seq: running.seq,
    reason,
    ...(position === undefined ? {} : { position }),
  });
  for (;;) {
    const [rows, events] = await Promise.all([
      tx.query<AuditRow>(
        `SELECT seq, position, entry, prev_hash, hash FROM ${t.auditLog}
          WHERE circle_id = $1 AND seq >= $2 ORDER BY seq LIMIT ${pageSize}`,
        [circleId, running.seq],
      ),
      tx.query<EventRow>(
        `SELECT ${eventColumns} FROM ${t.events}
          WHERE circle_id = $1 AND position > $2 ORDER BY position LIMIT ${pageSize}`,
        [circleId, lastPosition],
      ),
    ]);
    for (const [i, row] of rows.entries()) {
      const reason = await checkEntry(row, events[i], running, checkpoint);
      if (reason) return fail(reason, Number(row.position));
      running.seq += 1;
      running.hash = row.hash;
      lastPosition = Number(row.position);
    }
    if (rows.length < pageSize) {
      const extra = events[rows.length];
      if (extra) return fail('event_unlogged', Number(extra.position));
      break;
    }
  }
  const entries = running.seq - 1;
  const head = await headOf(tx, t, circleId);
  if (head.seq !== entries || head.hash !== running.hash) return fail('head_mismatch');
  if (checkpoint && checkpoint.seq > entries) return fail('checkpoint_mismatch');
  return entries;
}

/**
 * Re-derives every circle's hash chain (or one circle's) and compares it with the
 * stored entries, the event log and the stored head — and with `checkpoint`, if
 * given. Any edited, deleted, inserted or reordered row is reported with the first
 * chain entry where things go wrong.
 */
export async function verifyAudit(
  tx: SqlExecutor,
  t: StoreTables,
  circleId?: string,
  checkpoint?: AuditCheckpoint,
): Promise<AuditVerification> {
  const stored = circleId
    ? [circleId]
    : (
        await tx.query<{ circle_id: string }>(
          `SELECT circle_id FROM ${t.auditHeads} UNION SELECT circle_id FROM ${t.auditLog}
           UNION SELECT circle_id FROM ${t.events} UNION SELECT circle_id FROM ${t.streams}`,
        )
      ).map((row) => row.circle_id);
  // A circle wiped out entirely is still caught when the checkpoint remembers it.
  const remembered = (checkpoint?.heads ?? [])
    .map((head) => head.circleId)
    .filter((id) => circleId === undefined || id === circleId);
  const circles = [...new Set([...stored, ...remembered])].sort();
  let entries = 0;
  for (const circle of circles) {
    const mark = checkpoint?.heads.find((head) => head.circleId === circle);
    const result = await verifyCircle(tx, t, circle, mark);
    if (typeof result !== 'number') return result;
    entries += result;
  }
  return { ok: true, circles: circles.length, entries };
}

/** The current chain heads, to keep somewhere the database's writers cannot reach. */
export async function exportCheckpoint(
  tx: SqlExecutor,
  t: StoreTables,
  circleId?: string,
): Promise<AuditCheckpoint> {
  const rows = await tx.query<{ circle_id: string; seq: string | number; hash: string }>(
    `SELECT circle_id, seq, hash FROM ${t.auditHeads}
      WHERE $1::text IS NULL OR circle_id = $1 ORDER BY circle_id`,
    [circleId ?? null],
  );
  return { heads: rows.map((r) => ({ circleId: r.circle_id, seq: Number(r.seq), hash: r.hash })) };
}
