import { describe, expect, it } from 'vitest';
import { harness, taskDraft } from './engineFixtures';

describe('tick(now)', () => {
  it('warns and then expires a lease that runs out, as system events at the tick’s instant', async () => {
    const { engine, run, clock } = await harness({
      lifecycle: { leaseMinutes: 60, leaseWarningMinutes: 10 },
    });
    const created = await run('cmd', { type: 'task.create', task: taskDraft() });
    const taskId = created.status === 'applied' ? (created.taskId as string) : '';
    await run('cmd', { type: 'task.publish', taskId });
    await run('q1', { type: 'task.claim', taskId });
    clock.advance(30 * 60_000);
    expect(await engine.tick()).toMatchObject({ status: 'applied', events: [] });
    clock.advance(25 * 60_000);
    const warned = await engine.tick();
    expect(
      warned.status === 'applied' && warned.events.map((e) => [e.type, e.actor, e.time]),
    ).toEqual([['quanzi.task.lease_expiring', 'system', clock.now()]]);
    clock.advance(10 * 60_000);
    const expired = await engine.tick();
    expect(expired.status === 'applied' && expired.events.map((e) => e.type)).toEqual([
      'quanzi.task.released',
    ]);
    expect(engine.getSnapshot().tasks.find((t) => t.task.id === taskId)?.snapshot.claims).toEqual(
      [],
    );
    expect(engine.claimableNear('q2').map((item) => item.task.task.id)).toContain(taskId);
  });
});
