import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { studentTQuantile } from '../src/studentTQuantile';

// Reference values from R's qt() (the same as statistical tables, to more digits).
const table: [p: number, df: number, t: number][] = [
  [0.975, 1, 12.706204736174694],
  [0.975, 2, 4.302652729749462],
  [0.975, 5, 2.570581835636314],
  [0.975, 10, 2.2281388519862744],
  [0.975, 30, 2.0422724563012378],
  [0.975, 100, 1.9839715185235518],
  [0.995, 3, 5.840909309733356],
  [0.95, 1, 6.313751514675037],
  [0.9, 4, 1.5332062740589445],
  [0.999, 20, 3.5518083432033323],
  [0.025, 7, -2.3646242515927853],
  [0.9995, 1, 636.6192487687196],
  [0.95, 100000, 1.6448688647849694],
];

describe('studentTQuantile', () => {
  it.each(table)('the %s quantile with %s degrees of freedom is %s (to 1e-6)', (p, df, t) => {
    expect(Math.abs(studentTQuantile(p, df) - t)).toBeLessThan(1e-6);
  });

  it('is odd around the median and increasing in p', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.499, noNaN: true }),
        fc.double({ min: 0.001, max: 0.2, noNaN: true }),
        fc.integer({ min: 1, max: 500 }),
        (p, step, df) => {
          const t = studentTQuantile(p, df);
          expect(studentTQuantile(1 - p, df)).toBeCloseTo(-t, 9);
          expect(studentTQuantile(Math.min(p + step, 0.999), df)).toBeGreaterThan(t);
        },
      ),
      { numRuns: 300, seed: 16 },
    );
  });

  it('is 0 at the median and NaN outside its domain', () => {
    expect(studentTQuantile(0.5, 4)).toBe(0);
    for (const [p, df] of [
      [0, 4],
      [1, 4],
      [0.9, 0],
      [Number.NaN, 4],
    ] as const)
      expect(studentTQuantile(p, df)).toBeNaN();
  });
});
