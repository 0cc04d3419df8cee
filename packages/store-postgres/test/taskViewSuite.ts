import { isQuanziError, parseAppendRequest } from '@quanzi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendEvents } from '../src/appendEvents';
import type { PostgresEventStore } from '../src/index';
import type { StoreFactory } from './storeFixtures';
import { taskClaimed, taskCreated, taskEvent } from './testEvents';

const circleId = 'xinhua';

async function publish(store: PostgresEventStore, taskId: string, slots: number) {
  await store.append({
    circleId,
    expectations: [{ streamId: `task/${taskId}`, expectedVersion: 0 }],
    events: [
      taskCreated(taskId, circleId, slots),
      taskEvent(`${taskId}.published`, 'quanzi.task.published', taskId, circleId, { taskId }),
    ],
  });
}

const claim = (store: PostgresEventStore, taskId: string, claimantId: string) =>
  store.append({
    circleId,
    expectations: [],
    events: [taskClaimed(`${taskId}.${claimantId}`, taskId, circleId, claimantId)],
  });

/** Runs the task view tests against stores from `factory` (called once the suite starts). */
export function describeTaskViewSuite(name: string, factory: () => StoreFactory): void {
  describe(`task view on ${name}`, () => {
    const create = () => factory().create();

    it('admits claims while a slot is free and refuses double and excess claims', async () => {
      const store = await create();
      await publish(store, 't1', 2);
      expect((await store.tasks.get(circleId, 't1'))?.state).toBe('published');
      expect((await claim(store, 't1', 'p1')).status).toBe('appended');
      expect(await claim(store, 't1', 'p1')).toEqual({
        status: 'conflict',
        streamId: 'task/t1',
        expectedVersion: 3,
        actualVersion: 3,
      });
      expect((await store.tasks.list({ circleId, open: true })).map((t) => t.taskId)).toEqual([
        't1',
      ]);
      expect((await claim(store, 't1', 'p2')).status).toBe('appended');
      expect((await claim(store, 't1', 'p3')).status).toBe('conflict');
      const view = await store.tasks.get(circleId, 't1');
      expect(view).toMatchObject({ state: 'claimed', slots: 2, claimantIds: ['p1', 'p2'] });
      expect(view?.leases).toEqual({ p1: '2026-11-29T10:00:00Z', p2: '2026-11-29T10:00:00Z' });
      expect(await store.tasks.list({ circleId, open: true })).toEqual([]);
      expect(await store.readStream('task/t1')).toHaveLength(4);
    });

    it('keeps a live task open when the center reviews it after publication (post-review)', async () => {
      const store = await create();
      await publish(store, 'live', 1);
      const reviewed = taskEvent('live.reviewed', 'quanzi.task.reviewed', 'live', circleId, {
        taskId: 'live',
        decision: 'approved',
      });
      await store.append({ circleId, expectations: [], events: [reviewed] });
      expect((await store.tasks.get(circleId, 'live'))?.state).toBe('published');
      expect((await claim(store, 'live', 'p1')).status).toBe('appended');
    });

    it('creates a task once, on either append path, with or without an expectation', async () => {
      const store = await create();
      await publish(store, 't1', 1);
      await claim(store, 't1', 'p1');
      // Without an expectation, a second creation used to be appended and reset the row.
      const request = {
        circleId,
        expectations: [],
        events: [{ ...taskCreated('t1', circleId, 3), id: 't1.again' }],
      };
      const refused = {
        status: 'conflict',
        streamId: 'task/t1',
        expectedVersion: 0,
        actualVersion: 3,
      };
      expect(await store.append(request)).toEqual(refused);
      const { driver, tables } = store;
      expect(await appendEvents(driver, tables, parseAppendRequest(request))).toEqual(refused);
      expect(await store.tasks.get(circleId, 't1')).toMatchObject({
        state: 'claimed',
        slots: 1,
        claimantIds: ['p1'],
      });
      expect((await store.readStream('task/t1')).map((event) => event.id)).toEqual([
        't1.created',
        't1.published',
        't1.p1',
      ]);
      expect(await store.verifyAudit()).toMatchObject({ ok: true, entries: 3 });
    });

    it('refuses claims on unknown or unpublished tasks', async () => {
      const store = await create();
      expect((await claim(store, 'ghost', 'p1')).status).toBe('conflict');
      await store.append({ circleId, expectations: [], events: [taskCreated('draft1', circleId)] });
      expect((await claim(store, 'draft1', 'p1')).status).toBe('conflict');
      expect((await store.tasks.get(circleId, 'draft1'))?.state).toBe('draft');
      expect(await store.readStream('task/ghost')).toEqual([]);
    });

    it('frees the slot on release and reopens the task', async () => {
      const store = await create();
      await publish(store, 't1', 1);
      await claim(store, 't1', 'p1');
      await store.append({
        circleId,
        expectations: [],
        events: [
          taskEvent('t1.rel', 'quanzi.task.released', 't1', circleId, {
            taskId: 't1',
            claimantId: 'p1',
            reason: 'released',
          }),
        ],
      });
      expect(await store.tasks.get(circleId, 't1')).toMatchObject({
        state: 'published',
        claimantIds: [],
        leases: {},
      });
      expect((await claim(store, 't1', 'p2')).status).toBe('appended');
    });

    it('lets exactly `slots` of many concurrent claimants in', async () => {
      const store = await create();
      await publish(store, 't1', 3);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => claim(store, 't1', `p${i}`)),
      );
      const winners = results.flatMap((r) =>
        r.status === 'appended'
          ? r.events.map((e) => (e.data as { claimantId: string }).claimantId)
          : [],
      );
      expect(winners).toHaveLength(3);
      expect([...((await store.tasks.get(circleId, 't1'))?.claimantIds ?? [])].sort()).toEqual(
        [...winners].sort(),
      );
    });

    it('pages and filters a circle’s tasks and rejects a bad query', async () => {
      const store = await create();
      for (const id of ['a', 'b', 'c']) await publish(store, id, 1);
      await store.append({ circleId, expectations: [], events: [taskCreated('d', circleId)] });
      await claim(store, 'b', 'p1');
      const ids = (tasks: { taskId: string }[]) => tasks.map((t) => t.taskId);
      expect(ids(await store.tasks.list({ circleId }))).toEqual(['a', 'b', 'c', 'd']);
      expect(ids(await store.tasks.list({ circleId, open: true }))).toEqual(['a', 'c']);
      expect(ids(await store.tasks.list({ circleId, states: ['draft'] }))).toEqual(['d']);
      expect(ids(await store.tasks.list({ circleId, afterTaskId: 'b', limit: 1 }))).toEqual(['c']);
      expect(await store.tasks.list({ circleId: 'elsewhere' })).toEqual([]);
      const error = await store.tasks
        .list({ circleId, states: ['flying' as 'draft'] })
        .catch((e: unknown) => e);
      expect(isQuanziError(error) && error.code).toBe('invalid_input');
    });

    it('finds task rows by their key alone, leaves room for new row versions, stores rows as sent', async () => {
      const store = await create();
      const schema = store.tables.schema;
      // A second index on the view let a once-per-connection plan of append_one lock a
      // task by scanning its circle's rows (migration 10).
      const indexes = await store.driver.query<{ name: string }>(
        `SELECT i.relname AS name FROM pg_index x
           JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
          WHERE c.relnamespace = $1::regnamespace AND c.relname = 'task_view'`,
        [schema],
      );
      expect(indexes.map((i) => i.name)).toEqual(['task_view_pkey']);
      const partitions = await store.driver.query<{ options: string[] | null }>(
        `SELECT c.reloptions AS options FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = $1::regclass`,
        [store.tables.taskView],
      );
      expect(partitions.length).toBeGreaterThan(1);
      for (const { options } of partitions) expect(options).toContain('fillfactor=50');
      const functions = await store.driver.query<{ name: string; config: string[] }>(
        `SELECT proname AS name, proconfig AS config FROM pg_proc
          WHERE pronamespace = $1::regnamespace AND proname IN ('append_one', 'append_logged')`,
        [schema],
      );
      expect(functions).toHaveLength(2);
      for (const { config } of functions) expect(config).toContain('enable_seqscan=off');
      // Stored as sent: no jsonb parse of every rewritten row.
      const columns = await store.driver.query<{ name: string; type: string }>(
        `SELECT attname AS name, atttypid::regtype::text AS type FROM pg_attribute
          WHERE attrelid = $1::regclass AND attname IN ('snapshot', 'terms') ORDER BY attname`,
        [store.tables.taskView],
      );
      expect(columns).toEqual([
        { name: 'snapshot', type: 'json' },
        { name: 'terms', type: 'json' },
      ]);
    });

    it('keeps the same view incrementally as a rebuild from the log', async () => {
      const action = fc.record({
        task: fc.constantFrom('a', 'b'),
        kind: fc.constantFrom('claim', 'release', 'start', 'submit', 'accept', 'close'),
        who: fc.constantFrom('p1', 'p2', 'p3'),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(action, { maxLength: 12 }), async (actions) => {
          const store = await create();
          await publish(store, 'a', 2);
          await publish(store, 'b', 1);
          for (const [i, { task, kind, who }] of actions.entries()) {
            const event =
              kind === 'claim'
                ? taskClaimed(`x${i}`, task, circleId, who)
                : taskEvent(`x${i}`, lifecycleType[kind], task, circleId, {
                    taskId: task,
                    ...lifecycleData(kind, who),
                  });
            await store.append({ circleId, expectations: [], events: [event] });
          }
          const incremental = await store.tasks.list({ circleId });
          expect(await store.tasks.rebuild(circleId)).toBe(2);
          expect(await store.tasks.list({ circleId })).toEqual(incremental);
          for (const view of incremental)
            expect(view.claimantIds.length).toBeLessThanOrEqual(view.slots);
        }),
        { numRuns: 10 },
      );
    });
  });
}

const lifecycleType = {
  release: 'quanzi.task.released',
  start: 'quanzi.task.started',
  submit: 'quanzi.task.work_submitted',
  accept: 'quanzi.task.accepted',
  close: 'quanzi.task.closed',
} as const;

function lifecycleData(kind: keyof typeof lifecycleType, who: string): object {
  switch (kind) {
    case 'release':
      return { claimantId: who, reason: 'released' };
    case 'start':
      return { claimantId: who };
    case 'submit':
      return { claimantId: who, evidence: [] };
    case 'accept':
      return { claimantIds: [who], onTime: true };
    case 'close':
      return { reason: 'resolved' };
  }
}
