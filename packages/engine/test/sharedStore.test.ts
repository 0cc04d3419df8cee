import { createSequentialIds } from '@quanzi/core';
import { describe, expect, it } from 'vitest';
import { createEngine, createMemoryEventStore } from '../src/index';
import { circles, harness, key, policy, taskDraft } from './engineFixtures';

/** Two engines (two processes of one deployment) over one store. */
async function twoEngines() {
  const store = createMemoryEventStore();
  const a = await harness({ store, ids: createSequentialIds('a') });
  const created = await a.run('cmd', { type: 'task.create', task: taskDraft() });
  const taskId = created.status === 'applied' ? (created.taskId as string) : '';
  await a.run('cmd', { type: 'task.publish', taskId });
  const b = await createEngine({
    circles,
    policy,
    store,
    clock: a.clock,
    ids: createSequentialIds('b'),
  });
  return { store, a, b, taskId };
}

describe('engines sharing one store', () => {
  it('a claim that lost the race re-reads the log and comes back as a typed conflict', async () => {
    const { store, a, b, taskId } = await twoEngines();
    await a.run('q1', { type: 'task.claim', taskId });
    const before = (await store.readAll()).length;
    // b has not seen q1's claim: it plans on a stale version, the store refuses, b re-reads.
    const lost = await b.execute({
      type: 'task.claim',
      idempotencyKey: key('race'),
      actorId: 'q2',
      taskId,
    });
    expect(lost).toMatchObject({ status: 'conflict', streamId: `task/${taskId}` });
    expect((await store.readAll()).length).toBe(before);
    expect(
      b
        .getPrivilegedSnapshot()
        .tasks.find((t) => t.task.id === taskId)
        ?.snapshot.claims.map((c) => c.claimantId),
    ).toEqual(['q1']);
  });

  it('a retry sent to the other engine returns the first result instead of writing twice', async () => {
    const { store, a, b, taskId } = await twoEngines();
    const claim = {
      type: 'task.claim' as const,
      idempotencyKey: key('retry'),
      actorId: 'q1',
      taskId,
    };
    const first = await a.engine.execute(claim);
    const before = (await store.readAll()).length;
    const again = await b.execute(claim);
    expect(again).toMatchObject({ status: 'applied', replayed: true });
    expect(again.status === 'applied' && again.events.map((e) => e.id)).toEqual(
      first.status === 'applied' && first.events.map((e) => e.id),
    );
    expect((await store.readAll()).length).toBe(before);
  });

  it('refresh() brings in what the other engine wrote and notifies subscribers', async () => {
    const { a, b, taskId } = await twoEngines();
    let notified = 0;
    b.subscribe(() => {
      notified += 1;
    });
    await a.run('q1', { type: 'task.claim', taskId });
    await b.refresh();
    expect(notified).toBe(1);
    expect(b.getPrivilegedSnapshot().tasks.find((t) => t.task.id === taskId)?.snapshot.state).toBe(
      'claimed',
    );
  });
});
