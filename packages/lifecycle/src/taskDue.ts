import type { TaskState } from '@quanzi/core';
import { fromEpoch, toEpoch } from '@quanzi/core';
import type { LifecycleConfig } from './LifecycleConfig';
import type { TaskSnapshot } from './TaskSnapshot';

/** The kinds of timed step a task can have due. */
export type TaskDueKind = 'lease_warning' | 'lease_expiry' | 'sla' | 'deadline' | 'auto_close';

/** The earliest timed step of a task: what, when (epoch ms) and for which holder. */
export interface TaskDueItem {
  readonly kind: TaskDueKind;
  readonly at: number;
  readonly claimantId?: string;
}

const leaseStates: ReadonlySet<TaskState> = new Set(['claimed', 'in_progress', 'rework']);
const slaStates: ReadonlySet<TaskState> = new Set(['published', ...leaseStates]);
const deadlineStates: ReadonlySet<TaskState> = new Set(['draft', 'pending_review', 'published']);
const hour = 3_600_000;

/**
 * The earliest timed step the task's current state reacts to, or `undefined`.
 * Ties go to the item listed first (warnings before expiries, holders in claim
 * order), so both lifecycle paths pick the same one.
 */
export function nextTaskDue(
  snapshot: TaskSnapshot,
  config: LifecycleConfig,
): TaskDueItem | undefined {
  // A tick asks up to six times for the same snapshot; snapshots are never mutated,
  // so remembering the last answer by identity is safe and saves the date parsing.
  if (last?.snapshot === snapshot && last.config === config) return last.due;
  const due = computeDue(snapshot, config);
  last = { snapshot, config, due };
  return due;
}

let last:
  | { snapshot: TaskSnapshot; config: LifecycleConfig; due: TaskDueItem | undefined }
  | undefined;

// The earlier of two items, the first on a tie (a module function: computeDue runs for
// every task event applied, and a closure per call showed in profiles).
const earlier = (best: TaskDueItem | undefined, item: TaskDueItem) =>
  !best || item.at < best.at ? item : best;

function computeDue(snapshot: TaskSnapshot, config: LifecycleConfig): TaskDueItem | undefined {
  let best: TaskDueItem | undefined;
  const { state } = snapshot;
  if (leaseStates.has(state))
    for (const claim of snapshot.claims) {
      // A handed-in or accepted slot waits for the center, not for its lease.
      if (claim.phase === 'submitted' || claim.phase === 'accepted') continue;
      const until = toEpoch(claim.leaseUntil);
      const { claimantId } = claim;
      if (!claim.warned)
        best = earlier(best, {
          kind: 'lease_warning',
          at: until - config.leaseWarningMinutes * 60_000,
          claimantId,
        });
      best = earlier(best, { kind: 'lease_expiry', at: until, claimantId });
    }
  if (
    slaStates.has(state) &&
    !snapshot.slaEscalated &&
    snapshot.slaHours !== null &&
    snapshot.publishedAt
  )
    best = earlier(best, {
      kind: 'sla',
      at: toEpoch(snapshot.publishedAt) + snapshot.slaHours * hour,
    });
  if (deadlineStates.has(state) && snapshot.deadline)
    best = earlier(best, { kind: 'deadline', at: toEpoch(snapshot.deadline) });
  if (state === 'accepted' && snapshot.acceptedAt)
    best = earlier(best, {
      kind: 'auto_close',
      at: toEpoch(snapshot.acceptedAt) + config.ratingWindowHours * hour,
    });
  return best;
}

/**
 * When the host must next send a `tick` (lease warning, lease expiry, SLA
 * escalation, deadline expiry or the end of the rating window), or `null` when
 * nothing is scheduled. The lifecycle never runs a timer itself.
 *
 * @example
 * const due = nextTaskDueAt(snapshot, config);
 * if (due && due <= clock.now()) ({ snapshot } = tickTask(snapshot, clock.now(), config));
 */
export function nextTaskDueAt(snapshot: TaskSnapshot, config: LifecycleConfig): string | null {
  const due = nextTaskDue(snapshot, config);
  return due ? fromEpoch(due.at) : null;
}
