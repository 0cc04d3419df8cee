import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';
import * as z from 'zod/mini';
import type { AuditCheckpointFailureReason } from './AuditVerification';
import type { AuditHead } from './auditChain';
import { bilingualMessage } from './bilingualMessage';
import { canonicalJson } from './canonicalJson';
import { IdSchema, InstantSchema } from './circle';
import { parseInput } from './parseInput';

const hex64 = /^[0-9a-f]{64}$/;

// Loaded on first use, so an app that never signs or checks a checkpoint (a browser
// portal on the memory store) does not download Ed25519.
const loadEd25519 = async () => (await import('@noble/curves/ed25519')).ed25519;

/** An Ed25519 key: 32 bytes, or those bytes as 64 lower-case hex digits. */
export type AuditKey = Uint8Array | string;

const AuditKeySchema = z.union([
  z.string().check(
    z.regex(
      hex64,
      bilingualMessage({
        en: 'Use 64 lower-case hex digits',
        'zh-CN': '应为 64 位小写十六进制数',
      }),
    ),
  ),
  z
    .instanceof(Uint8Array)
    .check(
      z.refine(
        (bytes) => bytes.length === 32,
        bilingualMessage({ en: 'Use 32 bytes', 'zh-CN': '应为 32 字节' }),
      ),
    ),
]);

/**
 * A signed statement "at `time`, these were the circles' chain heads": the JSON
 * document an operator keeps outside the database. A later `verifyAudit({ checkpoint,
 * publicKey })` proves that no entry at or before these heads was rewritten and that
 * no chain was cut below them.
 */
export const AuditCheckpointSchema = z.strictObject({
  format: z.literal('quanzi.audit-checkpoint.v1'),
  /** When the heads were read. */
  time: InstantSchema,
  /** `ed25519:` and the first 16 hex digits of SHA-256 of the public key ({@link auditKeyId}). */
  keyId: z.string().check(z.regex(/^ed25519:[0-9a-f]{16}$/)),
  /** One head per circle, by circle id; `seq` is the number of entries in that circle's chain. */
  heads: z
    .array(
      z.strictObject({
        circleId: IdSchema,
        seq: z.number().check(z.int(), z.gte(0)),
        hash: z.string().check(z.regex(hex64)),
      }),
    )
    .check(z.maxLength(100_000)),
  /** Ed25519 over the canonical JSON of every other field, hex. */
  signature: z.string().check(z.regex(/^[0-9a-f]{128}$/)),
});

/** A signed checkpoint of audit chain heads; see `AuditCheckpointSchema` (`@quanzi/core/audit`). */
export type AuditCheckpoint = z.infer<typeof AuditCheckpointSchema>;

function keyBytes(key: AuditKey, path: string): Uint8Array {
  const parsed = parseInput(AuditKeySchema, key, { path: [path] });
  return typeof parsed === 'string' ? hexToBytes(parsed) : parsed;
}

function signedBytes(checkpoint: Omit<AuditCheckpoint, 'signature'>): Uint8Array {
  const { format, time, keyId, heads } = checkpoint;
  return utf8ToBytes(canonicalJson({ format, time, keyId, heads }));
}

/** The id a checkpoint names its key by: `ed25519:` and 16 hex digits of SHA-256 of the public key. */
export function auditKeyId(publicKey: AuditKey): string {
  return `ed25519:${bytesToHex(sha256(keyBytes(publicKey, 'publicKey'))).slice(0, 16)}`;
}

/** The Ed25519 public key of a private key, as hex: what verifiers are given. */
export async function auditPublicKey(privateKey: AuditKey): Promise<string> {
  const secret = keyBytes(privateKey, 'privateKey');
  return bytesToHex((await loadEd25519()).getPublicKey(secret));
}

/**
 * Signs chain heads into an {@link AuditCheckpoint}. Stores' heads come from their
 * `auditHeads()`; `createAuditCheckpoint` does both steps.
 */
export async function signAuditCheckpoint(input: {
  readonly heads: ReadonlyArray<AuditHead>;
  readonly time: string;
  readonly privateKey: AuditKey;
}): Promise<AuditCheckpoint> {
  const secret = keyBytes(input.privateKey, 'privateKey');
  const ed25519 = await loadEd25519();
  const unsigned = {
    format: 'quanzi.audit-checkpoint.v1' as const,
    time: parseInput(InstantSchema, input.time, { path: ['time'] }),
    keyId: auditKeyId(ed25519.getPublicKey(secret)),
    heads: [...input.heads]
      .sort((a, b) => (a.circleId < b.circleId ? -1 : a.circleId > b.circleId ? 1 : 0))
      .map(({ circleId, seq, hash }) => ({ circleId, seq, hash })),
  };
  return { ...unsigned, signature: bytesToHex(ed25519.sign(signedBytes(unsigned), secret)) };
}

/**
 * Checks a checkpoint's shape, key and signature and returns its heads, or why it
 * cannot be trusted. A malformed document is a `QuanziError('invalid_input')` naming
 * the field; a well-formed one signed by another key or altered after signing is a
 * returned reason, because that is what verification is there to find.
 */
export async function openAuditCheckpoint(
  checkpoint: unknown,
  publicKey: AuditKey,
): Promise<
  | { readonly ok: true; readonly heads: ReadonlyArray<AuditHead> }
  | { readonly ok: false; readonly reason: AuditCheckpointFailureReason }
> {
  const parsed = parseInput(AuditCheckpointSchema, checkpoint, { path: ['checkpoint'] });
  const key = keyBytes(publicKey, 'publicKey');
  if (parsed.keyId !== auditKeyId(key)) return { ok: false, reason: 'wrong_key' };
  const ed25519 = await loadEd25519();
  let valid = false;
  try {
    valid = ed25519.verify(hexToBytes(parsed.signature), signedBytes(parsed), key);
  } catch {
    // A signature that is not even a curve point is as invalid as a wrong one.
  }
  return valid ? { ok: true, heads: parsed.heads } : { ok: false, reason: 'signature_invalid' };
}
