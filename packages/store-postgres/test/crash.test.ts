import { fork } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPgDriver, createPostgresEventStore, type PostgresEventStore } from '../src/index';
import { crashCommands } from './crashCommands';
import { createTestDatabase, type TestDatabase } from './testDatabase';

const schema = 'crash';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function runWorker(url: string) {
  return fork(join(import.meta.dirname, 'crashWorker.ts'), {
    execArgv: ['--conditions=quanzi-source', '--import', 'tsx'],
    env: { ...process.env, QUANZI_CRASH_DATABASE_URL: url, QUANZI_CRASH_SCHEMA: schema },
  });
}

const exited = (child: ReturnType<typeof fork>) =>
  new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

let database: TestDatabase;
let store: PostgresEventStore;
beforeAll(async () => {
  database = await createTestDatabase();
  store = await createPostgresEventStore({
    driver: createPgDriver({ connectionString: database.url, max: 2 }),
    schema,
  });
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

it('a process killed mid-stream and retried with the same keys loses and doubles nothing', async () => {
  const commands = crashCommands();
  // The reference: the same commands, uninterrupted, in another schema.
  const reference = await createPostgresEventStore({
    driver: createPgDriver({ connectionString: database.url, max: 1 }),
    schema: 'reference',
  });
  for (const command of commands) await reference.append(command);
  const expected = await reference.readAll();

  const first = runWorker(database.url);
  const killed = exited(first);
  // Kill it with SIGKILL once it is well into the stream, most likely inside a transaction.
  while ((await store.readAll()).length < expected.length / 3) await sleep(20);
  first.kill('SIGKILL');
  expect((await killed).signal).toBe('SIGKILL');
  const partial = (await store.readAll()).length;
  expect(partial).toBeLessThan(expected.length);

  const second = runWorker(database.url);
  expect(await exited(second)).toEqual({ code: 0, signal: null });

  const events = await store.readAll();
  const strip = ({ position: _p, ...event }: (typeof events)[number]) => event;
  expect(events.map(strip)).toEqual(expected.map(strip));
  expect(await store.tasks.list({ circleId: 'xinhua', limit: 1000 })).toEqual(
    await reference.tasks.list({ circleId: 'xinhua', limit: 1000 }),
  );
  const incremental = await store.tasks.list({ circleId: 'xinhua', limit: 1000 });
  await store.tasks.rebuild();
  expect(await store.tasks.list({ circleId: 'xinhua', limit: 1000 })).toEqual(incremental);
  expect(await store.verifyAudit()).toMatchObject({ ok: true, entries: expected.length });
  await reference.close();
});
