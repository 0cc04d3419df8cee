import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DuplicateProbe, defaultDuplicateOptions, findDuplicates } from '../src/index';

const start = Date.parse('2026-11-29T08:00:00Z');

// Few places, hours and texts, so scores tie often and the tie-break by reference counts.
const itemArb = fc.record({
  kind: fc.constantFrom('report' as const, 'task' as const),
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'),
  dx: fc.constantFrom(0, 0.0005, 0.001, 0.002, 0.004),
  hours: fc.constantFrom(0, 1, 24, 70),
  placed: fc.boolean(),
  text: fc.constantFrom('单车 乱停', '小区 门口 单车', 'bike gate', 'litter'),
});

type Item = Omit<typeof itemArb extends fc.Arbitrary<infer T> ? T : never, 'id'> & { id: string };

const probeOf = (item: Item): DuplicateProbe => ({
  ref: { kind: item.kind, id: item.id },
  circleId: 'xinhua',
  position: item.placed ? [116.4 + item.dx, 39.9] : undefined,
  time: new Date(start + item.hours * 3_600_000).toISOString(),
  category: 'bikes',
  text: item.text,
});

describe('ranking duplicate candidates', () => {
  it('keeps exactly the first `limit` of the full ranking, ties and all (property)', () => {
    let cut = 0;
    fc.assert(
      fc.property(
        itemArb,
        fc.uniqueArray(itemArb, { selector: (i) => `${i.kind}/${i.id}`, maxLength: 20 }),
        fc.integer({ min: 0, max: 6 }),
        (me, others, limit) => {
          const probe = probeOf({ ...me, id: 'new' });
          const existing = others.map(probeOf);
          const all = findDuplicates(probe, existing, { ...defaultDuplicateOptions, limit: 1000 });
          const top = findDuplicates(probe, existing, { ...defaultDuplicateOptions, limit });
          if (all.length > limit) cut += 1;
          expect(top).toEqual(all.slice(0, limit));
          // The full ranking is by score, then by `kind/id`.
          for (let i = 1; i < all.length; i += 1) {
            const [a, b] = [all[i - 1], all[i]] as [(typeof all)[0], (typeof all)[0]];
            expect(
              a.score > b.score ||
                (a.score === b.score && `${a.ref.kind}/${a.ref.id}` < `${b.ref.kind}/${b.ref.id}`),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 500, seed: 14 },
    );
    // Enough runs must cut the ranking short, or the property says little.
    expect(cut).toBeGreaterThan(100);
  });
});
