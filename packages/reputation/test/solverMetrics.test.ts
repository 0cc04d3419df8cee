import { describe, expect, it } from 'vitest';
import { createReputationProjection, replayReputation, wilsonLowerBound } from '../src/index';
import { createLogBuilder } from './logBuilder';

describe('wilsonLowerBound', () => {
  it('keeps 1/1 below 95/100 and matches the textbook value', () => {
    expect(wilsonLowerBound(1, 1)).toBeLessThan(wilsonLowerBound(95, 100));
    expect(wilsonLowerBound(95, 100)).toBeCloseTo(0.8882, 4);
    expect(wilsonLowerBound(0, 0)).toBe(0);
  });
});

describe('solver metrics', () => {
  it('counts accepted work per category, weighted by difficulty, with honest rates', () => {
    const log = createLogBuilder();
    log.register({ id: 'p1' });
    log.task('t1', 'cmd', { category: 'litter', difficulty: 1 });
    log.accept('t1', ['p1'], { onTime: true });
    log.task('t2', 'cmd', { category: 'patrol_area', difficulty: 4 });
    log.accept('t2', ['p1'], { onTime: false });
    log.task('t3');
    log.reject('t3', 'p1');
    log.task('t4');
    log.release('t4', 'p1', 'expired');
    log.release('t3', 'p1', 'rejected');
    log.rate('t1', 'p1', 5);
    log.rate('t2', 'p1', 2);
    log.classic('t2', 'p1');
    const reputation = replayReputation(log.events);
    const { solver } = reputation.profile('p1', log.now());
    expect(solver.accepted).toBe(2);
    expect(solver.rejected).toBe(1);
    expect(solver.released).toBe(1);
    expect(solver.byCategory).toEqual({ litter: 1, patrol_area: 1 });
    expect(solver.totalVolume).toBe(1 + 5);
    expect(solver.completionRate).toMatchObject({ successes: 2, trials: 4, raw: 0.5 });
    expect(solver.completionRate.lowerBound).toBeCloseTo(wilsonLowerBound(2, 4), 12);
    expect(solver.onTimeRate).toMatchObject({ successes: 1, trials: 2 });
    expect(solver.goodReviewRate).toMatchObject({ successes: 1, trials: 2 });
    expect(solver.classicCases).toBe(1);
  });

  it('gives no credit for self-dealing and reports it as a finding', () => {
    const log = createLogBuilder();
    log.task('t1', 'p1');
    const accepted = log.accept('t1', ['p1'], { actor: 'v1' });
    log.task('t2', 'pub');
    const verified = log.accept('t2', ['v2'], { actor: 'v2' });
    const rated = log.rate('t2', 'v2', 5, 'v2');
    const reputation = replayReputation(log.events);
    expect(reputation.profile('p1', log.now()).solver).toMatchObject({ accepted: 0, selfDealt: 1 });
    expect(reputation.profile('v2', log.now()).solver).toMatchObject({ accepted: 0, selfDealt: 1 });
    expect(reputation.profile('v2', log.now()).solver.goodReviewRate.trials).toBe(0);
    expect(reputation.findings()).toEqual([
      { kind: 'self_dealing', participantIds: ['p1'], count: 1, evidence: [accepted] },
      { kind: 'self_dealing', participantIds: ['v2'], count: 2, evidence: [verified, rated] },
    ]);
  });

  it('keeps a team record of its own next to the sum of its members', () => {
    const log = createLogBuilder();
    log.register({ id: 'team1', kind: 'team', memberIds: ['a'] });
    log.joinTeam('b', 'team1');
    log.task('t1');
    log.accept('t1', ['team1']);
    log.task('t2');
    log.accept('t2', ['a']);
    log.task('t3', 'cmd', { difficulty: 3 });
    log.accept('t3', ['b']);
    log.task('t4');
    log.reject('t4', 'b');
    const reputation = createReputationProjection();
    reputation.applyAll(log.events);
    const team = reputation.profile('team1', log.now());
    expect(team.solver.accepted).toBe(1);
    expect(team.team?.memberIds).toEqual(['a', 'b']);
    expect(team.team?.members).toMatchObject({ accepted: 2, rejected: 1, totalVolume: 2 + 3 });
    expect(reputation.profile('b', log.now()).teamIds).toEqual(['team1']);
  });
});
