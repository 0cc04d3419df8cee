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
  it('CSV round-trips every row, each parameter in its own column', () => {
    fc.assert(
      fc.property(results, (input: RunResult[]) => {
        const parsed = parse(toTidyCsv(input), { columns: true }) as Array<Record<string, string>>;
        const rows = input.flatMap((result) =>
          result.rows.map((row) => ({ ...row, seed: result.seed, params: result.params })),
        );
        expect(parsed).toHaveLength(rows.length);
        parsed.forEach((row, i) => {
          const expected = rows[i];
          expect(Number(row.seed)).toBe(expected?.seed);
          expect(Number(row.hour)).toBe(expected?.step);
          expect(row.metric).toBe(expected?.metric);
          expect(Number(row.value)).toBe(expected?.value === 0 ? 0 : expected?.value);
          for (const name of ['a', 'game.multiplier'].filter((n) => n in row)) {
            const value = expected?.params[name];
            expect(row[name]).toBe(value === undefined || value === null ? '' : String(value));
          }
          expect(row).not.toHaveProperty('run');
        });
      }),
      { numRuns: 100 },
    );
  });

  it('names its columns with their units and gives each metric its unit', () => {
    const input: RunResult[] = [
      {
        run: 'game.multiplier=3|scheme.decay=true|seed=1',
        seed: 1,
        params: { 'scheme.decay': true, 'game.multiplier': 3 },
        rows: [
          { run: 'x', step: 24, metric: 'completion_rate', value: 0.5 },
          { run: 'x', step: 24, metric: 'response_hours', value: 7 },
          { run: 'x', step: 24, metric: 'custom', value: 1 },
        ],
      },
    ];
    expect(toTidyCsv(input)).toBe(
      [
        'game.multiplier,scheme.decay,seed,hour,metric,unit,value',
        '3,true,1,24,completion_rate,share (0–1),0.5',
        '3,true,1,24,response_hours,hours,7',
        '3,true,1,24,custom,,1',
        '',
      ].join('\n'),
    );
    expect(toTidyCsv([])).toBe('seed,hour,metric,unit,value\n');
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
