import { canonicalJson, hash53 } from '@quanzi/core';

const hex = (n: number) => n.toString(16).padStart(14, '0');

/**
 * A fingerprint of a validated request, to tell a retry (same key, same request)
 * from a key reused for another request: 106 bits over its canonical JSON (RFC 8785),
 * so the order of fields does not matter. Not a cryptographic digest: the key's
 * owner is the only one who could aim for a collision, and would only confuse their
 * own retries; it is a fraction of a SHA-256's cost on every command.
 *
 * @example
 * requestFingerprint({ a: 1, b: 2 }) === requestFingerprint({ b: 2, a: 1 }); // true
 */
export function requestFingerprint(request: unknown): string {
  const text = canonicalJson(request);
  // Two seeds give two independent 53-bit halves.
  return `f1:${hex(hash53(text, 1))}${hex(hash53(text, 2))}`;
}
