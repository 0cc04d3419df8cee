// Appends to different circles run at once, so they may commit in another order than
// they took their positions. A reader must never pass a position whose append is still
// in flight: it would never read that event.
import { createSubscription } from '@quanzi/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPgDriver, createPostgresEventStore, type PostgresEventStore } from '../src/index';
import { holdNextAppend, postgresStores, type StoreFactory } from './storeFixtures';
import { thing } from './testEvents';

let stores: StoreFactory;
beforeAll(async () => {
  stores = await postgresStores();
});
afterAll(() => stores.dispose());

/** Circle `circleId`'s next append, held in flight after it took its position. */
async function holdNextAppendOf(store: PostgresEventStore, url: string, circleId: string) {
  const hold = await holdNextAppend(store, url, circleId);
  const appended = store.append({
    circleId,
    expectations: [],
    events: [thing(`${circleId}-held`, `thing/${circleId}-held`, circleId)],
  });
  await hold.started();
  return { appended, release: hold.release };
}

it('a subscription to the whole log hands over an event whose append committed after a later one', async () => {
  const store = await stores.create();
  const url = stores.url ?? '';
  await store.append({ circleId: 'a', expectations: [], events: [thing('a0', 'thing/a0', 'a')] });
  const handled: string[] = [];
  const outbox = createSubscription({
    name: 'outbox',
    store,
    checkpoints: store.checkpoints,
    handle: (event) => {
      handled.push(event.id);
    },
  });
  expect(await outbox.drain()).toBe(1);
  const held = await holdNextAppendOf(store, url, 'a');
  await store.append({ circleId: 'b', expectations: [], events: [thing('b1', 'thing/b1', 'b')] });
  // b1 took the later position and committed first: the drain waits for a's append.
  const drained = outbox.drain();
  await new Promise((resolve) => setTimeout(resolve, 100));
  await held.release();
  expect((await held.appended).status).toBe('appended');
  await drained;
  await outbox.drain();
  expect(handled).toEqual(['a0', 'a-held', 'b1']);
  expect((await store.readAll()).map((event) => event.id)).toEqual(['a0', 'a-held', 'b1']);
});

it('a read of one circle waits for an append in flight in another before it passes its position', async () => {
  const store = await stores.create();
  const url = stores.url ?? '';
  await store.append({ circleId: 'a', expectations: [], events: [thing('a0', 'thing/a0', 'a')] });
  const held = await holdNextAppendOf(store, url, 'a');
  await store.append({ circleId: 'b', expectations: [], events: [thing('b1', 'thing/b1', 'b')] });
  let returned = false;
  const reading = store.readAll({ after: 1, circleId: 'b' }).then((page) => {
    returned = true;
    return page;
  });
  // The read cannot return b1 while position 2 may still commit: a reader of a and b
  // with one cursor would pass a's event for good.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(returned).toBe(false);
  await held.release();
  await held.appended;
  expect((await reading).map((event) => event.id)).toEqual(['b1']);
  expect((await store.readAll({ after: 1, circleId: 'a' })).map((event) => event.position)).toEqual(
    [2],
  );
});

it.each([
  ['that has written nothing yet', ''],
  // Its id is the newest: no later transaction has ended that would put it in the past.
  ['whose transaction id is the newest', 'CREATE TEMPORARY TABLE marker () ON COMMIT DROP'],
])("a read of one circle waits for a holder of the appends' lock %s", async (_, write) => {
  const store = await stores.create();
  await store.append({ circleId: 'a', expectations: [], events: [thing('a0', 'thing/a0', 'a')] });
  // What an INSERT into the events table does first.
  const holder = await store.driver.transaction(async (tx) => {
    if (write) await tx.query(write);
    await tx.query(`SELECT pg_advisory_xact_lock_shared(7710, hashtext($1) & 2147483647)`, [
      store.tables.schema,
    ]);
    let returned = false;
    const reading = store.readAll({ after: 0, circleId: 'a' }).then((page) => {
      returned = true;
      return page;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { returned, reading };
  });
  expect(holder.returned).toBe(false);
  expect((await holder.reading).map((event) => event.id)).toEqual(['a0']);
});

it('reads past a position an append took and rolled back', async () => {
  const store = await stores.create();
  await store.append({ circleId: 'a', expectations: [], events: [thing('e1', 'thing/1', 'a')] });
  // Position 2 taken and never written, as by an append that failed after taking it.
  await store.driver.query(
    `SELECT nextval(pg_get_serial_sequence('${store.tables.events}', 'position'))`,
  );
  await store.append({ circleId: 'a', expectations: [], events: [thing('e3', 'thing/3', 'a')] });
  expect((await store.readAll()).map((event) => [event.id, event.position])).toEqual([
    ['e1', 1],
    ['e3', 3],
  ]);
  expect((await store.readAll({ after: 1, types: ['test.thing.happened'] })).length).toBe(1);
});

it('a read with no append in flight leaves no lock behind for the appends of other connections', async () => {
  const store = await stores.create();
  await store.append({ circleId: 'a', expectations: [], events: [thing('a0', 'thing/a0', 'a')] });
  expect((await store.readAll({ after: 0, circleId: 'a' })).map((event) => event.id)).toEqual([
    'a0',
  ]);
  // Another process's store: a lock the read kept would make its append fail, not wait.
  const other = await createPostgresEventStore({
    driver: createPgDriver({
      connectionString: stores.url,
      options: '-c lock_timeout=500',
      max: 1,
    }),
    schema: store.tables.schema,
  });
  try {
    for (let n = 1; n <= 3; n += 1) {
      await store.readAll({ after: 0, types: ['test.thing.happened'] });
      const event = thing(`b${n}`, `thing/b${n}`, 'b');
      expect(
        (await other.append({ circleId: 'b', expectations: [], events: [event] })).status,
      ).toBe('appended');
    }
    const [held] = await store.driver.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = 7710`,
    );
    expect(held?.n).toBe(0);
  } finally {
    await other.close();
  }
});

it('a read gives up with storage_failure when an append stays in flight past quanzi.settle_timeout_ms', async () => {
  const store = await stores.create();
  await store.append({ circleId: 'a', expectations: [], events: [thing('a0', 'thing/a0', 'a')] });
  const impatient = await createPostgresEventStore({
    driver: createPgDriver({
      connectionString: stores.url,
      options: '-c quanzi.settle_timeout_ms=200',
      max: 1,
    }),
    schema: store.tables.schema,
  });
  try {
    // A transaction that inserts events and stays open holds the appends' lock.
    const error = await store.driver.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock_shared(7710, hashtext($1) & 2147483647)`, [
        store.tables.schema,
      ]);
      return impatient.readAll({ after: 0, circleId: 'a' }).catch((caught: unknown) => caught);
    });
    expect(error).toMatchObject({ code: 'storage_failure' });
    expect((error as Error).message).toMatch(/in flight/);
    expect((await impatient.readAll({ after: 0, circleId: 'a' })).map((e) => e.id)).toEqual(['a0']);
  } finally {
    await impatient.close();
  }
});
