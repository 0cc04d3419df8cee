import type { AuditedEventStore } from './AuditedEventStore';
import { type AuditCheckpoint, type AuditKey, signAuditCheckpoint } from './auditCheckpoint';
import type { Clock } from './Clock';

/** Options for {@link createAuditCheckpoint}. */
export interface CreateAuditCheckpointOptions {
  /** The host's Ed25519 private key; keep it out of the database the store writes. */
  readonly privateKey: AuditKey;
  /** Where the checkpoint's time comes from. */
  readonly clock: Clock;
  /** Sign one circle's head only; default: every circle's. */
  readonly circleId?: string;
}

/**
 * Reads the store's chain heads and signs them: a small JSON document for the
 * operator to keep outside the database (a file, another system, a printout).
 * Someone who can write the database can rewrite and re-chain history, but cannot
 * make it match a checkpoint signed with a key the database never held.
 *
 * @example
 * const checkpoint = await createAuditCheckpoint(store, { privateKey, clock });
 * // later, after copying `checkpoint` somewhere safe:
 * await store.verifyAudit({ checkpoint, publicKey: auditPublicKey(privateKey) });
 */
export async function createAuditCheckpoint(
  store: AuditedEventStore,
  options: CreateAuditCheckpointOptions,
): Promise<AuditCheckpoint> {
  return signAuditCheckpoint({
    heads: await store.auditHeads(options.circleId),
    time: options.clock.now(),
    privateKey: options.privateKey,
  });
}
