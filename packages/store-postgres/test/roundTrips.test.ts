// How many statements one append sends, counted in a driver that wraps PGlite's
// (both drivers run the same SQL). BEGIN and COMMIT are round trips too.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createPgliteDriver,
  createPostgresEventStore,
  type PostgresEventStore,
  type SqlDriver,
  type SqlExecutor,
} from '../src/index';
import { taskClaimed, taskCreated, taskEvent, thing } from './testEvents';

/** `driver`, counting each statement it sends, with a transaction's BEGIN and COMMIT. */
function countingDriver(driver: SqlDriver) {
  const counter = { statements: 0, inAuditLock: 0, locked: false };
  const counted = (executor: SqlExecutor): SqlExecutor => ({
    async query(sql, params) {
      counter.statements += 1;
      if (counter.locked) counter.inAuditLock += 1;
      if (/INSERT INTO \S+audit_heads/.test(sql)) counter.locked = true;
      return executor.query(sql, params);
    },
    async exec(sql) {
      counter.statements += 1;
      return executor.exec(sql);
    },
  });
  const wrapped: SqlDriver = {
    ...counted(driver),
    kind: driver.kind,
    async transaction(work) {
      counter.statements += 2;
      try {
        return await driver.transaction((tx) => work(counted(tx)));
      } finally {
        // COMMIT (or ROLLBACK) is the last round trip under the lock.
        if (counter.locked) counter.inAuditLock += 1;
        counter.locked = false;
      }
    },
    close: () => driver.close(),
  };
  return { driver: wrapped, counter };
}

let db: PGlite;
let store: PostgresEventStore;
let counter: ReturnType<typeof countingDriver>['counter'];
beforeAll(async () => {
  db = await PGlite.create();
  const counting = countingDriver(createPgliteDriver(db));
  counter = counting.counter;
  store = await createPostgresEventStore({ driver: counting.driver });
});
afterAll(() => db.close());

async function measure(work: () => Promise<unknown>) {
  counter.statements = 0;
  counter.inAuditLock = 0;
  await work();
  return { statements: counter.statements, inAuditLock: counter.inAuditLock };
}

it('counts the round trips of one append, and those made while the circle is locked', async () => {
  const keyed = await measure(() =>
    store.append({
      circleId: 'xinhua',
      expectations: [{ streamId: 'report/r1', expectedVersion: 0 }],
      events: [thing('e1', 'report/r1')],
      idempotencyKey: 'k1',
    }),
  );
  const created = await measure(() =>
    store.append({
      circleId: 'xinhua',
      expectations: [{ streamId: 'task/t1', expectedVersion: 0 }],
      events: [
        taskCreated('t1', 'xinhua'),
        taskEvent('t1.published', 'quanzi.task.published', 't1', 'xinhua', { taskId: 't1' }),
      ],
      idempotencyKey: 'k2',
    }),
  );
  const claim = await measure(() =>
    store.append({
      circleId: 'xinhua',
      expectations: [{ streamId: 'task/t1', expectedVersion: 2 }],
      events: [taskClaimed('t1.claim', 't1', 'xinhua', 'p1')],
      idempotencyKey: 'k3',
    }),
  );
  const replay = await measure(() =>
    store.append({
      circleId: 'xinhua',
      expectations: [{ streamId: 'report/r1', expectedVersion: 0 }],
      events: [thing('e1', 'report/r1')],
      idempotencyKey: 'k1',
    }),
  );
  // BEGIN, key, [task rows], [task view], stream, [foreign stream check when a stream
  // is new], audit head, events, chain, COMMIT; the last three after the head's lock.
  expect({ keyed, created, claim, replay }).toEqual({
    keyed: { statements: 8, inAuditLock: 3 },
    created: { statements: 10, inAuditLock: 3 },
    claim: { statements: 9, inAuditLock: 3 },
    replay: { statements: 5, inAuditLock: 0 },
  });
});
