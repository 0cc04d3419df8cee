import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReputationProjection, type ReputationConfigInput } from '../src/index';
import { arbitraryOps, buildLog } from './arbitraryLog';

const config: ReputationConfigInput = {
  halfLifeDays: 2,
  ladder: {
    thresholds: [
      { metric: 'volume', promote: [1, 3, 6], demote: [0.5, 2, 4] },
      { metric: 'completionRate', promote: [0, 0.1, 0.2], demote: [0, 0.05, 0.1] },
    ],
  },
  probation: { days: 1, minTasks: 1, maxLevel: 2 },
};
const hour = 3_600_000;
const later = (now: string, hours: number) =>
  new Date(Date.parse(now) + hours * hour).toISOString();

describe('rule facts', () => {
  it('equal the profile’s level, tags and credibility at every instant, cached or not (property)', () => {
    fc.assert(
      fc.property(arbitraryOps, (ops) => {
        const log = buildLog(ops);
        const reputation = createReputationProjection(config);
        for (const event of log.events) {
          reputation.apply(event);
          // Asked again and again as time passes: the cache must follow decay and probation.
          for (const hours of [0, 1, 30, 60, 200]) {
            const now = later(event.time as string, hours);
            for (const id of [...reputation.participants(), 'nobody']) {
              const profile = reputation.profile(id, now);
              expect(reputation.ruleFacts(id, now)).toEqual({
                level: profile.level.current,
                tags: profile.tags,
                credibility: profile.credibility,
              });
              expect(reputation.levelAt(id, now)).toBe(profile.level.current);
            }
          }
        }
      }),
      { numRuns: 60, seed: 1414 },
    );
  });

  it('decayDueAt is when the held level first falls, to within a few milliseconds (property)', () => {
    fc.assert(
      fc.property(arbitraryOps, fc.nat({ max: 500 }), (ops, offsetHours) => {
        const log = buildLog(ops);
        const reputation = createReputationProjection(config);
        for (const event of log.events) reputation.apply(event);
        const now = later(log.now(), offsetHours);
        for (const id of reputation.participants()) {
          const level = reputation.levelAt(id, now);
          const due = reputation.decayDueAt(id, level);
          const at = (ms: number) => reputation.levelAt(id, new Date(ms).toISOString());
          if (due === null) {
            expect(at(Date.parse(now) + 10_000 * 86_400_000)).toBe(level);
            continue;
          }
          if (due - 1 >= Date.parse(now)) expect(at(due - 1)).toBe(level);
          expect(at(due + 3)).toBeLessThan(level);
        }
      }),
      { numRuns: 100, seed: 1414 },
    );
  });
});
