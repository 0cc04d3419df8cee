import { type RunResult, toTidyCsv, toTidyJson } from '@quanzi/simulate';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const label = fc.string({ minLength: 1, maxLength: 20 });
const results = fc.array(
  fc.record({
    run: label,
    seed: fc.integer(),
    params: fc.dictionary(
      fc.constantFrom('a', 'game.multiplier'),
      fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)),
    ),
    rows: fc.array(
      fc.record({
        run: label,
        step: fc.nat(),
        metric: label,
        value: fc.double({ noNaN: true, noDefaultInfinity: true }),
      }),
      { maxLength: 10 },
    ),
  }),
  { maxLength: 5 },
);

describe('tidy output', () => {
  it('CSV round-trips every row, quotes and commas included', () => {
    fc.assert(
      fc.property(results, (input: RunResult[]) => {
        const parsed = parse(toTidyCsv(input), { columns: true }) as Array<Record<string, string>>;
        const rows = input.flatMap((result) => result.rows);
        expect(parsed).toHaveLength(rows.length);
        parsed.forEach((row, i) => {
          expect(row.run).toBe(rows[i]?.run);
          expect(Number(row.step)).toBe(rows[i]?.step);
          expect(row.metric).toBe(rows[i]?.metric);
          expect(Number(row.value)).toBe(rows[i]?.value === 0 ? 0 : rows[i]?.value);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('has the tidy header even with no rows', () => {
    expect(toTidyCsv([])).toBe('run,step,metric,value\n');
  });

  it('JSON lists the runs with their parameters and every row', () => {
    const input: RunResult[] = [
      {
        run: 'r=1|seed=1',
        seed: 1,
        params: { r: 1 },
        rows: [{ run: 'r=1|seed=1', step: 24, metric: 'x', value: 0.5 }],
      },
    ];
    expect(JSON.parse(toTidyJson(input))).toEqual({
      runs: [{ run: 'r=1|seed=1', seed: 1, params: { r: 1 } }],
      rows: [{ run: 'r=1|seed=1', step: 24, metric: 'x', value: 0.5 }],
    });
  });
});
