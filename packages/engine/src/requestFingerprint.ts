import { canonicalJson } from '@quanzi/core';

const byteHex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

// n.toString(16).padStart(14, '0') for n < 2^53, byte by byte from a table: radix text
// of a number takes a runtime call per number, and showed in profiles.
function hex(n: number): string {
  const high = Math.floor(n / 4294967296);
  const low = n >>> 0;
  return (
    (byteHex[(high >>> 16) & 255] as string) +
    byteHex[(high >>> 8) & 255] +
    byteHex[high & 255] +
    byteHex[low >>> 24] +
    byteHex[(low >>> 16) & 255] +
    byteHex[(low >>> 8) & 255] +
    byteHex[low & 255]
  );
}

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
  // Two seeds give two independent 53-bit halves: `hash53(text, 1)` and
  // `hash53(text, 2)`, computed in one pass over the text.
  let a1 = 0xdeadbeef ^ 1;
  let a2 = 0x41c6ce57 ^ 1;
  let b1 = 0xdeadbeef ^ 2;
  let b2 = 0x41c6ce57 ^ 2;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    a1 = Math.imul(a1 ^ code, 2654435761);
    a2 = Math.imul(a2 ^ code, 1597334677);
    b1 = Math.imul(b1 ^ code, 2654435761);
    b2 = Math.imul(b2 ^ code, 1597334677);
  }
  return `f1:${hex(finish(a1, a2))}${hex(finish(b1, b2))}`;
}

/** hash53's final mix of its two lanes. */
function finish(h1: number, h2: number): number {
  const m1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  const m2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(m1 ^ (m1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & m2) + (m1 >>> 0);
}
