import { genesisHash, nextAuditEntry, type StoredEvent } from '@quanzi/core';
import type { SqlExecutor } from './SqlDriver';
import type { StoreTables } from './storeTables';

/**
 * Locks the circle's chain head for the rest of the transaction and returns it.
 * Holding this row lock from here to COMMIT makes positions within a circle follow
 * commit order, so the chain and the log agree on order.
 */
export async function lockAuditHead(
  tx: SqlExecutor,
  t: StoreTables,
  circleId: string,
): Promise<{ seq: number; hash: string }> {
  const rows = await tx.query<{ seq: string | number; hash: string }>(
    `INSERT INTO ${t.auditHeads} AS h (circle_id, seq, hash) VALUES ($1, 0, $2)
     ON CONFLICT (circle_id) DO UPDATE SET seq = h.seq RETURNING seq, hash`,
    [circleId, genesisHash],
  );
  const head = rows[0];
  if (!head) throw new Error('audit head upsert returned no row');
  return { seq: Number(head.seq), hash: head.hash };
}

/**
 * Appends one chain entry per event after `head`, moves the head and records the
 * positions under the request's idempotency key (if any), in one statement.
 */
export async function appendAudit(
  tx: SqlExecutor,
  t: StoreTables,
  circleId: string,
  head: { seq: number; hash: string },
  events: ReadonlyArray<StoredEvent>,
  idempotencyKey: string | null,
): Promise<void> {
  const seqs: number[] = [];
  const entries: string[] = [];
  const prevHashes: string[] = [];
  const hashes: string[] = [];
  let last = head;
  for (const event of events) {
    const next = nextAuditEntry(last, event);
    seqs.push(next.seq);
    entries.push(next.entry);
    prevHashes.push(next.prevHash);
    hashes.push(next.hash);
    last = next;
  }
  await tx.query(
    `WITH logged AS (
       INSERT INTO ${t.auditLog} (circle_id, seq, position, entry, prev_hash, hash)
       SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[])),
     moved AS (UPDATE ${t.auditHeads} SET seq = $7, hash = $8 WHERE circle_id = $1)
     UPDATE ${t.idempotencyKeys} SET positions = $3 WHERE circle_id = $1 AND key = $9`,
    [
      circleId,
      seqs,
      events.map((e) => e.position),
      entries,
      prevHashes,
      hashes,
      last.seq,
      last.hash,
      idempotencyKey,
    ],
  );
}
