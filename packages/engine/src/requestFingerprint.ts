import { canonicalJson } from '@quanzi/core';

// cyrb53 with a seed: two seeds give two independent 53-bit halves.
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
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
  const hex = (n: number) => n.toString(16).padStart(14, '0');
  return `f1:${hex(cyrb53(text, 1))}${hex(cyrb53(text, 2))}`;
}
