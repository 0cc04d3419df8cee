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
  // BEGIN, key, [task rows], [task view], stream, [foreign stream check when a stream
  // is new], append_logged (head, events, chain), COMMIT: only COMMIT after the lock.
  expect({ keyed, created, claim, replay }).toEqual({
    keyed: { statements: 6, inAuditLock: 1 },
    created: { statements: 8, inAuditLock: 1 },
    claim: { statements: 7, inAuditLock: 1 },
    replay: { statements: 5, inAuditLock: 0 },
  });
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
