import type { AuditVerification } from './AuditVerification';
import type { AuditHead } from './auditChain';
import type { AuditKey } from './auditCheckpoint';
import type { EventStore } from './EventStore';

/** Options for {@link AuditedEventStore.verifyAudit}. */
export interface VerifyAuditOptions {
  /** Verify one circle's chain only; default: every circle. */
  readonly circleId?: string;
  /**
   * A signed checkpoint exported earlier (`createAuditCheckpoint` of `@quanzi/core/audit`). With it,
   * verification also proves that no chain was cut below, or rewritten at or
   * before, the heads it names. Needs `publicKey`.
   */
  readonly checkpoint?: unknown;
  /** The Ed25519 public key the checkpoint must be signed with. */
  readonly publicKey?: AuditKey;
}

/**
 * An {@link EventStore} that keeps a hash chain per circle over its events. The
 * in-memory store and the PostgreSQL/PGlite stores all implement it.
 */
export interface AuditedEventStore extends EventStore {
  /** The chain heads now (one circle's, or all, by circle id): what a checkpoint signs. */
  auditHeads(circleId?: string): Promise<AuditHead[]>;
  /**
   * Re-derives every circle's chain (or one circle's) and compares it with the event
   * log, the stored heads and, when given, a signed checkpoint; reports the first bad
   * entry and why.
   */
  verifyAudit(options?: VerifyAuditOptions): Promise<AuditVerification>;
}
