import { describe, expect, it } from 'vitest';
import { publicViewer } from '../src/index';
import { harness, key, taskDraft } from './engineFixtures';

describe('createEngine: a task from creation to acceptance', () => {
  it('runs create → publish → claim → start → submit → accept → rate and records each step', async () => {
    const { engine, run } = await harness();
    const created = await run('officer', { type: 'task.create', task: taskDraft() });
    expect(created.status).toBe('applied');
    const taskId = created.status === 'applied' ? (created.taskId as string) : '';
    expect(
      engine.getPrivilegedSnapshot().tasks.find((t) => t.task.id === taskId)?.snapshot.state,
    ).toBe('draft');
    for (const [actor, command] of [
      ['officer', { type: 'task.publish', taskId }],
      ['cmd', { type: 'task.review', taskId, decision: 'approved' }],
      ['q1', { type: 'task.claim', taskId }],
      ['q1', { type: 'task.start', taskId }],
      [
        'q1',
        {
          type: 'task.submit',
          taskId,
          evidence: [{ type: 'image', url: 'https://img.example/1.jpg' }],
        },
      ],
      ['cmd', { type: 'task.accept', taskId }],
      ['cmd', { type: 'task.rate', taskId, participantId: 'q1', rating: 5 }],
    ] as const) {
      const outcome = await run(actor, command);
      expect(outcome, `${command.type}: ${JSON.stringify(outcome)}`).toMatchObject({
        status: 'applied',
      });
    }
    const events = await engine.store.readStream(`task/${taskId}`);
    expect(events.map((e) => e.type)).toEqual([
      'quanzi.task.created',
      'quanzi.task.published',
      'quanzi.task.reviewed',
      'quanzi.task.claimed',
      'quanzi.task.started',
      'quanzi.task.work_submitted',
      'quanzi.task.accepted',
      'quanzi.task.rated',
    ]);
    expect(events.every((e) => e.circleid === 'xinhua')).toBe(true);
    expect(engine.getTask(publicViewer, taskId)?.snapshot.state).toBe('accepted');
    expect(
      engine.getProfile(
        engine.getPrivilegedSnapshot().participants[0]?.participant ?? publicViewer,
        'q1',
      )?.reputation.solver.accepted,
    ).toBe(1);
  });

  it('refuses a claim by a resident of another circle with the rules’ reason and writes nothing', async () => {
    const { engine, run } = await harness();
    const created = await run('officer', { type: 'task.create', task: taskDraft() });
    const taskId = created.status === 'applied' ? (created.taskId as string) : '';
    await run('officer', { type: 'task.publish', taskId });
    const before = (await engine.store.readAll()).length;
    const outcome = await run('dq', { type: 'task.claim', taskId });
    expect(outcome.status).toBe('denied');
    expect(outcome.status === 'denied' && outcome.reasons.map((r) => r.code)).toContain(
      'not_a_member',
    );
    expect((await engine.store.readAll()).length).toBe(before);
  });

  it('returns the first result for a retried idempotency key and refuses a reused key with another command', async () => {
    const { engine } = await harness();
    const command = {
      type: 'task.create' as const,
      idempotencyKey: key('retry'),
      actorId: 'officer',
      task: taskDraft(),
    };
    const first = await engine.execute(command);
    const again = await engine.execute(command);
    expect(again).toMatchObject({
      status: 'applied',
      replayed: true,
      taskId: first.status === 'applied' ? first.taskId : '',
    });
    expect(
      first.status === 'applied' && again.status === 'applied' && again.events.map((e) => e.id),
    ).toEqual(first.status === 'applied' && first.events.map((e) => e.id));
    await expect(
      engine.execute({ ...command, task: taskDraft(undefined, { title: 'Other' }) }),
    ).rejects.toMatchObject({
      code: 'idempotency_mismatch',
    });
  });

  it('lets a patrol needing two people be claimed twice, and no more', async () => {
    const { run } = await harness();
    const created = await run('cmd', {
      type: 'task.create',
      task: taskDraft(undefined, { slots: 2 }),
    });
    const taskId = created.status === 'applied' ? (created.taskId as string) : '';
    await run('cmd', { type: 'task.publish', taskId });
    expect((await run('q1', { type: 'task.claim', taskId })).status).toBe('applied');
    expect((await run('q2', { type: 'task.claim', taskId })).status).toBe('applied');
    const third = await run('grid', { type: 'task.claim', taskId });
    expect(third.status).toBe('denied');
  });
});
