import { createSequentialIds, type EventStore } from '@quanzi/core';
import { describe, expect, it } from 'vitest';
import { createEngine, createMemoryEventStore, type Engine } from '../src/index';
import { circles, dongchengSpot, harness, policy, taskDraft } from './engineFixtures';

/** An engine with 60-minute leases, warned 10 minutes before, and a task q1 has just claimed. */
async function claimedTask() {
  const started = await harness({ lifecycle: { leaseMinutes: 60, leaseWarningMinutes: 10 } });
  const created = await started.run('cmd', { type: 'task.create', task: taskDraft() });
  const taskId = created.status === 'applied' ? (created.taskId as string) : '';
  await started.run('cmd', { type: 'task.publish', taskId });
  await started.run('q1', { type: 'task.claim', taskId });
  return { ...started, taskId };
}

describe('tick(now)', () => {
  it('warns and then expires a lease that runs out, as system events at the tick’s instant', async () => {
    const { engine, clock, taskId } = await claimedTask();
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
    expect(
      engine.getPrivilegedSnapshot().tasks.find((t) => t.task.id === taskId)?.snapshot.claims,
    ).toEqual([]);
    expect(engine.claimableNear('q2').map((item) => item.task.task.id)).toContain(taskId);
  });

  it('leaves a task that changed after the tick’s instant to a later tick, so its history stays in time order', async () => {
    const { engine, run, clock, taskId } = await claimedTask();
    const lapsed = clock.now(); // (the lease ends an hour after this)
    clock.advance(80 * 60_000);
    expect((await run('q1', { type: 'task.start', taskId })).status).toBe('applied');
    // A tick for an instant before the start, sent late: nothing for this task.
    const late = new Date(Date.parse(lapsed) + 70 * 60_000).toISOString();
    expect(await engine.tick(late)).toMatchObject({ status: 'applied', events: [] });
    clock.advance(10 * 60_000);
    const now = await engine.tick();
    expect(now.status === 'applied' && now.events.map((e) => e.type)).toContain(
      'quanzi.task.released',
    );
    const times = (await engine.store.readStream(`task/${taskId}`)).map((e) => Date.parse(e.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('lists in its outcome what it appended in one circle before losing the race in another', async () => {
    const memory = createMemoryEventStore();
    let between: (() => Promise<unknown>) | undefined;
    // Once this engine's tick has appended in Xinhua, another engine ticks Dongcheng first.
    const store: EventStore = {
      ...memory,
      async append(request, options) {
        const result = await memory.append(request, options);
        const other = request.circleId === 'xinhua' ? between : undefined;
        between = undefined;
        await other?.();
        return result;
      },
    };
    const lifecycle = { leaseMinutes: 60, leaseWarningMinutes: 10 };
    const { engine, run, clock } = await harness({ store, lifecycle });
    for (const [publisher, claimant, at] of [
      ['cmd', 'q1', undefined],
      ['dcmd', 'dq', dongchengSpot],
    ] as const) {
      const created = await run(publisher, { type: 'task.create', task: taskDraft(at) });
      const taskId = created.status === 'applied' ? (created.taskId as string) : '';
      await run(publisher, { type: 'task.publish', taskId });
      expect((await run(claimant, { type: 'task.claim', taskId })).status).toBe('applied');
    }
    const dongcheng: Engine = await createEngine({
      ...{ circles, policy, store: memory, clock, lifecycle, serves: ['dongcheng'] },
      ids: createSequentialIds('d'),
    });
    clock.advance(65 * 60_000);
    const before = memory.size;
    let theirs: unknown;
    between = async () => {
      theirs = await dongcheng.tick();
    };
    const ours = await engine.tick();
    const appended = (await memory.readAll({ after: before })).map((e) => e.id);
    const listed = (outcome: unknown) =>
      (outcome as { events?: Array<{ id: string }> }).events?.map((e) => e.id) ?? [];
    expect(appended).toHaveLength(4);
    expect([...listed(ours), ...listed(theirs)].sort()).toEqual([...appended].sort());
    expect(listed(ours)).toHaveLength(2);
  });

  it('records a promotion in the acceptance’s own append, and decay as `decay` at the tick that sees it', async () => {
    const { engine, run, clock } = await harness({
      reputation: {
        halfLifeDays: 1,
        probation: { days: 0, minTasks: 0 },
        ladder: { thresholds: [{ metric: 'volume', promote: [1], demote: [0.5] }] },
      },
    });
    const created = await run('officer', { type: 'task.create', task: taskDraft() });
    const taskId = created.status === 'applied' ? (created.taskId as string) : '';
    for (const [actor, command] of [
      ['officer', { type: 'task.publish', taskId }],
      ['cmd', { type: 'task.review', taskId, decision: 'approved' }],
      ['q1', { type: 'task.claim', taskId }],
      ['q1', { type: 'task.start', taskId }],
      ['q1', { type: 'task.submit', taskId, evidence: [] }],
      ['cmd', { type: 'task.accept', taskId }],
    ] as const)
      expect((await run(actor, command)).status).toBe('applied');
    const levelEvents = async () =>
      (await engine.store.readStream('participant/q1'))
        .filter((e) => e.type === 'quanzi.participant.level_changed')
        .map((e) => e.data);
    expect(await levelEvents()).toEqual([
      { participantId: 'q1', from: 0, to: 1, reason: 'promotion' },
    ]);
    const [accepted, promoted] = (await engine.store.readAll()).filter(
      (e) => e.type === 'quanzi.task.accepted' || e.type === 'quanzi.participant.level_changed',
    );
    // One append: the same idempotency key, after the acceptance.
    expect(accepted?.idempotencykey).toBeTypeOf('string');
    expect(promoted?.idempotencykey).toBe(accepted?.idempotencykey);
    expect(promoted?.position).toBeGreaterThan(accepted?.position ?? Infinity);
    // A quiet tick records nothing new.
    await engine.tick();
    expect(await levelEvents()).toHaveLength(1);
    // Influence fades without activity: after a few half-lives the level falls, and that is recorded too.
    clock.advance(5 * 86_400_000);
    await engine.tick();
    expect((await levelEvents()).at(-1)).toEqual({
      participantId: 'q1',
      from: 1,
      to: 0,
      reason: 'decay',
    });
    // A rebuild from the log lands on the same recorded level.
    const rebuilt = await createEngine({
      circles,
      policy,
      clock,
      ids: { next: (p = 'id') => `${p}-r` },
      store: engine.store,
    });
    expect(
      rebuilt.getPrivilegedSnapshot().participants.find((p) => p.participant.id === 'q1')?.level,
    ).toBe(0);
  });
});
