import { type DomainEvent, InstantSchema, parseInput, toEpoch } from '@quanzi/core';
import { compileReducer } from './compileReducer';
import type { LifecycleConfig } from './LifecycleConfig';
import type { TransitionResult } from './LifecycleDefinition';
import { type TaskCommand, TaskCommandSchema } from './TaskCommand';
import type { TaskSnapshot } from './TaskSnapshot';
import { taskDefinition } from './taskDefinition';
import { nextTaskDue } from './taskDue';

/**
 * The compiled reducer of the task lifecycle: no validation, no actor, no xstate.
 * Equivalent to `taskMachine` of `@quanzi/lifecycle/xstate` (a differential test
 * checks it); {@link transitionTask} is the validated entry point.
 */
export const reduceTask = compileReducer(taskDefinition);

/**
 * Applies one command to a task snapshot. A refused step (wrong role, wrong state,
 * no free slot) is a returned `{ ok: false, reason }`; a command of the wrong shape
 * throws a `QuanziError`. The snapshot passed in is never changed.
 *
 * @example
 * const result = transitionTask(snapshot, { type: 'claim', actor: { id: 'p7', role: 'qualified' }, at }, config);
 * if (result.ok) await store.append(result.events);
 * else show(result.reason.message['zh-CN']);
 */
export function transitionTask(
  snapshot: TaskSnapshot,
  command: TaskCommand,
  config: LifecycleConfig,
): TransitionResult<TaskSnapshot> {
  return reduceTask(
    snapshot,
    parseInput(TaskCommandSchema, command, { path: ['command'] }),
    config,
  );
}

/** The acting participant of timed steps. */
export const systemActor = { id: 'system', role: 'system' } as const;

/**
 * Runs every timed step due at `now`, earliest first (lease warnings, lease
 * expiries, SLA escalation, deadline expiry, auto-close), and returns the final
 * snapshot with all their events. Nothing due: the same snapshot, no events.
 *
 * @example
 * const { snapshot: next, events } = tickTask(snapshot, clock.now(), config);
 */
export function tickTask(
  snapshot: TaskSnapshot,
  now: string,
  config: LifecycleConfig,
): { snapshot: TaskSnapshot; events: DomainEvent[] } {
  // Built here, so only the instant needs checking; ticks run for every due task.
  const nowMs = toEpoch(now);
  if (Number.isNaN(nowMs)) parseInput(InstantSchema, now, { path: ['now'] });
  const command = { type: 'tick', actor: systemActor, at: now } as const;
  let current = snapshot;
  const events: DomainEvent[] = [];
  while ((nextTaskDue(current, config)?.at ?? Number.POSITIVE_INFINITY) <= nowMs) {
    const result = reduceTask(current, command, config);
    // Every due item has a branch; stopping on a refusal keeps a bad table from looping.
    if (!result.ok) break;
    current = result.snapshot;
    events.push(...result.events);
  }
  return { snapshot: current, events };
}
