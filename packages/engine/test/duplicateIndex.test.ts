import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDuplicateIndex } from '../src/createDuplicateIndex';
import { type DuplicateProbe, defaultDuplicateOptions, findDuplicates } from '../src/index';

const start = Date.parse('2026-11-01T00:00:00Z');
const words = ['单车', '乱停', '小区', '门口', 'bike', 'gate', 'litter', '垃圾'];

/** Items around one of a few places (Beijing, Harbin, near the Arctic), days apart, some placeless. */
const probeArb = (
  id: number,
  anchors: ReadonlyArray<readonly [number, number]> = [
    [116.4, 39.9],
    [126.6, 45.75],
    [25.7, 66.5],
  ],
) =>
  fc
    .record({
      circle: fc.constantFrom('a', 'b'),
      category: fc.option(fc.constantFrom('litter', 'bikes'), { nil: undefined }),
      anchor: fc.constantFrom(...anchors),
      // Up to ~450 m from the anchor in each direction: inside and outside the radius.
      dx: fc.double({ min: -0.006, max: 0.006, noNaN: true }),
      dy: fc.double({ min: -0.004, max: 0.004, noNaN: true }),
      placed: fc.boolean(),
      hours: fc.integer({ min: 0, max: 24 * 6 }),
      text: fc.subarray(words, { minLength: 1 }).map((w) => w.join(' ')),
    })
    .map(
      (p): DuplicateProbe => ({
        ref: { kind: id % 3 === 0 ? 'task' : 'report', id: `i${id}` },
        circleId: p.circle,
        position: p.placed ? [p.anchor[0] + p.dx, p.anchor[1] + p.dy] : undefined,
        time: new Date(start + p.hours * 3_600_000).toISOString(),
        category: p.category,
        text: p.text,
      }),
    );

describe('the duplicate index', () => {
  it('finds exactly what a scan of every open item finds (differential property)', () => {
    const options = { ...defaultDuplicateOptions, limit: 1000 };
    let compared = 0;
    fc.assert(
      fc.property(
        fc
          .array(fc.nat(), { minLength: 40, maxLength: 120 })
          .chain((ids) =>
            fc.tuple(
              fc.tuple(...ids.map((_, i) => probeArb(i))),
              probeArb(9999),
              fc.array(fc.nat({ max: ids.length - 1 }), { maxLength: 20 }),
            ),
          ),
        ([items, probe, removed]) => {
          const index = createDuplicateIndex(options);
          for (const item of items) index.put(item);
          for (const i of removed) index.remove((items[i] as DuplicateProbe).ref);
          const gone = new Set(removed.map((i) => (items[i] as DuplicateProbe).ref.id));
          const open = items.filter((item) => !gone.has(item.ref.id));
          expect(index.size).toBe(open.length);
          const scanned = findDuplicates(probe, open, options);
          compared += scanned.length;
          expect(findDuplicates(probe, index.candidates(probe), options)).toEqual(scanned);
        },
      ),
      { numRuns: 400, seed: 14 },
    );
    // The runs must find duplicates, or agreement on empty lists says little.
    expect(compared).toBeGreaterThan(200);
  });

  it('finds what a scan finds for tiny and wide radii and at the edges of the globe', () => {
    // Cells are numbered by column and row in one number: the far west, east, south and
    // north, and radii below the one-metre cell floor, must not make two cells one.
    const edges: Array<readonly [number, number]> = [
      [-179.99, -89.99],
      [179.99, 89.99],
      [179.99, -0.001],
      [-0.001, 0.001],
    ];
    let compared = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(0.2, 3, 300, 20_000),
        fc.tuple(...Array.from({ length: 60 }, (_, i) => probeArb(i, edges))),
        probeArb(9999, edges),
        (radiusMeters, items, probe) => {
          const options = { ...defaultDuplicateOptions, radiusMeters, limit: 1000 };
          const index = createDuplicateIndex(options);
          for (const item of items) index.put(item);
          const scanned = findDuplicates(probe, items, options);
          compared += scanned.length;
          expect(findDuplicates(probe, index.candidates(probe), options)).toEqual(scanned);
        },
      ),
      { numRuns: 200, seed: 14 },
    );
    expect(compared).toBeGreaterThan(100);
  });

  it('compares only the most recently put items of a crowded cell, so a submit costs the same however crowded', () => {
    const options = { ...defaultDuplicateOptions, crowdLimit: 16 };
    const index = createDuplicateIndex(options);
    const at = (i: number): DuplicateProbe => ({
      ref: { kind: 'report', id: `r${i}` },
      circleId: 'a',
      position: [116.4 + (i % 5) * 0.00001, 39.9],
      time: new Date(start + i * 60_000).toISOString(),
      category: 'bikes',
      text: '单车 乱停',
    });
    for (let i = 0; i < 500; i += 1) index.put(at(i));
    const probe = { ...at(500), ref: { kind: 'report' as const, id: 'new' } };
    const seen = [...index.candidates(probe)].map((item) => item.ref.id);
    // One cell and one day: the 16 newest of the 500, nothing older.
    expect(new Set(seen)).toEqual(new Set(Array.from({ length: 16 }, (_, k) => `r${484 + k}`)));
    // The same probe put again (its record changed, the item did not) keeps its place…
    const before = [...index.candidates(probe)].map((item) => item.ref.id);
    const newest = [...index.candidates(probe)].find((item) => item.ref.id === 'r499');
    for (let i = 0; i < 50; i += 1) index.put(newest as DuplicateProbe);
    expect([...index.candidates(probe)].map((item) => item.ref.id)).toEqual(before);
    // …while a new probe of an old item (it reopened) counts as the newest.
    index.put(at(3));
    expect([...index.candidates(probe)].map((item) => item.ref.id)).toContain('r3');
    expect([...index.candidates(probe)].map((item) => item.ref.id)).not.toContain('r484');
    expect(index.size).toBe(500);
  });
});
