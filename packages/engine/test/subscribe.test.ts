import { describe, expect, it } from 'vitest';
import { harness, taskDraft } from './engineFixtures';

describe('subscribe / getSnapshot for useSyncExternalStore', () => {
  it('keeps the snapshot identity until something changes, then notifies and gives a new one', async () => {
    const { engine, run } = await harness();
    let calls = 0;
    const unsubscribe = engine.subscribe(() => {
      calls += 1;
    });
    const before = engine.getSnapshot();
    expect(engine.getSnapshot()).toBe(before);
    await run('cmd', { type: 'task.create', task: taskDraft() });
    expect(calls).toBe(1);
    const after = engine.getSnapshot();
    expect(after).not.toBe(before);
    expect(after.tasks.length).toBe(before.tasks.length + 1);
    expect(engine.getSnapshot()).toBe(after);
    await run('q1', { type: 'task.start', taskId: after.tasks[0]?.task.id });
    expect(calls).toBe(1);
    expect(engine.getSnapshot()).toBe(after);
    unsubscribe();
    await run('cmd', { type: 'task.create', task: taskDraft() });
    expect(calls).toBe(1);
    expect(Object.isFrozen(engine.getSnapshot())).toBe(true);
  });
});
