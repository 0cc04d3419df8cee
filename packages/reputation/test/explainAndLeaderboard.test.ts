import { pseudonymOf } from '@quanzi/core';
import { describe, expect, it } from 'vitest';
import { replayReputation } from '../src/index';
import { createLogBuilder } from './logBuilder';

describe('explainScore', () => {
  it('lists the formula, inputs and contributing events behind each number of the profile', () => {
    const log = createLogBuilder();
    log.task('t1', 'cmd', { difficulty: 3 });
    const a1 = log.accept('t1', ['p1']);
    log.task('t2');
    const r1 = log.reject('t2', 'p1');
    const g1 = log.rate('t1', 'p1', 5);
    log.report('rep1', 'p1');
    const c1 = log.convert('rep1', 't1');
    const reputation = replayReputation(log.events);
    const now = log.now();
    const profile = reputation.profile('p1', now);
    const report = reputation.explainScore('p1', now);
    const score = (name: string) => report.scores.find((s) => s.score === name);
    expect(score('volume')).toMatchObject({ value: profile.solver.volume, events: [a1] });
    expect(score('volume')?.formula).toMatch(/2\^/);
    expect(score('completionRate')).toMatchObject({
      value: profile.solver.completionRate.lowerBound,
      inputs: { accepted: 1, rejected: 1, released: 0 },
      events: [a1, r1],
    });
    expect(score('goodReviewRate')).toMatchObject({
      events: [g1],
      inputs: { good: 1, ratings: 1 },
    });
    expect(score('reporterCredibility')).toMatchObject({
      value: profile.reporter.credibility,
      events: [c1],
    });
    expect(score('rankingWeight')?.value).toBe(reputation.rankingWeight('p1'));
    expect(score('level')?.value).toBe(profile.level.current);
    expect(report.levelChanges).toEqual(
      reputation.levelChanges().filter((c) => c.participantId === 'p1'),
    );
  });
});

describe('leaderboard', () => {
  it('ranks by a metric and shows anonymous participants only under a stable pseudonym', () => {
    const log = createLogBuilder();
    log.register({ id: 'alice', displayName: 'Alice' });
    log.register({
      id: 'hidden',
      displayName: 'Secret Name',
      privacy: { anonymous: true, contactable: false },
    });
    log.register({ id: 'cmd', kind: 'command', displayName: 'Command' });
    log.register({ id: 'crew', kind: 'team', displayName: 'Crew', memberIds: ['hidden', 'alice'] });
    for (const [who, count] of [
      ['alice', 2],
      ['hidden', 3],
    ] as const) {
      for (let i = 0; i < count; i += 1) {
        log.task(`${who}${i}`);
        log.accept(`${who}${i}`, [who]);
      }
    }
    const reputation = replayReputation(log.events, { pseudonymSalt: 'xinhua' });
    const board = reputation.leaderboard({ now: log.now(), metric: 'accepted' });
    expect(board).toEqual([
      {
        rank: 1,
        participantId: null,
        name: pseudonymOf('hidden', 'xinhua'),
        anonymous: true,
        value: 3,
        level: 1,
      },
      { rank: 2, participantId: 'alice', name: 'Alice', anonymous: false, value: 2, level: 1 },
    ]);
    expect(JSON.stringify(board)).not.toMatch(/hidden|Secret/);
    const exported = reputation.exportProfiles(log.now());
    expect(JSON.stringify(exported)).not.toMatch(/hidden|Secret/);
    expect(exported.map((p) => p.participantId)).toContain(pseudonymOf('hidden', 'xinhua'));
    expect(exported.find((p) => p.participantId === 'alice')?.displayName).toBe('Alice');
    expect(pseudonymOf('hidden', 'xinhua')).toMatch(/^anon-[0-9a-f]{10}$/);
    expect(pseudonymOf('hidden', 'other')).not.toBe(pseudonymOf('hidden', 'xinhua'));
    expect(
      reputation.leaderboard({ now: log.now(), metric: 'accepted', kinds: ['command'] }),
    ).toEqual([]);
    expect(() => reputation.leaderboard({ now: log.now(), metric: 'charm' as never })).toThrow(
      /metric/,
    );
  });
});
