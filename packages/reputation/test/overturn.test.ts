import { describe, expect, it } from 'vitest';
import { createReputationProjection, replayReputation } from '../src/index';
import { createLogBuilder } from './logBuilder';

const config = {
  ladder: { thresholds: [{ metric: 'completionRate' as const, promote: [0.2], demote: [0.2] }] },
  probation: { days: 0, minTasks: 0, maxLevel: 0 },
};

describe('overturned decisions', () => {
  it('recomputes every affected score from the log and reports the moved level', () => {
    const log = createLogBuilder();
    log.task('t1');
    log.accept('t1', ['p1']);
    log.task('t2');
    const rejection = log.reject('t2', 'p1', 'v1');
    log.task('t3');
    const rejection2 = log.reject('t3', 'p1', 'v1');
    const reputation = createReputationProjection(config);
    reputation.applyAll(log.events);
    // 1 of 3 completed: lower bound ≈ 0.06, below the bar.
    expect(reputation.profile('p1', log.now()).level.current).toBe(0);
    log.overturn(rejection);
    const overturn = log.overturn(rejection2);
    const changes = reputation.applyAll(log.events);
    expect(changes).toEqual([
      {
        participantId: 'p1',
        from: 0,
        to: 1,
        reason: 'recompute',
        time: log.now(),
        causeEventId: overturn,
      },
    ]);
    const profile = reputation.profile('p1', log.now());
    expect(profile.solver).toMatchObject({ accepted: 1, rejected: 0 });
    expect(reputation.profile('v1', log.now()).reviewer).toMatchObject({
      decisions: 0,
      overturned: 2,
    });
    // The history reads as if the rejections never happened.
    expect(reputation.levelChanges().map((c) => [c.from, c.to, c.reason])).toEqual([
      [0, 1, 'promotion'],
    ]);
    expect(replayReputation(log.events, config).profile('p1', log.now())).toEqual(profile);
  });

  it('puts a decision back when its overturn is overturned, and honours an overturn that arrives first', () => {
    const log = createLogBuilder();
    log.task('t1');
    const accepted = log.accept('t1', ['p1']);
    const overturn = log.overturn(accepted);
    const reputation = createReputationProjection();
    reputation.applyAll(log.events);
    expect(reputation.profile('p1', log.now()).solver.accepted).toBe(0);
    log.overturn(overturn);
    reputation.applyAll(log.events);
    expect(reputation.profile('p1', log.now()).solver.accepted).toBe(1);

    const early = createReputationProjection();
    early.apply({
      id: 'o1',
      type: 'quanzi.decision.overturned',
      time: log.now(),
      actor: 'cmd',
      data: { targetEventId: 'late', reason: 'Wrong' },
    });
    early.apply({ ...(log.events[1] as object), id: 'late' } as never);
    expect(early.profile('p1', log.now()).solver.accepted).toBe(0);
  });
});
