/** Why a circle's chain failed verification. */
export type AuditFailureReason =
  /** An entry's hash is not the hash of its previous hash and content (edited entry). */
  | 'hash_mismatch'
  /** An entry does not point at the entry before it (reordered or deleted entries). */
  | 'broken_link'
  /** The entry numbers have a gap or are out of order (deleted or reordered entries). */
  | 'missing_entry'
  /** Two entries carry the same number (two writers extended one chain). */
  | 'duplicate_entry'
  /** An event differs from what the chain recorded for it (edited event). */
  | 'event_mismatch'
  /** The chain records an event the log no longer has. */
  | 'event_missing'
  /** The log has an event the chain never saw. */
  | 'event_unlogged'
  /** Two events share one global position. */
  | 'duplicate_position'
  /** An event's stream sequence is not the one after its stream's previous event (duplicated or skipped). */
  | 'sequence_mismatch'
  /** The stored head does not match the chain's last entry (truncated or extended chain). */
  | 'head_mismatch'
  /** The chain holds fewer entries than a signed checkpoint saw (its tail was cut off). */
  | 'truncated'
  /** The entry a signed checkpoint names has another hash now (history rewritten and re-chained). */
  | 'checkpoint_mismatch';

/** Why a checkpoint was not accepted at all; nothing was compared against it. */
export type AuditCheckpointFailureReason =
  /** The checkpoint was signed by another key than the one given (its `keyId` differs). */
  | 'wrong_key'
  /** The signature does not match the checkpoint's content (edited or forged checkpoint). */
  | 'signature_invalid';

/** The outcome of a store's `verifyAudit`: everything checked, or the first bad spot and why. */
export type AuditVerification =
  | {
      readonly ok: true;
      readonly circles: number;
      readonly entries: number;
      /** Whether a signed checkpoint was checked too. */
      readonly checkpoint: boolean;
    }
  | AuditChainFailure
  | { readonly ok: false; readonly reason: AuditCheckpointFailureReason };

/** A failure inside one circle's chain. */
export interface AuditChainFailure {
  readonly ok: false;
  readonly circleId: string;
  /** The chain entry number (from 1) where the chain first goes wrong. */
  readonly seq: number;
  /** The event's global position there, when known. */
  readonly position?: number;
  readonly reason: AuditFailureReason;
}
