// An overturn the engine did not read before its replay (or snapshot) is folded by
// folding reputation alone again: the records stand, and what reads reputation (the
// task ranking by publisher credibility, the level watch) must answer as an engine
// that replayed the whole log.
import { createEvent, type EventStore, type ReadAllOptions } from '@quanzi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, createMemoryEventStore, type MemoryEventStore } from '../src/index';
import {
  acceptedTask,
  circles,
  harness,
  key,
  overturnOf,
  policy,
  start,
  taskDraft,
  xinhuaSpot,
} from './engineFixtures';
import { applied, overturnOpArb, runOverturnOps } from './overturnStream';
import { answers } from './snapshotFixtures';

/** An engine replaying `store`'s whole log as it is now. */
const replayed = (store: MemoryEventStore) =>
  createEngine({ circles, policy, store, clock: { now: () => start }, ids: { next: () => 'x' } });

describe('an overturn folded by reputation alone', () => {
  it("moves a publisher's tasks in the ranking as a replay of the whole log does", async () => {
    const store = createMemoryEventStore();
    const { engine, clock, run } = await harness({ store });
    // The officer's report is dismissed as false: the officer's credibility falls.
    const report = await applied(
      run('officer', {
        type: 'report.submit',
        report: {
          channel: 'mobile',
          category: 'shared_bike_parking',
          text: 'Bikes on the pavement',
          location: { type: 'Point', coordinates: xinhuaSpot },
        },
      }),
    );
    const reportId = (report as unknown as { reportId: string }).reportId;
    const dismissal = await applied(
      run('cmd', { type: 'report.dismiss', reportId, verdict: 'false' }),
    );
    const dismissed = dismissal.events.find((event) => event.type === 'quanzi.report.dismissed');
    // Two tasks at the same spot, the officer's and the command center's, both open.
    for (const publisher of ['officer', 'cmd']) {
      const created = await applied(run(publisher, { type: 'task.create', task: taskDraft() }));
      const taskId = (created as unknown as { taskId: string }).taskId;
      await applied(run('cmd', { type: 'task.publish', taskId }));
    }
    const before = engine.reputation.ruleFacts('officer', clock.now()).credibility;
    const rankedBefore = engine.claimableNear('q1');

    // Another writer (an operator's tool) overturns the dismissal, in the officer's stream.
    await store.append({
      circleId: 'xinhua',
      expectations: [],
      events: [
        createEvent({
          id: `evt-${key()}`,
          type: 'quanzi.decision.overturned',
          time: clock.now(),
          subject: 'participant/officer',
          circleId: 'xinhua',
          actor: 'cmd',
          data: { targetEventId: dismissed?.id as string, reason: 'The bikes were there' },
        }),
      ],
    });
    await engine.refresh();

    const fresh = await replayed(store);
    expect(fresh.reputation.ruleFacts('officer', clock.now()).credibility).toBeGreaterThan(before);
    expect(engine.reputation.ruleFacts('officer', clock.now()).credibility).toBe(
      fresh.reputation.ruleFacts('officer', clock.now()).credibility,
    );
    // The overturn moves the officer's task up: the ranking must follow it.
    expect(fresh.claimableNear('q1')).not.toEqual(rankedBefore);
    expect(engine.claimableNear('q1')).toEqual(fresh.claimableNear('q1'));
    expect(answers(engine, clock.now())).toEqual(answers(fresh, clock.now()));
  });

  it('lets the next tick record the level the overturn took away', async () => {
    const store = createMemoryEventStore();
    const { engine, clock, run } = await harness({ store });
    const taskId = await acceptedTask(run);
    const levelOf = () =>
      engine.getPrivilegedSnapshot().participants.find((record) => record.participant.id === 'q1')
        ?.level;
    expect(levelOf()).toBe(1);
    // A tick checks q1 and finds the level recorded: the watch has nobody left to check.
    await engine.host.execute({ type: 'tick', idempotencyKey: key(), now: clock.now() });
    await applied(run('cmd', overturnOf(taskId)));
    expect(engine.reputation.ruleFacts('q1', clock.now()).level).toBe(0);

    const tick = await applied(
      engine.host.execute({ type: 'tick', idempotencyKey: key(), now: clock.now() }),
    );
    expect(tick.events.map((event) => event.type)).toContain('quanzi.participant.level_changed');
    expect(levelOf()).toBe(0);
    const fresh = await replayed(store);
    expect(answers(engine, clock.now())).toEqual(answers(fresh, clock.now()));
  });

  it('keeps the overturn to fold when the refold fails, and folds it before the next command', async () => {
    const memory = createMemoryEventStore();
    let failures = 1;
    const flaky: EventStore = {
      ...memory,
      async readAll(options?: ReadAllOptions) {
        // The refold's read of reputation's event types loses its connection once.
        if ((options?.types?.length ?? 0) > 1 && failures-- > 0) throw new Error('connection lost');
        return memory.readAll(options);
      },
    };
    const { engine, clock, run } = await harness({ store: flaky });
    const taskId = await acceptedTask(run);
    const overturn = run('cmd', overturnOf(taskId));
    await expect(overturn).rejects.toThrow('connection lost');
    expect(engine.reputation.ruleFacts('q1', clock.now()).level).toBe(1);

    // The next command waits for the refold, which now succeeds.
    await applied(run('cmd', { type: 'task.create', task: taskDraft() }));
    expect(engine.reputation.ruleFacts('q1', clock.now()).level).toBe(0);
    const fresh = await replayed(memory);
    expect(answers(engine, clock.now())).toEqual(answers(fresh, clock.now()));
  });

  it('writes the next periodic snapshot after a refold, so a restart does not fold the overturn again', async () => {
    const memory = createMemoryEventStore();
    const { engine, clock, run } = await harness({ store: memory, snapshots: { every: 1000 } });
    const taskId = await acceptedTask(run);
    await engine.snapshot();
    await applied(run('cmd', overturnOf(taskId)));
    const overturnAt = memory.size;
    // Far fewer than 1,000 events later, the next command writes the snapshot.
    await applied(run('cmd', { type: 'task.create', task: taskDraft() }));
    expect((await memory.loadSnapshot?.('engine'))?.position).toBeGreaterThanOrEqual(overturnAt);

    const typesRead: Array<ReadonlyArray<string>> = [];
    const watched: EventStore = {
      ...memory,
      readAll(options?: ReadAllOptions) {
        if (options?.types) typesRead.push(options.types);
        return memory.readAll(options);
      },
    };
    const restarted = await createEngine({
      circles,
      policy,
      store: watched,
      clock,
      ids: { next: () => 'unused' },
      snapshots: {},
    });
    expect(typesRead).toEqual([]);
    expect(answers(restarted, clock.now())).toEqual(answers(engine, clock.now()));
  });

  it('a live engine, restarted from snapshots now and then, answers as a replay after any overturns (property)', async () => {
    let overturned = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(overturnOpArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        const store = createMemoryEventStore();
        const ran = await runOverturnOps(store, ops);
        overturned += ran.overturned;
        const fresh = await replayed(store);
        expect(answers(ran.engine, ran.clock.now())).toEqual(answers(fresh, ran.clock.now()));
      }),
      { numRuns: 40 },
    );
    // The streams must reach applied overturns, or the agreement says nothing of the fold
    // (about 38 in 40 runs; 5 leaves room for any draw).
    expect(overturned).toBeGreaterThan(5);
  });
});
