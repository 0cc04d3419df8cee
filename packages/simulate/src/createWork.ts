import { type Participant, roleOf } from '@quanzi/core';
import type { LifecycleActor } from '@quanzi/lifecycle';
import { participantAt } from './createAgents';
import type { DayCounters } from './createDayCounters';
import type { BoardTask, TaskBoard } from './createTaskBoard';
import { commandActor, type RunContext } from './RunContext';

/** Claiming, working, submitting and the command center's review. */
export interface Work {
  /** 1 while agent `i` holds a task. */
  readonly busy: Uint8Array;
  /** Claims and starts `entry` for agent `i`; false when the lifecycle refused. */
  claim(i: number, entry: BoardTask, step: number): boolean;
  /** Submits the work due at `step` and has the center review it. */
  finishWork(step: number): void;
}

interface Job {
  readonly agent: number;
  readonly taskId: string;
  readonly reworks: number;
}

const evidence = [{ type: 'image', url: 'https://example.org/evidence.jpg' }] as const;
const poorQuality = [{ code: 'poor_quality' }] as const;

/** The lifecycle role an agent acts in: core's `roleOf`, as in the engine. */
export function actorOf(participant: Participant): LifecycleActor {
  return { id: participant.id, role: roleOf(participant) };
}

/**
 * Work takes as many hours as the task's difficulty. The center accepts it with the
 * solver's skill as chance (then rates, rewards and closes), else asks for rework up
 * to twice, then rejects. Work on a false report is closed and the report dismissed.
 */
export function createWork(context: RunContext, board: TaskBoard, counters: DayCounters): Work {
  const { agents, streams, runner } = context;
  const busy = new Uint8Array(agents.count);
  const wheel = new Map<number, Job[]>();

  const schedule = (job: Job, step: number, entry: BoardTask) => {
    const category = context.policy.categories.get(entry.task.category);
    const due = step + Math.max(1, entry.task.difficulty ?? category?.defaultDifficulty ?? 1);
    const bucket = wheel.get(due);
    if (bucket) bucket.push(job);
    else wheel.set(due, [job]);
  };

  const accept = (job: Job, entry: BoardTask, step: number) => {
    const participantId = participantAt(agents, job.agent).id;
    const rating = streams.review.next() < (agents.skill[job.agent] ?? 0) ? 5 : 3;
    // Acceptance pays the task's points in the same step, as it does in the engine.
    const accepted = board.send(
      entry,
      commandActor,
      { type: 'accept', claimantId: participantId },
      step,
    );
    const paid = accepted?.rewards.find((reward) => reward.participantId === participantId);
    if (paid) {
      agents.points[job.agent] = (agents.points[job.agent] ?? 0) + paid.points;
      agents.recentPoints[job.agent] = (agents.recentPoints[job.agent] ?? 0) + paid.points;
      counters.rewarded(entry, paid.points);
    }
    board.send(entry, commandActor, { type: 'rate', participantId, rating }, step);
    agents.accepted[job.agent] = (agents.accepted[job.agent] ?? 0) + 1;
    // The rating window then runs out on the board's clock and closes the task resolved.
  };

  const dismiss = (entry: BoardTask, step: number) => {
    const close = { type: 'close', reason: 'cancelled', note: 'false report' } as const;
    board.send(entry, commandActor, close, step);
    if (entry.task.source.kind !== 'report') return;
    const data = { reportId: entry.task.source.reportId, verdict: 'malicious' } as const;
    runner.emit(
      { type: 'quanzi.report.dismissed', data },
      commandActor.id,
      context.instantAt(step),
    );
  };

  /** Reviews submitted work; true when it went back for rework (the agent stays busy). */
  const review = (job: Job, entry: BoardTask, step: number) => {
    if (entry.sham) {
      dismiss(entry, step);
      return false;
    }
    if (streams.review.next() < (agents.skill[job.agent] ?? 0)) {
      accept(job, entry, step);
      return false;
    }
    const claimantId = participantAt(agents, job.agent).id;
    const rework = { type: 'request_rework' as const, claimantId, reasons: [...poorQuality] };
    if (job.reworks < 2 && board.send(entry, commandActor, rework, step)) {
      schedule({ ...job, reworks: job.reworks + 1 }, step, entry);
      return true;
    }
    board.send(
      entry,
      commandActor,
      { type: 'reject', claimantId, reasons: [...poorQuality] },
      step,
    );
    return false;
  };

  const finishOne = (job: Job, step: number) => {
    const entry = board.get(job.taskId);
    const actor = actorOf(participantAt(agents, job.agent));
    // The lease may have lapsed meanwhile: then the submission is refused and the agent moves on.
    const submitted =
      entry && board.send(entry, actor, { type: 'submit', evidence: [...evidence] }, step);
    busy[job.agent] = entry && submitted && review(job, entry, step) ? 1 : 0;
  };

  return {
    busy,
    claim(i, entry, step) {
      const actor = actorOf(participantAt(agents, i));
      if (!board.send(entry, actor, { type: 'claim' }, step)) return false;
      counters.claimed(entry, i, step);
      board.send(entry, actor, { type: 'start' }, step);
      busy[i] = 1;
      schedule({ agent: i, taskId: entry.task.id, reworks: 0 }, step, entry);
      return true;
    },
    finishWork(step) {
      const jobs = wheel.get(step);
      wheel.delete(step);
      for (const job of jobs ?? []) finishOne(job, step);
    },
  };
}
