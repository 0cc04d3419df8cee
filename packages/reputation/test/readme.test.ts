import { createEvent } from '@quanzi/core';
import { expect, it } from 'vitest';
import { createReputationProjection } from '../src/index';

// The README's usage example, run as written.
it('works as the README shows', () => {
  const reputation = createReputationProjection({ halfLifeDays: 60 });
  const event = (id: string, type: string, actor: string, data: unknown) =>
    createEvent({
      id,
      type,
      time: '2026-11-29T08:00:00Z',
      subject: 'task/t1',
      circleId: 'xinhua',
      actor,
      data,
    });
  reputation.apply(
    event('e1', 'quanzi.task.created', 'cmd', {
      task: { id: 't1', publisherId: 'cmd', category: 'litter', difficulty: 1 },
    }),
  );
  const changes = reputation.apply(
    event('e2', 'quanzi.task.accepted', 'cmd', { taskId: 't1', claimantIds: ['p7'], onTime: true }),
  );
  expect(changes).toEqual([
    {
      participantId: 'p7',
      from: 0,
      to: 1,
      reason: 'promotion',
      time: '2026-11-29T08:00:00Z',
      causeEventId: 'e2',
    },
  ]);
  const profile = reputation.profile('p7', '2026-12-01T00:00:00Z');
  expect(profile.level.current).toBe(1);
  expect(profile.solver.completionRate).toMatchObject({ successes: 1, trials: 1, raw: 1 });
  expect(reputation.explainScore('p7', '2026-12-01T00:00:00Z').scores.length).toBeGreaterThan(5);
});
