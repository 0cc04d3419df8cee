import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandCatalogue } from '../src/commandCatalogue';
import { type CommandInput, createEngine, createMemoryEventStore, type Engine } from '../src/index';
import { batchOf, streamArb } from './commandStream';
import { circles, harness, key, policy, taskDraft } from './engineFixtures';

/** Everything an engine projects, in a comparable form. */
export function projections(engine: Engine, now: string) {
  const snapshot = engine.getPrivilegedSnapshot();
  return {
    snapshot: { ...snapshot },
    profiles: snapshot.participants.map((p) => engine.reputation.profile(p.participant.id, now)),
  };
}

describe('projections are a function of the log', () => {
  it('a live engine and one rebuilt from its store agree after any command stream (property)', async () => {
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(streamArb, async (steps) => {
        const store = createMemoryEventStore();
        const { engine, clock } = await harness({ store });
        for (const step of steps) {
          clock.advance(step.advanceMinutes * 60_000);
          const command =
            step.command.type === 'tick' ? { ...step.command, now: clock.now() } : step.command;
          const [outcome] = await batchOf(
            engine,
            step.actorId,
          )([{ idempotencyKey: key('p'), actorId: step.actorId, ...command }]);
          if (outcome?.status !== 'applied') continue;
          for (const event of outcome.events) {
            kinds.add(event.type);
            // docs/commands.md lists what each command appends; the log must agree.
            expect(commandCatalogue[outcome.type].events).toContain(event.type);
          }
        }
        const fresh = await createEngine({
          circles,
          policy,
          store,
          clock,
          ids: { next: () => 'unused' },
        });
        expect(projections(fresh, clock.now())).toEqual(projections(engine, clock.now()));
        await engine.rebuild();
        expect(projections(engine, clock.now())).toEqual(projections(fresh, clock.now()));
      }),
      { numRuns: 40 },
    );
    // The streams must reach deep into the lifecycle, or the agreement says little.
    console.log([...kinds]);
    expect(kinds.size).toBeGreaterThanOrEqual(18);
  });
});

describe('a circle that changes its lifecycle configuration', () => {
  it('keeps each task on the terms it was created under, across restarts', async () => {
    const store = createMemoryEventStore();
    const before = await harness({ store, lifecycle: { leaseMinutes: 60, maxLeaseExtensions: 1 } });
    const created = await before.run('cmd', { type: 'task.create', task: taskDraft() });
    const oldId = created.status === 'applied' ? (created.taskId as string) : '';
    await before.run('cmd', { type: 'task.publish', taskId: oldId });
    await before.run('q1', { type: 'task.claim', taskId: oldId });

    // The municipality doubles the lease and allows more extensions, then restarts.
    const after = await createEngine({
      circles,
      policy,
      store,
      clock: before.clock,
      ids: { next: (kind) => `${kind}-after` },
      lifecycle: { leaseMinutes: 120, maxLeaseExtensions: 3 },
    });
    const send = (actorId: string, command: Record<string, unknown>) =>
      after.execute({ idempotencyKey: key(), actorId, ...command } as CommandInput);
    const leaseOf = (taskId: string) =>
      after.getPrivilegedSnapshot().tasks.find((t) => t.task.id === taskId)?.snapshot.claims[0]
        ?.leaseUntil;
    expect(leaseOf(oldId)).toBe('2026-11-29T09:00:00.000Z');

    // The old task extends once by 60 minutes, then refuses, as its terms say.
    expect((await send('q1', { type: 'task.extend', taskId: oldId })).status).toBe('applied');
    expect(leaseOf(oldId)).toBe('2026-11-29T10:00:00.000Z');
    expect((await send('q1', { type: 'task.extend', taskId: oldId })).status).toBe('denied');

    // A new task runs on the new terms.
    const fresh = await send('cmd', { type: 'task.create', task: taskDraft() });
    const newId = fresh.status === 'applied' ? (fresh.taskId as string) : '';
    await send('cmd', { type: 'task.publish', taskId: newId });
    await send('q2', { type: 'task.claim', taskId: newId });
    expect(leaseOf(newId)).toBe('2026-11-29T10:00:00.000Z');

    // A third start, on yet other terms, replays the whole log to the same state.
    const third = await createEngine({
      circles,
      policy,
      store,
      clock: before.clock,
      ids: { next: () => 'unused' },
      lifecycle: { leaseMinutes: 15, leaseWarningMinutes: 5 },
    });
    expect(projections(third, before.clock.now())).toEqual(projections(after, before.clock.now()));
  });
});
