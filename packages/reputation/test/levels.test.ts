import { domainEventSchemas } from '@quanzi/core';
import { describe, expect, it } from 'vitest';
import { createReputationProjection, type ReputationConfigInput } from '../src/index';
import { createLogBuilder } from './logBuilder';

const config: ReputationConfigInput = {
  halfLifeDays: 10,
  ladder: {
    thresholds: [{ metric: 'volume', promote: [1, 3, 6], demote: [0.5, 2, 4] }],
    approvalFromLevel: 3,
  },
  probation: { days: 0, minTasks: 0, maxLevel: 0 },
};

function solve(log: ReturnType<typeof createLogBuilder>, who: string, count: number) {
  for (let i = 0; i < count; i += 1) {
    const taskId = `t-${who}-${log.events.length}`;
    log.task(taskId, 'cmd', { difficulty: 1 });
    log.accept(taskId, [who]);
  }
}

describe('levels', () => {
  it('promotes on volume and emits level-changed event data', () => {
    const log = createLogBuilder();
    solve(log, 'p1', 4);
    const reputation = createReputationProjection(config);
    const changes = reputation.applyAll(log.events);
    expect(changes.map((c) => [c.from, c.to, c.reason])).toEqual([
      [0, 1, 'promotion'],
      [1, 2, 'promotion'],
    ]);
    for (const { time, causeEventId, ...data } of changes) {
      expect(domainEventSchemas['quanzi.participant.level_changed'].safeParse(data).success).toBe(
        true,
      );
      expect(log.events.find((e) => e.id === causeEventId)?.time).toBe(time);
    }
    expect(reputation.profile('p1', log.now()).level.current).toBe(2);
  });

  it('does not flicker between the demotion and promotion bars, and decays when idle', () => {
    const log = createLogBuilder();
    solve(log, 'p1', 4);
    const reputation = createReputationProjection(config);
    reputation.applyAll(log.events);
    // Volume ≈ 4 → 2.8 after 5 days: below the promotion bar of level 2, above its demotion bar.
    log.wait(5);
    expect(reputation.profile('p1', log.now()).level.current).toBe(2);
    expect(reputation.dueLevelChanges(log.now())).toEqual([]);
    // After 12 more days (≈1.2) level 2 is lost, level 1 kept.
    log.wait(12);
    const now = log.now();
    expect(reputation.profile('p1', now).level).toMatchObject({ current: 1, recorded: 2 });
    const due = reputation.dueLevelChanges(now);
    expect(due).toEqual([{ participantId: 'p1', from: 2, to: 1, reason: 'decay' }]);
    // The host appends the due change; the projection records the same change.
    const applied = reputation.apply({
      id: 'decay-1',
      type: 'quanzi.participant.level_changed',
      time: now,
      actor: 'system',
      data: due[0],
    });
    expect(applied).toEqual([{ ...due[0], time: now, causeEventId: 'decay-1' }]);
    expect(reputation.profile('p1', now).level.recorded).toBe(1);
  });

  it('holds a top level until the command center approves it', () => {
    const log = createLogBuilder();
    solve(log, 'p1', 7);
    const reputation = createReputationProjection(config);
    reputation.applyAll(log.events);
    expect(reputation.profile('p1', log.now()).level).toMatchObject({
      current: 2,
      pendingApproval: 3,
    });
    const approval = log.approve('p1', 2, 3);
    const changes = reputation.applyAll(log.events);
    expect(changes).toEqual([
      {
        participantId: 'p1',
        from: 2,
        to: 3,
        reason: 'approval',
        time: log.now(),
        causeEventId: approval,
      },
    ]);
    expect(reputation.profile('p1', log.now()).level).toMatchObject({
      current: 3,
      pendingApproval: null,
    });
  });

  it('keeps newcomers on probation until both days and tasks are reached', () => {
    const log = createLogBuilder();
    log.register({ id: 'p1' });
    solve(log, 'p1', 5);
    const reputation = createReputationProjection({
      ...config,
      probation: { days: 30, minTasks: 3, maxLevel: 1 },
    });
    reputation.applyAll(log.events);
    expect(reputation.profile('p1', log.now()).level).toMatchObject({
      current: 1,
      onProbation: true,
    });
    expect(reputation.profile('p1', log.now()).tags).toContain('probation');
    log.wait(31);
    solve(log, 'p1', 3);
    reputation.applyAll(log.events);
    const profile = reputation.profile('p1', log.now());
    expect(profile.level).toMatchObject({ current: 2, onProbation: false });
  });

  it('treats its own level changes fed back as events as no-ops', () => {
    const log = createLogBuilder();
    solve(log, 'p1', 4);
    const reputation = createReputationProjection(config);
    const changes = reputation.applyAll(log.events);
    const before = reputation.profile('p1', log.now());
    const echoed = changes.map(({ time, causeEventId, ...data }, i) => ({
      id: `echo-${i}`,
      type: 'quanzi.participant.level_changed',
      time: log.now(),
      actor: 'system',
      data,
    }));
    expect(reputation.applyAll(echoed)).toEqual([]);
    expect(reputation.profile('p1', log.now())).toEqual(before);
  });
});
