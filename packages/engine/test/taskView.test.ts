import type { TaskState } from '@quanzi/core';
import type { PostgresEventStore } from '@quanzi/store-postgres';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pgliteStores,
  postgresStores,
  type StoreFactory,
} from '../../store-postgres/test/storeFixtures';
import type { Engine } from '../src/index';
import { batchOf, streamArb } from './commandStream';
import { circles, harness, key } from './engineFixtures';

/** The kernel's task state and the SQL view's row for every task, side by side. */
async function bothSides(engine: Engine, store: PostgresEventStore) {
  const rows = (
    await Promise.all(circles.map((c) => store.tasks.list({ circleId: c.id, limit: 1000 })))
  ).flat();
  const kernel = engine.getPrivilegedSnapshot().tasks.map(({ task, snapshot }) => ({
    circleId: task.circleId,
    taskId: task.id,
    state: snapshot.state,
    slots: snapshot.slots,
    claimantIds: snapshot.claims.map((c) => c.claimantId),
    leases: Object.fromEntries(snapshot.claims.map((c) => [c.claimantId, c.leaseUntil])),
    updatedAt: snapshot.updatedAt,
  }));
  const view = rows.map(({ circleId, taskId, state, slots, claimantIds, leases, updatedAt }) => ({
    circleId,
    taskId,
    state,
    slots,
    claimantIds,
    leases,
    updatedAt,
  }));
  const order = (a: { taskId: string }, b: { taskId: string }) => (a.taskId < b.taskId ? -1 : 1);
  return { kernel: kernel.sort(order), view: view.sort(order) };
}

for (const [kind, open] of [
  ['PGlite', pgliteStores],
  ['PostgreSQL', postgresStores],
] as const) {
  describe(`the SQL task view on ${kind}`, () => {
    let stores: StoreFactory;
    beforeAll(async () => {
      stores = await open();
    });
    afterAll(() => stores.dispose());

    it('equals the kernel state of every task after any command stream (property)', async () => {
      const reached = new Set<TaskState>();
      await fc.assert(
        fc.asyncProperty(streamArb, async (steps) => {
          const store = await stores.create();
          const { engine, clock } = await harness({ store });
          for (const step of steps) {
            clock.advance(step.advanceMinutes * 60_000);
            const command =
              step.command.type === 'tick' ? { ...step.command, now: clock.now() } : step.command;
            await batchOf(
              engine,
              step.actorId,
            )([{ idempotencyKey: key('v'), actorId: step.actorId, ...command }]);
          }
          const { kernel, view } = await bothSides(engine, store);
          expect(view).toEqual(kernel);
          for (const row of view) reached.add(row.state);
          // A rebuild from the log gives the same rows as the incremental view.
          await store.tasks.rebuild();
          expect((await bothSides(engine, store)).view).toEqual(view);
        }),
        { numRuns: 12, seed: 1305 },
      );
      // The streams must reach deep into the lifecycle, or the agreement says little.
      const expected: TaskState[] = ['published', 'claimed', 'in_progress', 'accepted', 'closed'];
      expect(expected.filter((state) => !reached.has(state))).toEqual([]);
    });
  });
}
