import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createReputationProjection,
  type ReputationConfigInput,
  replayReputation,
} from '../src/index';
import { arbitraryOps, buildLog, effectiveEvents, snapshotOf, uniqueEvents } from './arbitraryLog';

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
const runs = { numRuns: 60 };

describe('reputation properties', () => {
  it('applying events one by one, or in any batches, equals a full recompute', () => {
    fc.assert(
      fc.property(arbitraryOps, fc.array(fc.nat({ max: 8 }), { maxLength: 20 }), (ops, cuts) => {
        const log = buildLog(ops);
        const oneByOne = createReputationProjection(config);
        for (const event of log.events) oneByOne.apply(event);
        const batched = createReputationProjection(config);
        let at = 0;
        for (const cut of cuts) {
          batched.applyAll(log.events.slice(at, at + cut));
          at += cut;
        }
        batched.applyAll(log.events.slice(at));
        const full = snapshotOf(replayReputation(log.events, config), log.now());
        expect(snapshotOf(oneByOne, log.now())).toEqual(full);
        expect(snapshotOf(batched, log.now())).toEqual(full);
        // The trusted replay of what a store holds (each id once, no re-validation) agrees,
        // and keeps agreeing when the repeats are delivered to it afterwards.
        const trusted = replayReputation(uniqueEvents(log.events), config, { trusted: true });
        expect(snapshotOf(trusted, log.now())).toEqual(full);
        trusted.applyAll(log.events);
        expect(snapshotOf(trusted, log.now())).toEqual(full);
        // Deterministic: the same log gives the same answer, down to the serialised bytes.
        expect(JSON.stringify(snapshotOf(replayReputation(log.events, config), log.now()))).toBe(
          JSON.stringify(full),
        );
      }),
      runs,
    );
  });

  it('an overturned decision leaves the scores it would have moved as if it never happened', () => {
    fc.assert(
      fc.property(arbitraryOps, (ops) => {
        const log = buildLog(ops);
        const withOverturns = replayReputation(log.events, config);
        const clean = effectiveEvents(log.events);
        const reference = replayReputation(clean, config);
        const now = log.now();
        for (const id of reference.participants()) {
          const a = withOverturns.profile(id, now);
          const b = reference.profile(id, now);
          expect(a.solver).toEqual(b.solver);
          expect(a.level).toEqual(b.level);
          expect(a.reporter).toEqual(b.reporter);
          expect(a.publisher).toEqual(b.publisher);
          expect(a.points).toEqual(b.points);
        }
        expect(withOverturns.levelChanges()).toEqual(reference.levelChanges());
      }),
      runs,
    );
  });

  it('a positive outcome never lowers a quality score', () => {
    fc.assert(
      fc.property(arbitraryOps, fc.constantFrom('s0', 's1', 's2', 'team'), (ops, solver) => {
        const log = buildLog(ops);
        const reputation = replayReputation(log.events, config);
        const before = reputation.profile(solver, log.now());
        const reporterBefore = reputation.profile('r0', log.now()).reporter.credibility;
        log.task('extra', 'cmd');
        log.accept('extra', [solver], { actor: 'v0', onTime: true });
        log.rate('extra', solver, 5);
        log.report('extra-report', 'r0');
        log.convert('extra-report', 'extra');
        reputation.applyAll(log.events);
        const after = reputation.profile(solver, log.now());
        const { solver: s0 } = before;
        const { solver: s1 } = after;
        expect(s1.completionRate.lowerBound).toBeGreaterThanOrEqual(s0.completionRate.lowerBound);
        expect(s1.onTimeRate.lowerBound).toBeGreaterThanOrEqual(s0.onTimeRate.lowerBound);
        expect(s1.goodReviewRate.lowerBound).toBeGreaterThanOrEqual(s0.goodReviewRate.lowerBound);
        expect(reputation.profile('r0', log.now()).reporter.credibility).toBeGreaterThanOrEqual(
          reporterBefore,
        );
      }),
      runs,
    );
  });

  it('points never exceed the daily cap per source (reference: min(cap, day total) per group)', () => {
    fc.assert(
      fc.property(arbitraryOps, fc.integer({ min: 0, max: 150 }), (ops, cap) => {
        const log = buildLog(ops);
        const reputation = replayReputation(log.events, {
          ...config,
          points: { dailyCapPerSource: cap, dayOffsetMinutes: 480 },
        });
        const publisherOf = new Map<string, string>();
        const groups = new Map<string, number>();
        const seen = new Set<string>();
        for (const event of effectiveEvents(log.events)) {
          if (seen.has(event.id)) continue;
          seen.add(event.id);
          const data = event.data as Record<string, unknown>;
          if (event.type === 'quanzi.task.created') {
            const task = data.task as { id: string; publisherId: string };
            publisherOf.set(task.id, task.publisherId);
          }
          if (event.type !== 'quanzi.task.rewarded') continue;
          const source = publisherOf.get(data.taskId as string) ?? event.actor;
          if (data.participantId === source || data.participantId === event.actor) continue;
          const day = Math.floor((Date.parse(event.time) + 480 * 60_000) / 86_400_000);
          const key = `${data.participantId}|${day}|${source}`;
          groups.set(key, (groups.get(key) ?? 0) + (data.points as number));
        }
        for (const id of reputation.participants()) {
          let expected = 0;
          for (const [key, total] of groups)
            if (key.startsWith(`${id}|`)) expected += Math.min(cap, total);
          expect(reputation.profile(id, log.now()).points.counted).toBe(expected);
        }
      }),
      runs,
    );
  });
});
