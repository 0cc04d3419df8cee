import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/index';
import { circles, harness, policy, taskDraft } from './engineFixtures';

/** One task done by q1: accepted (with its reward), rated and marked as a classic case. */
async function judgedTask() {
  const h = await harness();
  const created = await h.run('cmd', {
    type: 'task.create',
    task: taskDraft(undefined, { rewardPoints: 10 }),
  });
  const taskId = created.status === 'applied' ? (created.taskId as string) : '';
  for (const [actor, command] of [
    ['cmd', { type: 'task.publish' }],
    ['q1', { type: 'task.claim' }],
    ['q1', { type: 'task.start' }],
    ['q1', { type: 'task.submit', evidence: [] }],
    ['cmd', { type: 'task.accept' }],
    ['cmd', { type: 'task.rate', participantId: 'q1', rating: 5 }],
    ['cmd', { type: 'task.mark_classic', participantId: 'q1' }],
  ] as const) {
    const outcome = await h.run(actor, { ...command, taskId });
    if (outcome.status !== 'applied') throw new Error(`fixture: ${JSON.stringify(outcome)}`);
  }
  const task = () => h.engine.getPrivilegedSnapshot().tasks.find((t) => t.task.id === taskId);
  const profile = () => h.engine.reputation.profile('q1', h.clock.now());
  return { ...h, taskId, task, profile };
}

const overturn = { type: 'task.overturn', participantId: 'q1', reason: 'Photos were staged' };

describe('reversing a decision through the engine', () => {
  it('overturns an acceptance with its reward, rating and classic mark, together', async () => {
    const { run, taskId, task, profile } = await judgedTask();
    expect(profile()).toMatchObject({ solver: { accepted: 1, classicCases: 1 } });
    expect(profile().points.awarded).toBe(10);

    const outcome = await run('cmd', { ...overturn, taskId });
    expect(outcome.status).toBe('applied');
    const reversed = outcome.status === 'applied' ? outcome.events : [];
    expect(reversed.map((e) => (e.data as { target: { type: string } }).target.type)).toEqual([
      'quanzi.task.rewarded',
      'quanzi.task.rated',
      'quanzi.task.classic_marked',
      'quanzi.task.accepted',
    ]);
    for (const event of reversed)
      expect(event.data).toMatchObject({ reason: 'Photos were staged', taskId });

    // Every effect is gone from the task and from reputation; the slot waits for judgement again.
    expect(task()?.snapshot).toMatchObject({
      state: 'submitted',
      acceptedClaimantIds: [],
      rewards: [],
      ratings: [],
      classicIds: [],
    });
    expect(profile()).toMatchObject({ solver: { accepted: 0, classicCases: 0 } });
    expect(profile().points.awarded).toBe(0);
    expect((await run('cmd', { ...overturn, taskId })).status).toBe('denied');

    // The center may judge again, and a fresh engine over the log agrees with the live one.
    expect((await run('cmd', { type: 'task.accept', taskId })).status).toBe('applied');
    expect(profile().solver.accepted).toBe(1);
  });

  it('keeps the log replayable: a new engine over the same store sees the same state', async () => {
    const { engine, run, taskId, clock } = await judgedTask();
    await run('cmd', { ...overturn, taskId, decision: 'rating' });
    const fresh = await createEngine({
      circles,
      policy,
      store: engine.store,
      clock,
      ids: { next: () => 'unused' },
    });
    expect(fresh.getPrivilegedSnapshot().tasks).toEqual(engine.getPrivilegedSnapshot().tasks);
    expect(fresh.reputation.profile('q1', clock.now())).toEqual(
      engine.reputation.profile('q1', clock.now()),
    );
    expect(fresh.getPrivilegedSnapshot().tasks[0]?.snapshot.ratings).toEqual([]);
    expect(fresh.getPrivilegedSnapshot().tasks[0]?.snapshot.rewards).toHaveLength(1);
  });

  it('reverses a closed task’s acceptance on the record, and only the command center may', async () => {
    const { engine, run, taskId, task, profile, clock } = await judgedTask();
    clock.advance(8 * 24 * 3_600_000);
    await engine.tick();
    expect(task()?.snapshot.state).toBe('closed');
    const byResident = await run('r1', { ...overturn, taskId });
    expect(byResident.status === 'denied' && byResident.reasons.map((r) => r.code)).toEqual([
      'not_permitted',
    ]);
    expect((await run('cmd', { ...overturn, taskId })).status).toBe('applied');
    expect(task()?.snapshot).toMatchObject({ state: 'closed', acceptedClaimantIds: [] });
    expect(profile().solver.accepted).toBe(0);
  });

  it('records a second review by someone other than the first reviewer', async () => {
    const { run, taskId, task } = await judgedTask();
    const review = { type: 'task.second_review', taskId, participantId: 'q1', agrees: false };
    const own = await run('cmd', review);
    expect(own.status === 'denied' && own.reasons.map((r) => r.code)).toEqual(['own_decision']);
    const second = await run('officer', review);
    expect(second.status === 'applied' && second.events.map((e) => e.data)).toEqual([
      { taskId, firstReviewerId: 'cmd', secondReviewerId: 'officer', agrees: false },
    ]);
    expect(task()?.snapshot.state).toBe('accepted');
  });
});
