import { createSeededRandom } from '@quanzi/core/prng';
import { describe, expect, it } from 'vitest';
import { defaultReputationConfig, planSecondReview, replayReputation } from '../src/index';
import { createLogBuilder } from './logBuilder';

describe('daily point caps', () => {
  it('counts at most the cap per source and day, and nothing for own tasks', () => {
    const log = createLogBuilder();
    log.task('a', 'pubA');
    log.task('b', 'pubB');
    log.task('own', 'p1');
    log.reward('a', 'p1', 70);
    log.reward('a', 'p1', 70);
    log.reward('b', 'p1', 50);
    log.reward('own', 'p1', 40);
    log.wait(1);
    log.reward('a', 'p1', 70);
    const reputation = replayReputation(log.events, {
      points: { dailyCapPerSource: 100, dayOffsetMinutes: 0 },
    });
    expect(reputation.profile('p1', log.now()).points).toEqual({
      awarded: 300,
      counted: 100 + 50 + 70,
      capped: 40,
      selfDealt: 40,
    });
  });
});

describe('recurring pairs', () => {
  function collusionLog() {
    const log = createLogBuilder();
    const pairEvents: string[] = [];
    let n = 0;
    // Five publishers spread work over five solvers, except pubX who sends all of it to sX.
    for (let round = 0; round < 6; round += 1) {
      for (const publisher of ['pub1', 'pub2', 'pub3', 'pub4']) {
        for (const solver of ['s1', 's2', 's3', 's4']) {
          n += 1;
          log.task(`t${n}`, publisher);
          log.accept(`t${n}`, [solver], { actor: `v${n % 3}` });
        }
      }
      n += 1;
      log.task(`t${n}`, 'pubX');
      pairEvents.push(log.accept(`t${n}`, ['sX'], { actor: `v${n % 3}` }));
    }
    return { log, pairEvents };
  }

  it('reports a pair far above chance with its evidence, and nothing for ordinary pairs', () => {
    const { log, pairEvents } = collusionLog();
    const findings = replayReputation(log.events).findings();
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'recurring_pair',
      pair: 'publisher_claimant',
      participantIds: ['pubX', 'sX'],
      count: 6,
      evidence: pairEvents,
    });
    const finding = findings[0] as { expected: number; lift: number };
    expect(finding.expected).toBeCloseTo((6 * 6) / (6 * 17), 12);
    expect(finding.lift).toBeCloseTo(6 / finding.expected, 12);
  });

  it('withholds credit inside a recurring pair when policy neutralises it', () => {
    const { log } = collusionLog();
    const plain = replayReputation(log.events).profile('sX', log.now()).solver;
    const neutral = replayReputation(log.events, {
      pairs: { minCount: 5, minLift: 3, neutralise: true },
    }).profile('sX', log.now()).solver;
    expect(plain).toMatchObject({ accepted: 6, neutralised: 0 });
    expect(neutral).toMatchObject({ accepted: 5, neutralised: 1 });
  });
});

describe('second review', () => {
  it('samples about the configured share, deterministically, never to the first reviewer', () => {
    const config = {
      ...defaultReputationConfig,
      secondReview: { ...defaultReputationConfig.secondReview, share: 0.2 },
    };
    const reviewerIds = ['v1', 'v2', 'v3'];
    const plans = Array.from({ length: 5000 }, (_, i) =>
      planSecondReview({ taskId: `t${i}`, firstReviewerId: 'v1', reviewerIds }, config),
    );
    const sampled = plans.filter((plan) => plan !== null);
    expect(sampled.length / plans.length).toBeGreaterThan(0.18);
    expect(sampled.length / plans.length).toBeLessThan(0.22);
    expect(sampled.every((plan) => plan.secondReviewerId !== 'v1')).toBe(true);
    expect(new Set(sampled.map((plan) => plan.secondReviewerId))).toEqual(new Set(['v2', 'v3']));
    expect(planSecondReview({ taskId: 't7', firstReviewerId: 'v1', reviewerIds }, config)).toEqual(
      plans[7],
    );
  });

  it('tracks agreement and singles out a reviewer who accepts bad work', () => {
    const random = createSeededRandom(7);
    const log = createLogBuilder();
    const careful = ['v1', 'v2', 'v3', 'v4'];
    const everyone = [...careful, 'lax'];
    for (let i = 0; i < 400; i += 1) {
      const first = everyone[random.int(0, everyone.length - 1)] as string;
      const others = careful.filter((v) => v !== first);
      const second = others[random.int(0, others.length - 1)] as string;
      // The lax reviewer accepts bad work (40% of what reaches them); careful ones only good work.
      const bad = first === 'lax' && random.next() < 0.4;
      const mistake = random.next() < 0.03;
      log.secondOpinion(`t${i}`, first, second, bad ? mistake : !mistake);
    }
    const reputation = replayReputation(log.events);
    const health = reputation.circleHealth();
    expect(health.secondReviewAgreement.trials).toBe(400);
    const lax = health.reviewers.find((r) => r.reviewerId === 'lax');
    const others = health.reviewers.filter((r) => r.reviewerId !== 'lax');
    expect(others).toHaveLength(4);
    // With two opinions per item a disagreement is shared between both reviewers, so
    // careful ones carry some blame too; the lax one must still stand well apart.
    expect(lax?.acceptsBad).toBeGreaterThan(0.5);
    for (const reviewer of others) {
      expect(reviewer.acceptsBad).toBeLessThan((lax?.acceptsBad ?? 0) - 0.15);
      expect(reviewer.rejectsGood).toBeLessThan(0.1);
    }
    const laxProfile = reputation.profile('lax', log.now()).reviewer;
    expect(laxProfile.estimate).toEqual(lax);
    expect(laxProfile.agreement.raw).toBeLessThan(
      reputation.profile('v1', log.now()).reviewer.agreement.raw ?? 0,
    );
  });

  it('gives no estimate until the overlap is large enough', () => {
    const log = createLogBuilder();
    for (let i = 0; i < 10; i += 1) log.secondOpinion(`t${i}`, 'v1', 'v2', true);
    expect(replayReputation(log.events).circleHealth().reviewers).toEqual([]);
  });
});
