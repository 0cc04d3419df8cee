import { describe, expect, it } from 'vitest';
import { harness, key, start, taskDraft } from './engineFixtures';

async function publishedTask() {
  const h = await harness();
  const created = await h.run('cmd', { type: 'task.create', task: taskDraft() });
  const taskId = created.status === 'applied' ? (created.taskId as string) : '';
  await h.run('cmd', { type: 'task.publish', taskId });
  return { ...h, taskId };
}

describe('offline batches', () => {
  it('applies queued commands in order, one outcome each; a claim lost while offline is a conflict, not lost data', async () => {
    const { engine, run, taskId, clock } = await publishedTask();
    const queuedAt = start;
    clock.advance(60_000);
    await run('q1', { type: 'task.claim', taskId });
    const batch = [
      {
        type: 'task.claim',
        idempotencyKey: key('off'),
        actorId: 'q2',
        taskId,
        clientTime: queuedAt,
      },
      {
        type: 'report.submit',
        idempotencyKey: key('off'),
        actorId: 'q2',
        clientTime: queuedAt,
        report: { channel: 'mini-program', text: 'Gate lock broken' },
      },
      { type: 'task.claim', idempotencyKey: key('off'), actorId: 'q2', taskId: 'no-such-task' },
      { type: 'task.claim', idempotencyKey: 'x', actorId: 'q2' },
    ];
    const outcomes = await engine.applyBatch(batch);
    expect(outcomes.map((o) => o.status)).toEqual(['conflict', 'applied', 'error', 'error']);
    expect(outcomes[0]).toMatchObject({ status: 'conflict', streamId: `task/${taskId}` });
    expect(outcomes[0]?.status === 'conflict' && outcomes[0].reasons.map((r) => r.code)).toContain(
      'no_slot_left',
    );
    expect(outcomes[2]).toMatchObject({ error: { code: 'not_found' } });
    expect(outcomes[3]).toMatchObject({ error: { code: 'invalid_input' }, idempotencyKey: 'x' });
    const report = outcomes[1]?.status === 'applied' ? outcomes[1].reportId : undefined;
    expect(engine.getPrivilegedSnapshot().reports.map((r) => r.report.id)).toContain(report);
  });

  it('returns the first outcome when a reconnecting client sends the same batch again', async () => {
    const { engine, taskId } = await publishedTask();
    const batch = [
      { type: 'task.claim', idempotencyKey: key('b'), actorId: 'q1', taskId },
      { type: 'task.start', idempotencyKey: key('b'), actorId: 'q1', taskId },
      {
        type: 'task.submit',
        idempotencyKey: key('b'),
        actorId: 'q1',
        taskId,
        evidence: [],
        followUpReports: [{ channel: 'mobile', text: 'Another bike further down' }],
      },
    ];
    const first = await engine.applyBatch(batch);
    const eventsAfterFirst = (await engine.store.readAll()).length;
    const second = await engine.applyBatch(batch);
    expect(first.map((o) => o.status)).toEqual(['applied', 'applied', 'applied']);
    expect(second.map((o) => o.status === 'applied' && o.replayed)).toEqual([true, true, true]);
    const eventIds = (outcomes: typeof first) =>
      outcomes.map((o) => (o.status === 'applied' ? o.events.map((e) => e.id) : []));
    expect(eventIds(second)).toEqual(eventIds(first));
    expect((await engine.store.readAll()).length).toBe(eventsAfterFirst);
    const submitted = first[2]?.status === 'applied' ? first[2].events.map((e) => e.type) : [];
    expect(submitted).toEqual([
      'quanzi.task.work_submitted',
      'quanzi.task.followup_reported',
      'quanzi.report.received',
    ]);
  });

  it('leaves a denied command retryable: nothing is written, so a later retry may succeed', async () => {
    const { engine, run, taskId } = await publishedTask();
    const start1 = { type: 'task.start' as const, idempotencyKey: key('s'), actorId: 'q1', taskId };
    expect((await engine.execute(start1)).status).toBe('denied');
    await run('q1', { type: 'task.claim', taskId });
    expect((await engine.execute(start1)).status).toBe('applied');
  });
});
