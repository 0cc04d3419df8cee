// How many statements one append sends, counted in a driver that wraps PGlite's
// (both drivers run the same SQL). BEGIN and COMMIT are round trips too.
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
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
      // The statement that locks the circle's audit head; what follows it waits in line.
      if (/INSERT INTO \S+audit_heads|append_logged/.test(sql)) counter.locked = true;
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
    listen: (channel, onNotify) => driver.listen(channel, onNotify),
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
  // One statement (append_one) per append, so no round trip is ever made while the
  // circle's audit head is locked. Creating and publishing t1 at once reads no row (a
  // task created in the append has none yet); the claim folds on the row the store
  // wrote. A replay gets the key's positions, then reads the events.
  expect({ keyed, created, claim, replay }).toEqual({
    keyed: { statements: 1, inAuditLock: 0 },
    created: { statements: 1, inAuditLock: 0 },
    claim: { statements: 1, inAuditLock: 0 },
    replay: { statements: 2, inAuditLock: 0 },
  });
});

it('gets a task row back from the statement when another writer moved it, and refuses in one statement', async () => {
  const other = await createPostgresEventStore({ driver: createPgliteDriver(db) });
  await other.append({
    circleId: 'xinhua',
    expectations: [],
    events: [taskCreated('t2', 'xinhua', 2)],
  });
  const publish = taskEvent('t2.published', 'quanzi.task.published', 't2', 'xinhua', {
    taskId: 't2',
  });
  await other.append({ circleId: 'xinhua', expectations: [], events: [publish] });
  // This store has not seen t2: its first call hands the row back, the second appends.
  // Then the store folds on its own write.
  const first = await measure(() =>
    store.append({
      circleId: 'xinhua',
      expectations: [],
      events: [taskClaimed('t2.c1', 't2', 'xinhua', 'p1')],
    }),
  );
  await other.append({
    circleId: 'xinhua',
    expectations: [],
    events: [taskClaimed('t2.c2', 't2', 'xinhua', 'p2')],
  });
  // The other store took the last slot: the cached row is stale, and the call that
  // finds it so hands the row back; folded on it, the claim is refused.
  let result: unknown;
  const refused = await measure(async () => {
    result = await store.append({
      circleId: 'xinhua',
      expectations: [],
      events: [taskClaimed('t2.c3', 't2', 'xinhua', 'p3')],
    });
  });
  // Now the row is current: the refusal is decided in one statement.
  const again = await measure(() =>
    store.append({
      circleId: 'xinhua',
      expectations: [],
      events: [taskClaimed('t2.c4', 't2', 'xinhua', 'p4')],
    }),
  );
  expect({ first, refused, again }).toEqual({
    first: { statements: 2, inAuditLock: 0 },
    refused: { statements: 2, inAuditLock: 0 },
    again: { statements: 1, inAuditLock: 0 },
  });
  expect(result).toEqual({
    status: 'conflict',
    streamId: 'task/t2',
    expectedVersion: 4,
    actualVersion: 4,
  });
  expect(await store.tasks.get('xinhua', 't2')).toMatchObject({ claimantIds: ['p1', 'p2'] });
  expect(await store.verifyAudit()).toMatchObject({ ok: true });
});

it('reports a lost race in one statement when the append expects the task stream’s version', async () => {
  const other = await createPostgresEventStore({ driver: createPgliteDriver(db) });
  await other.append({
    circleId: 'xinhua',
    expectations: [],
    events: [taskCreated('t3', 'xinhua', 3)],
  });
  const publish = taskEvent('t3.published', 'quanzi.task.published', 't3', 'xinhua', {
    taskId: 't3',
  });
  await other.append({ circleId: 'xinhua', expectations: [], events: [publish] });
  const claim = (id: string, by: string, expectedVersion: number) => () =>
    store.append({
      circleId: 'xinhua',
      expectations: [{ streamId: 'task/t3', expectedVersion }],
      events: [taskClaimed(id, 't3', 'xinhua', by)],
    });
  // This store reads t3 once and keeps the row it wrote; then another writer claims too.
  await claim('t3.c1', 'p1', 2)();
  await other.append({
    circleId: 'xinhua',
    expectations: [],
    events: [taskClaimed('t3.c2', 't3', 'xinhua', 'p2')],
  });
  let result: unknown;
  const lost = await measure(async () => {
    result = await claim('t3.c3', 'p3', 3)();
  });
  expect(result).toEqual({
    status: 'conflict',
    streamId: 'task/t3',
    expectedVersion: 3,
    actualVersion: 4,
  });
  // The retry, on the version the conflict named, gets the row back and then through.
  const retried = await measure(claim('t3.c3', 'p3', 4));
  expect({ lost, retried }).toEqual({
    lost: { statements: 1, inAuditLock: 0 },
    retried: { statements: 2, inAuditLock: 0 },
  });
  expect(await store.tasks.get('xinhua', 't3')).toMatchObject({
    claimantIds: ['p1', 'p2', 'p3'],
  });
  expect(await store.verifyAudit()).toMatchObject({ ok: true });
});

it('answers a lost race on a task row it has never seen in one statement', async () => {
  const other = await createPostgresEventStore({ driver: createPgliteDriver(db) });
  await other.append({
    circleId: 'xinhua',
    expectations: [{ streamId: 'task/t4', expectedVersion: 0 }],
    events: [
      taskCreated('t4', 'xinhua', 1),
      taskEvent('t4.published', 'quanzi.task.published', 't4', 'xinhua', { taskId: 't4' }),
    ],
  });
  await other.append({
    circleId: 'xinhua',
    expectations: [{ streamId: 'task/t4', expectedVersion: 2 }],
    events: [taskClaimed('t4.c1', 't4', 'xinhua', 'p1')],
  });
  // As a second engine that planned its claim before it saw the first: the store used to
  // read the row, then call, to learn that the stream had moved.
  const claim = (expectedVersion: number) =>
    store.append({
      circleId: 'xinhua',
      expectations: [{ streamId: 'task/t4', expectedVersion }],
      events: [taskClaimed('t4.c2', 't4', 'xinhua', 'p2')],
      idempotencyKey: 't4.c2',
    });
  let result: unknown;
  const lost = await measure(async () => {
    result = await claim(2);
  });
  expect(result).toEqual({
    status: 'conflict',
    streamId: 'task/t4',
    expectedVersion: 2,
    actualVersion: 3,
  });
  expect(lost).toEqual({ statements: 1, inAuditLock: 0 });
  // Nothing of the lost call stayed: its key is free for the retry.
  expect(await claim(3)).toEqual({
    status: 'conflict',
    streamId: 'task/t4',
    expectedVersion: 3,
    actualVersion: 3,
  });
  expect(await store.tasks.get('xinhua', 't4')).toMatchObject({ claimantIds: ['p1'] });
});

it('links any event into the chain in SQL exactly as core hashes it', async () => {
  // Unicode text, nested keys named "position" and odd numbers must survive the split of
  // the canonical entry around its position and PostgreSQL's sha256 over UTF-8.
  let n = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ text: fc.string({ unit: 'binary' }), data: fc.jsonValue() }), {
        minLength: 1,
        maxLength: 3,
      }),
      async (items) => {
        n += 1;
        const circleId = `c${n % 3}`;
        const events = items.map(({ text, data }, i) =>
          thing(`p${n}.${i}`, `prop/${n}`, circleId, { text, data, position: { position: 0 } }),
        );
        await store.append({ circleId, expectations: [], events });
      },
    ),
    { numRuns: 60, seed: 14 },
  );
  expect(await store.verifyAudit()).toMatchObject({ ok: true });
});
