import { canonicalJson, hash53 } from '@quanzi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestFingerprint } from '../src/requestFingerprint';

const reversed = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, child]) => [key, reversed(child)]),
  );
};

describe('requestFingerprint', () => {
  it('is the same for the same request in any field order, and differs when the request does (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(requestFingerprint(reversed(a))).toBe(requestFingerprint(a));
        expect(requestFingerprint(a) === requestFingerprint(b)).toBe(
          canonicalJson(a) === canonicalJson(b),
        );
      }),
      { numRuns: 2000, seed: 1414 },
    );
  });

  it('is hash53 of the canonical text with seeds 1 and 2, as stored request hashes were written (property)', () => {
    const hex = (n: number) => n.toString(16).padStart(14, '0');
    // Any UTF-16 text too (control characters, lone surrogates), which JSON writes escaped.
    const valueArb = fc.oneof(fc.jsonValue(), fc.jsonValue({ stringUnit: 'binary' }));
    fc.assert(
      fc.property(valueArb, (value) => {
        const text = canonicalJson(value);
        expect(requestFingerprint(value)).toBe(`f1:${hex(hash53(text, 1))}${hex(hash53(text, 2))}`);
      }),
      { numRuns: 2000, seed: 1415 },
    );
  });
});
