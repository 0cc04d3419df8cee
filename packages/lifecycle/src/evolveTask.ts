import { type DomainEvent, isOpenForClaims, plusMinutes, type TaskState } from '@quanzi/core';
import type { LifecycleConfig } from './LifecycleConfig';
import type { Claim, TaskSnapshot } from './TaskSnapshot';

type Counter = keyof TaskSnapshot['counters'];

const bump = (snapshot: TaskSnapshot, counter: Counter) => {
  const counters = { ...snapshot.counters };
  counters[counter] += 1;
  return counters;
};

const claimOf = (snapshot: TaskSnapshot, id: string) =>
  snapshot.claims.find((claim) => claim.claimantId === id);

const mapClaim = (snapshot: TaskSnapshot, id: string, change: (claim: Claim) => Claim) =>
  snapshot.claims.map((claim) => (claim.claimantId === id ? change(claim) : claim));

/** A fresh lease from `at` (rework and resume hand the work back). */
const renewed = (claim: Claim, at: string, config: LifecycleConfig): Claim => ({
  ...claim,
  leaseUntil: plusMinutes(at, config.leaseMinutes),
  warned: false,
});

/**
 * Where a task with holders stands, from its slots: back in the pool once nobody
 * holds it, `accepted` once every slot is, `rework` while a slot is sent back,
 * `in_progress` (or `claimed`, before anyone started) while a slot is worked on,
 * and `submitted` once every slot still open is handed in.
 *
 * @example
 * taskStateOfSlots([{ ...a, phase: 'accepted' }, { ...b, phase: 'submitted' }]); // 'submitted'
 */
export function taskStateOfSlots(claims: ReadonlyArray<Claim>): TaskState {
  if (claims.length === 0) return 'published';
  if (claims.every((claim) => claim.phase === 'accepted')) return 'accepted';
  if (claims.some((claim) => claim.phase === 'rework')) return 'rework';
  if (claims.some((claim) => claim.phase === 'working'))
    return claims.some((claim) => claim.startedAt !== null || claim.phase !== 'working')
      ? 'in_progress'
      : 'claimed';
  return 'submitted';
}

/**
 * The claims after a change to the slots, with the state (and acceptance time)
 * they lead to. An escalated task stays escalated until the center resumes it.
 */
function slotsChanged(
  s: TaskSnapshot,
  claims: Claim[],
  at: string,
  keepState = s.state === 'escalated',
): Partial<TaskSnapshot> {
  const state = keepState ? s.state : taskStateOfSlots(claims);
  const acceptedAt = state === 'accepted' && s.acceptedAt === null ? { acceptedAt: at } : {};
  return { claims, state, ...acceptedAt };
}

/** Slot events: claims, leases, work, judgement. `undefined` when the event cannot apply. */
function changeSlots(
  s: TaskSnapshot,
  e: DomainEvent,
  at: string,
  config: LifecycleConfig,
): Partial<TaskSnapshot> | undefined {
  switch (e.type) {
    case 'quanzi.task.claimed': {
      const { claimantId, leaseUntil } = e.data;
      const open = isOpenForClaims({ state: s.state, claimCount: s.claims.length, slots: s.slots });
      if (!open || claimOf(s, claimantId)) return undefined;
      const claim: Claim = {
        claimantId,
        claimedAt: at,
        leaseUntil,
        extensions: 0,
        warned: false,
        startedAt: null,
        phase: 'working',
      };
      // Lists grow with `concat`, which sizes them exactly: a spread into a literal leaves
      // room for 16 more items, kept for as long as the task stays in an engine's state.
      return { ...slotsChanged(s, s.claims.concat([claim]), at), counters: bump(s, 'claims') };
    }
    case 'quanzi.task.lease_extended': {
      const { claimantId, leaseUntil } = e.data;
      if (!claimOf(s, claimantId)) return undefined;
      const claims = mapClaim(s, claimantId, (held) => ({
        ...held,
        leaseUntil,
        extensions: held.extensions + 1,
        warned: false,
      }));
      return { claims, counters: bump(s, 'extensions') };
    }
    case 'quanzi.task.lease_expiring': {
      if (!claimOf(s, e.data.claimantId)) return undefined;
      return { claims: mapClaim(s, e.data.claimantId, (held) => ({ ...held, warned: true })) };
    }
    case 'quanzi.task.released': {
      const { claimantId, reason } = e.data;
      if (!claimOf(s, claimantId)) return undefined;
      const claims = s.claims.filter((claim) => claim.claimantId !== claimantId);
      const counter = reason === 'expired' ? 'expiries' : 'releases';
      return {
        ...slotsChanged(s, claims, at),
        // A rejection was counted by its own event.
        ...(reason !== 'rejected' && { counters: bump(s, counter) }),
      };
    }
    case 'quanzi.task.started': {
      if (!claimOf(s, e.data.claimantId)) return undefined;
      return slotsChanged(
        s,
        mapClaim(s, e.data.claimantId, (held) => ({ ...held, startedAt: at })),
        at,
      );
    }
    case 'quanzi.task.work_submitted': {
      const { claimantId, evidence, note } = e.data;
      if (!claimOf(s, claimantId)) return undefined;
      const submitted = { claimantId, media: evidence, note: note ?? null, submittedAt: at };
      const claims = mapClaim(s, claimantId, (held) => ({ ...held, phase: 'submitted' as const }));
      return {
        ...slotsChanged(s, claims, at),
        evidence: s.evidence.concat([submitted]),
        counters: bump(s, 'submissions'),
      };
    }
    case 'quanzi.task.accepted': {
      const ids = new Set(e.data.claimantIds);
      const judged = s.claims.filter((claim) => ids.has(claim.claimantId));
      if (judged.length !== ids.size || judged.some((claim) => claim.phase !== 'submitted'))
        return undefined;
      const claims = s.claims.map((claim) =>
        ids.has(claim.claimantId) ? { ...claim, phase: 'accepted' as const } : claim,
      );
      return {
        ...slotsChanged(s, claims, at),
        acceptedClaimantIds: s.acceptedClaimantIds.concat(e.data.claimantIds),
      };
    }
    case 'quanzi.task.rework_requested': {
      // Logs from before per-slot judgement name no slot: every handed-in slot goes back.
      const { claimantId } = e.data;
      const sentBack = (claim: Claim) =>
        claim.phase === 'submitted' &&
        (claimantId === undefined || claim.claimantId === claimantId);
      if (!s.claims.some(sentBack)) return undefined;
      const claims = s.claims.map((claim) =>
        sentBack(claim) ? { ...renewed(claim, at, config), phase: 'rework' as const } : claim,
      );
      return {
        ...slotsChanged(s, claims, at),
        reworkReasons: e.data.reasons,
        counters: bump(s, 'reworks'),
      };
    }
    case 'quanzi.task.rejected': {
      const held = claimOf(s, e.data.claimantId);
      return held && held.phase !== 'accepted' ? { counters: bump(s, 'rejections') } : undefined;
    }
    default:
      return undefined;
  }
}

const without = <T extends { participantId: string }>(list: T[], id: string) =>
  list.filter((entry) => entry.participantId !== id);

/**
 * A reversed judgement of one slot. An overturned acceptance hands the slot back for
 * judgement (or, once the task closed, only leaves the record); the reward, rating
 * and classic mark it brought are overturned by their own events in the same append.
 */
function overturn(s: TaskSnapshot, e: DomainEvent, at: string): Partial<TaskSnapshot> | undefined {
  if (e.type !== 'quanzi.decision.overturned' || !e.data.target) return undefined;
  const { type, participantId: id } = e.data.target;
  switch (type) {
    case 'quanzi.task.rewarded':
      return { rewards: without(s.rewards, id) };
    case 'quanzi.task.rated':
      return { ratings: without(s.ratings, id) };
    case 'quanzi.task.classic_marked':
      return { classicIds: s.classicIds.filter((solver) => solver !== id) };
    case 'quanzi.task.accepted': {
      if (!s.acceptedClaimantIds.includes(id)) return undefined;
      const acceptedClaimantIds = s.acceptedClaimantIds.filter((solver) => solver !== id);
      if (s.state === 'closed') return { acceptedClaimantIds };
      const claims = mapClaim(s, id, (held) => ({ ...held, phase: 'submitted' as const }));
      return { ...slotsChanged(s, claims, at), acceptedClaimantIds, acceptedAt: null };
    }
  }
}

/** The event's change to the snapshot, without the stamp; `undefined` when it cannot apply. */
function change(
  s: TaskSnapshot,
  e: DomainEvent,
  at: string,
  config: LifecycleConfig,
): Partial<TaskSnapshot> | undefined {
  switch (e.type) {
    case 'quanzi.task.review_requested':
      return { state: 'pending_review' };
    case 'quanzi.task.reviewed': {
      const { decision, guidance } = e.data;
      const returned = decision === 'returned' && s.state === 'pending_review';
      return {
        review: decision,
        guidance: guidance ?? s.guidance,
        ...(returned && { state: 'draft' }),
      };
    }
    case 'quanzi.task.published':
      return {
        state: 'published',
        publishedAt: at,
        review: e.data.approved === true ? 'approved' : s.review,
      };
    case 'quanzi.task.followup_reported':
      return { followupReportIds: s.followupReportIds.concat([e.data.reportId]) };
    case 'quanzi.task.rated': {
      const { participantId, rating } = e.data;
      if (!s.acceptedClaimantIds.includes(participantId)) return undefined;
      return { ratings: s.ratings.concat([{ participantId, rating }]) };
    }
    case 'quanzi.task.rewarded': {
      const { participantId, points } = e.data;
      if (!s.acceptedClaimantIds.includes(participantId)) return undefined;
      return { rewards: s.rewards.concat([{ participantId, points }]) };
    }
    case 'quanzi.task.classic_marked': {
      const { participantId } = e.data;
      if (!s.acceptedClaimantIds.includes(participantId)) return undefined;
      return { classicIds: s.classicIds.concat([participantId]) };
    }
    case 'quanzi.task.escalated': {
      const { reason, note } = e.data;
      const sla = reason === 'sla_breached';
      return {
        escalation: { reason, note: note ?? null },
        counters: bump(s, 'escalations'),
        // The service-level alert takes an open task off the pool; holders keep working.
        state: sla && s.state !== 'published' ? s.state : 'escalated',
        ...(sla && { slaEscalated: true }),
      };
    }
    case 'quanzi.task.resumed': {
      const claims = s.claims.map((claim) =>
        claim.phase === 'working' || claim.phase === 'rework' ? renewed(claim, at, config) : claim,
      );
      return { ...slotsChanged(s, claims, at, false), escalation: null };
    }
    case 'quanzi.decision.overturned':
      return overturn(s, e, at);
    // A second opinion is oversight of the decision, not a step of the task.
    case 'quanzi.review.sampled':
    case 'quanzi.review.second_opinion':
      return {};
    case 'quanzi.task.closed': {
      const { reason, duplicateOf, note } = e.data;
      return {
        closure: { reason, duplicateOf: duplicateOf ?? null, note: note ?? null },
        state: 'closed',
      };
    }
    default:
      return changeSlots(s, e, at, config);
  }
}

/**
 * The task's snapshot after one of its events: the `evolve` half of the task
 * decider, and the only place a task snapshot changes. The lifecycle's own steps
 * fold the events they decide through it, and a replay of the log folds the stored
 * events, so a live run and a rebuild cannot disagree. Returns `undefined` when the
 * event cannot happen to this snapshot (another stream's event, a claim on a task
 * not open for claims, a holder event for someone who holds nothing, a judgement of
 * a slot that was not handed in, anything after closing): a log that says so was
 * edited or written by something else.
 *
 * @example
 * let snapshot = createTaskSnapshot(task);
 * for (const event of storedEvents.slice(1)) snapshot = evolveTask(snapshot, event, event.time, config) ?? fail();
 */
export function evolveTask(
  snapshot: TaskSnapshot,
  event: DomainEvent,
  at: string,
  config: LifecycleConfig,
): TaskSnapshot | undefined {
  if ((event.data as { taskId?: string }).taskId !== snapshot.taskId) return undefined;
  // A closed task still takes reversals and second opinions of its judgements.
  const afterClosing =
    event.type.startsWith('quanzi.decision.') || event.type.startsWith('quanzi.review.');
  if (snapshot.state === 'closed' && !afterClosing) return undefined;
  const changed = change(snapshot, event, at, config);
  if (!changed) return undefined;
  // One object of the snapshot's own shape, then the change: a spread of two objects
  // costs several times more on this hot path (every step and every replayed event).
  const next = copyOf(snapshot);
  Object.assign(next, changed);
  next.updatedAt = at;
  return next;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function copyOf(s: TaskSnapshot): Mutable<TaskSnapshot> {
  return {
    kind: s.kind,
    taskId: s.taskId,
    publisherId: s.publisherId,
    state: s.state,
    slots: s.slots,
    rewardPoints: s.rewardPoints,
    deadline: s.deadline,
    slaHours: s.slaHours,
    review: s.review,
    guidance: s.guidance,
    publishedAt: s.publishedAt,
    slaEscalated: s.slaEscalated,
    claims: s.claims,
    evidence: s.evidence,
    followupReportIds: s.followupReportIds,
    reworkReasons: s.reworkReasons,
    escalation: s.escalation,
    acceptedAt: s.acceptedAt,
    acceptedClaimantIds: s.acceptedClaimantIds,
    ratings: s.ratings,
    rewards: s.rewards,
    classicIds: s.classicIds,
    closure: s.closure,
    counters: s.counters,
    updatedAt: s.updatedAt,
  };
}
