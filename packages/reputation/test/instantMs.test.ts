import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantMs } from '../src/instantMs';

describe('instantMs', () => {
  it('agrees with Date.parse on every UTC instant shape the schema allows', () => {
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
        expect(instantMs(text)).toBe(Date.parse(text));
      }),
      { numRuns: 500 },
    );
    expect(instantMs('2026-11-29T08:00:00+08:00')).toBe(Date.parse('2026-11-29T00:00:00Z'));
  });
});
