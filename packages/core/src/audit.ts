// The `@quanzi/core/audit` entry: verifying audit chains and signing or opening
// checkpoints of their heads. Kept apart so that a browser bundle, which appends to a
// chain but never audits it, does not carry the verifier; the engine's in-memory store
// loads this entry on its first `verifyAudit`. Ed25519 (`@noble/curves`) is loaded on the
// first signature made or checked.

export {
  AuditCheckpointSchema,
  auditKeyId,
  auditPublicKey,
  openAuditCheckpoint,
  signAuditCheckpoint,
} from './auditCheckpoint';
export {
  type CreateAuditCheckpointOptions,
  createAuditCheckpoint,
} from './createAuditCheckpoint';
export { type AuditChainInput, verifyAuditChain } from './verifyAuditChain';
export { type AuditSource, verifyAuditLog } from './verifyAuditLog';
