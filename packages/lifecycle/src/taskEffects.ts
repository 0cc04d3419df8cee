import type { DomainEvent } from '@quanzi/core';
import { later, plusMinutes, toEpoch } from '@quanzi/core';
import { domainEvent as event, optionalField as optional } from './domainEvent';
import type { LifecycleConfig } from './LifecycleConfig';
import type { TaskCommand, TaskCommandOf } from './TaskCommand';
import type { TaskSnapshot } from './TaskSnapshot';
import { nextTaskDue } from './taskDue';

/**
 * The `decide` half of one task step: the events a permitted command emits. What
 * they change is {@link evolveTask}'s alone.
 */
export type TaskEffect<TCommand extends TaskCommand = TaskCommand> = (
  snapshot: TaskSnapshot,
  command: TCommand,
  config: LifecycleConfig,
) => DomainEvent[];

/** Publishes the task; the center's and upstream's own tasks count as approved. */
export const publish: TaskEffect = (s, c) => [
  event('quanzi.task.published', {
    taskId: s.taskId,
    ...(['command', 'upstream'].includes(c.actor.role) && { approved: true as const }),
  }),
];

/** Puts a resident's task before the command center. */
export const requestReview: TaskEffect = (s) => [
  event('quanzi.task.review_requested', { taskId: s.taskId }),
];

/** Records the center's review; approval of a pending task also publishes it. */
export const review: TaskEffect<TaskCommandOf<'review'>> = (s, c) => {
  const reviewed = event('quanzi.task.reviewed', {
    taskId: s.taskId,
    decision: c.decision,
    ...optional('guidance', c.guidance),
  });
  if (c.decision === 'approved' && s.state === 'pending_review')
    return [reviewed, event('quanzi.task.published', { taskId: s.taskId })];
  return [reviewed];
};

/** Adds a claim with a fresh lease. */
export const claim: TaskEffect = (s, c, config) => [
  event('quanzi.task.claimed', {
    taskId: s.taskId,
    claimantId: c.actor.id,
    leaseUntil: plusMinutes(c.at, config.leaseMinutes),
  }),
];

/** Extends the holder's lease by one lease length from whichever is later: now or its end. */
export const extendLease: TaskEffect = (s, c, config) => {
  const held = s.claims.find((claim) => claim.claimantId === c.actor.id);
  const from = held ? later(held.leaseUntil, c.at) : c.at;
  return [
    event('quanzi.task.lease_extended', {
      taskId: s.taskId,
      claimantId: c.actor.id,
      leaseUntil: plusMinutes(from, config.leaseMinutes),
    }),
  ];
};

/** The holder gives the task back; their evidence stays. */
export const release: TaskEffect = (s, c) => [
  event('quanzi.task.released', { taskId: s.taskId, claimantId: c.actor.id, reason: 'released' }),
];

/** The holder starts work. */
export const start: TaskEffect = (s, c) => [
  event('quanzi.task.started', { taskId: s.taskId, claimantId: c.actor.id }),
];

/** Attaches evidence and hands the work to the center. */
export const submit: TaskEffect<TaskCommandOf<'submit'>> = (s, c) => [
  event('quanzi.task.work_submitted', {
    taskId: s.taskId,
    claimantId: c.actor.id,
    evidence: c.evidence,
    ...optional('note', c.note),
  }),
];

/** Information found while handling the task goes back as a new report. */
export const reportFollowup: TaskEffect<TaskCommandOf<'report_followup'>> = (s, c) => [
  event('quanzi.task.followup_reported', { taskId: s.taskId, reportId: c.reportId }),
];

/**
 * The center accepts one slot's work, which pays the task's points to its holder in
 * the same step; once every slot is settled the rating window opens.
 */
export const accept: TaskEffect<TaskCommandOf<'accept'>> = (s, c) => [
  event('quanzi.task.accepted', {
    taskId: s.taskId,
    claimantIds: [c.claimantId],
    onTime: s.deadline === null || toEpoch(c.at) <= toEpoch(s.deadline),
  }),
  ...(s.rewardPoints > 0 && !s.rewards.some((r) => r.participantId === c.claimantId)
    ? [
        event('quanzi.task.rewarded', {
          taskId: s.taskId,
          participantId: c.claimantId,
          points: s.rewardPoints,
        }),
      ]
    : []),
];

/** The center sends one slot's work back with reasons; that holder gets a fresh lease. */
export const requestRework: TaskEffect<TaskCommandOf<'request_rework'>> = (s, c) => [
  event('quanzi.task.rework_requested', {
    taskId: s.taskId,
    claimantId: c.claimantId,
    reasons: c.reasons,
  }),
];

/** The center rejects one holder's work and drops their claim; evidence stays. */
export const reject: TaskEffect<TaskCommandOf<'reject'>> = (s, c) => [
  event('quanzi.task.rejected', { taskId: s.taskId, claimantId: c.claimantId, reasons: c.reasons }),
  event('quanzi.task.released', { taskId: s.taskId, claimantId: c.claimantId, reason: 'rejected' }),
];

/** Rates one solver. */
export const rate: TaskEffect<TaskCommandOf<'rate'>> = (s, c) => [
  event('quanzi.task.rated', {
    taskId: s.taskId,
    participantId: c.participantId,
    rating: c.rating,
    ...optional('comment', c.comment),
  }),
];

/** Rewards one solver. */
export const reward: TaskEffect<TaskCommandOf<'reward'>> = (s, c) => [
  event('quanzi.task.rewarded', {
    taskId: s.taskId,
    participantId: c.participantId,
    points: c.points,
  }),
];

/** Marks one solver's work as a classic case. */
export const markClassic: TaskEffect<TaskCommandOf<'mark_classic'>> = (s, c) => [
  event('quanzi.task.classic_marked', {
    taskId: s.taskId,
    participantId: c.participantId,
    ...optional('note', c.note),
  }),
];

/** Escalates beyond the solver's capability or to a sworn officer. */
export const escalate: TaskEffect<TaskCommandOf<'escalate'>> = (s, c) => [
  event('quanzi.task.escalated', {
    taskId: s.taskId,
    reason: c.reason,
    ...optional('note', c.note),
  }),
];

/** The center sends an escalated task back to work with fresh leases. */
export const resume: TaskEffect = (s) => [event('quanzi.task.resumed', { taskId: s.taskId })];

/** Closes the task with its reason. */
export const close: TaskEffect<TaskCommandOf<'close'>> = (s, c) => [
  event('quanzi.task.closed', {
    taskId: s.taskId,
    reason: c.reason,
    ...optional('duplicateOf', c.duplicateOf),
    ...optional('note', c.note),
  }),
];

/** The due holder's claim (every lease-timed item names one). */
const dueClaim = (s: TaskSnapshot, config: LifecycleConfig) => {
  const id = nextTaskDue(s, config)?.claimantId;
  return s.claims.find((claim) => claim.claimantId === id);
};

/** Warns the due holder that their lease is about to end. */
export const warnLease: TaskEffect = (s, _, config) => {
  const held = dueClaim(s, config);
  return [
    event('quanzi.task.lease_expiring', {
      taskId: s.taskId,
      claimantId: held?.claimantId ?? '',
      leaseUntil: held?.leaseUntil ?? '',
    }),
  ];
};

/** The due holder's lease lapsed: the claim goes, the history and evidence stay. */
export const expireLease: TaskEffect = (s, _, config) => [
  event('quanzi.task.released', {
    taskId: s.taskId,
    claimantId: dueClaim(s, config)?.claimantId ?? '',
    reason: 'expired',
  }),
];

/** The service level lapsed: the center is alerted once. */
export const breachSla: TaskEffect = (s) => [
  event('quanzi.task.escalated', { taskId: s.taskId, reason: 'sla_breached' }),
];

/** Closes for a timed reason: `expired` at the deadline, `resolved` after the rating window. */
export const closeBecause =
  (reason: 'expired' | 'resolved'): TaskEffect =>
  (s) => [event('quanzi.task.closed', { taskId: s.taskId, reason })];
