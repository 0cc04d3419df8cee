// What a claim that loses a race to another engine costs in statements: the refused
// append and one read of the log, nothing more (it used to ask the store for its key
// and read the log a second time).
import { PGlite } from '@electric-sql/pglite';
import { createManualClock, createSequentialIds } from '@quanzi/core';
import {
  createPgliteDriver,
  createPostgresEventStore,
  type SqlDriver,
  type SqlExecutor,
} from '@quanzi/store-postgres';
import { expect, it } from 'vitest';
import { createEngine } from '../src/index';
import { circles, policy, registerPeople, start, taskDraft } from './engineFixtures';

/** `driver`, counting each statement it sends (a transaction's BEGIN and COMMIT too). */
function countingDriver(driver: SqlDriver) {
  const counter = { statements: 0 };
  const counted = (executor: SqlExecutor): SqlExecutor => ({
    query(sql, params) {
      counter.statements += 1;
      return executor.query(sql, params);
    },
    exec(sql) {
      counter.statements += 1;
      return executor.exec(sql);
    },
  });
  const wrapped: SqlDriver = {
    ...counted(driver),
    kind: driver.kind,
    transaction(work) {
      counter.statements += 2;
      return driver.transaction((tx) => work(counted(tx)));
    },
    listen: (channel, onNotify) => driver.listen(channel, onNotify),
    close: () => driver.close(),
  };
  return { driver: wrapped, counter };
}

it('a claim that loses the race to another engine is refused in two statements', async () => {
  const db = await PGlite.create();
  const { driver, counter } = countingDriver(createPgliteDriver(db));
  const store = await createPostgresEventStore({ driver });
  const clock = createManualClock(start);
  const first = await createEngine({
    circles,
    policy,
    store,
    clock,
    ids: createSequentialIds('a'),
  });
  await registerPeople(first);
  const second = await createEngine({
    circles,
    policy,
    store,
    clock,
    ids: createSequentialIds('b'),
  });
  const costs: Array<[string, number]> = [];
  for (let i = 0; i < 3; i += 1) {
    const created = await first.execute({
      type: 'task.create',
      idempotencyKey: `create-${i}`,
      actorId: 'cmd',
      task: taskDraft(),
    });
    if (created.status !== 'applied' || created.taskId === undefined) throw new Error('no task');
    const taskId = created.taskId;
    await first.execute({
      type: 'task.publish',
      idempotencyKey: `pub-${i}`,
      actorId: 'cmd',
      taskId,
    });
    await second.refresh();
    // The first engine takes the only slot; the second still sees it free.
    await first.execute({ type: 'task.claim', idempotencyKey: `win-${i}`, actorId: 'q1', taskId });
    counter.statements = 0;
    const lost = await second.execute({
      type: 'task.claim',
      idempotencyKey: `lose-${i}`,
      actorId: 'q2',
      taskId,
    });
    costs.push([lost.status, counter.statements]);
  }
  // The refused append, then the catch-up that shows the task taken.
  expect(costs).toEqual([
    ['conflict', 2],
    ['conflict', 2],
    ['conflict', 2],
  ]);
  await db.close();
});
