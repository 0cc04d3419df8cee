import { type DomainEvent, QuanziError, type Task } from '@quanzi/core';
import {
  initialTaskSnapshot,
  type LifecycleActor,
  type LifecycleConfig,
  reduceTask,
  type TaskCommand,
  type TaskSnapshot,
  tickTask,
} from '@quanzi/lifecycle';

/** A domain event in the envelope fields projections read. */
export interface SimEvent {
  readonly id: string;
  readonly type: string;
  readonly time: string;
  readonly actor: string;
  readonly data: unknown;
}

/** Receives every event a run emits, in order. */
export type EventSink = (event: SimEvent) => void;

// A command without its instant and actor: the runner stamps both.
type Order = TaskCommand extends infer T
  ? T extends TaskCommand
    ? Omit<T, 'at' | 'actor'>
    : never
  : never;

/** Drives task snapshots through `@quanzi/lifecycle`'s compiled reducer. */
export interface TaskRunner {
  /** Emits `quanzi.task.created` and returns the draft snapshot of `task`. */
  create(task: Task): TaskSnapshot;
  /** Applies one command; a refused step returns `undefined` and leaves nothing behind. */
  send(
    snapshot: TaskSnapshot,
    actor: LifecycleActor,
    order: Order,
    at: string,
  ): TaskSnapshot | undefined;
  /** Like `send`, for steps the model relies on: a refusal is a modelling error and throws. */
  sendExpected(
    snapshot: TaskSnapshot,
    actor: LifecycleActor,
    order: Order,
    at: string,
  ): TaskSnapshot;
  /** Runs the timed steps due at `at` (lease expiry, deadline, auto-close). */
  tick(snapshot: TaskSnapshot, at: string): TaskSnapshot;
  /** Emits an event that no lifecycle step produces (reports, level checkpoints). */
  emit(event: DomainEvent, actor: string, at: string): void;
}

/**
 * A task runner on the lifecycle's compiled reducer. Commands built here are
 * well-formed by construction, so the reducer runs without re-validating them;
 * every event is stamped with an id, the actor and the instant, and sent to `sink`.
 */
export function createTaskRunner(config: LifecycleConfig, sink: EventSink): TaskRunner {
  let sequence = 0;
  const emit = (event: DomainEvent, actor: string, at: string) => {
    sequence += 1;
    sink({ id: `e${sequence}`, type: event.type, time: at, actor, data: event.data });
  };
  const apply = (snapshot: TaskSnapshot, actor: LifecycleActor, order: Order, at: string) => {
    const result = reduceTask(snapshot, { ...order, actor, at } as TaskCommand, config);
    if (result.ok) for (const event of result.events) emit(event, actor.id, at);
    return result;
  };
  return {
    create(task) {
      const snapshot = initialTaskSnapshot(task);
      emit({ type: 'quanzi.task.created', data: { task } }, task.publisherId, task.createdAt);
      return snapshot;
    },
    send(snapshot, actor, order, at) {
      const result = apply(snapshot, actor, order, at);
      return result.ok ? result.snapshot : undefined;
    },
    sendExpected(snapshot, actor, order, at) {
      const result = apply(snapshot, actor, order, at);
      if (result.ok) return result.snapshot;
      throw new QuanziError({ code: 'internal', message: result.reason.message, cause: order });
    },
    tick(snapshot, at) {
      const result = tickTask(snapshot, at, config);
      for (const event of result.events) emit(event, 'system', at);
      return result.snapshot;
    },
    emit,
  };
}
