import { describe, expect, it } from 'vitest';
import { publicViewer } from '../src/index';
import { harness, taskDraft } from './engineFixtures';

describe('subscribe / getPrivilegedSnapshot / view for useSyncExternalStore', () => {
  it('keeps the snapshot identity until something changes, then notifies and gives a new one', async () => {
    const { engine, run } = await harness();
    let calls = 0;
    const unsubscribe = engine.subscribe(() => {
      calls += 1;
    });
    const before = engine.getPrivilegedSnapshot();
    expect(engine.getPrivilegedSnapshot()).toBe(before);
    await run('cmd', { type: 'task.create', task: taskDraft() });
    expect(calls).toBe(1);
    const after = engine.getPrivilegedSnapshot();
    expect(after).not.toBe(before);
    expect(after.tasks.length).toBe(before.tasks.length + 1);
    expect(engine.getPrivilegedSnapshot()).toBe(after);
    await run('q1', { type: 'task.start', taskId: after.tasks[0]?.task.id });
    expect(calls).toBe(1);
    expect(engine.getPrivilegedSnapshot()).toBe(after);
    unsubscribe();
    await run('cmd', { type: 'task.create', task: taskDraft() });
    expect(calls).toBe(1);
    expect(Object.isFrozen(engine.getPrivilegedSnapshot())).toBe(true);
  });

  it('gives each viewer a store that holds only what they may see, with a stable identity', async () => {
    const { engine, run } = await harness();
    const participant = (id: string) =>
      engine.getPrivilegedSnapshot().participants.find((p) => p.participant.id === id)
        ?.participant as never;
    const sensitive = await run('cmd', {
      type: 'task.create',
      task: taskDraft(undefined, { category: 'suspicious_watch', title: 'Watch the van' }),
    });
    const taskId = sensitive.status === 'applied' ? (sensitive.taskId as string) : '';
    await run('cmd', { type: 'task.publish', taskId });
    const resident = engine.view(participant('q1'));
    const center = engine.view(participant('cmd'));
    const shown = resident.getSnapshot();
    expect(resident.getSnapshot()).toBe(shown);
    expect(Object.isFrozen(shown) && Object.isFrozen(shown.tasks)).toBe(true);
    expect(shown.tasks.map((r) => r.task.id)).not.toContain(taskId);
    expect(center.getSnapshot().tasks.map((r) => r.task.id)).toContain(taskId);
    // Every snapshot field goes through the same viewAs as the queries.
    expect(shown.participants).toEqual(engine.listParticipants(participant('q1')));
    expect(engine.view(publicViewer).getSnapshot().reports).toEqual([]);
    expect(shown.position).toBe(engine.getPrivilegedSnapshot().position);
    let calls = 0;
    const unsubscribe = resident.subscribe(() => {
      calls += 1;
    });
    await run('cmd', { type: 'task.create', task: taskDraft() });
    expect(calls).toBe(1);
    expect(resident.getSnapshot()).not.toBe(shown);
    expect(resident.getSnapshot().position).toBeGreaterThan(shown.position);
    unsubscribe();
  });
});
