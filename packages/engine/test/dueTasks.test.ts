import { createLifecycleConfig, nextTaskDueAt } from '@quanzi/lifecycle';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngineState } from '../src/createEngineState';
import { createMemoryEventStore } from '../src/index';
import { batchOf, streamArb } from './commandStream';
import { harness, key } from './engineFixtures';

const lifecycle = { leaseMinutes: 60, leaseWarningMinutes: 10, ratingWindowHours: 2 };

describe('dueTasks: the due queue against a scan of every task', () => {
  it('finds exactly the tasks a full scan finds, at any instant', async () => {
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(
        streamArb,
        fc.array(fc.integer({ min: 0, max: 24 * 60 }), { minLength: 1, maxLength: 6 }),
        async (steps, probes) => {
          const store = createMemoryEventStore();
          const { engine, clock } = await harness({ store, lifecycle });
          for (const step of steps) {
            clock.advance(step.advanceMinutes * 60_000);
            const command =
              step.command.type === 'tick' ? { ...step.command, now: clock.now() } : step.command;
            await batchOf(
              engine,
              step.actorId,
            )([{ idempotencyKey: key('d'), actorId: step.actorId, ...command }]);
          }
          const state = createEngineState({
            lifecycleFor: () => createLifecycleConfig(lifecycle),
          });
          state.apply(await store.readAll());
          const scan = (now: string) =>
            [...state.tasks.values()]
              .flatMap((record) => {
                const at = nextTaskDueAt(record.snapshot, record.lifecycle);
                return at !== null && Date.parse(at) <= Date.parse(now)
                  ? [{ at: Date.parse(at), id: record.task.id }]
                  : [];
              })
              .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
              .map((entry) => entry.id);
          for (const minutes of [...probes].sort((a, b) => a - b)) {
            const now = new Date(Date.parse(clock.now()) + minutes * 60_000).toISOString();
            const found = state.dueTasks(now).map((record) => record.task.id);
            expect(found).toEqual(scan(now));
            // Asking twice changes nothing: planning a tick must not consume the queue.
            expect(state.dueTasks(now).map((record) => record.task.id)).toEqual(found);
            if (found.length > 0) nonEmpty += 1;
          }
        },
      ),
      { numRuns: 40 },
    );
    // Some probes must find due tasks, or the agreement would be about empty lists.
    expect(nonEmpty).toBeGreaterThan(20);
  });
});
