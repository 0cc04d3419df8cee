import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createPgDriver,
  createPostgresEventStore,
  type PostgresEventStore,
} from '@quanzi/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteStores, type StoreFactory } from '../../store-postgres/test/storeFixtures';
import { createTestDatabase, type TestDatabase } from '../../store-postgres/test/testDatabase';
import { thing } from '../../store-postgres/test/testEvents';
import { createMemoryCheckpoints, createMemoryEventStore, createSubscription } from '../src/index';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` small events over a few streams of two circles, appended one by one. */
async function fill(store: PostgresEventStore, count: number) {
  for (let i = 0; i < count; i++) {
    const circleId = i % 3 === 0 ? 'dongcheng' : 'xinhua';
    const event = thing(`s${i}`, `${circleId}-stream/${i % 5}`, circleId, { i });
    await store.append({ circleId, expectations: [], events: [event] });
  }
}

describe('a durable subscription', () => {
  let stores: StoreFactory;
  beforeAll(async () => {
    stores = await pgliteStores();
  });
  afterAll(() => stores.dispose());

  it('resumes after a failing handler from the event that failed, in log order (PGlite)', async () => {
    const store = await stores.create();
    await fill(store, 30);
    const seen: number[] = [];
    let failOnce = true;
    const outbox = createSubscription({
      name: 'outbox',
      store,
      checkpoints: store.checkpoints,
      pageSize: 4,
      handle(event) {
        if (event.position === 12 && failOnce) {
          failOnce = false;
          throw new Error('SMS gateway down');
        }
        seen.push(event.position);
      },
    });
    await expect(outbox.drain()).rejects.toThrow('SMS gateway down');
    expect(await store.checkpoints.load('outbox')).toBe(11);
    expect(await outbox.drain()).toBe(19);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // Nothing new: nothing handled; a new event: only it.
    expect(await outbox.drain()).toBe(0);
    await fill(store, 1);
    expect(await outbox.drain()).toBe(1);
  });

  it('keeps to one circle when asked, and moves a checkpoint forward only', async () => {
    const store = await stores.create();
    await fill(store, 12);
    const circles = new Set<string>();
    const outbox = createSubscription({
      name: 'dongcheng-only',
      store,
      checkpoints: store.checkpoints,
      circleId: 'dongcheng',
      handle: (event) => {
        circles.add(event.circleid);
      },
    });
    expect(await outbox.drain()).toBe(4);
    expect([...circles]).toEqual(['dongcheng']);
    await store.checkpoints.save('dongcheng-only', 3);
    expect(await store.checkpoints.load('dongcheng-only')).toBe(10);
  });
});

describe('a durable subscription in memory', () => {
  it('delivers each event once in order and resumes after a failure', async () => {
    const store = createMemoryEventStore();
    for (let i = 0; i < 9; i++)
      await store.append({ circleId: 'xinhua', expectations: [], events: [thing(`m${i}`, 'x/1')] });
    const checkpoints = createMemoryCheckpoints();
    const seen: string[] = [];
    let fail = true;
    const outbox = createSubscription({
      name: 'memory-outbox',
      store,
      checkpoints,
      pageSize: 2,
      handle(event) {
        if (event.id === 'm5' && fail) {
          fail = false;
          throw new Error('down');
        }
        seen.push(event.id);
      },
    });
    await expect(outbox.drain()).rejects.toThrow('down');
    expect(await outbox.drain()).toBe(4);
    expect(seen).toEqual(Array.from({ length: 9 }, (_, i) => `m${i}`));
    expect(await checkpoints.load('memory-outbox')).toBe(9);
  });

  it('checks names and positions as the database checkpoints do', async () => {
    const checkpoints = createMemoryCheckpoints();
    await checkpoints.save('outbox', 4);
    const calls: Array<readonly [() => Promise<unknown>, string]> = [
      ...[-1, 1.5, Number.NaN, undefined as unknown as number].map(
        (position) => [() => checkpoints.save('outbox', position), 'position'] as const,
      ),
      [() => checkpoints.save('two words', 5), 'subscription'],
      [() => checkpoints.load(''), 'subscription'],
    ];
    for (const [call, field] of calls)
      await expect(call(), field).rejects.toMatchObject({
        code: 'invalid_input',
        path: [field],
      });
    expect(await checkpoints.load('outbox')).toBe(4);
  });

  it('a drain called while another handles its last page also hands over what came before the call', async () => {
    const store = createMemoryEventStore();
    await store.append({ circleId: 'xinhua', expectations: [], events: [thing('r1', 'x/1')] });
    let release = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: string[] = [];
    const outbox = createSubscription({
      name: 'notified',
      store,
      checkpoints: createMemoryCheckpoints(),
      async handle(event) {
        seen.push(event.id);
        if (event.id === 'r1') await slow;
      },
    });
    const first = outbox.drain();
    await sleep(10);
    // The first drain has read its last page: r2 comes after, and so does its notification.
    await store.append({ circleId: 'xinhua', expectations: [], events: [thing('r2', 'x/2')] });
    const second = outbox.drain();
    const third = outbox.drain();
    release();
    expect(await first).toBe(1);
    expect(await second).toBe(1);
    expect(await third).toBe(1);
    expect(seen).toEqual(['r1', 'r2']);
  });
});

describe('a subscription consumer killed with SIGKILL (PostgreSQL)', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    database = await createTestDatabase();
    store = await createPostgresEventStore({
      driver: createPgDriver({ connectionString: database.url, max: 2 }),
      schema: 'subscription',
    });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('resumes from its checkpoint: every event seen, none lost, only the one in flight twice', async () => {
    const total = 150;
    await fill(store, total);
    const seenFile = join(mkdtempSync(join(tmpdir(), 'quanzi-sub-')), 'seen.txt');
    const worker = () =>
      fork(join(import.meta.dirname, 'subscriptionWorker.ts'), {
        execArgv: ['--conditions=quanzi-source', '--import', 'tsx'],
        env: {
          ...process.env,
          QUANZI_SUB_DATABASE_URL: database.url,
          QUANZI_SUB_SEEN_FILE: seenFile,
        },
      });
    const exited = (child: ReturnType<typeof fork>) =>
      new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      );
    const lines = () =>
      existsSync(seenFile) ? readFileSync(seenFile, 'utf8').trim().split('\n').filter(Boolean) : [];

    const first = worker();
    const killed = exited(first);
    while (lines().length < total / 3) await sleep(10);
    first.kill('SIGKILL');
    expect((await killed).signal).toBe('SIGKILL');
    const beforeRestart = lines().length;
    const checkpoint = await store.checkpoints.load('sms-outbox');
    expect(beforeRestart).toBeLessThan(total);

    expect(await exited(worker())).toEqual({ code: 0, signal: null });
    const positions = lines().map((line) => Number(line.split(' ')[0]));
    const counts = new Map<number, number>();
    for (const position of positions) counts.set(position, (counts.get(position) ?? 0) + 1);
    // Every event at least once, in log order within each run.
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: total }, (_, i) => i + 1),
    );
    // Only the event after the checkpoint at the kill can come twice (it was in flight).
    const twice = [...counts].filter(([, n]) => n > 1).map(([position]) => position);
    expect(twice.every((position) => position === checkpoint + 1)).toBe(true);
    expect(await store.checkpoints.load('sms-outbox')).toBe(total);
  });
});
