import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anchorOf,
  createEvent,
  createManualClock,
  createSequentialIds,
  distanceMeters,
  EventEnvelopeSchema,
} from '../src/index';
import { createSeededRandom } from '../src/prng';

describe('ports', () => {
  it('a manual clock moves only when told', () => {
    const clock = createManualClock('2026-11-29T08:00:00Z');
    expect(clock.now()).toBe('2026-11-29T08:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now()).toBe('2026-11-29T08:01:30.000Z');
    clock.set('2027-01-01T00:00:00Z');
    expect(clock.now()).toBe('2027-01-01T00:00:00.000Z');
    expect(() => createManualClock('not a date')).toThrow(RangeError);
  });

  it('a manual clock reads the instant of its last move, however often it is read (property)', () => {
    const move = fc.oneof(
      fc.record({ advance: fc.integer({ min: 0, max: 10 ** 9 }) }),
      fc.record({ set: fc.integer({ min: 0, max: 4 * 10 ** 12 }) }),
      fc.record({ reads: fc.integer({ min: 1, max: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(move, { maxLength: 30 }), (moves) => {
        const clock = createManualClock(0);
        let model = 0;
        for (const step of moves) {
          if ('advance' in step) {
            clock.advance(step.advance);
            model += step.advance;
          } else if ('set' in step) {
            clock.set(step.set);
            model = step.set;
          } else
            for (let i = 0; i < step.reads; i += 1)
              expect(clock.now()).toBe(new Date(model).toISOString());
        }
        expect(clock.now()).toBe(new Date(model).toISOString());
      }),
    );
  });

  it('sequential ids are unique and reproducible', () => {
    const a = createSequentialIds('c1');
    const b = createSequentialIds('c1');
    const first = [a.next('task'), a.next('task'), a.next()];
    expect(first).toEqual(['c1.task-1', 'c1.task-2', 'c1.id-3']);
    expect([b.next('task'), b.next('task'), b.next()]).toEqual(first);
  });

  it('seeded random: same seed same stream, values in range', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -50, max: 50 }),
        fc.nat(100),
        (seed, min, span) => {
          const a = createSeededRandom(seed);
          const b = createSeededRandom(seed);
          for (let i = 0; i < 20; i++) {
            const x = a.next();
            expect(x).toBe(b.next());
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThan(1);
            const n = a.int(min, min + span);
            expect(n).toBe(b.int(min, min + span));
            expect(n).toBeGreaterThanOrEqual(min);
            expect(n).toBeLessThanOrEqual(min + span);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('forks are independent streams that do not depend on draws elsewhere', () => {
    const a = createSeededRandom(7);
    const b = createSeededRandom(7);
    const forkA1 = a.fork();
    const forkA2 = a.fork();
    const forkB1 = b.fork();
    b.next(); // drawing from the parent must not shift a later fork's children
    const seqA1 = Array.from({ length: 5 }, () => forkA1.next());
    const seqA2 = Array.from({ length: 5 }, () => forkA2.next());
    expect(Array.from({ length: 5 }, () => forkB1.next())).toEqual(seqA1);
    expect(seqA2).not.toEqual(seqA1);
  });

  it('distance matches known values and is a metric on samples', () => {
    // One degree of latitude is about 111.2 km on the mean-radius sphere.
    expect(distanceMeters([116, 39], [116, 40])).toBeCloseTo(111_195, -1);
    expect(distanceMeters([116.4, 39.9], [116.4, 39.9])).toBe(0);
    const position = fc.tuple(
      fc.double({ min: -180, max: 180, noNaN: true }),
      fc.double({ min: -85, max: 85, noNaN: true }),
    );
    fc.assert(
      fc.property(position, position, position, (a, b, c) => {
        const ab = distanceMeters(a, b);
        expect(ab).toBeCloseTo(distanceMeters(b, a), 6);
        // Haversine is ill-conditioned near antipodes (asin near 1): rounding there
        // moves a distance by up to about 0.1 m (sqrt(2e-16) rad of Earth's radius).
        // A metre is far below any radius a policy can express.
        expect(distanceMeters(a, c)).toBeLessThanOrEqual(ab + distanceMeters(b, c) + 1);
      }),
    );
  });

  it('anchors lines and areas at their vertex mean', () => {
    expect(anchorOf({ type: 'Point', coordinates: [1, 2] })).toEqual([1, 2]);
    expect(
      anchorOf({
        type: 'LineString',
        coordinates: [
          [0, 0],
          [2, 4],
        ],
      }),
    ).toEqual([1, 2]);
    const ring: [number, number][] = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 0],
    ];
    expect(anchorOf({ type: 'Polygon', coordinates: [ring] })).toEqual([1, 1]);
  });

  it('createEvent builds a CloudEvents envelope the schema accepts', () => {
    const event = createEvent({
      id: 'e1',
      type: 'quanzi.task.published',
      time: '2026-11-29T08:00:00Z',
      subject: 'task/t1',
      circleId: 'xinhua',
      actor: 'cmd',
      data: { taskId: 't1' },
      idempotencyKey: 'k1',
    });
    expect(event.source).toBe('/quanzi/circles/xinhua');
    expect(EventEnvelopeSchema.safeParse({ ...event, streamsequence: 1 }).success).toBe(true);
  });
});
