import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * A stable pseudonym for a participant: `anon-` and 10 hex digits of
 * HMAC-SHA-256(salt, id). The same id and salt always give the same pseudonym, so
 * a person can be followed across periods without being named; keep the salt
 * secret, or anyone can test guessed ids against it.
 *
 * Used for leaderboards, assessments and exports alike, so one person has one
 * pseudonym everywhere.
 *
 * @example
 * pseudonymOf('p7', circleSecret); // 'anon-3f9c…'
 */
export function pseudonymOf(participantId: string, salt: string): string {
  return `anon-${bytesToHex(hmac(sha256, utf8ToBytes(salt), utf8ToBytes(participantId))).slice(0, 10)}`;
}
