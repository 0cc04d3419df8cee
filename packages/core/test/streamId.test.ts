import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStreamId, type StreamKind, streamIdOf } from '../src/index';

describe('stream ids', () => {
  it('spells the three kinds of stream', () => {
    expect(streamIdOf.task('t1')).toBe('task/t1');
    expect(streamIdOf.report('r1')).toBe('report/r1');
    expect(streamIdOf.participant('p1')).toBe('participant/p1');
  });

  it('parses back every id it builds, including ids that contain a slash', () => {
    const kinds: StreamKind[] = ['task', 'report', 'participant'];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.string({ minLength: 1 }), (kind, id) => {
        expect(parseStreamId(streamIdOf[kind](id))).toEqual({ kind, id });
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it('reads other subjects as no stream of its own', () => {
    for (const subject of ['', 'task', 'task/', '/t1', 'circle/c1', 'tasks/t1', 'TASK/t1'])
      expect(parseStreamId(subject)).toBeUndefined();
  });
});
