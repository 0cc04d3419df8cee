import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolvePeriod, splitPeriod } from '../src/index';

describe('resolvePeriod', () => {
  it('cuts calendar periods in the given time zone', () => {
    // Sunday 29 Nov 2026 in Shanghai (UTC+8): the ISO week starts Monday 23 Nov 00:00 local
    expect(
      resolvePeriod({ kind: 'week', containing: '2026-11-29', timezone: 'Asia/Shanghai' }),
    ).toEqual({
      kind: 'week',
      from: '2026-11-22T16:00:00Z',
      to: '2026-11-29T16:00:00Z',
      timezone: 'Asia/Shanghai',
      label: '2026-W48',
    });
    // 20:00 UTC on 30 Sep is already 1 Oct in Shanghai → Q4
    expect(
      resolvePeriod({
        kind: 'quarter',
        containing: '2026-09-30T20:00:00Z',
        timezone: 'Asia/Shanghai',
      }),
    ).toMatchObject({
      from: '2026-09-30T16:00:00Z',
      to: '2026-12-31T16:00:00Z',
      label: '2026-Q4',
    });
    expect(resolvePeriod({ kind: 'month', containing: '2026-02-10' })).toMatchObject({
      from: '2026-02-01T00:00:00Z',
      to: '2026-03-01T00:00:00Z',
      timezone: 'UTC',
      label: '2026-02',
    });
    expect(
      resolvePeriod({ kind: 'custom', from: '2026-01-01T00:00:00Z', to: '2026-01-10T00:00:00Z' })
        .label,
    ).toBe('2026-01-01T00:00:00Z/2026-01-10T00:00:00Z');
  });

  it('rejects unknown zones and backwards ranges by path', () => {
    expect(() =>
      resolvePeriod({ kind: 'week', containing: '2026-11-29', timezone: 'Mars/Olympus' }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input', path: ['period', 'timezone'] }));
    expect(() =>
      resolvePeriod({ kind: 'custom', from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }),
    ).toThrow(expect.objectContaining({ path: ['period', 'to'] }));
  });

  it('splits any period into contiguous buckets that cover it exactly', () => {
    const start = Date.parse('2024-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom('week' as const, 'month' as const, 'quarter' as const),
        fc.constantFrom('UTC', 'Asia/Shanghai', 'America/New_York'),
        (offsetDays, lengthDays, unit, timezone) => {
          const from = new Date(start + offsetDays * 86_400_000).toISOString().replace('.000', '');
          const to = new Date(start + (offsetDays + lengthDays) * 86_400_000)
            .toISOString()
            .replace('.000', '');
          const period = { ...resolvePeriod({ kind: 'custom', from, to }), timezone };
          const buckets = splitPeriod(period, unit);
          expect(buckets[0]?.from).toBe(from);
          expect(buckets.at(-1)?.to).toBe(to);
          buckets.forEach((bucket, i) => {
            expect(Date.parse(bucket.from)).toBeLessThan(Date.parse(bucket.to));
            if (i > 0) expect(bucket.from).toBe(buckets[i - 1]?.to);
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});
