// What a refused command reads on a busy log: the log once. Every read of a busy log
// finds something new, and the refusal used to plan and read again until it ran out of
// attempts, three reads for one answer that the first read already settled.
import { createManualClock, createSequentialIds, type EventStore } from '@quanzi/core';
import { expect, it } from 'vitest';
import { createEngine, createMemoryEventStore } from '../src/index';
import { circles, policy, registerPeople, start, taskDraft } from './engineFixtures';

it('a claim refused on a busy log reads the log once, not once per attempt', async () => {
  const memory = createMemoryEventStore();
  const clock = createManualClock(start);
  const first = await createEngine({
    circles,
    policy,
    store: memory,
    clock,
    ids: createSequentialIds('a'),
  });
  await registerPeople(first);
  // Before each read by the second engine, the first one writes: a log that never rests.
  let reads = 0;
  let busy = false;
  let written = 0;
  const store: EventStore = {
    ...memory,
    async readAll(options) {
      if (busy) {
        reads += 1;
        written += 1;
        await first.execute({
          type: 'task.create',
          idempotencyKey: `busy-${written}`,
          actorId: 'cmd',
          task: taskDraft(),
        });
      }
      return memory.readAll(options);
    },
  };
  const second = await createEngine({
    circles,
    policy,
    store,
    clock,
    ids: createSequentialIds('b'),
  });

  const created = await first.execute({
    type: 'task.create',
    idempotencyKey: 'create',
    actorId: 'cmd',
    task: taskDraft(),
  });
  if (created.status !== 'applied' || created.taskId === undefined) throw new Error('no task');
  const { taskId } = created;
  await first.execute({ type: 'task.publish', idempotencyKey: 'pub', actorId: 'cmd', taskId });
  await first.execute({ type: 'task.claim', idempotencyKey: 'win', actorId: 'q1', taskId });
  await second.refresh();

  busy = true;
  const refused = await second.execute({
    type: 'task.claim',
    idempotencyKey: 'lose',
    actorId: 'q2',
    taskId,
  });
  busy = false;
  expect(refused.status).toBe('denied');
  expect(refused.status === 'denied' && refused.reasons.map((r) => r.code)).toEqual([
    'no_slot_left',
  ]);
  // The refusal planned on a state that had read the log, once.
  expect(reads).toBe(1);
  // And the second engine still follows the log: it sees every busy write.
  await second.refresh();
  expect(second.getPrivilegedSnapshot().tasks.length).toBe(
    first.getPrivilegedSnapshot().tasks.length,
  );
});
