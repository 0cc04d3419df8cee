import type { AuditChainFailure, AuditFailureReason } from './AuditVerification';
import { type AuditEntry, type AuditHead, auditEntry, chainHash, genesisHash } from './auditChain';
import { canonicalJson } from './canonicalJson';
import type { StoredEvent } from './event';

/** What {@link verifyAuditChain} walks: one circle's chain, its events and heads. */
export interface AuditChainInput {
  readonly circleId: string;
  /** The chain's entries in entry-number order. */
  readonly entries: AsyncIterable<AuditEntry> | Iterable<AuditEntry>;
  /** The circle's events in position order. */
  readonly events: AsyncIterable<StoredEvent> | Iterable<StoredEvent>;
  /** The head the store keeps (`{ seq: 0, hash: genesisHash }` when it has none). */
  readonly head: { readonly seq: number; readonly hash: string };
  /** This circle's head from a checkpoint whose signature was already checked. */
  readonly checkpoint?: AuditHead;
}

interface Running {
  seq: number;
  hash: string;
  position: number;
  readonly streams: Map<string, number>;
}

/**
 * Whether `entry` records `event`. Entries written before the per-stream number
 * became the `streamsequence` extension spell it `sequence`; they record the same
 * event, and a chain that a city kept for years must still verify.
 */
function recordsEvent(entry: string, event: StoredEvent): boolean {
  if (auditEntry(event) === entry) return true;
  const { streamsequence, ...rest } = event;
  return canonicalJson({ ...rest, sequence: streamsequence }) === entry;
}

/** Checks one entry against the running chain, its event and the checkpoint. */
function checkEntry(
  row: AuditEntry,
  event: StoredEvent | undefined,
  running: Running,
  checkpoint: AuditHead | undefined,
): AuditFailureReason | undefined {
  if (row.seq === running.seq - 1) return 'duplicate_entry';
  if (row.seq !== running.seq) return 'missing_entry';
  if (row.prevHash !== running.hash) return 'broken_link';
  if (chainHash(row.prevHash, row.entry) !== row.hash) return 'hash_mismatch';
  if (checkpoint?.seq === row.seq && checkpoint.hash !== row.hash) return 'checkpoint_mismatch';
  if (event && event.position === running.position) return 'duplicate_position';
  if (!event || event.position > row.position) return 'event_missing';
  if (event.position < row.position) return 'event_unlogged';
  if (!recordsEvent(row.entry, event)) return 'event_mismatch';
  if (event.streamsequence !== (running.streams.get(event.subject) ?? 0) + 1)
    return 'sequence_mismatch';
  return undefined;
}

/**
 * Walks one circle's audit chain and event log side by side and reports the first
 * entry where they disagree — with each other, with the stored head, or with a
 * signed checkpoint's head — or the number of entries when all agree. Every store
 * verifies with this one function; the store only supplies the rows.
 */
export async function verifyAuditChain(
  input: AuditChainInput,
): Promise<AuditChainFailure | number> {
  const running: Running = { seq: 1, hash: genesisHash, position: 0, streams: new Map() };
  const fail = (reason: AuditFailureReason, position?: number): AuditChainFailure => ({
    ok: false,
    circleId: input.circleId,
    seq: running.seq,
    reason,
    ...(position === undefined ? {} : { position }),
  });
  const events =
    Symbol.asyncIterator in input.events
      ? input.events[Symbol.asyncIterator]()
      : input.events[Symbol.iterator]();
  for await (const row of input.entries) {
    const next = await events.next();
    const event = next.done ? undefined : next.value;
    const reason = checkEntry(row, event, running, input.checkpoint);
    if (reason) return fail(reason, row.position);
    // checkEntry found the event at the row's position, so it is defined here.
    const seen = event as StoredEvent;
    running.streams.set(seen.subject, seen.streamsequence);
    running.seq += 1;
    running.hash = row.hash;
    running.position = row.position;
  }
  const extra = await events.next();
  if (!extra.done)
    return fail(
      extra.value.position === running.position ? 'duplicate_position' : 'event_unlogged',
      extra.value.position,
    );
  const entries = running.seq - 1;
  if (input.checkpoint && input.checkpoint.seq > entries) return fail('truncated');
  if (input.head.seq !== entries || input.head.hash !== running.hash) return fail('head_mismatch');
  return entries;
}
