import { type RunResult, summarize } from '@quanzi/simulate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const run = (seed: number, params: Record<string, number>, values: number[]): RunResult => ({
  run: `seed=${seed}`,
  seed,
  params,
  rows: values.map((value, i) => ({ run: `seed=${seed}`, step: (i + 1) * 24, metric: 'm', value })),
});

describe('summarize', () => {
  it('gives the Student-t interval of the mean across seeds', () => {
    // Values 1, 2, 3: mean 2, sd 1; t(0.975, 2 df) = 4.302653, so the half-width is 4.302653 / √3.
    const rows = summarize([run(1, {}, [1]), run(2, {}, [2]), run(3, {}, [3])]);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row?.n).toBe(3);
    expect(row?.mean).toBe(2);
    expect(row?.sd).toBe(1);
    expect(row?.high).toBeCloseTo(2 + 4.302653 / Math.sqrt(3), 5);
    expect(row?.low).toBeCloseTo(2 - 4.302653 / Math.sqrt(3), 5);
    const narrow = summarize([run(1, {}, [1]), run(2, {}, [2]), run(3, {}, [3])], {
      level: 0.5,
    })[0];
    expect((narrow?.high ?? 0) - (narrow?.low ?? 0)).toBeLessThan(
      (row?.high ?? 0) - (row?.low ?? 0),
    );
  });

  it('groups by parameters, keeps steps apart and can keep only the last step', () => {
    const results = [
      run(1, { r: 1 }, [1, 5]),
      run(2, { r: 1 }, [3, 7]),
      run(1, { r: 2 }, [10, 20]),
    ];
    const all = summarize(results);
    expect(all.map((row) => [row.params.r, row.step, row.mean])).toEqual([
      [1, 24, 2],
      [1, 48, 6],
      [2, 24, 10],
      [2, 48, 20],
    ]);
    const last = summarize(results, { steps: 'last' });
    expect(last.map((row) => [row.params.r, row.step, row.n])).toEqual([
      [1, 48, 2],
      [2, 48, 1],
    ]);
    expect(summarize(results, { metrics: ['other'] })).toEqual([]);
  });

  it('rejects a confidence level outside (0, 1)', () => {
    for (const level of [0, 1, 1.5, Number.NaN])
      expect(() => summarize([run(1, {}, [1])], { level })).toThrow(/between 0 and 1/);
  });

  it('always brackets the mean, and a single run has no interval at all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (values) => {
          const [row] = summarize(values.map((value, i) => run(i, {}, [value])));
          if (values.length === 1) {
            expect([row?.low, row?.high]).toEqual([null, null]);
            return;
          }
          expect(row?.low).toBeLessThanOrEqual((row?.mean ?? 0) + 1e-9);
          expect(row?.high).toBeGreaterThanOrEqual((row?.mean ?? 0) - 1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the interval of a bounded measure within its range', () => {
    // Shares of 0, 0, 0.9: mean 0.3, and the Student-t interval would reach far below 0 and above 1.
    const of = (metric: string, values: number[]) =>
      summarize(
        values.map((value, i) => ({
          run: `seed=${i}`,
          seed: i,
          params: {},
          rows: [{ run: `seed=${i}`, step: 24, metric, value }],
        })),
      )[0];
    const share = of('completion_rate', [0, 0, 0.9]);
    expect([share?.low, share?.high]).toEqual([0, 1]);
    const hours = of('response_hours', [0, 0, 9]);
    expect(hours?.low).toBe(0);
    expect(hours?.high).toBeGreaterThan(9);
    // A metric that can be negative keeps its symmetric interval.
    const payoff = of('mean_payoff', [0, 0, 9]);
    expect(payoff?.low).toBeLessThan(0);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 20 }),
        (values) => {
          const row = of('participation_rate', values);
          expect(row?.low).toBeGreaterThanOrEqual(0);
          expect(row?.high).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 200, seed: 16 },
    );
  });
});
