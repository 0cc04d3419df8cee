import type { ManualClock } from '@quanzi/core';
import { type Engine, publicViewer } from '../src/index';
import { batchOf, type Step } from './commandStream';
import { key } from './engineFixtures';

/** Everything a restart must get right: projections, profiles and what each viewer is shown. */
export function answers(engine: Engine, now: string) {
  const snapshot = engine.getPrivilegedSnapshot();
  const viewers = [publicViewer, ...snapshot.participants.map((record) => record.participant)];
  return {
    snapshot: { ...snapshot },
    profiles: snapshot.participants.map((p) => engine.reputation.profile(p.participant.id, now)),
    tasks: viewers.map((viewer) => engine.listTasks(viewer).map((record) => record.task.id)),
    reports: viewers.map((viewer) => engine.listReports(viewer).map((record) => record.report.id)),
    nearby: ['q1', 'q2', 'dq']
      .filter((id) => snapshot.participants.some((record) => record.participant.id === id))
      .map((id) => engine.claimableNear(id)),
    leaderboard: engine.reputation.leaderboard({ now, metric: 'points' }),
    levels: engine.reputation.levelChanges(),
  };
}

/** Sends each step's command as its actor, after moving the clock. */
export async function runSteps(engine: Engine, steps: ReadonlyArray<Step>, clock: ManualClock) {
  for (const step of steps) {
    clock.advance(step.advanceMinutes * 60_000);
    const command =
      step.command.type === 'tick' ? { ...step.command, now: clock.now() } : step.command;
    await batchOf(
      engine,
      step.actorId,
    )([{ idempotencyKey: key('s'), actorId: step.actorId, ...command }]);
  }
}
