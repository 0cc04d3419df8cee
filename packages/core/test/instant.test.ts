import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpoch, plusMinutes, toEpoch } from '../src/index';

describe('instant arithmetic', () => {
  const epoch = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31) });

  it('reads and writes ISO instants exactly as Date does', () => {
    fc.assert(
      fc.property(epoch, (ms) => {
        const iso = new Date(ms).toISOString();
        expect(fromEpoch(ms)).toBe(iso);
        expect(toEpoch(iso)).toBe(ms);
        expect(toEpoch(iso.replace(/\.\d{3}Z$/, 'Z'))).toBe(ms - (ms % 1000));
      }),
      { numRuns: 2000, seed: 13 },
    );
  });

  it('falls back to Date for other ISO forms', () => {
    expect(toEpoch('2026-11-29T08:00:00.5Z')).toBe(Date.parse('2026-11-29T08:00:00.5Z'));
    expect(plusMinutes('2026-12-31T23:30:00Z', 45)).toBe('2027-01-01T00:15:00.000Z');
  });

  it('agrees with Date.parse on every UTC shape the schema allows (0 to 6 fraction digits, offsets)', () => {
    const dates = fc.date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(dates, fc.constantFrom(0, 1, 2, 3, 6), (date, digits) => {
        const iso = date.toISOString();
        const text =
          digits === 3
            ? iso
            : digits === 0
              ? `${iso.slice(0, 19)}Z`
              : `${iso.slice(0, 20 + Math.min(digits, 3))}${'0'.repeat(Math.max(0, digits - 3))}Z`;
        expect(toEpoch(text)).toBe(Date.parse(text));
      }),
      { numRuns: 500, seed: 13 },
    );
    expect(toEpoch('2026-11-29T08:00:00+08:00')).toBe(Date.parse('2026-11-29T00:00:00Z'));
  });
});
