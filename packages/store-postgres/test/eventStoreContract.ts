// The behaviour every EventStore must share (memory, PGlite, PostgreSQL). It speaks
// only the port from @quanzi/core, so any store can run it:
//   describeEventStoreContract('memory', () => createMemoryEventStore());
import {
  createEvent,
  type EventStore,
  isQuanziError,
  type ReadAllOptions,
  type StoredEvent,
} from '@quanzi/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { taskCreated } from './testEvents';

/** A store under test; `close` is called after each test when present. */
export type ContractStore = EventStore & { close?: () => Promise<void> };

const circleId = 'xinhua';

function event(id: string, subject: string, data: unknown = { id }, circle = circleId) {
  return createEvent({
    id,
    type: 'test.thing.happened',
    time: '2026-11-29T08:00:00Z',
    subject,
    circleId: circle,
    actor: 'p1',
    data,
  });
}

function appended(result: Awaited<ReturnType<EventStore['append']>>): StoredEvent[] {
  if (result.status !== 'appended') throw new Error(`expected appended, got ${result.status}`);
  return [...result.events];
}

/** Runs the shared event-store contract against stores made by `createStore`. */
export function describeEventStoreContract(
  name: string,
  createStore: () => Promise<ContractStore> | ContractStore,
): void {
  describe(`EventStore contract: ${name}`, () => {
    const opened: ContractStore[] = [];
    const open = async () => {
      const store = await createStore();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close?.()));
    });

    it('numbers a new stream from 1 and reads it back in order', async () => {
      const store = await open();
      const data = { text: '小区门口共享单车', nested: { list: [1, 2.5, null, true] } };
      const events = appended(
        await store.append({
          circleId,
          expectations: [{ streamId: 'task/a', expectedVersion: 0 }],
          events: [event('e1', 'task/a', data), event('e2', 'task/a')],
        }),
      );
      expect(events.map((e) => [e.id, e.streamsequence])).toEqual([
        ['e1', 1],
        ['e2', 2],
      ]);
      expect(events[1]?.position).toBeGreaterThan(events[0]?.position ?? Infinity);
      expect(await store.readStream('task/a')).toEqual(events);
      expect((await store.readStream('task/a'))[0]?.data).toEqual(data);
      expect(await store.readStream('task/a', { fromSequence: 2 })).toEqual([events[1]]);
      expect(await store.readStream('task/none')).toEqual([]);
    });

    it('refuses a stale expected version and writes nothing', async () => {
      const store = await open();
      await store.append({ circleId, expectations: [], events: [event('e1', 'task/a')] });
      const result = await store.append({
        circleId,
        expectations: [{ streamId: 'task/a', expectedVersion: 0 }],
        events: [event('e2', 'task/a')],
      });
      expect(result).toEqual({
        status: 'conflict',
        streamId: 'task/a',
        expectedVersion: 0,
        actualVersion: 1,
      });
      expect((await store.readAll()).map((e) => e.id)).toEqual(['e1']);
    });

    it('appends to several streams all or nothing', async () => {
      const store = await open();
      await store.append({ circleId, expectations: [], events: [event('b1', 'task/b')] });
      const result = await store.append({
        circleId,
        expectations: [
          { streamId: 'task/a', expectedVersion: 0 },
          { streamId: 'task/b', expectedVersion: 0 },
        ],
        events: [event('a1', 'task/a'), event('b2', 'task/b')],
      });
      expect(result.status).toBe('conflict');
      expect(await store.readStream('task/a')).toEqual([]);
      const ok = appended(
        await store.append({
          circleId,
          expectations: [
            { streamId: 'task/a', expectedVersion: 0 },
            { streamId: 'task/b', expectedVersion: 1 },
          ],
          events: [event('a1', 'task/a'), event('b2', 'task/b')],
        }),
      );
      expect(ok.map((e) => [e.subject, e.streamsequence])).toEqual([
        ['task/a', 1],
        ['task/b', 2],
      ]);
    });

    it('continues a stream when the append has no expectation', async () => {
      const store = await open();
      await store.append({ circleId, expectations: [], events: [event('e1', 'task/a')] });
      const [second] = appended(
        await store.append({ circleId, expectations: [], events: [event('e2', 'task/a')] }),
      );
      expect(second?.streamsequence).toBe(2);
    });

    it('replays a retried idempotency key instead of writing twice', async () => {
      const store = await open();
      const request = {
        circleId,
        expectations: [{ streamId: 'task/a', expectedVersion: 0 }],
        events: [event('e1', 'task/a')],
        idempotencyKey: 'client-7:cmd-1',
        requestHash: 'h1',
      };
      const first = appended(await store.append(request));
      const retry = await store.append(request);
      expect(retry).toEqual({ status: 'replayed', events: first });
      expect(await store.readAll()).toEqual(first);
    });

    it('rejects a reused idempotency key with a different request', async () => {
      const store = await open();
      const base = { circleId, expectations: [], idempotencyKey: 'k1' };
      await store.append({ ...base, events: [event('e1', 'task/a')], requestHash: 'h1' });
      const error = await store
        .append({ ...base, events: [event('e2', 'task/a')], requestHash: 'h2' })
        .catch((e: unknown) => e);
      expect(isQuanziError(error) && error.code).toBe('idempotency_mismatch');
      expect((await store.readAll()).map((e) => e.id)).toEqual(['e1']);
    });

    it("keeps idempotency keys per circle, and finds a key's events in every circle", async () => {
      const store = await open();
      const request = (circle: string, id: string) => ({
        circleId: circle,
        expectations: [],
        events: [event(id, `s/${id}`, { id }, circle)],
        idempotencyKey: 'shared',
        requestHash: `h-${circle}`,
      });
      expect((await store.append(request('xinhua', 'x1'))).status).toBe('appended');
      expect((await store.append(request('dongcheng', 'd1'))).status).toBe('appended');
      expect((await store.append(request('xinhua', 'x2'))).status).toBe('replayed');
      expect((await store.eventsOfKey?.('shared'))?.map((e) => e.id)).toEqual(['x1', 'd1']);
    });

    it('does not remember a key whose append lost a race', async () => {
      const store = await open();
      await store.append({ circleId, expectations: [], events: [event('e1', 'task/a')] });
      const request = { circleId, events: [event('e2', 'task/a')], idempotencyKey: 'k2' };
      const lost = await store.append({
        ...request,
        expectations: [{ streamId: 'task/a', expectedVersion: 0 }],
      });
      expect(lost.status).toBe('conflict');
      const retried = await store.append({
        ...request,
        expectations: [{ streamId: 'task/a', expectedVersion: 1 }],
      });
      expect(retried.status).toBe('appended');
    });

    it('lets exactly one of many concurrent appenders at a version win', async () => {
      const store = await open();
      await store.append({ circleId, expectations: [], events: [event('e0', 'task/a')] });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.append({
            circleId,
            expectations: [{ streamId: 'task/a', expectedVersion: 1 }],
            events: [event(`claim-${i}`, 'task/a')],
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'appended')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'conflict')).toHaveLength(19);
      expect(await store.readStream('task/a')).toHaveLength(2);
    });

    it('writes once for concurrent retries with one idempotency key', async () => {
      const store = await open();
      const request = {
        circleId,
        expectations: [],
        events: [event('e1', 'task/a')],
        idempotencyKey: 'k',
        requestHash: 'h',
      };
      const results = await Promise.all(Array.from({ length: 8 }, () => store.append(request)));
      expect(results.filter((r) => r.status === 'appended')).toHaveLength(1);
      const [winner] = results.filter((r) => r.status === 'appended');
      for (const result of results) expect(result).toEqual({ ...winner, status: result.status });
      expect(await store.readAll()).toHaveLength(1);
    });

    it('reads the whole log in order, after a position, by circle and with a limit', async () => {
      const store = await open();
      await store.append({ circleId, expectations: [], events: [event('a1', 'task/a')] });
      await store.append({
        circleId: 'other',
        expectations: [],
        events: [event('o1', 'task/o', {}, 'other')],
      });
      await store.append({ circleId, expectations: [], events: [event('a2', 'task/a')] });
      const all = await store.readAll();
      expect(all.map((e) => e.id)).toEqual(['a1', 'o1', 'a2']);
      expect(all.map((e) => e.position)).toEqual(
        [...all.map((e) => e.position)].sort((a, b) => a - b),
      );
      expect((await store.readAll({ circleId })).map((e) => e.id)).toEqual(['a1', 'a2']);
      expect((await store.readAll({ after: all[0]?.position })).map((e) => e.id)).toEqual([
        'o1',
        'a2',
      ]);
      expect((await store.readAll({ limit: 2 })).map((e) => e.id)).toEqual(['a1', 'o1']);
      await store.append({
        circleId: 'third',
        expectations: [],
        events: [event('t1', 'task/t', {}, 'third')],
      });
      const ofCircles = (options: ReadAllOptions) =>
        store.readAll(options).then((events) => events.map((e) => e.id));
      expect(await ofCircles({ circleIds: [circleId, 'third'] })).toEqual(['a1', 'a2', 't1']);
      expect(await ofCircles({ circleIds: ['third', 'other'], limit: 1 })).toEqual(['o1']);
      expect(await ofCircles({ circleIds: [circleId], after: all[0]?.position })).toEqual(['a2']);
      expect(await ofCircles({ circleIds: [] })).toEqual([]);
    });

    it('reads only the events of given types, with the other options', async () => {
      const store = await open();
      const rare = (id: string, circle = circleId) => ({
        ...event(id, `task/r-${circle}`, { id }, circle),
        type: 'test.rare.happened',
      });
      await store.append({ circleId, expectations: [], events: [event('a1', 'task/a')] });
      await store.append({ circleId, expectations: [], events: [rare('r1')] });
      await store.append({ circleId: 'other', expectations: [], events: [rare('r2', 'other')] });
      await store.append({ circleId, expectations: [], events: [event('a2', 'task/a')] });
      await store.append({ circleId, expectations: [], events: [rare('r3')] });
      const ids = async (options: ReadAllOptions) =>
        (await store.readAll(options)).map((e) => e.id);
      const types = ['test.rare.happened'];
      expect(await ids({ types })).toEqual(['r1', 'r2', 'r3']);
      expect(await ids({ types, circleId })).toEqual(['r1', 'r3']);
      expect(await ids({ types, limit: 1 })).toEqual(['r1']);
      const [first] = await store.readAll({ types });
      expect(await ids({ types, after: first?.position })).toEqual(['r2', 'r3']);
      expect(await ids({ types: [...types, 'test.thing.happened'] })).toHaveLength(5);
      expect(await ids({ types: [] })).toEqual([]);
    });

    it('refuses a read it cannot answer with invalid_input naming the option', async () => {
      const store = await open();
      await store.append({ circleId, expectations: [], events: [event('e1', 'task/a')] });
      const cases: Array<[unknown, ReadonlyArray<string | number>]> = [
        [{ after: 0.5 }, ['after']],
        [{ after: -1 }, ['after']],
        [{ limit: 0 }, ['limit']],
        [{ circleId: 'x y' }, ['circleId']],
        [{ circleIds: [circleId, 'x y'] }, ['circleIds', 1]],
        [{ types: 'test.thing.happened' }, ['types']],
      ];
      for (const [options, path] of cases) {
        const error = await store.readAll(options as ReadAllOptions).catch((e: unknown) => e);
        expect(isQuanziError(error) && error.code, JSON.stringify(options)).toBe('invalid_input');
        expect(isQuanziError(error) && error.path).toEqual(path);
      }
      expect((await store.readAll()).map((e) => e.id)).toEqual(['e1']);
    });

    it('rejects an event from another circle with a typed error and writes nothing', async () => {
      const store = await open();
      const error = await store
        .append({ circleId, expectations: [], events: [event('x', 'task/x', {}, 'other')] })
        .catch((e: unknown) => e);
      expect(isQuanziError(error) && error.code).toBe('invalid_input');
      expect(await store.readAll()).toEqual([]);
    });

    it('keeps a stream in the circle of its first event: events and expectations of another circle are refused', async () => {
      const store = await open();
      await store.append({ circleId, expectations: [], events: [event('a1', 'task/a')] });
      const other = 'other';
      const refusal = (request: Parameters<EventStore['append']>[0]) =>
        store.append(request).then(
          (result) => result,
          (error: unknown) => (isQuanziError(error) ? error.code : error),
        );
      // An event on it, with or without an expectation.
      for (const expectations of [[], [{ streamId: 'task/a', expectedVersion: 1 }]])
        expect(
          await refusal({
            circleId: other,
            expectations,
            events: [event('o1', 'task/a', {}, other)],
          }),
        ).toBe('invalid_input');
      // An expectation on it beside an event elsewhere: the expectation can never hold.
      for (const expectedVersion of [0, 1, 2])
        expect(
          await refusal({
            circleId: other,
            expectations: [{ streamId: 'task/a', expectedVersion }],
            events: [event(`o${expectedVersion}`, 'task/o', {}, other)],
          }),
        ).toBe('invalid_input');
      expect((await store.readAll()).map((e) => e.id)).toEqual(['a1']);
      // Its own circle carries on.
      expect(
        (
          await store.append({
            circleId,
            expectations: [{ streamId: 'task/a', expectedVersion: 1 }],
            events: [event('a2', 'task/a')],
          })
        ).status,
      ).toBe('appended');
    });

    it('creates a task once: its created event must begin its stream', async () => {
      const store = await open();
      await store.append({ circleId, expectations: [], events: [taskCreated('t1', circleId)] });
      const again = { ...taskCreated('t1', circleId), id: 't1.again' };
      expect(await store.append({ circleId, expectations: [], events: [again] })).toEqual({
        status: 'conflict',
        streamId: 'task/t1',
        expectedVersion: 0,
        actualVersion: 1,
      });
      const twice = [
        taskCreated('t2', circleId),
        { ...taskCreated('t2', circleId), id: 't2.again' },
      ];
      expect(await store.append({ circleId, expectations: [], events: twice })).toEqual({
        status: 'conflict',
        streamId: 'task/t2',
        expectedVersion: 0,
        actualVersion: 0,
      });
      expect((await store.readAll()).map((e) => e.id)).toEqual(['t1.created']);
    });

    it('agrees with a model of stream versions for any sequence of appends', async () => {
      const streams = ['task/a', 'task/b', 'task/c'];
      const step = fc.record({
        streams: fc.subarray(streams, { minLength: 1 }),
        offsets: fc.array(fc.integer({ min: -1, max: 1 }), { minLength: 3, maxLength: 3 }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
          const store = await createStore();
          try {
            const model = new Map<string, number>();
            const log: string[] = [];
            for (const [n, s] of steps.entries()) {
              const expectations = s.streams.map((streamId, i) => ({
                streamId,
                expectedVersion: Math.max(0, (model.get(streamId) ?? 0) + (s.offsets[i] ?? 0)),
              }));
              const events = s.streams.map((streamId) => event(`s${n}-${streamId}`, streamId));
              const result = await store.append({ circleId, expectations, events });
              const fits = expectations.every(
                (e) => e.expectedVersion === (model.get(e.streamId) ?? 0),
              );
              expect(result.status).toBe(fits ? 'appended' : 'conflict');
              if (!fits) continue;
              for (const streamId of s.streams) model.set(streamId, (model.get(streamId) ?? 0) + 1);
              log.push(...events.map((e) => e.id));
            }
            expect((await store.readAll()).map((e) => e.id)).toEqual(log);
            for (const streamId of streams)
              expect((await store.readStream(streamId)).map((e) => e.streamsequence)).toEqual(
                Array.from({ length: model.get(streamId) ?? 0 }, (_, i) => i + 1),
              );
          } finally {
            await store.close?.();
          }
        }),
        { numRuns: 15 },
      );
    });
  });
}
