import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/index';

// Values beyond plain JSON: undefined members and items, -0, dates (toJSON), nesting.
const valueArb = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, undefined, 0, -0, 1e21, 0.1, -1.5e-7, 2 ** 53, ''),
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.date({ noInvalidDate: true }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('canonicalJson against json-canonicalize', () => {
  it('writes exactly the text json-canonicalize writes (differential property)', () => {
    fc.assert(
      fc.property(valueArb, (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 3000, seed: 14 },
    );
  });

  it('throws on cycles and numbers that are not finite, and writes a shared value twice', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = { back: cycle };
    expect(() => canonicalJson(cycle)).toThrow('Circular reference detected');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow('Non-finite number');
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow('Non-finite number');
    const shared = { x: [1] };
    expect(canonicalJson({ a: shared, b: shared })).toBe(canonicalize({ a: shared, b: shared }));
    // json-canonicalize takes this for a cycle ("$.ab" starts with "$.a"); it is none.
    expect(() => canonicalize({ a: shared, ab: shared })).toThrow('Circular reference detected');
    expect(canonicalJson({ a: shared, ab: shared })).toBe('{"a":{"x":[1]},"ab":{"x":[1]}}');
  });

  it('skips holes, and writes undefined items null and function members "undefined", as it does', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const odd = { list: [1, , undefined, 2], f: () => 1 };
    expect(canonicalJson(odd)).toBe(canonicalize(odd));
  });
});
