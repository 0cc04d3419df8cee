import { type DomainEvent, isOpenForClaims, type TaskState } from '@quanzi/core';
import { plusMinutes } from './instant';
import type { LifecycleConfig } from './LifecycleConfig';
import type { Claim, TaskSnapshot } from './TaskSnapshot';

type Counter = keyof TaskSnapshot['counters'];

const bump = (snapshot: TaskSnapshot, counter: Counter) => {
  const counters = { ...snapshot.counters };
  counters[counter] += 1;
  return counters;
};

const holds = (snapshot: TaskSnapshot, id: string) =>
  snapshot.claims.some((claim) => claim.claimantId === id);

const mapClaim = (snapshot: TaskSnapshot, id: string, change: (claim: Claim) => Claim) =>
  snapshot.claims.map((claim) => (claim.claimantId === id ? change(claim) : claim));

/** Fresh leases for every holder, from `at` (rework and resume hand the work back). */
const renewLeases = (snapshot: TaskSnapshot, at: string, config: LifecycleConfig) =>
  snapshot.claims.map((claim) => ({
    ...claim,
    leaseUntil: plusMinutes(at, config.leaseMinutes),
    warned: false,
  }));

/** Where a task goes when a holder leaves: the pool once nobody holds it, unless escalated. */
function afterRelease(snapshot: TaskSnapshot, claims: Claim[], rejected: boolean): TaskState {
  if (snapshot.state === 'escalated') return 'escalated';
  if (claims.length === 0) return 'published';
  return rejected ? 'in_progress' : snapshot.state;
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
    case 'quanzi.task.claimed': {
      const { claimantId, leaseUntil } = e.data;
      const open = isOpenForClaims({ state: s.state, claimCount: s.claims.length, slots: s.slots });
      if (!open || holds(s, claimantId)) return undefined;
      const claim: Claim = {
        claimantId,
        claimedAt: at,
        leaseUntil,
        extensions: 0,
        warned: false,
        startedAt: null,
      };
      return {
        claims: [...s.claims, claim],
        counters: bump(s, 'claims'),
        state: s.state === 'published' ? 'claimed' : s.state,
      };
    }
    case 'quanzi.task.lease_extended': {
      const { claimantId, leaseUntil } = e.data;
      if (!holds(s, claimantId)) return undefined;
      return {
        claims: mapClaim(s, claimantId, (held) => ({
          ...held,
          leaseUntil,
          extensions: held.extensions + 1,
          warned: false,
        })),
        counters: bump(s, 'extensions'),
      };
    }
    case 'quanzi.task.lease_expiring': {
      if (!holds(s, e.data.claimantId)) return undefined;
      return { claims: mapClaim(s, e.data.claimantId, (held) => ({ ...held, warned: true })) };
    }
    case 'quanzi.task.released': {
      const { claimantId, reason } = e.data;
      if (!holds(s, claimantId)) return undefined;
      const claims = s.claims.filter((claim) => claim.claimantId !== claimantId);
      const counter = reason === 'expired' ? 'expiries' : 'releases';
      return {
        claims,
        // A rejection was counted by its own event.
        ...(reason !== 'rejected' && { counters: bump(s, counter) }),
        state: afterRelease(s, claims, reason === 'rejected'),
      };
    }
    case 'quanzi.task.started': {
      if (!holds(s, e.data.claimantId)) return undefined;
      return {
        claims: mapClaim(s, e.data.claimantId, (held) => ({ ...held, startedAt: at })),
        state: 'in_progress',
      };
    }
    case 'quanzi.task.work_submitted': {
      const { claimantId, evidence, note } = e.data;
      if (!holds(s, claimantId)) return undefined;
      const submitted = { claimantId, media: evidence, note: note ?? null, submittedAt: at };
      return {
        evidence: [...s.evidence, submitted],
        counters: bump(s, 'submissions'),
        state: 'submitted',
      };
    }
    case 'quanzi.task.followup_reported':
      return { followupReportIds: [...s.followupReportIds, e.data.reportId] };
    case 'quanzi.task.accepted': {
      if (!e.data.claimantIds.every((id) => holds(s, id))) return undefined;
      return { acceptedAt: at, acceptedClaimantIds: e.data.claimantIds, state: 'accepted' };
    }
    case 'quanzi.task.rework_requested':
      return {
        reworkReasons: e.data.reasons,
        claims: renewLeases(s, at, config),
        counters: bump(s, 'reworks'),
        state: 'rework',
      };
    case 'quanzi.task.rejected':
      return holds(s, e.data.claimantId) ? { counters: bump(s, 'rejections') } : undefined;
    case 'quanzi.task.rated': {
      const { participantId, rating } = e.data;
      if (!s.acceptedClaimantIds.includes(participantId)) return undefined;
      return { ratings: [...s.ratings, { participantId, rating }] };
    }
    case 'quanzi.task.rewarded': {
      const { participantId, points } = e.data;
      if (!s.acceptedClaimantIds.includes(participantId)) return undefined;
      return { rewards: [...s.rewards, { participantId, points }] };
    }
    case 'quanzi.task.classic_marked': {
      const { participantId } = e.data;
      if (!s.acceptedClaimantIds.includes(participantId)) return undefined;
      return { classicIds: [...s.classicIds, participantId] };
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
    case 'quanzi.task.resumed':
      return {
        escalation: null,
        claims: renewLeases(s, at, config),
        state: s.claims.length > 0 ? 'in_progress' : 'published',
      };
    case 'quanzi.task.closed': {
      const { reason, duplicateOf, note } = e.data;
      return {
        closure: { reason, duplicateOf: duplicateOf ?? null, note: note ?? null },
        state: 'closed',
      };
    }
    default:
      return undefined;
  }
}

/**
 * The task's snapshot after one of its events: the `evolve` half of the task
 * decider, and the only place a task snapshot changes. The lifecycle's own steps
 * fold the events they decide through it, and a replay of the log folds the stored
 * events, so a live run and a rebuild cannot disagree. Returns `undefined` when the
 * event cannot happen to this snapshot (another stream's event, a claim beyond the
 * slots, a holder event for someone who holds nothing, anything after closing):
 * a log that says so was edited or written by something else.
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
  if (snapshot.state === 'closed' || (event.data as { taskId?: string }).taskId !== snapshot.taskId)
    return undefined;
  const changed = change(snapshot, event, at, config);
  return changed && { ...snapshot, ...changed, updatedAt: at };
}
