import { isOpenForClaims, type Task } from '@quanzi/core';
import { type LifecycleActor, nextTaskDueAt, type TaskSnapshot } from '@quanzi/lifecycle';
import { createTaskIndex, type TaskFacts, type TaskIndex } from '@quanzi/rules';
import type { DayCounters } from './createDayCounters';
import { commandActor, type RunContext } from './RunContext';

/** A task on the board with what the simulator knows and the platform does not. */
export interface BoardTask {
  readonly task: Task;
  snapshot: TaskSnapshot;
  /** The task came from a false or malicious report: there is nothing to fix. */
  readonly sham: boolean;
  /** The reporter's agent index, or -1. */
  readonly reporter: number;
  /** The colluding publisher's agent index, or -1. */
  readonly colluder: number;
  readonly publishedStep: number;
  firstClaimStep: number;
  dueStep: number;
  /** 0..1 credibility of the source, when the scheme ranks by it. */
  readonly credibility: number | undefined;
}

/** Where tasks live during a run: snapshots, the nearby index and the timer wheel. */
export interface TaskBoard {
  readonly index: TaskIndex;
  get(taskId: string): BoardTask | undefined;
  /** Whether the task takes claims now (core's `isOpenForClaims`). */
  isOpen(entry: BoardTask): boolean;
  /** Publishes a task (and approves it at review when it waits there); false when refused. */
  publish(
    entry: Omit<BoardTask, 'snapshot' | 'firstClaimStep' | 'dueStep'>,
    publisher: LifecycleActor,
    step: number,
  ): boolean;
  /** Sends one command and files the result; `undefined` when the lifecycle refused it. */
  send(
    entry: BoardTask,
    actor: LifecycleActor,
    order: Parameters<RunContext['runner']['send']>[2],
    step: number,
  ): TaskSnapshot | undefined;
  /** Runs every timed step due in the hour `step` (lease expiry, deadlines). */
  tickDue(step: number): void;
}

const hourMs = 3_600_000;

/** Creates the task board of one run. */
export function createTaskBoard(context: RunContext, counters: DayCounters): TaskBoard {
  const { runner, lifecycle, policy } = context;
  const index = createTaskIndex(policy);
  const tasks = new Map<string, BoardTask>();
  const wheel = new Map<number, string[]>();
  const startMs = Date.parse(context.scenario.start);

  const facts = (entry: BoardTask): TaskFacts => ({
    task: entry.task,
    state: entry.snapshot.state,
    claimantIds: entry.snapshot.claims.map((claim) => claim.claimantId),
    ...(entry.credibility === undefined ? {} : { publisherCredibility: entry.credibility }),
  });

  const schedule = (entry: BoardTask) => {
    const due = nextTaskDueAt(entry.snapshot, lifecycle);
    entry.dueStep = due === null ? -1 : Math.ceil((Date.parse(due) - startMs) / hourMs);
    if (entry.dueStep < 0) return;
    const bucket = wheel.get(entry.dueStep);
    if (bucket) bucket.push(entry.task.id);
    else wheel.set(entry.dueStep, [entry.task.id]);
  };

  // Core's one answer to "open for claims": a claimable state and a free slot.
  const open = (s: TaskSnapshot) =>
    isOpenForClaims({ state: s.state, claimCount: s.claims.length, slots: s.slots });

  const file = (entry: BoardTask, snapshot: TaskSnapshot, step: number) => {
    const wasOpen = open(entry.snapshot);
    entry.snapshot = snapshot;
    if (open(snapshot)) index.add(facts(entry));
    else if (wasOpen) index.remove(entry.task.id);
    if (snapshot.state === 'closed') {
      tasks.delete(entry.task.id);
      counters.closed(entry, snapshot.closure?.reason ?? 'cancelled', step);
      return;
    }
    schedule(entry);
  };

  return {
    index,
    get: (taskId) => tasks.get(taskId),
    isOpen: (entry) => open(entry.snapshot),
    publish(input, publisher, step) {
      const at = context.instantAt(step);
      const entry: BoardTask = {
        ...input,
        snapshot: runner.create(input.task),
        firstClaimStep: -1,
        dueStep: -1,
      };
      let snapshot = runner.send(entry.snapshot, publisher, { type: 'publish' }, at);
      if (snapshot?.state === 'pending_review')
        snapshot = runner.send(
          snapshot,
          commandActor,
          { type: 'review', decision: 'approved' },
          at,
        );
      if (!snapshot) return false;
      tasks.set(input.task.id, entry);
      counters.arrived(entry);
      file(entry, snapshot, step);
      return true;
    },
    send(entry, actor, order, step) {
      const snapshot = runner.send(entry.snapshot, actor, order, context.instantAt(step));
      if (snapshot) file(entry, snapshot, step);
      return snapshot;
    },
    tickDue(step) {
      const due = wheel.get(step);
      if (!due) return;
      wheel.delete(step);
      const at = context.instantAt(step);
      for (const taskId of due) {
        const entry = tasks.get(taskId);
        if (entry?.dueStep === step) file(entry, runner.tick(entry.snapshot, at), step);
      }
    },
  };
}
