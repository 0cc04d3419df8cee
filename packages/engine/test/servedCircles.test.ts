import { createSequentialIds } from '@quanzi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  holdNextAppend,
  pgliteStores,
  postgresStores,
  type StoreFactory,
} from '../../store-postgres/test/storeFixtures';
import {
  type CommandInput,
  createEngine,
  createMemoryEventStore,
  type Engine,
  type TaskRecord,
} from '../src/index';
import { circles, dongchengSpot, harness, key, policy, taskDraft } from './engineFixtures';

// Several engines over one PostgreSQL, each serving some circles (#14).

const byId = (records: ReadonlyArray<TaskRecord>) =>
  Object.fromEntries(records.map((r) => [r.task.id, r.snapshot]));

/** A new store of `stores`, a writer engine over all circles, and an engine serving Xinhua. */
async function writerAndFollower(stores: StoreFactory) {
  const store = await stores.create();
  const writer = await harness({ store, ids: createSequentialIds('w') });
  const follower = await createEngine({
    circles,
    policy,
    store,
    clock: writer.clock,
    ids: createSequentialIds('f'),
    serves: ['xinhua'],
  });
  return { store, writer, follower };
}

describe('engines serving disjoint circles of one PostgreSQL', () => {
  let stores: StoreFactory;
  beforeAll(async () => {
    stores = await postgresStores();
  });
  afterAll(() => stores.dispose());

  it('load only their circles plus the neighbours’ tasks, take only their commands, and agree with an engine over all', async () => {
    const store = await stores.create();
    const setup = await harness({ store, ids: createSequentialIds('setup') });
    const created = async (actor: string, extra: Record<string, unknown>) => {
      const at = actor === 'dcmd' ? dongchengSpot : undefined;
      const outcome = await setup.run(actor, { type: 'task.create', task: taskDraft(at, extra) });
      const taskId = outcome.status === 'applied' ? (outcome.taskId as string) : '';
      await setup.run(actor, { type: 'task.publish', taskId });
      return taskId;
    };
    const xinhuaTask = await created('cmd', { title: 'Xinhua bikes' });
    const neighbourTask = await created('dcmd', { title: 'Dongcheng bikes' });
    const neighbourSecret = await created('dcmd', {
      title: 'Watch the van',
      category: 'suspicious_watch',
    });
    await setup.run('dq', {
      type: 'report.submit',
      report: { channel: 'mobile', text: 'Broken light', anonymous: true },
    });

    const open = (serves?: string[], label = 'all') =>
      createEngine({
        circles,
        policy,
        store,
        clock: setup.clock,
        ids: createSequentialIds(label),
        ...(serves ? { serves } : {}),
      });
    const xinhua = await open(['xinhua'], 'x');
    const dongcheng = await open(['dongcheng'], 'd');

    // Xinhua's engine holds its own people and reports, and of Dongcheng only tasks.
    const xs = xinhua.getPrivilegedSnapshot();
    expect(new Set(xs.participants.map((p) => p.participant.circleId))).toEqual(
      new Set(['xinhua']),
    );
    expect(xs.reports).toEqual([]);
    expect(xs.tasks.map((t) => t.task.id).sort()).toEqual(
      [xinhuaTask, neighbourTask, neighbourSecret].sort(),
    );

    // A boundary participant discovers the neighbour's public task, not its sensitive one.
    const nearby = xinhua.claimableNear('q1');
    const neighbour = nearby.find((item) => item.task.task.id === neighbourTask);
    expect(neighbour).toMatchObject({ circleId: 'dongcheng', claimable: false });
    expect(nearby.map((item) => item.task.task.id)).not.toContain(neighbourSecret);

    // A command for the other circle is refused before anything is written.
    const before = (await store.readAll()).length;
    await expect(
      xinhua.host.execute({
        type: 'participant.register',
        idempotencyKey: key(),
        participant: {
          id: 'late',
          circleId: 'dongcheng',
          kind: 'resident',
          displayName: 'Late',
        },
      }),
    ).rejects.toMatchObject({ code: 'unsupported' });
    // So is a command of the other circle's people, whom this engine does not load: it
    // names their circle, where a truly unknown participant stays not_found.
    const dongchengReport = xinhua.execute({
      type: 'report.submit',
      idempotencyKey: key(),
      actorId: 'dq',
      report: {
        channel: 'mobile',
        text: 'Broken light',
        location: { type: 'Point', coordinates: dongchengSpot },
      },
    });
    await expect(dongchengReport).rejects.toMatchObject({ code: 'unsupported' });
    await expect(dongchengReport).rejects.toThrow(/dongcheng/);
    const stranger = xinhua.execute({
      type: 'task.claim',
      idempotencyKey: key(),
      actorId: 'nobody',
      taskId: xinhuaTask,
    });
    await expect(stranger).rejects.toMatchObject({ code: 'not_found', path: ['actorId'] });
    expect((await store.readAll()).length).toBe(before);

    // Each engine works its own circle; one going away leaves the other working.
    const claimed = await dongcheng.execute({
      type: 'task.claim',
      idempotencyKey: key(),
      actorId: 'dq',
      taskId: neighbourTask,
    });
    expect(claimed.status).toBe('applied');
    const mine = await xinhua.execute({
      type: 'task.claim',
      idempotencyKey: key(),
      actorId: 'q1',
      taskId: xinhuaTask,
    });
    expect(mine.status).toBe('applied');

    // Ticks: each engine expires leases in its own circles only.
    setup.clock.advance(6 * 60 * 60_000);
    await xinhua.tick();
    const whole = await open(undefined, 'w');
    const state = (engine: Engine, id: string) =>
      engine.getPrivilegedSnapshot().tasks.find((t) => t.task.id === id)?.snapshot;
    expect(state(whole, xinhuaTask)?.claims).toEqual([]);
    expect(state(whole, neighbourTask)?.claims.map((c) => c.claimantId)).toEqual(['dq']);
    await dongcheng.tick();
    await Promise.all([xinhua.refresh(), dongcheng.refresh(), whole.refresh()]);
    expect(state(whole, neighbourTask)?.claims).toEqual([]);

    // An engine over all circles agrees with both, circle by circle.
    const all = whole.getPrivilegedSnapshot();
    for (const [engine, circleId] of [
      [xinhua, 'xinhua'],
      [dongcheng, 'dongcheng'],
    ] as const) {
      const own = (r: { task: { circleId: string } }) => r.task.circleId === circleId;
      expect(byId(engine.getPrivilegedSnapshot().tasks.filter(own))).toEqual(
        byId(all.tasks.filter(own)),
      );
      const people = (ps: typeof all.participants) =>
        ps.filter((p) => p.participant.circleId === circleId);
      expect(people(engine.getPrivilegedSnapshot().participants)).toEqual(people(all.participants));
    }
    // The neighbours' tasks each engine holds are the same as the owner's.
    expect(byId(xinhua.getPrivilegedSnapshot().tasks)).toEqual(byId(all.tasks));
  });

  it('reads an append of its circle that committed after a neighbour’s later one', async () => {
    const { store, writer, follower: xinhua } = await writerAndFollower(stores);
    // Another process: the writer's own queue holds its next command behind the first.
    const other = await createEngine({
      circles,
      policy,
      store,
      clock: writer.clock,
      ids: createSequentialIds('o'),
    });
    // A Xinhua task takes the next position and stays in flight; a Dongcheng task (a
    // neighbour's task, which Xinhua's engine loads) takes the one after and commits.
    const hold = await holdNextAppend(store, stores.url ?? '', 'xinhua');
    const created = writer.run('cmd', { type: 'task.create', task: taskDraft() });
    await hold.started();
    // It commits, then waits to read the log past the Xinhua task in flight.
    const neighbourCreated = other.execute({
      type: 'task.create',
      actorId: 'dcmd',
      idempotencyKey: 'neighbour-task',
      task: taskDraft(dongchengSpot),
    } as CommandInput);
    const committed = () =>
      store.driver.query(
        `SELECT FROM ${store.tables.events} WHERE circle_id = 'dongcheng' AND type = 'quanzi.task.created'`,
      );
    while ((await committed()).length === 0);
    const refreshed = xinhua.refresh();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await hold.release();
    const [outcome, neighbour] = await Promise.all([created, neighbourCreated, refreshed]);
    await xinhua.refresh();
    const ids = xinhua.getPrivilegedSnapshot().tasks.map((record) => record.task.id);
    expect(ids).toContain(outcome.status === 'applied' ? outcome.taskId : 'created');
    expect(ids).toContain(neighbour.status === 'applied' ? neighbour.taskId : 'neighbour');
  });

  it('refuses a served circle it does not know, naming the field', async () => {
    await expect(
      createEngine({
        circles,
        policy,
        clock: (await harness()).clock,
        ids: createSequentialIds(),
        serves: ['xinhua', 'atlantis'],
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', path: ['serves', 1] });
  });
});

for (const [kind, open] of [
  ['PostgreSQL', postgresStores],
  ['PGlite', pgliteStores],
] as const) {
  describe(`following a shared ${kind} store`, () => {
    let stores: StoreFactory;
    beforeAll(async () => {
      stores = await open();
    });
    afterAll(() => stores.dispose());

    it('hears of another engine’s appends through LISTEN/NOTIFY, without calling refresh()', async () => {
      const { writer, follower } = await writerAndFollower(stores);
      const stop = await follower.follow();
      const seen = (taskId: string) =>
        follower.getPrivilegedSnapshot().tasks.some((t) => t.task.id === taskId);
      const count = () => follower.getPrivilegedSnapshot().tasks.length;
      for (const [actor, at] of [
        ['cmd', undefined],
        ['dcmd', dongchengSpot],
      ] as const) {
        // Listening before the write, so a notification that arrives at once is not missed.
        const before = count();
        const grown = new Promise<void>((resolve) => {
          const off = follower.subscribe(() => {
            if (count() === before) return;
            off();
            resolve();
          });
        });
        const outcome = await writer.run(actor, { type: 'task.create', task: taskDraft(at) });
        const taskId = outcome.status === 'applied' ? (outcome.taskId as string) : '';
        // Nobody calls refresh(): the store's notification brings the task, and a
        // neighbour's task too, since a border participant discovers it.
        await grown;
        expect(seen(taskId)).toBe(true);
      }
      await stop();
      const after = await writer.run('cmd', { type: 'task.create', task: taskDraft() });
      const late = after.status === 'applied' ? (after.taskId as string) : '';
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seen(late)).toBe(false);
      await follower.refresh();
      expect(seen(late)).toBe(true);
    });
  });
}

describe('following a shared PostgreSQL store whose listening connection ends', () => {
  let stores: StoreFactory;
  beforeAll(async () => {
    stores = await postgresStores();
  });
  afterAll(() => stores.dispose());

  it('listens again and reads what was appended while it was not listening', async () => {
    const { store, writer, follower } = await writerAndFollower(stores);
    const stop = await follower.follow();
    const listening = () =>
      store.driver.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'LISTEN%' AND state = 'idle'`,
      );
    const [listener] = await listening();
    await store.driver.query('SELECT pg_terminate_backend($1)', [listener?.pid]);
    while ((await listening()).some((row) => row.pid === listener?.pid));
    // Written while nobody listens (it listens again 0.1 s after the end): no
    // notification will tell of it.
    const outcome = await writer.run('cmd', { type: 'task.create', task: taskDraft() });
    const taskId = outcome.status === 'applied' ? (outcome.taskId as string) : '';
    const seen = () => follower.getPrivilegedSnapshot().tasks.some((t) => t.task.id === taskId);
    await new Promise<void>((resolve) => {
      const off = follower.subscribe(() => {
        if (!seen()) return;
        off();
        resolve();
      });
    });
    expect(seen()).toBe(true);
    expect((await listening()).length).toBe(1);
    await stop();
  });
});

describe('following the in-memory store', () => {
  it('is refused: one process needs no notifications', async () => {
    const engine = await createEngine({
      circles,
      policy,
      store: createMemoryEventStore(),
      clock: (await harness()).clock,
      ids: createSequentialIds(),
    });
    await expect(engine.follow()).rejects.toMatchObject({ code: 'unsupported' });
  });
});
