import type { EventStore } from '@quanzi/core';
import fc from 'fast-check';
import { type CommandInput, createEngine, type Engine } from '../src/index';
import { circles, harness, key, overturnOf, policy, taskDraft } from './engineFixtures';

/** An outcome that must be `applied`; anything else fails the fixture where it happened. */
export async function applied(outcome: Promise<{ status: string }>) {
  const done = await outcome;
  if (done.status !== 'applied') throw new Error(`fixture: ${JSON.stringify(done)}`);
  return done as { status: 'applied'; events: ReadonlyArray<{ id: string; type: string }> };
}

/** One step of {@link runOverturnOps}. */
export type OverturnOp =
  | { readonly kind: 'accept'; readonly solver: 'q1' | 'q2'; readonly rating: number }
  | {
      readonly kind: 'overturn';
      readonly pick: number;
      readonly decision: 'acceptance' | 'rating';
    }
  | { readonly kind: 'snapshot' }
  | { readonly kind: 'restart' }
  | { readonly kind: 'tick' };

/**
 * Steps that reach applied overturns, which the general command streams never do: a
 * task taken from creation to a rating, an overturn of an earlier acceptance or rating,
 * a snapshot, a restart from it, a tick.
 */
export const overturnOpArb: fc.Arbitrary<OverturnOp> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('accept' as const),
      solver: fc.constantFrom('q1' as const, 'q2' as const),
      rating: fc.integer({ min: 1, max: 5 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('overturn' as const),
      pick: fc.nat(),
      decision: fc.constantFrom('acceptance' as const, 'rating' as const),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'snapshot' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'tick' as const }) },
);

/**
 * Runs `ops` on an engine over `store` with snapshots on, each an hour after the last;
 * returns the engine running at the end (restarted from its snapshot at each `restart`),
 * its clock, the tasks accepted and how many overturns were applied.
 */
export async function runOverturnOps(store: EventStore, ops: ReadonlyArray<OverturnOp>) {
  const first = await harness({ store, snapshots: {} });
  const { clock } = first;
  let engine: Engine = first.engine;
  const run = (actorId: string, command: Record<string, unknown>) =>
    engine.execute({ idempotencyKey: key(), actorId, ...command } as CommandInput);
  const accepted: Array<{ taskId: string; solver: string }> = [];
  let overturned = 0;
  for (const op of ops) {
    clock.advance(60 * 60_000);
    if (op.kind === 'accept') {
      const created = await applied(run('cmd', { type: 'task.create', task: taskDraft() }));
      const taskId = (created as unknown as { taskId: string }).taskId;
      for (const [actor, command] of [
        ['cmd', { type: 'task.publish', taskId }],
        [op.solver, { type: 'task.claim', taskId }],
        [op.solver, { type: 'task.start', taskId }],
        [op.solver, { type: 'task.submit', taskId, evidence: [] }],
        ['cmd', { type: 'task.accept', taskId }],
        ['cmd', { type: 'task.rate', taskId, participantId: op.solver, rating: op.rating }],
      ] as const)
        await applied(run(actor, command));
      accepted.push({ taskId, solver: op.solver });
    } else if (op.kind === 'overturn') {
      const target = accepted[op.pick % Math.max(accepted.length, 1)];
      if (!target) continue;
      const outcome = await run('cmd', overturnOf(target.taskId, target.solver, op.decision));
      if (outcome.status === 'applied') overturned += 1;
    } else if (op.kind === 'snapshot') await engine.snapshot();
    else if (op.kind === 'restart')
      engine = await createEngine({
        circles,
        policy,
        store,
        clock,
        ids: { next: (kind) => `${kind}-${key()}` },
        snapshots: {},
      });
    else await engine.host.execute({ type: 'tick', idempotencyKey: key(), now: clock.now() });
  }
  return { engine, clock, accepted, overturned };
}
