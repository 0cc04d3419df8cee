import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpoch, plusMinutes, toEpoch } from '../src/instant';

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
      { numRuns: 2000 },
    );
  });

  it('falls back to Date for other ISO forms', () => {
    expect(toEpoch('2026-11-29T08:00:00.5Z')).toBe(Date.parse('2026-11-29T08:00:00.5Z'));
    expect(plusMinutes('2026-12-31T23:30:00Z', 45)).toBe('2027-01-01T00:15:00.000Z');
  });
});
