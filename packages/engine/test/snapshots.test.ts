import {
  type EventStore,
  isQuanziError,
  type ManualClock,
  QuanziError,
  type ReadAllOptions,
  type StoredEvent,
} from '@quanzi/core';
import { replayReputation, reputationEventTypes } from '@quanzi/reputation';
import { loadPolicy } from '@quanzi/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CommandInput,
  type CommandOutcome,
  createEngine,
  createMemoryEventStore,
  type Engine,
  type EngineOptions,
  type MemoryEventStore,
} from '../src/index';
import { streamArb } from './commandStream';
import {
  acceptedTask,
  circles,
  dongchengSpot,
  editedTiers,
  harness,
  key,
  overturnOf,
  policy,
  redrawnCircles,
  taskDraft,
  xinhuaSpot,
} from './engineFixtures';
import { overturnOpArb, runOverturnOps } from './overturnStream';
import { answers, runSteps } from './snapshotFixtures';

/** `store` with every `readAll` noted, to see how much of the log a start read. */
function counted(store: MemoryEventStore) {
  const reads: Array<{ options: ReadAllOptions; events: StoredEvent[] }> = [];
  const wrapped: EventStore = {
    append: (request) => store.append(request),
    readStream: (streamId, options) => store.readStream(streamId, options),
    async readAll(options?: ReadAllOptions) {
      const events = await store.readAll(options);
      reads.push({ options: options ?? {}, events });
      return events;
    },
    eventsOfKey: (k) => store.eventsOfKey?.(k) ?? Promise.resolve([]),
    saveSnapshot: (s) => store.saveSnapshot?.(s) ?? Promise.resolve(),
    loadSnapshot: (scope) => store.loadSnapshot?.(scope) ?? Promise.resolve(undefined),
  };
  return {
    store: wrapped,
    read: () => reads.reduce((sum, { events }) => sum + events.length, 0),
    /** The reads made since `from` reads, each as the event types asked for and the positions read. */
    readsSince: (from: number) =>
      reads.slice(from).map(({ options, events }) => ({
        types: options.types,
        positions: events.map((event) => event.position),
      })),
    reads: () => reads.length,
  };
}

/** What an overturn made `reads` read: reputation's event types only, each once, up to `through`. */
function expectReputationRefold(
  reads: ReadonlyArray<{ types?: ReadonlyArray<string>; positions: number[] }>,
  log: ReadonlyArray<StoredEvent>,
  through: number,
) {
  const untyped = reads.filter((read) => read.types === undefined);
  // Only the state's catch-up reads without types: past its position, never the log again.
  for (const read of untyped)
    for (const position of read.positions) expect(position).toBeGreaterThan(through);
  const refold = reads.filter((read) => read.types !== undefined && read.types.length > 1);
  const positions = refold.flatMap((read) => read.positions).filter((p) => p <= through);
  const expected = log
    .filter((event) => event.position <= through && reputationEventTypes.has(event.type as never))
    .map((event) => event.position);
  expect(positions).toEqual(expected);
  expect(expected.length).toBeLessThan(through);
}

/** A second store holding the same log (no keys, no snapshots). */
async function copyOf(store: MemoryEventStore): Promise<MemoryEventStore> {
  const copy = createMemoryEventStore();
  for (const { streamsequence: _s, position: _p, ...event } of await store.readAll())
    await copy.append({ circleId: event.circleid, expectations: [], events: [event] });
  return copy;
}

/** Hours later, both engines see the same leases lapse and the same levels due. */
async function expectSameTickLater(restarted: Engine, replayed: Engine, clock: ManualClock) {
  clock.advance(7 * 60 * 60_000);
  const shape = (outcome: Awaited<ReturnType<Engine['tick']>>) =>
    outcome.status === 'applied'
      ? outcome.events.map((e) => [e.type, e.subject, e.data])
      : outcome.status;
  expect(shape(await restarted.tick())).toEqual(shape(await replayed.tick()));
  expect(answers(restarted, clock.now())).toEqual(answers(replayed, clock.now()));
}

const restartOptions = (store: EventStore, clock: EngineOptions['clock']): EngineOptions => ({
  circles,
  policy,
  store,
  clock,
  ids: { next: (kind) => `${kind}-restart-${key()}` },
});

/** The test policy with `edit` applied to its document (see `engineFixtures`). */
const policyWith = (edit: Record<string, unknown>) =>
  loadPolicy({ ...policy.document, ...edit, version: 1 });

/**
 * Routine edits of the policy and circles ({@link editedTiers}, {@link redrawnCircles}) and
 * of every lifecycle term: model, self-claims, review mode and the `lifecycle` option.
 */
const termsEdits = {
  policy: loadPolicy({
    ...editedTiers.document,
    model: 'basic',
    separationOfDuty: {
      publisherCannotClaim: false,
      claimantCannotVerify: true,
      publisherCannotVerify: false,
    },
  }),
  circles: redrawnCircles.map((circle) => ({ ...circle, review: 'post_review' as const })),
  lifecycle: { leaseMinutes: 120 },
};

/**
 * Adds a task whose creation event records no lifecycle terms, as logs written before
 * terms were recorded hold: it takes its circle's terms whenever the log is folded.
 */
async function addTermlessTask(engine: Engine, store: MemoryEventStore) {
  const outcome = await engine.execute({
    type: 'task.create',
    idempotencyKey: key(),
    actorId: 'cmd',
    task: taskDraft(),
  } as CommandInput);
  const [created] = outcome.status === 'applied' ? outcome.events : [];
  if (!created) throw new Error('fixture: no task created');
  const { task } = created.data as { task: { id: string } };
  const { streamsequence: _s, position: _p, ...event } = created;
  await store.append({
    circleId: created.circleid,
    expectations: [{ streamId: 'task/termless', expectedVersion: 0 }],
    events: [
      {
        ...event,
        id: 'evt-termless',
        subject: 'task/termless',
        data: { task: { ...task, id: 'termless' } },
      },
    ],
  });
  await engine.refresh();
}

describe('restart from a snapshot', () => {
  it('equals a full replay of the same log, also in what the next tick decides (property)', async () => {
    await fc.assert(
      fc.asyncProperty(streamArb, fc.nat(), async (steps, cutAt) => {
        const store = createMemoryEventStore();
        const { engine, clock } = await harness({ store });
        const cut = cutAt % (steps.length + 1);
        await runSteps(engine, steps.slice(0, cut), clock);
        await engine.snapshot();
        await runSteps(engine, steps.slice(cut), clock);

        const replayStore = await copyOf(store);
        const restarted = await createEngine({ ...restartOptions(store, clock), snapshots: {} });
        const replayed = await createEngine(restartOptions(replayStore, clock));
        const now = clock.now();
        expect(answers(restarted, now)).toEqual(answers(replayed, now));
        expect(answers(restarted, now)).toEqual(answers(engine, now));

        await expectSameTickLater(restarted, replayed, clock);
      }),
      { numRuns: 30, seed: 1405 },
    );
  });

  it('reads only the events after the snapshot', async () => {
    const memory = createMemoryEventStore();
    const { engine, clock, run } = await harness({ store: memory });
    const created = await run('cmd', { type: 'task.create', task: taskDraft() });
    const taskId = created.status === 'applied' ? (created.taskId as string) : '';
    await run('cmd', { type: 'task.publish', taskId });
    const at = await engine.snapshot();
    expect(at).toBe(memory.size);
    await run('q1', { type: 'task.claim', taskId });

    const { store, read } = counted(memory);
    const restarted = await createEngine({ ...restartOptions(store, clock), snapshots: {} });
    expect(read()).toBe(memory.size - at);
    expect(restarted.reputation.wholeLog).toBe(false);
    expect(answers(restarted, clock.now())).toEqual(answers(engine, clock.now()));
  });

  it('keeps its snapshot when the circles, or those it serves, are listed in another order', async () => {
    const memory = createMemoryEventStore();
    const { engine, clock, run } = await harness({ store: memory });
    await run('cmd', { type: 'task.create', task: taskDraft() });
    const both = circles.map((circle) => circle.id);
    const at = await engine.snapshot();
    const reordered = { ...restartOptions(memory, clock), circles: [...circles].reverse() };
    const { store, read } = counted(memory);
    const restarted = await createEngine({ ...reordered, store, snapshots: {} });
    expect(read()).toBe(memory.size - at);
    expect(answers(restarted, clock.now())).toEqual(answers(engine, clock.now()));
    // Two engines serving both circles, named in either order, share one snapshot.
    const serving = (serves: string[]) => ({ ...reordered, serves, snapshots: {} });
    await (await createEngine(serving(both))).snapshot();
    const other = counted(memory);
    await createEngine({ ...serving([...both].reverse()), store: other.store });
    expect(other.read()).toBe(0);
  });

  it('fails to start, and keeps its snapshot, when the store fails while it reads after the snapshot', async () => {
    const memory = createMemoryEventStore();
    const { engine, clock, run } = await harness({ store: memory });
    const created = await run('cmd', { type: 'task.create', task: taskDraft() });
    const taskId = created.status === 'applied' ? (created.taskId as string) : '';
    const at = await engine.snapshot();
    await run('cmd', { type: 'task.publish', taskId });
    // One read fails, as while the server restarts; the next would work.
    let failures = 1;
    const failing: EventStore = {
      ...counted(memory).store,
      readAll: (options) =>
        failures-- > 0
          ? Promise.reject(new QuanziError({ code: 'storage_failure' }))
          : memory.readAll(options),
    };
    await expect(
      createEngine({ ...restartOptions(failing, clock), snapshots: {} }),
    ).rejects.toMatchObject({ code: 'storage_failure' });
    // The store is back: the start reads the same snapshot and only what came after it.
    const { store, read } = counted(memory);
    const restarted = await createEngine({ ...restartOptions(store, clock), snapshots: {} });
    expect(read()).toBe(memory.size - at);
    expect(answers(restarted, clock.now())).toEqual(answers(engine, clock.now()));
  });

  it('keeps its snapshot across edits of policies, circles and lifecycle terms when every record kept its own terms, and answers as a replay under them (property)', async () => {
    // Routine edits (tiers, ranking, names, boundaries) and every lifecycle term at once.
    const edit = termsEdits;
    let answersChanged = 0;
    await fc.assert(
      fc.asyncProperty(streamArb, fc.nat(), async (steps, cutAt) => {
        const memory = createMemoryEventStore();
        const { engine, clock } = await harness({ store: memory });
        const cut = cutAt % (steps.length + 1);
        await runSteps(engine, steps.slice(0, cut), clock);
        const at = await engine.snapshot();
        await runSteps(engine, steps.slice(cut), clock);

        const { store, readsSince } = counted(memory);
        const edited = { ...restartOptions(store, clock), ...edit };
        const restarted = await createEngine({ ...edited, snapshots: {} });
        // Restored, not replayed: the only untyped reads are the tail after the snapshot.
        for (const read of readsSince(0).filter((r) => r.types === undefined))
          for (const position of read.positions) expect(position).toBeGreaterThan(at);
        const replayed = await createEngine({
          ...restartOptions(await copyOf(memory), clock),
          ...edit,
        });
        const now = clock.now();
        expect(answers(restarted, now)).toEqual(answers(replayed, now));
        if (JSON.stringify(answers(restarted, now)) !== JSON.stringify(answers(engine, now)))
          answersChanged += 1;

        await expectSameTickLater(restarted, replayed, clock);
      }),
      { numRuns: 30, seed: 2412 },
    );
    // The edit must matter to what the engine answers, or the comparison shows nothing.
    expect(answersChanged).toBeGreaterThan(3);
  });

  it('keeps the records across other reputation options and answers as a replay under them (property)', async () => {
    // Options the fold itself reads (what counts as a good rating, how fast volume decays).
    const reputation = { goodRatingMin: 5, halfLifeDays: 1 };
    let answersChanged = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(overturnOpArb, { minLength: 1, maxLength: 10 }), async (ops) => {
        const memory = createMemoryEventStore();
        const ran = await runOverturnOps(memory, ops);
        const at = await ran.engine.snapshot();
        const { store, readsSince } = counted(memory);
        const restarted = await createEngine({
          ...restartOptions(store, ran.clock),
          reputation,
          snapshots: {},
        });
        // The records restored, not replayed: untyped reads only past the snapshot.
        for (const read of readsSince(0).filter((r) => r.types === undefined))
          for (const position of read.positions) expect(position).toBeGreaterThan(at);
        const replayed = await createEngine({
          ...restartOptions(await copyOf(memory), ran.clock),
          reputation,
        });
        const now = ran.clock.now();
        expect(answers(restarted, now)).toEqual(answers(replayed, now));
        if (JSON.stringify(answers(restarted, now)) !== JSON.stringify(answers(ran.engine, now)))
          answersChanged += 1;
      }),
      { numRuns: 30, seed: 2413 },
    );
    expect(answersChanged).toBeGreaterThan(3);
  });

  it.each([
    ["a policy's model", { policy: policyWith({ model: 'basic' }) }, true],
    [
      'whether a policy lets a publisher claim their own task',
      { policy: policyWith({ separationOfDuty: termsEdits.policy.document.separationOfDuty }) },
      true,
    ],
    [
      "a circle's review mode",
      { circles: [{ ...circles[0], review: 'post_review' }, circles[1]] },
      true,
    ],
    ['the lifecycle option', { lifecycle: termsEdits.lifecycle }, true],
    ['the circles there are', { circles: [circles[0]] }, false],
  ])(
    'replays the whole log and writes a fresh snapshot when an edit changes %s',
    async (_, edit, termless) => {
      const memory = createMemoryEventStore();
      const { engine, clock } = await harness({ store: memory, snapshots: {} });
      // Terms matter only to a record whose event recorded none; the set of circles, always.
      if (termless) await addTermlessTask(engine, memory);
      await engine.snapshot();
      const before = await memory.loadSnapshot?.('engine');

      const { store, read } = counted(memory);
      const options = { ...restartOptions(store, clock), ...(edit as Partial<EngineOptions>) };
      const changed = await createEngine({ ...options, snapshots: {} });
      expect(read()).toBe(memory.size);
      expect(changed.getPrivilegedSnapshot().position).toBe(memory.size);
      const after = await memory.loadSnapshot?.('engine');
      expect(after?.version).not.toBe(before?.version);
      expect(after?.position).toBe(memory.size);

      // The fresh snapshot is the one the next start under the new configuration uses.
      const again = counted(memory);
      await createEngine({ ...options, store: again.store, snapshots: {} });
      expect(again.read()).toBe(0);
    },
  );

  it('keeps the records of a snapshot written under other reputation options and folds reputation alone', async () => {
    const memory = createMemoryEventStore();
    const { engine, clock, run } = await harness({ store: memory, snapshots: {} });
    await acceptedTask(run);
    await acceptedTask(run);
    const at = await engine.snapshot();
    await acceptedTask(run);
    const before = await memory.loadSnapshot?.('engine');
    const log = await memory.readAll();

    const reputationOptions = { wilsonZ: 1, halfLifeDays: 30 };
    const { store, readsSince } = counted(memory);
    const changed = await createEngine({
      ...restartOptions(store, clock),
      reputation: reputationOptions,
      snapshots: {},
    });
    // Reputation's events up to the snapshot, once each; the tail after it; nothing else.
    expectReputationRefold(readsSince(0), log, at);
    const replayed = await createEngine({
      ...restartOptions(await copyOf(memory), clock),
      reputation: reputationOptions,
    });
    expect(answers(changed, clock.now())).toEqual(answers(replayed, clock.now()));
    expect(changed.reputation.profile('q1', clock.now())).not.toEqual(
      engine.reputation.profile('q1', clock.now()),
    );

    // A fresh snapshot under the new options: the next start reads nothing.
    const after = await memory.loadSnapshot?.('engine');
    expect(after?.version).not.toBe(before?.version);
    expect(after?.position).toBe(memory.size);
    const again = counted(memory);
    await createEngine({
      ...restartOptions(again.store, clock),
      reputation: reputationOptions,
      snapshots: {},
    });
    expect(again.read()).toBe(0);
  });

  it('ignores a damaged or foreign snapshot and replays the whole log', async () => {
    const memory = createMemoryEventStore();
    const { engine, clock, run } = await harness({ store: memory });
    await run('cmd', { type: 'task.create', task: taskDraft() });
    await engine.snapshot();
    const good = await memory.loadSnapshot?.('engine');
    if (!good) throw new Error('no snapshot');
    const expected = answers(engine, clock.now());

    // A participant's record edited in place: the digest no longer matches.
    const edited = good.parts.map((part) => part.replace('"q1"', '"q9"'));
    expect(edited).not.toEqual(good.parts);
    // A row of another shape with a digest that matches it.
    const foreign = { ...good, parts: ['{"format":2}', 'x'] };
    const { digestOf } = await import('../src/engineSnapshot');
    // An earlier format, and a record part cut short inside its node list, each with a
    // digest that matches it: read as malformed, never half-trusted.
    const older = {
      ...good,
      parts: good.parts.map((p, i) => (i === 0 ? p.replace(/"format":\d+/, '"format":4') : p)),
    };
    const cut = {
      ...good,
      parts: good.parts.map((p, i) => (i === good.parts.length - 1 ? p.slice(0, -3) : p)),
    };
    expect(older.parts[0]).toContain('"format":4');
    const tampered = [
      { ...good, parts: edited },
      { ...foreign, digest: digestOf(foreign.parts) },
      { ...older, digest: digestOf(older.parts) },
      { ...cut, digest: digestOf(cut.parts) },
      { ...good, position: good.position + 5 },
      { ...good, version: 'v0-other' },
    ];
    for (const snapshot of tampered) {
      await memory.saveSnapshot?.(snapshot);
      const { store, read } = counted(memory);
      const restarted = await createEngine({ ...restartOptions(store, clock), snapshots: {} });
      expect(read()).toBe(memory.size);
      expect(answers(restarted, clock.now())).toEqual(expected);
      // It wrote a good one in its place.
      expect(await memory.loadSnapshot?.('engine')).toMatchObject({
        version: good.version,
        position: memory.size,
      });
    }
  });

  it('answers a retried command with its first outcome after a restart (key found in the store)', async () => {
    const memory = createMemoryEventStore();
    const { engine, clock, run } = await harness({ store: memory });
    const created = await run('cmd', { type: 'task.create', task: taskDraft() });
    const taskId = created.status === 'applied' ? (created.taskId as string) : '';
    await run('cmd', { type: 'task.publish', taskId });
    const claim = {
      type: 'task.claim',
      idempotencyKey: 'claim-once',
      actorId: 'q1',
      taskId,
    } as const satisfies CommandInput;
    const first = await engine.execute(claim);
    expect(first.status).toBe('applied');
    await engine.snapshot();

    const restarted = await createEngine({ ...restartOptions(memory, clock), snapshots: {} });
    // The restored state remembers no key: planning refuses (q1 holds the task), the store replays.
    const retry = await restarted.execute(claim);
    expect(retry).toMatchObject({ status: 'applied', replayed: true });
    expect(retry.status === 'applied' && retry.events).toEqual(
      first.status === 'applied' && first.events,
    );
    // The same key with another command is still refused, though that one would plan.
    const other = await run('cmd', { type: 'task.create', task: taskDraft() });
    const otherId = other.status === 'applied' ? (other.taskId as string) : '';
    await restarted.refresh();
    await restarted.host.execute({ type: 'task.publish', idempotencyKey: key(), taskId: otherId });
    await expect(restarted.execute({ ...claim, taskId: otherId })).rejects.toMatchObject({
      code: 'idempotency_mismatch',
    });
  });

  it('answers a command the key was used for with another one as a mismatch, also where it can no longer be planned', async () => {
    const memory = createMemoryEventStore();
    const { engine, clock, run } = await harness({ store: memory });
    const created = await run('cmd', { type: 'task.create', task: taskDraft() });
    const taskId = created.status === 'applied' ? (created.taskId as string) : '';
    await run('cmd', { type: 'task.publish', taskId });
    const claim = { type: 'task.claim', idempotencyKey: 'claim-k', actorId: 'q1', taskId } as const;
    expect((await engine.execute(claim)).status).toBe('applied');
    await engine.snapshot();
    // A task that does not exist: planning throws not_found, but the key answers first.
    const ghost = { ...claim, taskId: 'ghost' };
    await expect(engine.execute(ghost)).rejects.toMatchObject({ code: 'idempotency_mismatch' });
    const restarted = await createEngine({ ...restartOptions(memory, clock), snapshots: {} });
    await expect(restarted.execute(ghost)).rejects.toMatchObject({
      code: 'idempotency_mismatch',
    });
    // Without a key it was used for, the plan's own error stands.
    await expect(restarted.execute({ ...ghost, idempotencyKey: 'fresh' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('keeps a key per circle: the same key in two circles is two commands, each retried to its own outcome', async () => {
    const memory = createMemoryEventStore();
    const { engine, clock } = await harness({ store: memory });
    const create = (actorId: string, at: typeof xinhuaSpot) =>
      ({
        type: 'task.create',
        idempotencyKey: 'device-1',
        actorId,
        task: taskDraft(at),
      }) as const satisfies CommandInput;
    const inXinhua = create('cmd', xinhuaSpot);
    const inDongcheng = create('dcmd', dongchengSpot);
    const first = await engine.execute(inXinhua);
    const second = await engine.execute(inDongcheng);
    expect([first.status, second.status]).toEqual(['applied', 'applied']);
    const events = (outcome: CommandOutcome) =>
      outcome.status === 'applied' ? outcome.events : [];
    expect(events(second)[0]?.circleid).toBe('dongcheng');
    const retries = async (on: Engine) => {
      const again = [await on.execute(inXinhua), await on.execute(inDongcheng)];
      expect(again.map((outcome) => outcome.status === 'applied' && outcome.replayed)).toEqual([
        true,
        true,
      ]);
      expect(again.map(events)).toEqual([events(first), events(second)]);
    };
    await retries(engine);
    await engine.snapshot();
    // From the snapshot the state holds no key; from the log it holds every one.
    await retries(await createEngine({ ...restartOptions(memory, clock), snapshots: {} }));
    await retries(await createEngine(restartOptions(memory, clock)));
    // Within one circle the key still belongs to its first command.
    await expect(
      engine.execute({ ...inDongcheng, task: taskDraft(dongchengSpot, { title: 'Other' }) }),
    ).rejects.toMatchObject({ code: 'idempotency_mismatch' });
    // In a third command's circle it is unused: a refusal there is that command's own answer.
    const { run } = await harness({ store: createMemoryEventStore() });
    expect((await run('cmd', { ...inXinhua })).status).toBe('applied');
    const task = await run('dcmd', { type: 'task.create', task: taskDraft(dongchengSpot) });
    const taskId = task.status === 'applied' ? (task.taskId as string) : '';
    await run('dcmd', { type: 'task.publish', taskId });
    await run('dq', { type: 'task.claim', taskId });
    const claimAgain = await run('dq', { type: 'task.claim', taskId, idempotencyKey: 'device-1' });
    expect(claimAgain).toMatchObject({ status: 'denied' });
  });

  it('folds reputation again from its own events when an overturn reaches before the snapshot', async () => {
    const memory = createMemoryEventStore();
    const { engine, clock, run } = await harness({ store: memory });
    const taskId = await acceptedTask(run);
    await engine.snapshot();

    const { store, reads, readsSince } = counted(memory);
    const restarted = await createEngine({ ...restartOptions(store, clock), snapshots: {} });
    expect(restarted.reputation.wholeLog).toBe(false);
    const readsBefore = reads();
    const overturn = await restarted.execute({
      ...overturnOf(taskId),
      idempotencyKey: key(),
      actorId: 'cmd',
    });
    expect(overturn.status).toBe('applied');
    // The overturn is the log's last event: the refold read reputation's events up to it.
    expectReputationRefold(readsSince(readsBefore), await memory.readAll(), memory.size);
    await engine.refresh();
    expect(answers(restarted, clock.now())).toEqual(answers(engine, clock.now()));
    expect(restarted.reputation.profile('q1', clock.now())).toEqual(
      engine.reputation.profile('q1', clock.now()),
    );
  });

  it('keeps no reputation events without snapshots either: a later overturn is folded by a refold', async () => {
    const memory = createMemoryEventStore();
    const { store, reads, readsSince } = counted(memory);
    const { engine, clock, run } = await harness({ store });
    const taskId = await acceptedTask(run);
    expect(engine.reputation.wholeLog).toBe(false);
    expect(() => engine.reputation.explainScore('q1', clock.now())).toThrow(
      expect.objectContaining({ code: 'unsupported' }),
    );
    const readsBefore = reads();
    const overturn = await run('cmd', overturnOf(taskId));
    expect(overturn.status).toBe('applied');
    expectReputationRefold(readsSince(readsBefore), await memory.readAll(), memory.size);
    const whole = replayReputation(await memory.readAll());
    expect(engine.reputation.profile('q1', clock.now())).toEqual(whole.profile('q1', clock.now()));
    expect(engine.reputation.profile('q1', clock.now()).solver.accepted).toBe(0);
    const fresh = await createEngine(restartOptions(await copyOf(memory), clock));
    expect(answers(engine, clock.now())).toEqual(answers(fresh, clock.now()));
  });

  it('replays again when an overturn lands between reading the overturns and the replay', async () => {
    const memory = createMemoryEventStore();
    const { engine, clock, run } = await harness({ store: memory });
    const taskId = await acceptedTask(run);
    expect((await run('cmd', overturnOf(taskId))).status).toBe('applied');
    // The first look for overturns finds none, as if the overturn committed just after it.
    let looks = 0;
    const late: EventStore = {
      ...counted(memory).store,
      async readAll(options?: ReadAllOptions) {
        // The look for overturns alone (a refold asks for every type reputation reads).
        if (options?.types?.length === 1) {
          looks += 1;
          if (looks === 1) return [];
        }
        return memory.readAll(options);
      },
    };
    const restarted = await createEngine(restartOptions(late, clock));
    expect(looks).toBe(2);
    expect(answers(restarted, clock.now())).toEqual(answers(engine, clock.now()));
    expect(restarted.reputation.profile('q1', clock.now())).toEqual(
      replayReputation(await memory.readAll()).profile('q1', clock.now()),
    );
  });

  it('writes a snapshot every so many events, and checks the option', async () => {
    const memory = createMemoryEventStore();
    const { run } = await harness({ store: memory, snapshots: { every: 5 } });
    for (let i = 0; i < 4; i += 1) await run('cmd', { type: 'task.create', task: taskDraft() });
    const saved = await memory.loadSnapshot?.('engine');
    expect(saved?.position).toBeGreaterThan(memory.size - 5);

    for (const every of [0, 1.5, '10']) {
      const error = await createEngine({
        ...restartOptions(memory, { now: () => '2026-11-29T08:00:00Z' }),
        snapshots: { every } as never,
      }).catch((e: unknown) => e);
      expect(isQuanziError(error) && error.code).toBe('invalid_input');
      expect(isQuanziError(error) && error.path).toEqual(['snapshots', 'every']);
      expect(isQuanziError(error) && error.message).toContain('snapshots.every');
    }
  });

  it('says so when the store cannot keep snapshots', async () => {
    const memory = createMemoryEventStore();
    const bare: EventStore = {
      append: (r) => memory.append(r),
      readStream: (s, o) => memory.readStream(s, o),
      readAll: (o) => memory.readAll(o),
    };
    const { engine } = await harness({ store: bare });
    const before = engine.getPrivilegedSnapshot();
    await expect(engine.snapshot()).rejects.toMatchObject({ code: 'unsupported' });
    expect(engine.getPrivilegedSnapshot()).toBe(before);
    expect(memory.size).toBe(before.position);
  });
});
