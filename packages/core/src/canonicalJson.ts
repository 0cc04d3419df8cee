import { canonicalize } from 'json-canonicalize';

/**
 * The RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: keys sorted by
 * UTF-16 code units, no whitespace, numbers as ECMAScript writes them. Every hash
 * Quanzi computes over a value — audit-chain links, checkpoints, idempotency request
 * hashes — goes through this one function, so two processes (or two packages) never
 * disagree about the bytes of the same value. `undefined` members are left out, as
 * `JSON.stringify` does.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, 'x'] }); // '{"a":[true,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return canonicalize(value);
}
