import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReputationProjection, type ReputationConfigInput } from '../src/index';
import { arbitraryOps, buildLog, snapshotOf } from './arbitraryLog';

const config: ReputationConfigInput = {
  halfLifeDays: 5,
  ladder: {
    thresholds: [
      { metric: 'volume', promote: [1, 3, 6, 10, 15], demote: [0.5, 2, 4, 7, 11] },
      {
        metric: 'completionRate',
        promote: [0, 0.1, 0.2, 0.3, 0.4],
        demote: [0, 0.05, 0.1, 0.2, 0.3],
      },
    ],
    approvalFromLevel: 4,
  },
  probation: { days: 1, minTasks: 1, maxLevel: 1 },
  pairs: { minCount: 2, minLift: 1.5, neutralise: true },
};

describe('previewLevels', () => {
  it('predicts exactly the level changes applying the events causes, and changes nothing', () => {
    fc.assert(
      fc.property(arbitraryOps, fc.nat({ max: 12 }), (ops, tail) => {
        const { events } = buildLog(ops);
        const cut = Math.max(0, events.length - tail);
        const overturns = events.slice(cut).some((e) => e.type === 'quanzi.decision.overturned');
        const reputation = createReputationProjection(config);
        reputation.applyAll(events.slice(0, cut));
        const now = events.at(-1)?.time ?? '2026-01-01T00:00:00Z';
        const before = snapshotOf(reputation, now);
        const preview = reputation.previewLevels(events.slice(cut));
        expect(snapshotOf(reputation, now)).toEqual(before);
        if (overturns) return;
        expect(preview).toEqual(reputation.applyAll(events.slice(cut)));
      }),
      { numRuns: 200, seed: 1313 },
    );
  });
});
