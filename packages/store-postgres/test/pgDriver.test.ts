// The pg driver's pooled connections on a real server: a statement the server refuses
// (a lost race, a constraint) must not cost a new connection, a dead one must.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDriver, createPostgresEventStore, type SqlDriver } from '../src/index';
import { createTestDatabase, type TestDatabase } from './testDatabase';
import { thing } from './testEvents';

let database: TestDatabase;
let driver: SqlDriver;
beforeAll(async () => {
  database = await createTestDatabase();
  driver = createPgDriver({ connectionString: database.url, max: 1 });
});
afterAll(async () => {
  await driver.close();
  await database.drop();
});

const backend = async (executor: SqlDriver) =>
  (await executor.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0]?.pid;

/** Ends server process `pid` from the test's own connection, and waits until it is gone. */
async function terminate(pid: number | undefined) {
  await driver.query('SELECT pg_terminate_backend($1)', [pid]);
  for (;;) {
    const [row] = await driver.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1',
      [pid],
    );
    if (row?.n === 0) return;
  }
}

describe('createPgDriver on PostgreSQL', () => {
  it('keeps the pooled connection when the server refuses a statement', async () => {
    const before = await backend(driver);
    await expect(driver.query('SELECT 1 / $1::int AS n', [0])).rejects.toMatchObject({
      code: '22012',
    });
    await driver.exec('CREATE TABLE once (id int PRIMARY KEY)');
    await driver.query('INSERT INTO once VALUES ($1)', [1]);
    await expect(driver.query('INSERT INTO once VALUES ($1)', [1])).rejects.toMatchObject({
      code: '23505',
    });
    // Refused inside a transaction too: rolled back, the connection stays.
    await expect(
      driver.transaction((tx) => tx.query('INSERT INTO once VALUES ($1)', [1])),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await backend(driver)).toBe(before);
    expect(await driver.query('SELECT count(*)::int AS n FROM once')).toEqual([{ n: 1 }]);
  });

  it('replaces a connection the server ended', async () => {
    const before = await backend(driver);
    await expect(driver.query('SELECT pg_terminate_backend(pg_backend_pid())')).rejects.toThrow();
    const after = await backend(driver);
    expect(after).toEqual(expect.any(Number));
    expect(after).not.toBe(before);
  });

  it.each([
    ['between the statements of a transaction', 'transaction'],
    ['during a statement', 'statement'],
  ])('fails the work, not the process, when the server ends a connection %s', async (_, when) => {
    const busy = createPgDriver({ connectionString: database.url, max: 1 });
    const before = await backend(busy);
    const ended = async () => {
      await terminate(before);
      // Time for the client to hear the end while it is checked out and idle.
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const work =
      when === 'transaction'
        ? busy.transaction(async (tx) => {
            await tx.query('SELECT 1');
            await ended();
            await tx.query('SELECT 2');
          })
        : Promise.all([busy.query('SELECT pg_sleep(5)'), ended()]);
    await expect(work).rejects.toThrow();
    const after = await backend(busy);
    expect(after).toEqual(expect.any(Number));
    expect(after).not.toBe(before);
    await busy.close();
  });

  it('survives the server ending an idle connection of a pool it created', async () => {
    const idle = createPgDriver({ connectionString: database.url, max: 1 });
    const before = await backend(idle);
    await terminate(before);
    // The pool mostly hears the end while the connection is idle, and reports it as an
    // error event; a query may yet meet the ended connection first, fail and drop it.
    const after = await backend(idle).catch(() => backend(idle));
    expect(after).toEqual(expect.any(Number));
    expect(after).not.toBe(before);
    await idle.close();
  });

  it('listens again after the server ends the listening connection, and says what may be missed', async () => {
    const listening = createPgDriver({ connectionString: database.url, max: 2 });
    const heard: string[] = [];
    const stop = await listening.listen('quanzi_test', (payload) => heard.push(payload));
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    const [listener] = await driver.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
    );
    await driver.query('SELECT pg_terminate_backend($1)', [listener?.pid]);
    // Listening again, it reports a gap: whatever was notified meanwhile is lost.
    await until(() => heard.includes(''));
    await driver.query(`SELECT pg_notify('quanzi_test', 'after')`);
    await until(() => heard.includes('after'));
    expect(heard).toEqual(['', 'after']);
    await stop();
    await driver.query(`SELECT pg_notify('quanzi_test', 'stopped')`);
    expect(await backend(listening)).toEqual(expect.any(Number));
    expect(heard).toEqual(['', 'after']);
    await listening.close();
  });

  it('tells a watcher of the store when its listening connection ends, as a storage_failure', async () => {
    const store = await createPostgresEventStore({
      driver: createPgDriver({ connectionString: database.url, max: 1 }),
      schema: 'watch_errors',
    });
    const heard: string[] = [];
    const errors: unknown[] = [];
    const stop = await store.watch?.(
      (circleId) => heard.push(circleId),
      (error) => errors.push(error),
    );
    const [listener] = await driver.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
    );
    await driver.query('SELECT pg_terminate_backend($1)', [listener?.pid]);
    for (let waited = 0; !heard.includes('') && waited < 5000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    // Watching went on by itself; the watcher heard of the gap and of why.
    expect(heard).toEqual(['']);
    expect(errors).toEqual([expect.objectContaining({ code: 'storage_failure' })]);
    await stop?.();
    await store.close();
  });

  it('listens on a connection of its own, so a pool of one still runs statements', async () => {
    const single = createPgDriver({ connectionString: database.url, max: 1 });
    const heard: string[] = [];
    const stop = await single.listen('solo_channel', (payload) => heard.push(payload));
    // Before, listening held the pool's only connection, and this waited forever.
    await single.query(`SELECT pg_notify('solo_channel', 'hello')`);
    for (let waited = 0; heard.length === 0 && waited < 2000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(heard).toEqual(['hello']);
    await stop();
    const [listening] = await driver.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query ILIKE 'LISTEN%solo_channel%'`,
    );
    expect(listening?.n).toBe(0);
    await single.close();
  });

  it('answers a watch it cannot start with storage_failure', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    const store = await createPostgresEventStore({
      driver: createPgDriver(pool),
      schema: 'unwatched',
    });
    // The server moved: new connections find nobody there.
    pool.options.connectionString = 'postgres://postgres@127.0.0.1:1/postgres';
    await expect(store.watch?.(() => undefined)).rejects.toMatchObject({ code: 'storage_failure' });
    await pool.end();
  });

  it('stops listening for good when stopped while the connection is down', async () => {
    const listening = createPgDriver({ connectionString: database.url, max: 2 });
    const heard: string[] = [];
    const stop = await listening.listen('quanzi_gone', (payload) => heard.push(payload));
    const listeners = () =>
      driver.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN "quanzi_gone"'`,
      );
    const [listener] = await listeners();
    await driver.query('SELECT pg_terminate_backend($1)', [listener?.pid]);
    while ((await listeners()).length > 0);
    await stop();
    // Past the first retry (0.1 s): nobody listens again, and nothing is heard.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await listeners()).toEqual([]);
    expect(heard).toEqual([]);
    await listening.close();
  });

  it('keeps the store connection through a lost race', async () => {
    const store = await createPostgresEventStore({ driver, schema: 'lost_race' });
    const before = await backend(driver);
    const append = (id: string) =>
      store.append({
        circleId: 'c1',
        expectations: [{ streamId: 'thing/1', expectedVersion: 0 }],
        events: [thing(id, 'thing/1', 'c1')],
      });
    expect((await append('e1')).status).toBe('appended');
    expect(await append('e2')).toMatchObject({ status: 'conflict', actualVersion: 1 });
    expect(await backend(driver)).toBe(before);
  });
});
