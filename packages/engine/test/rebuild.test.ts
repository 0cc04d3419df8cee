import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandCatalogue } from '../src/commandCatalogue';
import { createEngine, createMemoryEventStore, type Engine } from '../src/index';
import { streamArb } from './commandStream';
import { circles, harness, key, policy } from './engineFixtures';

/** Everything an engine projects, in a comparable form. */
export function projections(engine: Engine, now: string) {
  const snapshot = engine.getSnapshot();
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
          const [outcome] = await engine.applyBatch([
            { idempotencyKey: key('p'), actorId: step.actorId, ...command },
          ]);
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
      { numRuns: 25 },
    );
    // The streams must reach deep into the lifecycle, or the agreement says little.
    console.log([...kinds]);
    expect(kinds.size).toBeGreaterThanOrEqual(18);
  });
});
