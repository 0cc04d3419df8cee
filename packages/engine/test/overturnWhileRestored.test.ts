// An engine restored from a snapshot cannot fold an overturn into its reputation (it
// has no event log) and folds reputation again from the log instead. A command of that engine
// that reads the overturn while it runs (a lost race, a refusal that looks again) must
// not plan on the reputation from before the overturn: it must decide what an engine
// that read the whole log decides.
import type { ManualClock, ParticipantInput, StoredEvent } from '@quanzi/core';
import { loadPolicy } from '@quanzi/rules';
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
import { circles, harness, key, overturnOf, people, taskDraft } from './engineFixtures';
import { answers } from './snapshotFixtures';

/** Level 0 claims up to difficulty 2; level 1 (one accepted difficulty-2 task) up to 5. */
const tiered = loadPolicy({
  version: 1,
  id: 'tiered',
  name: { en: 'Tiered', 'zh-CN': '分级' },
  tiers: [
    {
      id: 'newcomer',
      name: { en: 'Newcomer', 'zh-CN': '新手' },
      minLevel: 0,
      radiusMeters: 2000,
      maxDifficulty: 2,
    },
    {
      id: 'regular',
      name: { en: 'Regular', 'zh-CN': '常规' },
      minLevel: 1,
      radiusMeters: 2000,
      maxDifficulty: 5,
    },
  ],
});

const optionsOver = (store: MemoryEventStore, clock: ManualClock): EngineOptions => ({
  circles,
  policy: tiered,
  store,
  clock,
  ids: { next: (kind) => `${kind}-${key('id')}` },
});

/** A second store holding the same log. */
async function copyOf(store: MemoryEventStore): Promise<MemoryEventStore> {
  const copy = createMemoryEventStore();
  for (const { streamsequence: _s, position: _p, ...event } of await store.readAll())
    await copy.append({ circleId: event.circleid, expectations: [], events: [event] });
  return copy;
}

async function applied(outcome: Promise<CommandOutcome>) {
  const done = await outcome;
  if (done.status !== 'applied') throw new Error(`fixture: ${JSON.stringify(done)}`);
  return done;
}

/** What a command decided, without the ids an engine draws. */
function decision(outcome: CommandOutcome) {
  return {
    status: outcome.status,
    events:
      outcome.status === 'applied'
        ? outcome.events.map((event: StoredEvent) => [event.type, event.subject, event.data])
        : [],
    reasons: outcome.status === 'applied' ? [] : outcome.reasons.map((reason) => reason.code),
  };
}

const q3: ParticipantInput = {
  ...(people.find((person) => person.id === 'q1') as ParticipantInput),
  id: 'q3',
  displayName: 'Wang Lei',
};

/**
 * The first engine: q1 and q2 each have one accepted difficulty-2 task (level 1), a
 * difficulty-3 task with two slots is open, and a snapshot is written; then a second
 * engine starts from that snapshot.
 */
async function restoredPair({ publishHard = true } = {}) {
  const memory = createMemoryEventStore();
  const first = await harness({ store: memory, policy: tiered });
  const { run } = first;
  await applied(
    first.engine.host.execute({
      type: 'participant.register',
      idempotencyKey: key(),
      participant: q3,
    }),
  );
  const done: Record<string, string> = {};
  for (const volunteer of ['q1', 'q2']) {
    const created = await applied(run('cmd', { type: 'task.create', task: taskDraft() }));
    const taskId = created.taskId as string;
    for (const [actor, command] of [
      ['cmd', { type: 'task.publish' }],
      [volunteer, { type: 'task.claim' }],
      [volunteer, { type: 'task.start' }],
      [volunteer, { type: 'task.submit', evidence: [] }],
      ['cmd', { type: 'task.accept' }],
    ] as const)
      await applied(run(actor, { ...command, taskId }));
    done[volunteer] = taskId;
  }
  const hard = await applied(
    run('cmd', { type: 'task.create', task: taskDraft(undefined, { difficulty: 3, slots: 2 }) }),
  );
  const hardId = hard.taskId as string;
  if (publishHard) await applied(run('cmd', { type: 'task.publish', taskId: hardId }));
  const easy = await applied(
    run('cmd', { type: 'task.create', task: taskDraft(undefined, { difficulty: 1, slots: 2 }) }),
  );
  const easyId = easy.taskId as string;
  await applied(run('cmd', { type: 'task.publish', taskId: easyId }));
  expect(first.engine.reputation.ruleFacts('q1', first.clock.now()).level).toBe(1);
  await first.engine.snapshot();

  const restored = await createEngine({ ...optionsOver(memory, first.clock), snapshots: {} });
  expect(restored.reputation.wholeLog).toBe(false);
  const overturn = (taskId: string) => applied(run('cmd', overturnOf(taskId)));
  return { ...first, memory, restored, doneBy: done, hardId, easyId, overturn };
}

/** `command` on `engine` and on a fresh engine that reads the whole log as it is now. */
async function againstWholeLog(
  memory: MemoryEventStore,
  clock: ManualClock,
  engine: Engine,
  command: CommandInput,
) {
  // Without snapshots, it starts by replaying the whole log, overturns included.
  const reference = await createEngine(optionsOver(await copyOf(memory), clock));
  expect(reference.getPrivilegedSnapshot().position).toBe(memory.size);
  const expected = decision(await reference.execute(command));
  const actual = decision(await engine.execute(command));
  return { actual, expected };
}

/** `engine` answers as an engine that reads the whole log now. */
async function expectWholeLogAnswers(memory: MemoryEventStore, clock: ManualClock, engine: Engine) {
  const fresh = await createEngine(optionsOver(await copyOf(memory), clock));
  expect(answers(engine, clock.now())).toEqual(answers(fresh, clock.now()));
}

describe('an overturn met by an engine restored from a snapshot, mid-command', () => {
  it('a claim that lost the race to the overturning engine is decided on the folded overturn', async () => {
    const { memory, clock, run, restored, doneBy, hardId, overturn } = await restoredPair();
    // The first engine takes q1's level away and moves the task the restored engine claims.
    await overturn(doneBy.q1 as string);
    await applied(run('q2', { type: 'task.claim', taskId: hardId }));

    const claim = {
      type: 'task.claim',
      idempotencyKey: key(),
      actorId: 'q1',
      taskId: hardId,
    } as const;
    const { actual, expected } = await againstWholeLog(memory, clock, restored, claim);
    expect(expected).toMatchObject({ status: 'denied' });
    expect(actual).toEqual(expected);
    expect(restored.reputation.ruleFacts('q1', clock.now()).level).toBe(0);
    await expectWholeLogAnswers(memory, clock, restored);
  });

  it('a claim refused on the old state, then planned again after reading the overturn, is decided on it', async () => {
    const { memory, clock, run, restored, doneBy, hardId, overturn } = await restoredPair({
      publishHard: false,
    });
    // The restored engine refuses the claim (not yet published), reads the log, plans again.
    await overturn(doneBy.q1 as string);
    await applied(run('cmd', { type: 'task.publish', taskId: hardId }));

    const claim = {
      type: 'task.claim',
      idempotencyKey: key(),
      actorId: 'q1',
      taskId: hardId,
    } as const;
    const { actual, expected } = await againstWholeLog(memory, clock, restored, claim);
    expect(expected).toMatchObject({ status: 'denied' });
    expect(actual).toEqual(expected);
  });

  it('a command on another task, queued while one reads the overturn, is decided on it', async () => {
    const { memory, clock, run, restored, doneBy, hardId, easyId, overturn } = await restoredPair();
    await overturn(doneBy.q1 as string);
    await applied(run('q2', { type: 'task.claim', taskId: easyId }));
    const reference = await createEngine(optionsOver(await copyOf(memory), clock));

    const first = { type: 'task.claim', idempotencyKey: key(), actorId: 'q3', taskId: easyId };
    const second = { type: 'task.claim', idempotencyKey: key(), actorId: 'q1', taskId: hardId };
    // q3's claim loses the race and reads the overturn; q1's claim on another task is
    // sent the moment q3's claim changes the state, before the engine has settled.
    let queued: Promise<CommandOutcome> | undefined;
    const stop = restored.subscribe(() => {
      queued ??= restored.execute(second as CommandInput);
    });
    const firstOutcome = decision(await restored.execute(first as CommandInput));
    stop();
    expect(queued).toBeDefined();
    const secondOutcome = decision(await (queued as Promise<CommandOutcome>));

    expect(firstOutcome).toEqual(decision(await reference.execute(first as CommandInput)));
    const expected = decision(await reference.execute(second as CommandInput));
    expect(expected).toMatchObject({ status: 'denied' });
    expect(secondOutcome).toEqual(expected);
    await expectWholeLogAnswers(memory, clock, restored);
  });
});
