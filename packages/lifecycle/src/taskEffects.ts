import { domainEvent as event, optionalField as optional } from './domainEvent';
import { later, plusMinutes, toEpoch } from './instant';
import type { LifecycleConfig } from './LifecycleConfig';
import type { EffectResult } from './LifecycleDefinition';
import type { TaskCommand, TaskCommandOf } from './TaskCommand';
import type { Claim, TaskSnapshot } from './TaskSnapshot';
import { nextTaskDue } from './taskDue';

/** A task effect for commands of type `TType`. */
export type TaskEffect<TCommand extends TaskCommand = TaskCommand> = (
  snapshot: TaskSnapshot,
  command: TCommand,
  config: LifecycleConfig,
) => EffectResult<TaskSnapshot>;

type Counter = keyof TaskSnapshot['counters'];

const bump = (snapshot: TaskSnapshot, counter: Counter) => {
  const counters = { ...snapshot.counters };
  counters[counter] += 1;
  return counters;
};

const withoutClaim = (snapshot: TaskSnapshot, id: string) =>
  snapshot.claims.filter((claim) => claim.claimantId !== id);

const mapClaim = (snapshot: TaskSnapshot, id: string, change: (claim: Claim) => Claim) =>
  snapshot.claims.map((claim) => (claim.claimantId === id ? change(claim) : claim));

/** Fresh leases for every holder, from `at` (rework and resume hand the work back). */
const renewLeases = (snapshot: TaskSnapshot, at: string, config: LifecycleConfig) =>
  snapshot.claims.map((claim) => ({
    ...claim,
    leaseUntil: plusMinutes(at, config.leaseMinutes),
    warned: false,
  }));

/** Publishes the task; the center's and upstream's own tasks count as approved. */
export const publish: TaskEffect = (s, c) => ({
  snapshot: {
    ...s,
    publishedAt: c.at,
    review: c.actor.role === 'command' || c.actor.role === 'upstream' ? 'approved' : s.review,
  },
  events: [event('quanzi.task.published', { taskId: s.taskId })],
});

/** Puts a resident's task before the command center. */
export const requestReview: TaskEffect = (s) => ({
  snapshot: { ...s },
  events: [event('quanzi.task.review_requested', { taskId: s.taskId })],
});

/** Records the center's review; approval of a pending task also publishes it. */
export const review: TaskEffect<TaskCommandOf<'review'>> = (s, c) => {
  const reviewed = event('quanzi.task.reviewed', {
    taskId: s.taskId,
    decision: c.decision,
    ...optional('guidance', c.guidance),
  });
  const next = { ...s, review: c.decision, guidance: c.guidance ?? s.guidance };
  if (c.decision === 'approved' && s.state === 'pending_review')
    return {
      snapshot: { ...next, publishedAt: c.at },
      events: [reviewed, event('quanzi.task.published', { taskId: s.taskId })],
    };
  return { snapshot: next, events: [reviewed] };
};

/** Adds a claim with a fresh lease. */
export const claim: TaskEffect = (s, c, config) => {
  const leaseUntil = plusMinutes(c.at, config.leaseMinutes);
  const added: Claim = {
    claimantId: c.actor.id,
    claimedAt: c.at,
    leaseUntil,
    extensions: 0,
    warned: false,
    startedAt: null,
  };
  return {
    snapshot: { ...s, claims: [...s.claims, added], counters: bump(s, 'claims') },
    events: [
      event('quanzi.task.claimed', { taskId: s.taskId, claimantId: c.actor.id, leaseUntil }),
    ],
  };
};

/** Extends the holder's lease by one lease length from whichever is later: now or its end. */
export const extendLease: TaskEffect = (s, c, config) => {
  let leaseUntil = '';
  const claims = mapClaim(s, c.actor.id, (held) => {
    leaseUntil = plusMinutes(later(held.leaseUntil, c.at), config.leaseMinutes);
    return { ...held, leaseUntil, extensions: held.extensions + 1, warned: false };
  });
  return {
    snapshot: { ...s, claims, counters: bump(s, 'extensions') },
    events: [
      event('quanzi.task.lease_extended', { taskId: s.taskId, claimantId: c.actor.id, leaseUntil }),
    ],
  };
};

/** The holder gives the task back; their evidence stays. */
export const release: TaskEffect = (s, c) => ({
  snapshot: { ...s, claims: withoutClaim(s, c.actor.id), counters: bump(s, 'releases') },
  events: [
    event('quanzi.task.released', { taskId: s.taskId, claimantId: c.actor.id, reason: 'released' }),
  ],
});

/** The holder starts work. */
export const start: TaskEffect = (s, c) => ({
  snapshot: { ...s, claims: mapClaim(s, c.actor.id, (held) => ({ ...held, startedAt: c.at })) },
  events: [event('quanzi.task.started', { taskId: s.taskId, claimantId: c.actor.id })],
});

/** Attaches evidence and hands the work to the center. */
export const submit: TaskEffect<TaskCommandOf<'submit'>> = (s, c) => ({
  snapshot: {
    ...s,
    evidence: [
      ...s.evidence,
      { claimantId: c.actor.id, media: c.evidence, note: c.note ?? null, submittedAt: c.at },
    ],
    counters: bump(s, 'submissions'),
  },
  events: [
    event('quanzi.task.work_submitted', {
      taskId: s.taskId,
      claimantId: c.actor.id,
      evidence: c.evidence,
      ...optional('note', c.note),
    }),
  ],
});

/** Information found while handling the task goes back as a new report. */
export const reportFollowup: TaskEffect<TaskCommandOf<'report_followup'>> = (s, c) => ({
  snapshot: { ...s, followupReportIds: [...s.followupReportIds, c.reportId] },
  events: [event('quanzi.task.followup_reported', { taskId: s.taskId, reportId: c.reportId })],
});

/** The center accepts the work of every holder; the rating window opens. */
export const accept: TaskEffect = (s, c) => {
  const claimantIds = s.claims.map((held) => held.claimantId);
  const onTime = s.deadline === null || toEpoch(c.at) <= toEpoch(s.deadline);
  return {
    snapshot: { ...s, acceptedAt: c.at, acceptedClaimantIds: claimantIds },
    events: [event('quanzi.task.accepted', { taskId: s.taskId, claimantIds, onTime })],
  };
};

/** The center returns the work with reasons; holders get fresh leases. */
export const requestRework: TaskEffect<TaskCommandOf<'request_rework'>> = (s, c, config) => ({
  snapshot: {
    ...s,
    reworkReasons: c.reasons,
    claims: renewLeases(s, c.at, config),
    counters: bump(s, 'reworks'),
  },
  events: [event('quanzi.task.rework_requested', { taskId: s.taskId, reasons: c.reasons })],
});

/** The center rejects one holder's work and drops their claim; evidence stays. */
export const reject: TaskEffect<TaskCommandOf<'reject'>> = (s, c) => ({
  snapshot: { ...s, claims: withoutClaim(s, c.claimantId), counters: bump(s, 'rejections') },
  events: [
    event('quanzi.task.rejected', {
      taskId: s.taskId,
      claimantId: c.claimantId,
      reasons: c.reasons,
    }),
    event('quanzi.task.released', {
      taskId: s.taskId,
      claimantId: c.claimantId,
      reason: 'rejected',
    }),
  ],
});

/** Rates one solver. */
export const rate: TaskEffect<TaskCommandOf<'rate'>> = (s, c) => ({
  snapshot: { ...s, ratings: [...s.ratings, { participantId: c.participantId, rating: c.rating }] },
  events: [
    event('quanzi.task.rated', {
      taskId: s.taskId,
      participantId: c.participantId,
      rating: c.rating,
      ...optional('comment', c.comment),
    }),
  ],
});

/** Rewards one solver. */
export const reward: TaskEffect<TaskCommandOf<'reward'>> = (s, c) => ({
  snapshot: { ...s, rewards: [...s.rewards, { participantId: c.participantId, points: c.points }] },
  events: [
    event('quanzi.task.rewarded', {
      taskId: s.taskId,
      participantId: c.participantId,
      points: c.points,
    }),
  ],
});

/** Marks one solver's work as a classic case. */
export const markClassic: TaskEffect<TaskCommandOf<'mark_classic'>> = (s, c) => ({
  snapshot: { ...s, classicIds: [...s.classicIds, c.participantId] },
  events: [
    event('quanzi.task.classic_marked', {
      taskId: s.taskId,
      participantId: c.participantId,
      ...optional('note', c.note),
    }),
  ],
});

/** Escalates beyond the solver's capability or to a sworn officer. */
export const escalate: TaskEffect<TaskCommandOf<'escalate'>> = (s, c) => ({
  snapshot: {
    ...s,
    escalation: { reason: c.reason, note: c.note ?? null },
    counters: bump(s, 'escalations'),
  },
  events: [
    event('quanzi.task.escalated', {
      taskId: s.taskId,
      reason: c.reason,
      ...optional('note', c.note),
    }),
  ],
});

/** The center sends an escalated task back to work with fresh leases. */
export const resume: TaskEffect = (s, c, config) => ({
  snapshot: { ...s, escalation: null, claims: renewLeases(s, c.at, config) },
  events: [event('quanzi.task.resumed', { taskId: s.taskId })],
});

/** Closes the task with its reason. */
export const close: TaskEffect<TaskCommandOf<'close'>> = (s, c) => ({
  snapshot: {
    ...s,
    closure: { reason: c.reason, duplicateOf: c.duplicateOf ?? null, note: c.note ?? null },
  },
  events: [
    event('quanzi.task.closed', {
      taskId: s.taskId,
      reason: c.reason,
      ...optional('duplicateOf', c.duplicateOf),
      ...optional('note', c.note),
    }),
  ],
});

/** The due holder's claim (every lease-timed item names one). */
const dueClaimant = (s: TaskSnapshot, config: LifecycleConfig) =>
  nextTaskDue(s, config)?.claimantId ?? '';

/** Warns the due holder that their lease is about to end. */
export const warnLease: TaskEffect = (s, _, config) => {
  const id = dueClaimant(s, config);
  const held = s.claims.find((claim) => claim.claimantId === id);
  return {
    snapshot: { ...s, claims: mapClaim(s, id, (claim) => ({ ...claim, warned: true })) },
    events: [
      event('quanzi.task.lease_expiring', {
        taskId: s.taskId,
        claimantId: id,
        leaseUntil: held?.leaseUntil ?? '',
      }),
    ],
  };
};

/** The due holder's lease lapsed: the claim goes, the history and evidence stay. */
export const expireLease: TaskEffect = (s, _, config) => {
  const id = dueClaimant(s, config);
  return {
    snapshot: { ...s, claims: withoutClaim(s, id), counters: bump(s, 'expiries') },
    events: [
      event('quanzi.task.released', { taskId: s.taskId, claimantId: id, reason: 'expired' }),
    ],
  };
};

/** The service level lapsed: the center is alerted once. */
export const breachSla: TaskEffect = (s) => ({
  snapshot: {
    ...s,
    slaEscalated: true,
    escalation: { reason: 'sla_breached', note: null },
    counters: bump(s, 'escalations'),
  },
  events: [event('quanzi.task.escalated', { taskId: s.taskId, reason: 'sla_breached' })],
});

/** Closes for a timed reason: `expired` at the deadline, `resolved` after the rating window. */
export const closeBecause =
  (reason: 'expired' | 'resolved'): TaskEffect =>
  (s) => ({
    snapshot: { ...s, closure: { reason, duplicateOf: null, note: null } },
    events: [event('quanzi.task.closed', { taskId: s.taskId, reason })],
  });
