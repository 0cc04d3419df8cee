import * as z from 'zod/mini';

/**
 * Every state of a task, the one vocabulary the lifecycle, the rules, the engine,
 * the SQL task view and the simulator share. `accepted` is the rating window
 * before the task closes resolved.
 */
export const TaskStateSchema = z.enum([
  'draft',
  'pending_review',
  'published',
  'claimed',
  'in_progress',
  'submitted',
  'rework',
  'escalated',
  'accepted',
  'closed',
]);

/** One of {@link TaskStateSchema}. */
export type TaskState = z.infer<typeof TaskStateSchema>;

/**
 * The states in which a task takes claims while a slot is free: on the platform
 * and not yet handed in. The lifecycle's table has a `claim` route in exactly
 * these states (a test holds it to that).
 */
export const claimableTaskStates: ReadonlySet<TaskState> = new Set([
  'published',
  'claimed',
  'in_progress',
]);

/**
 * The states in which the command center judges handed-in work, slot by slot
 * (accept, send back, reject): every slot may be handed in while others are still
 * worked on. The lifecycle's table has an `accept` route in exactly these states.
 */
export const judgeableTaskStates: ReadonlySet<TaskState> = new Set([
  'in_progress',
  'rework',
  'submitted',
]);

/**
 * Whether a task is open for claims, and so for discovery in a nearby search:
 * a claimable state and a free slot. The one answer every package gives.
 *
 * @example
 * isOpenForClaims({ state: 'in_progress', claimCount: 1, slots: 3 }); // true
 */
export function isOpenForClaims(task: {
  readonly state: string;
  readonly claimCount: number;
  readonly slots: number;
}): boolean {
  return claimableTaskStates.has(task.state as TaskState) && task.claimCount < task.slots;
}
