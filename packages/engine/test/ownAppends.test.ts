// An engine's appends carry `validated`: it built their events from commands it checked,
// so a store (PostgreSQL, PGlite) need not parse them again. A retry's replay re-sends
// an event the store gave back, which the engine did not build in this run: unflagged.
import {
  type AppendOptions,
  createManualClock,
  createSequentialIds,
  type EventStore,
} from '@quanzi/core';
import { expect, it } from 'vitest';
import { createEngine, createMemoryEventStore } from '../src/index';
import { circles, policy, registerPeople, start, taskDraft } from './engineFixtures';

it('appends the events it built with `validated`, and a replay without it', async () => {
  const memory = createMemoryEventStore();
  const seen: Array<{ key: string | undefined; options: AppendOptions | undefined }> = [];
  const store: EventStore = {
    ...memory,
    append(request, options) {
      seen.push({ key: request.idempotencyKey, options });
      return memory.append(request, options);
    },
  };
  const engine = await createEngine({
    circles,
    policy,
    store,
    clock: createManualClock(start),
    ids: createSequentialIds('a'),
  });
  await registerPeople(engine);
  seen.length = 0;
  const create = {
    type: 'task.create',
    idempotencyKey: 'c1',
    actorId: 'cmd',
    task: taskDraft(),
  } as const;
  expect((await engine.execute(create)).status).toBe('applied');
  expect(seen).toEqual([{ key: 'c1', options: { validated: true } }]);
  // The same key again is answered from the first events: the store replays them.
  seen.length = 0;
  expect((await engine.execute(create)).status).toBe('applied');
  expect(seen).toEqual([{ key: 'c1', options: undefined }]);
});
