import { createManualClock, type IdSource, type ManualClock } from '@quanzi/core';
import fc from 'fast-check';
import type { Engine, EngineOptions } from '../src/index';
import { createEngine } from '../src/index';
import { batchOf, type Step, streamArb } from './commandStream';
import { circles, people, policy, start } from './engineFixtures';

/** The command stream of a crash run: the same for the same seed, in every process. */
export function crashSteps(seed: number): Step[] {
  return (
    fc.sample(
      streamArb.filter((steps) => steps.length >= 40),
      { seed, numRuns: 1 },
    )[0] ?? []
  );
}

/**
 * Ids named after the command being run, so a retried command makes the same ids
 * as its first try and two runs of one stream write identical logs.
 */
export function commandIds(): IdSource & { begin(label: string): void } {
  let label = '';
  let counter = 0;
  return {
    begin(next) {
      label = next;
      counter = 0;
    },
    next(prefix = 'id') {
      counter += 1;
      return `${prefix}.${label}.${counter}`;
    },
  };
}

/** An engine for a crash run over `store`. */
export async function crashEngine(store: EngineOptions['store']) {
  const clock: ManualClock = createManualClock(start);
  const ids = commandIds();
  const engine = await createEngine({ circles, policy, store, clock, ids });
  return { engine, clock, ids };
}

/**
 * Registers everybody, then runs every step with idempotency key `c-<index>`,
 * calling `done` after each. The clock follows the step index, so a retry happens
 * at the same instant as its first try.
 */
export async function runStream(
  run: { engine: Engine; clock: ManualClock; ids: ReturnType<typeof commandIds> },
  steps: Step[],
  done: (index: number, status: string) => void = () => undefined,
) {
  const { engine, clock, ids } = run;
  for (const participant of people) {
    ids.begin(`reg-${participant.id}`);
    await engine.host.applyBatch([
      { type: 'participant.register', idempotencyKey: `reg-${participant.id}`, participant },
    ]);
  }
  let minutes = 0;
  for (const [index, step] of steps.entries()) {
    minutes += step.advanceMinutes;
    clock.set(Date.parse(start) + minutes * 60_000);
    ids.begin(`c${index}`);
    const command =
      step.command.type === 'tick' ? { ...step.command, now: clock.now() } : step.command;
    const [outcome] = await batchOf(
      engine,
      step.actorId,
    )([{ idempotencyKey: `c-${index}`, actorId: step.actorId, ...command }]);
    done(index, outcome?.status ?? 'none');
  }
}

/** Everything an engine projects, in a comparable form. */
export function projections(engine: Engine, now: string) {
  const snapshot = engine.getPrivilegedSnapshot();
  return {
    snapshot: { ...snapshot },
    profiles: snapshot.participants.map((p) => engine.reputation.profile(p.participant.id, now)),
  };
}
