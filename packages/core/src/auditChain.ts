import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalJson } from './canonicalJson';
import type { StoredEvent } from './event';

/** One circle's chain head: how many entries its chain has and the hash of the last one. */
export interface AuditHead {
  readonly circleId: string;
  /** The number of entries in the chain; the last entry's number (entries count from 1). */
  readonly seq: number;
  readonly hash: string;
}

/** One entry of a circle's audit chain, as a store keeps it. */
export interface AuditEntry {
  /** The entry's number in its circle's chain, from 1. */
  readonly seq: number;
  /** The global position of the event the entry records. */
  readonly position: number;
  /** The event's canonical JSON ({@link auditEntry}). */
  readonly entry: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** The `prevHash` of a circle's first audit entry. */
export const genesisHash = '0'.repeat(64);

/** The canonical (RFC 8785) JSON of a stored event: what the audit chain hashes. */
export function auditEntry(event: StoredEvent): string {
  return canonicalJson(event);
}

/**
 * SHA-256 (hex) of the previous hash and the entry: the link that makes edits
 * visible. Synchronous and the same in Node and browsers.
 */
export function chainHash(prevHash: string, entry: string): string {
  return bytesToHex(sha256(utf8ToBytes(`${prevHash}\n${entry}`)));
}

/**
 * The chain entry that `event` adds after `head` (`{ seq: 0, hash: genesisHash }`
 * for an empty chain). Every store builds its chain with this one function.
 */
export function nextAuditEntry(
  head: { readonly seq: number; readonly hash: string },
  event: StoredEvent,
): AuditEntry {
  const entry = auditEntry(event);
  return {
    seq: head.seq + 1,
    position: event.position,
    entry,
    prevHash: head.hash,
    hash: chainHash(head.hash, entry),
  };
}
