import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DuplicateProbe, defaultDuplicateOptions, findDuplicates } from '../src/index';
import { harness, xinhuaSpot } from './engineFixtures';

const point = (coordinates: readonly [number, number]) => ({ type: 'Point', coordinates });

describe('duplicate detection on intake', () => {
  it('returns the earlier report and task at the same place, time and category with the new report', async () => {
    const { run, clock } = await harness();
    const submit = (text: string, category: string, at: readonly [number, number]) =>
      run('q1', {
        type: 'report.submit',
        report: { channel: 'mobile', category, text, location: point(at) },
      });
    const first = await submit('小区门口共享单车乱停', 'shared_bike_parking', xinhuaSpot);
    clock.advance(3_600_000);
    const second = await submit('小区门口的共享单车停放混乱', 'shared_bike_parking', [
      xinhuaSpot[0] + 0.0005,
      xinhuaSpot[1],
    ]);
    const firstId = first.status === 'applied' ? first.reportId : '';
    expect(second.status === 'applied' && second.duplicates?.map((d) => d.ref)).toEqual([
      { kind: 'report', id: firstId },
    ]);
    const candidate = second.status === 'applied' ? second.duplicates?.[0] : undefined;
    expect(candidate?.distanceMeters).toBeGreaterThan(30);
    expect(candidate?.distanceMeters).toBeLessThan(60);
    expect(candidate?.textSimilarity).toBeGreaterThan(0.3);
    const elsewhere = await submit('共享单车乱停', 'shared_bike_parking', [116.391, 39.909]);
    expect(elsewhere.status === 'applied' && elsewhere.duplicates).toEqual([]);
    const otherCategory = await submit('小区门口共享单车乱停', 'litter', xinhuaSpot);
    expect(otherCategory.status === 'applied' && otherCategory.duplicates).toEqual([]);
  });

  it('scores the candidates the commit saw, when `duplicates` is first read', async () => {
    const { run, clock } = await harness();
    const submit = (text: string) =>
      run('q1', {
        type: 'report.submit',
        report: { channel: 'mobile', category: 'litter', text, location: point(xinhuaSpot) },
      });
    const first = await submit('垃圾堆在门口');
    const firstId = first.status === 'applied' ? first.reportId : '';
    clock.advance(60_000);
    const second = await submit('门口垃圾没人清');
    if (second.status !== 'applied') throw new Error(second.status);
    // Not scored yet: the command returned without ranking its neighbours.
    expect(Object.getOwnPropertyDescriptor(second, 'duplicates')?.get).toBeTypeOf('function');
    // The first report leaves the open items and a third one joins them.
    expect(
      (await run('officer', { type: 'report.dismiss', reportId: firstId, verdict: 'false' }))
        .status,
    ).toBe('applied');
    await submit('门口垃圾');
    expect(second.duplicates?.map((d) => d.ref)).toEqual([{ kind: 'report', id: firstId }]);
    // Read once, kept: the same array, and plain data for JSON and for a structured clone.
    expect(second.duplicates).toBe(second.duplicates);
    expect(structuredClone(second).duplicates).toEqual(second.duplicates);
    expect(JSON.parse(JSON.stringify(second)).duplicates).toEqual(
      JSON.parse(JSON.stringify(second.duplicates)),
    );
  });

  it('answers `duplicates` on an outcome frozen before it was read', async () => {
    const { run } = await harness();
    const submit = () =>
      run('q1', {
        type: 'report.submit',
        report: {
          channel: 'mobile',
          category: 'litter',
          text: '垃圾堆在门口',
          location: point(xinhuaSpot),
        },
      });
    const first = await submit();
    const second = Object.freeze(await submit());
    const firstId = first.status === 'applied' ? first.reportId : '';
    expect(second.status === 'applied' && second.duplicates?.map((d) => d.ref)).toEqual([
      { kind: 'report', id: firstId },
    ]);
  });

  it('finds only candidates within the radius, window and category, ranked by score (property)', () => {
    const probe = (
      id: string,
      dx: number,
      hours: number,
      category: string,
      text: string,
    ): DuplicateProbe => ({
      ref: { kind: 'report', id },
      circleId: 'xinhua',
      position: [116.4 + dx, 39.9],
      time: new Date(Date.parse('2026-11-29T08:00:00Z') + hours * 3_600_000).toISOString(),
      category,
      text,
    });
    const item = fc.record({
      dx: fc.double({ min: -0.01, max: 0.01, noNaN: true }),
      hours: fc.double({ min: -200, max: 200, noNaN: true }),
      category: fc.constantFrom('litter', 'noise'),
      text: fc.constantFrom('rubbish by the gate', 'loud music at night', '垃圾堆在门口'),
    });
    fc.assert(
      fc.property(item, fc.array(item, { maxLength: 30 }), (p, others) => {
        const me = probe('new', p.dx, p.hours, p.category, p.text);
        const existing = others.map((o, i) => probe(`r${i}`, o.dx, o.hours, o.category, o.text));
        const found = findDuplicates(me, existing, {
          ...defaultDuplicateOptions,
          limit: 100,
        });
        for (const c of found) {
          const other = existing.find((e) => e.ref.id === c.ref.id) as DuplicateProbe;
          expect(other.category).toBe(me.category);
          expect(c.hoursApart).toBeLessThanOrEqual(72);
          expect(c.distanceMeters).toBeLessThanOrEqual(300);
        }
        for (let i = 1; i < found.length; i += 1)
          expect((found[i - 1] as { score: number }).score).toBeGreaterThanOrEqual(
            (found[i] as { score: number }).score,
          );
      }),
      { numRuns: 200 },
    );
  });
});
