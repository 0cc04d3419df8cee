// Commands on different tasks run at the same time over a PostgreSQL pool; commands
// on one task keep the order they came in; the state they leave is the state a fresh
// engine reads back from the log.
import { createManualClock, createSequentialIds } from '@quanzi/core';
import {
  createPgDriver,
  createPostgresEventStore,
  type PostgresEventStore,
  type SqlDriver,
} from '@quanzi/store-postgres';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../store-postgres/test/testDatabase';
import { type CommandInput, createEngine, type Engine } from '../src/index';
import {
  circles,
  key,
  people,
  policy,
  registerPeople,
  start,
  taskDraft,
  volunteers,
} from './engineFixtures';

const claimants = volunteers(12);

/** `driver`, noting the most statements it ever had in flight at once. */
function watched(driver: SqlDriver) {
  const seen = { inFlight: 0, most: 0 };
  const wrapped: SqlDriver = {
    ...driver,
    async query(sql, params) {
      seen.inFlight += 1;
      seen.most = Math.max(seen.most, seen.inFlight);
      try {
        return await driver.query(sql, params);
      } finally {
        seen.inFlight -= 1;
      }
    },
  };
  return { driver: wrapped, seen };
}

let database: TestDatabase;
let store: PostgresEventStore;
let seen: { inFlight: number; most: number };
let engine: Engine;
const run = (actorId: string, command: Record<string, unknown>) =>
  engine.execute({ idempotencyKey: key('cc'), actorId, ...command } as CommandInput);

beforeAll(async () => {
  database = await createTestDatabase();
  const pool = watched(createPgDriver({ connectionString: database.url, max: 8 }));
  seen = pool.seen;
  store = await createPostgresEventStore({ driver: pool.driver, schema: 'concurrent' });
  engine = await createEngine({
    circles,
    policy,
    store,
    clock: createManualClock(start),
    ids: createSequentialIds('a'),
  });
  await registerPeople(engine, [...people, ...claimants]);
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

/** Creates and publishes `count` tasks one after another; their ids. */
async function publishTasks(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const created = await run('cmd', { type: 'task.create', task: taskDraft() });
    if (created.status !== 'applied' || !created.taskId) throw new Error('fixture: create');
    await run('cmd', { type: 'task.publish', taskId: created.taskId });
    ids.push(created.taskId);
  }
  return ids;
}

/** The engine's state against a fresh engine's read of the whole log. */
async function expectSameAsRebuild() {
  const freshStore = await createPostgresEventStore({
    driver: createPgDriver({ connectionString: database.url, max: 1 }),
    schema: 'concurrent',
  });
  const fresh = await createEngine({
    circles,
    policy,
    store: freshStore,
    clock: createManualClock(start),
    ids: createSequentialIds('fresh'),
  });
  expect(engine.getPrivilegedSnapshot()).toEqual(fresh.getPrivilegedSnapshot());
  await freshStore.close();
}

it('runs claims on distinct tasks at once, over several connections, and all apply', async () => {
  const tasks = await publishTasks(12);
  seen.most = 0;
  const outcomes = await Promise.all(
    tasks.map((taskId, i) => run(`v${i}`, { type: 'task.claim', taskId })),
  );
  expect(outcomes.map((o) => o.status)).toEqual(tasks.map(() => 'applied'));
  expect(seen.most).toBeGreaterThan(1);
  // Start and submit sent together per task: each task's pair keeps its order.
  const work = await Promise.all(
    tasks.flatMap((taskId, i) => [
      run(`v${i}`, { type: 'task.start', taskId }),
      run(`v${i}`, {
        type: 'task.submit',
        taskId,
        evidence: [{ type: 'image', url: 'https://img.example/done.jpg' }],
      }),
    ]),
  );
  expect(work.map((o) => o.status)).toEqual(work.map(() => 'applied'));
  const { tasks: records } = engine.getPrivilegedSnapshot();
  const states = tasks.map((id) => records.find((r) => r.task.id === id)?.snapshot.state);
  expect(new Set(states)).toEqual(new Set(['submitted']));
  await expectSameAsRebuild();
});

it('leaves the state a fresh engine reads from the log, for any burst of concurrent commands', async () => {
  const tasks = await publishTasks(4);
  const step = fc.record({
    type: fc.constantFrom('task.claim', 'task.release', 'task.start', 'task.claim'),
    task: fc.nat({ max: tasks.length - 1 }),
    volunteer: fc.nat({ max: 5 }),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 16 }), async (steps) => {
      const outcomes = await Promise.all(
        steps.map((s) => run(`v${s.volunteer}`, { type: s.type, taskId: tasks[s.task] })),
      );
      // Refusals are fine (a full task, nothing to release); nothing else comes back.
      for (const o of outcomes) expect(['applied', 'denied', 'conflict']).toContain(o.status);
      await expectSameAsRebuild();
    }),
    { numRuns: 6, seed: 1414 },
  );
});
