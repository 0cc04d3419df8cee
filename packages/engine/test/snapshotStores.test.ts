import { createSequentialIds } from '@quanzi/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pgliteStores,
  postgresStores,
  type StoreFactory,
} from '../../store-postgres/test/storeFixtures';
import { createEngine, type EngineOptions } from '../src/index';
import { streamArb } from './commandStream';
import { circles, harness, key, overturnOf, policy, taskDraft } from './engineFixtures';
import { overturnOpArb, runOverturnOps } from './overturnStream';
import { answers, runSteps } from './snapshotFixtures';

// The circles with post-review instead of pre-review: new lifecycle terms.
const circlesInReview = circles.map((circle) => ({ ...circle, review: 'post_review' as const }));

// The same command streams every run: a fixed seed.
const streams = fc.sample(streamArb, { seed: 1414, numRuns: 2 });
// The general streams never reach an applied overturn; these do (fixed seed too).
const overturnStreams = fc.sample(fc.array(overturnOpArb, { minLength: 10, maxLength: 12 }), {
  seed: 1406,
  numRuns: 2,
});

for (const [kind, open] of [
  ['PostgreSQL', postgresStores],
  ['PGlite', pgliteStores],
] as const) {
  describe(`restart from a snapshot on ${kind}`, () => {
    let stores: StoreFactory;
    beforeAll(async () => {
      stores = await open();
    });
    afterAll(() => stores.dispose());

    it('equals a full replay, for an engine over all circles and one serving a circle', async () => {
      for (const [i, steps] of streams.entries()) {
        const store = await stores.create();
        const serves = i === 0 ? undefined : ['xinhua'];
        const scoped = serves === undefined ? {} : { serves };
        const { engine, clock } = await harness({ store, ids: createSequentialIds(`a${i}`) });
        const half = Math.floor(steps.length / 2);
        await runSteps(engine, steps.slice(0, half), clock);
        const options: EngineOptions = {
          circles,
          policy,
          store,
          clock,
          ids: createSequentialIds(`b${i}`),
          ...scoped,
        };
        const writer = await createEngine({ ...options, snapshots: {} });
        await writer.snapshot();
        await runSteps(engine, steps.slice(half), clock);

        const restarted = await createEngine({ ...options, snapshots: {} });
        const replayed = await createEngine(options);
        expect(answers(restarted, clock.now())).toEqual(answers(replayed, clock.now()));
        const scope = serves ? 'engine:xinhua' : 'engine';
        const written = writer.getPrivilegedSnapshot().position;
        expect((await store.loadSnapshot?.(scope))?.position).toBe(written);

        // New lifecycle terms: every record kept its own, so the snapshot is used (a
        // rejected one would be replaced by one at the head) and answers as a replay.
        const edited = { ...options, circles: circlesInReview, lifecycle: { leaseMinutes: 120 } };
        const restartedEdited = await createEngine({ ...edited, snapshots: {} });
        expect((await store.loadSnapshot?.(scope))?.position).toBe(written);
        expect(answers(restartedEdited, clock.now())).toEqual(
          answers(await createEngine(edited), clock.now()),
        );
      }
    });

    it("takes in overturns as a replay does (its own, after restarts from snapshots, and another engine's), and other reputation options", async () => {
      let overturned = 0;
      for (const [i, ops] of overturnStreams.entries()) {
        const store = await stores.create();
        const ran = await runOverturnOps(store, ops);
        overturned += ran.overturned;
        // Another engine on the same store (ids under `label`), with `extra` options.
        const engineOn = (label: string, extra: Partial<EngineOptions> = {}) =>
          createEngine({
            circles,
            policy,
            store,
            clock: ran.clock,
            ids: createSequentialIds(`${label}${i}`),
            ...extra,
          });
        // It overturns a rating; the first engine takes it in on refresh.
        const [target] = ran.accepted;
        if (!target) throw new Error('fixture: the stream accepted no task');
        const foreign = await (await engineOn('other')).execute({
          idempotencyKey: key('foreign'),
          actorId: 'cmd',
          ...overturnOf(target.taskId, target.solver, 'rating'),
        });
        if (foreign.status === 'applied') overturned += 1;
        await ran.engine.refresh();
        const replayed = await engineOn('replay');
        const now = ran.clock.now();
        expect(answers(ran.engine, now)).toEqual(answers(replayed, now));

        // Under other reputation options: the records restored, reputation folded again.
        await ran.engine.snapshot();
        const reputation = { goodRatingMin: 5, halfLifeDays: 1 };
        const refolded = await engineOn('refold', { reputation, snapshots: {} });
        const replayedUnder = await engineOn('ru', { reputation });
        expect(answers(refolded, now)).toEqual(answers(replayedUnder, now));
        expect(answers(refolded, now)).not.toEqual(answers(replayed, now));
      }
      // Without applied overturns the agreement would say nothing of the fold.
      expect(overturned).toBeGreaterThan(3);
    });

    it('answers a retry from before the restart with the first outcome, from the store', async () => {
      const store = await stores.create();
      const { engine, clock, run } = await harness({ store, ids: createSequentialIds('c') });
      const created = await run('cmd', { type: 'task.create', task: taskDraft() });
      const taskId = created.status === 'applied' ? (created.taskId as string) : '';
      await run('cmd', { type: 'task.publish', taskId });
      const claim = {
        type: 'task.claim',
        idempotencyKey: key('claim'),
        actorId: 'q1',
        taskId,
      } as const;
      const first = await engine.execute(claim);
      await engine.snapshot();
      const restarted = await createEngine({
        circles,
        policy,
        store,
        clock,
        ids: createSequentialIds('d'),
        snapshots: {},
      });
      expect(restarted.reputation.wholeLog).toBe(false);
      const retry = await restarted.execute(claim);
      expect(retry).toMatchObject({ status: 'applied', replayed: true });
      expect(retry.status === 'applied' && retry.events).toEqual(
        first.status === 'applied' && first.events,
      );
    });
  });
}
