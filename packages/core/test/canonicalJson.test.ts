import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/index';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys, drops undefined members and writes numbers as ECMAScript does', () => {
    expect(canonicalJson({ b: 1, a: [true, 'x', undefined], c: undefined, d: 1e21, e: 0.1 })).toBe(
      '{"a":[true,"x",null],"b":1,"d":1e+21,"e":0.1}',
    );
    // RFC 8785 §3.2.3: keys sort by UTF-16 code units, not code points, so U+1F600
    // (surrogates 0xD83D…) comes before U+FB33.
    expect(canonicalJson({ '\ufb33': 1, '\ud83d\ude00': 2, a: 3 })).toBe(
      '{"a":3,"\ud83d\ude00":2,"\ufb33":1}',
    );
  });

  it('gives the same text whatever order the keys were written in, and parses back to the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        const reordered = JSON.parse(JSON.stringify(value), (_key, v) =>
          v !== null && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        );
        expect(canonicalJson(reordered)).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});
