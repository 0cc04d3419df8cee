import { isQuanziError } from '@quanzi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/index';
import { migrations } from '../src/migrations';
import type { StoreFactory } from './storeFixtures';
import { taskClaimed, taskCreated, thing } from './testEvents';

const codeOf = (error: unknown) => (isQuanziError(error) ? error.code : String(error));

/** Runs the store tests against stores from `factory` (called once the suite starts). */
export function describeStoreSuite(name: string, factory: () => StoreFactory): void {
  describe(`store on ${name}`, () => {
    const create = () => factory().create();

    it('migrates once, and again from many starters at the same time', async () => {
      const store = await create();
      const versions = migrations.map((step) => step.version);
      const latest = Math.max(...versions);
      expect(store.migration).toEqual({ applied: versions, version: latest });
      const again = await Promise.all(
        Array.from({ length: 4 }, () => migrate(factory().driver, store.tables)),
      );
      expect(again).toEqual(Array.from({ length: 4 }, () => ({ applied: [], version: latest })));
    });

    it('announces each committed append once, with its circle, and a refused one never', async () => {
      const store = await create();
      const heard: string[] = [];
      let heardTwo = () => {};
      const two = new Promise<void>((resolve) => {
        heardTwo = resolve;
      });
      const stop = await store.watch?.((circleId) => {
        heard.push(circleId);
        if (heard.length === 2) heardTwo();
      });
      const events = [thing('n1', 's/n1', 'a'), thing('n2', 's/n1', 'a'), thing('n3', 's/n2', 'a')];
      await store.append({ circleId: 'a', expectations: [], events });
      const refused = await store.append({
        circleId: 'c',
        expectations: [{ streamId: 's/n3', expectedVersion: 1 }],
        events: [thing('n4', 's/n3', 'c')],
      });
      expect(refused.status).toBe('conflict');
      await store.append({ circleId: 'b', expectations: [], events: [thing('n5', 's/n5', 'b')] });
      // Notifications arrive in commit order: a second one for `a`, or one for `c`, comes before `b`'s.
      await two;
      await stop?.();
      expect(heard).toEqual(['a', 'b']);
    });

    it('keeps a stream id in the circle that created it', async () => {
      const store = await create();
      await store.append({ circleId: 'a', expectations: [], events: [thing('e1', 's/1', 'a')] });
      const error = await store
        .append({ circleId: 'b', expectations: [], events: [thing('e2', 's/1', 'b')] })
        .catch((e: unknown) => e);
      expect(codeOf(error)).toBe('invalid_input');
      expect((await store.readStream('s/1')).map((e) => e.id)).toEqual(['e1']);
    });

    it('answers hostile appends with typed errors and leaves the log unchanged', async () => {
      const store = await create();
      await store.append({
        circleId: 'xinhua',
        expectations: [],
        events: [taskCreated('t1', 'xinhua')],
      });
      const before = await store.readAll();
      const good = thing('e9', 's/9');
      const hostile = fc.oneof(
        fc.anything(),
        fc.record({ circleId: fc.string(), expectations: fc.anything(), events: fc.anything() }),
        fc.record({
          circleId: fc.constant('xinhua'),
          expectations: fc.constant([]),
          events: fc.array(
            fc.oneof(
              fc.anything().map((data) => ({ ...good, type: 'quanzi.task.claimed', data })),
              fc.string().map((time) => ({ ...good, time })),
              fc.constantFrom('', 'x'.repeat(400)).map((subject) => ({ ...good, subject })),
              fc.integer().map((streamsequence) => ({ ...good, streamsequence })),
              fc.string().map((circleid) => ({ ...good, circleid })),
            ),
            { minLength: 1, maxLength: 3 },
          ),
        }),
      );
      await fc.assert(
        fc.asyncProperty(hostile, async (input) => {
          const error = await store.append(input as never).then(
            () => 'accepted',
            (e: unknown) => e,
          );
          expect(codeOf(error)).toBe('invalid_input');
        }),
        { numRuns: 300 },
      );
      expect(await store.readAll()).toEqual(before);
      expect(await store.verifyAudit()).toMatchObject({ ok: true });
    });

    it('names the field of hostile arguments the database would refuse, and keeps the log', async () => {
      const store = await create();
      await store.append({
        circleId: 'xinhua',
        expectations: [],
        events: [taskCreated('ta', 'xinhua'), taskCreated('tb', 'xinhua')],
      });
      const before = await store.readAll();
      const nul = 'a\u0000b';
      const cases: Array<[() => Promise<unknown>, ReadonlyArray<string | number>]> = [
        // A claim of task ta on tb's stream: the task view and an engine would part ways.
        [
          () =>
            store.append({
              circleId: 'xinhua',
              expectations: [],
              events: [{ ...taskClaimed('c1', 'ta', 'xinhua', 'q1'), subject: 'task/tb' }],
            }),
          ['events', 0, 'subject'],
        ],
        [() => store.readAll({ circleId: nul }), ['circleId']],
        [() => store.readAll({ circleIds: ['xinhua', nul] }), ['circleIds', 1]],
        [() => store.readAll({ types: [nul] }), ['types', 0]],
        [() => store.readStream(`task/${nul}`), ['streamId']],
        [() => store.readStream('task/ta', { fromSequence: 2 ** 31 }), ['fromSequence']],
        [() => store.eventsOfKey?.(nul) ?? Promise.reject(), ['key']],
        [() => store.loadSnapshot?.(nul) ?? Promise.reject(), ['scope']],
        [
          () =>
            store.append({
              circleId: 'xinhua',
              expectations: [{ streamId: 'task/ta', expectedVersion: 2 ** 31 }],
              events: [taskClaimed('c2', 'ta', 'xinhua', 'q1')],
            }),
          ['expectations', 0, 'expectedVersion'],
        ],
        [
          () =>
            store.append({
              circleId: 'xinhua',
              expectations: [{ streamId: `task/${nul}`, expectedVersion: 0 }],
              events: [thing('e1', 's/1')],
            }),
          ['expectations', 0, 'streamId'],
        ],
        [
          () =>
            store.append({
              circleId: 'xinhua',
              expectations: [],
              events: [thing('e2', 's/2')],
              idempotencyKey: 'k2',
              requestHash: 'sha-\ud800',
            }),
          ['requestHash'],
        ],
        [() => store.tasks.rebuild('x y'), ['circleId']],
        ...[-1, 1.5, Number.NaN, undefined as unknown as number].map(
          (position) =>
            [() => store.checkpoints.save('outbox', position), ['position']] as [
              () => Promise<unknown>,
              ReadonlyArray<string | number>,
            ],
        ),
      ];
      for (const [call, path] of cases) {
        const error = await call().then(
          () => 'accepted',
          (e: unknown) => e,
        );
        expect(codeOf(error), JSON.stringify(path)).toBe('invalid_input');
        expect(isQuanziError(error) && error.path.slice(0, path.length)).toEqual(path);
      }
      expect(await store.readAll()).toEqual(before);
      expect(await store.checkpoints.load('outbox')).toBe(0);
      expect(await store.verifyAudit()).toMatchObject({ ok: true });
    });

    it('refuses half a character in what it keeps as text, and keeps whole ones exactly', async () => {
      const store = await create();
      // A text column would keep U+FFFD for the half: a retry's key, or the audit, would no longer match.
      const half = '\udfff';
      for (const [request, path] of [
        [{ idempotencyKey: `k-${half}`, events: [thing('e1', 's/1')] }, ['idempotencyKey']],
        [{ events: [{ ...thing('e1', 's/1'), idempotencykey: `k-${half}` }] }, ['events', 0]],
        [{ events: [thing(`e-${half}`, 's/1')] }, ['events', 0, 'id']],
        [{ events: [thing('e1', `s/${half}1`)] }, ['events', 0, 'subject']],
      ] as const) {
        const error = await store
          .append({ circleId: 'xinhua', expectations: [], ...request })
          .catch((e: unknown) => e);
        expect(codeOf(error)).toBe('invalid_input');
        expect(isQuanziError(error) && error.path.slice(0, path.length)).toEqual(path);
      }
      expect(await store.readAll()).toEqual([]);
      const whole = 'k-\ud83d\udeb2🚲';
      const event = { ...thing('e🚲', 's/🚲'), idempotencykey: whole };
      await store.append({
        circleId: 'xinhua',
        expectations: [],
        events: [event],
        idempotencyKey: whole,
      });
      expect((await store.eventsOfKey?.(whole))?.map((e) => e.id)).toEqual(['e🚲']);
      expect((await store.readAll())[0]).toMatchObject({
        id: 'e🚲',
        subject: 's/🚲',
        idempotencykey: whole,
      });
      expect(await store.verifyAudit()).toMatchObject({ ok: true });
    });

    it('stores a `validated` append as it stores the same append checked, and still keeps the log whole', async () => {
      const checked = await create();
      const trusted = await create();
      const keyed = {
        circleId: 'xinhua',
        expectations: [{ streamId: 's/1', expectedVersion: 0 }],
        events: [thing('e1', 's/1', 'xinhua'), thing('e2', 's/1', 'xinhua')],
        idempotencyKey: 'k1',
        requestHash: 'h1',
      };
      const requests = [
        { circleId: 'xinhua', expectations: [], events: [taskCreated('t1', 'xinhua')] },
        keyed,
      ];
      for (const request of requests) {
        const a = await checked.append(request);
        const b = await trusted.append(request, { validated: true });
        expect(b).toEqual(a);
      }
      expect(await trusted.readAll()).toEqual(await checked.readAll());
      const before = await trusted.readAll();
      // What keeps the log whole is checked all the same: the circle of every event,
      // one expectation per stream, a stream staying in its circle, versions and keys.
      const refused = [
        { circleId: 'xinhua', expectations: [], events: [thing('e3', 's/3', 'other')] },
        {
          circleId: 'xinhua',
          expectations: [
            { streamId: 's/3', expectedVersion: 0 },
            { streamId: 's/3', expectedVersion: 0 },
          ],
          events: [thing('e3', 's/3', 'xinhua')],
        },
        { circleId: 'other', expectations: [], events: [thing('e3', 's/1', 'other')] },
      ];
      for (const request of refused) {
        const error = await trusted.append(request, { validated: true }).catch((e: unknown) => e);
        expect(codeOf(error)).toBe('invalid_input');
      }
      const stale = await trusted.append(
        {
          circleId: 'xinhua',
          expectations: [{ streamId: 's/1', expectedVersion: 0 }],
          events: [thing('e4', 's/1', 'xinhua')],
        },
        { validated: true },
      );
      expect(stale.status).toBe('conflict');
      const reused = await trusted
        .append({ ...keyed, requestHash: 'h2' }, { validated: true })
        .catch((e: unknown) => e);
      expect(codeOf(reused)).toBe('idempotency_mismatch');
      expect(await trusted.readAll()).toEqual(before);
      expect(await trusted.verifyAudit()).toMatchObject({ ok: true });
    });

    it('validates reads and queries', async () => {
      const store = await create();
      await expect(store.readAll({ limit: -1 })).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(store.readStream('')).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(store.auditHeads('bad id!')).rejects.toMatchObject({
        code: 'invalid_input',
      });
    });
  });
}
