import { describe, expect, it } from 'vitest';
import { harness, taskDraft, xinhuaSpot } from './engineFixtures';

const here = { type: 'Point', coordinates: xinhuaSpot } as const;

const reasons = [{ code: 'incomplete' as const }];

/** A patrol of three through the engine: each slot is claimed, handed in and judged on its own. */
async function patrolOfThree() {
  const h = await harness({ lifecycle: { leaseMinutes: 120, leaseWarningMinutes: 30 } });
  const created = await h.run('cmd', {
    type: 'task.create',
    task: taskDraft(undefined, { slots: 3, rewardPoints: 10, title: 'Evening patrol' }),
  });
  const taskId = created.status === 'applied' ? (created.taskId as string) : '';
  await h.run('cmd', { type: 'task.publish', taskId });
  const task = () => h.engine.getPrivilegedSnapshot().tasks.find((t) => t.task.id === taskId);
  return { ...h, taskId, task };
}

describe('a multi-slot patrol, slot by slot', () => {
  it('takes three holders, refuses a fourth, and lets each hand in and be judged alone', async () => {
    const { run, clock, engine, taskId, task } = await patrolOfThree();
    for (const id of ['q1', 'q2', 'grid']) {
      const outcome = await run(id, { type: 'task.claim', taskId, at: here });
      expect(outcome.status, `${id}: ${JSON.stringify(outcome)}`).toBe('applied');
    }
    const fourth = await run('officer', { type: 'task.claim', taskId, at: here });
    expect(fourth.status === 'denied' && fourth.reasons.map((r) => r.code)).toContain(
      'no_slot_left',
    );

    for (const id of ['q1', 'q2', 'grid']) await run(id, { type: 'task.start', taskId });
    // Every holder submits their own evidence: the first hand-in does not lock out the others.
    expect((await run('q1', { type: 'task.submit', taskId, evidence: [] })).status).toBe('applied');
    expect((await run('q2', { type: 'task.submit', taskId, evidence: [] })).status).toBe('applied');
    expect(task()?.snapshot.state).toBe('in_progress');

    // Accepting q1 rewards q1 alone; q2 goes back for rework.
    const accepted = await run('cmd', { type: 'task.accept', taskId, claimantId: 'q1' });
    // The acceptance, its reward, and any level the accepted work earns, in one append.
    const types = accepted.status === 'applied' ? accepted.events.map((e) => e.type) : [];
    expect(types.slice(0, 2)).toEqual(['quanzi.task.accepted', 'quanzi.task.rewarded']);
    expect(types.slice(2).every((type) => type === 'quanzi.participant.level_changed')).toBe(true);
    expect(accepted.status === 'applied' && accepted.events[1]?.data).toMatchObject({
      participantId: 'q1',
      points: 10,
    });
    await run('cmd', { type: 'task.rework', taskId, claimantId: 'q2', reasons });
    expect(task()?.snapshot.state).toBe('rework');
    await run('q2', { type: 'task.submit', taskId, evidence: [] });
    // With no claimant named, every slot waiting for judgement is accepted: q2 only.
    const second = await run('cmd', { type: 'task.accept', taskId });
    expect(
      second.status === 'applied' && second.events.slice(0, 2).map((e) => e.data),
    ).toMatchObject([{ claimantIds: ['q2'] }, { participantId: 'q2', points: 10 }]);

    // grid never hands in: its lease lapses, and the patrol settles with the two accepted slots.
    expect(task()?.snapshot.state).toBe('in_progress');
    clock.advance(3 * 3_600_000);
    await engine.tick();
    const settled = task()?.snapshot;
    expect(settled?.state).toBe('accepted');
    expect(settled?.acceptedClaimantIds).toEqual(['q1', 'q2']);
    expect(settled?.rewards).toEqual([
      { participantId: 'q1', points: 10 },
      { participantId: 'q2', points: 10 },
    ]);
    const now = clock.now();
    expect(engine.reputation.profile('q1', now).solver.accepted).toBe(1);
    expect(engine.reputation.profile('grid', now).solver.accepted).toBe(0);
  });

  it('refuses to judge a slot that was not handed in, and rates only accepted slots', async () => {
    const { run, taskId } = await patrolOfThree();
    for (const id of ['q1', 'q2']) {
      await run(id, { type: 'task.claim', taskId });
      await run(id, { type: 'task.start', taskId });
    }
    await run('q1', { type: 'task.submit', taskId, evidence: [] });
    const early = await run('cmd', { type: 'task.accept', taskId, claimantId: 'q2' });
    expect(early.status === 'denied' && early.reasons.map((r) => r.code)).toEqual([
      'not_handed_in',
    ]);
    await run('cmd', { type: 'task.accept', taskId, claimantId: 'q1' });
    const rateWorker = await run('cmd', {
      type: 'task.rate',
      taskId,
      participantId: 'q2',
      rating: 5,
    });
    expect(rateWorker.status === 'denied' && rateWorker.reasons.map((r) => r.code)).toEqual([
      'not_a_solver',
    ]);
    const rated = await run('cmd', { type: 'task.rate', taskId, participantId: 'q1', rating: 5 });
    expect(rated.status).toBe('applied');
  });
});
