import type { ClosureReason, TaskState } from '@quanzi/core';
import type { ReportSnapshot } from './ReportSnapshot';
import type { TaskSnapshot } from './TaskSnapshot';

/**
 * Open311 GeoReport v2 extended statuses (the mySociety extension FixMyStreet uses),
 * including `PLANNED`, `CANCELLED` and `FOR_TRIAGE` from mySociety's extended list.
 */
export const open311ExtendedStatuses = [
  'OPEN',
  'FOR_TRIAGE',
  'INVESTIGATING',
  'PLANNED',
  'ACTION_SCHEDULED',
  'IN_PROGRESS',
  'FIXED',
  'DUPLICATE',
  'NOT_COUNCILS_RESPONSIBILITY',
  'NO_FURTHER_ACTION',
  'INTERNAL_REFERRAL',
  'CLOSED',
  'CANCELLED',
] as const;

/** One of {@link open311ExtendedStatuses}. */
export type Open311ExtendedStatus = (typeof open311ExtendedStatuses)[number];

/** A GeoReport v2 status (`open`/`closed`) with its extended status. */
export interface Open311Status {
  readonly status: 'open' | 'closed';
  readonly extendedStatus: Open311ExtendedStatus;
}

const closed = (extendedStatus: Open311ExtendedStatus): Open311Status => ({
  status: 'closed',
  extendedStatus,
});
const open = (extendedStatus: Open311ExtendedStatus): Open311Status => ({
  status: 'open',
  extendedStatus,
});

/**
 * Closure reasons and their Open311 statuses, the one table both directions read.
 * Reading back, the first row with an extended status wins, so `expired` returns as
 * `closed_not_fixed`: Open311 has no word for a lapsed deadline.
 */
export const closureReasonOpen311Table: Readonly<Record<ClosureReason, Open311Status>> = {
  resolved: closed('FIXED'),
  closed_not_fixed: closed('NO_FURTHER_ACTION'),
  duplicate: closed('DUPLICATE'),
  not_responsible: closed('NOT_COUNCILS_RESPONSIBILITY'),
  cancelled: closed('CLOSED'),
  expired: closed('NO_FURTHER_ACTION'),
};

const inbound = new Map<Open311ExtendedStatus, ClosureReason>([
  ...(Object.entries(closureReasonOpen311Table) as [ClosureReason, Open311Status][])
    .reverse()
    .map(([reason, status]) => [status.extendedStatus, reason] as const),
  // Another body's job, handed on internally: still not this circle's responsibility.
  ['INTERNAL_REFERRAL', 'not_responsible'],
  // FixMyStreet sends a withdrawn request as cancelled; PLANNED and FOR_TRIAGE are
  // open statuses and so have no closure reason.
  ['CANCELLED', 'cancelled'],
]);

/**
 * The Open311 status of a closure reason.
 *
 * @example
 * closureReasonToOpen311('duplicate'); // { status: 'closed', extendedStatus: 'DUPLICATE' }
 */
export function closureReasonToOpen311(reason: ClosureReason): Open311Status {
  return closureReasonOpen311Table[reason];
}

/**
 * The closure reason an Open311 status stands for, or `null` for an open status. A
 * bare `closed` with no extended status means fixed, as in plain GeoReport v2.
 *
 * @example
 * open311ToClosureReason({ status: 'closed', extendedStatus: 'NOT_COUNCILS_RESPONSIBILITY' }); // 'not_responsible'
 */
export function open311ToClosureReason(status: {
  status: 'open' | 'closed';
  extendedStatus?: Open311ExtendedStatus;
}): ClosureReason | null {
  if (status.status === 'open') return null;
  return status.extendedStatus ? (inbound.get(status.extendedStatus) ?? null) : 'resolved';
}

const taskStates: Record<Exclude<TaskState, 'closed'>, Open311Status> = {
  draft: open('OPEN'),
  pending_review: open('OPEN'),
  published: open('OPEN'),
  claimed: open('ACTION_SCHEDULED'),
  in_progress: open('IN_PROGRESS'),
  rework: open('IN_PROGRESS'),
  submitted: open('INVESTIGATING'),
  escalated: open('INVESTIGATING'),
  accepted: closed('FIXED'),
};

/** The Open311 status of a task, closed ones by their closure reason. */
export function taskToOpen311(snapshot: TaskSnapshot): Open311Status {
  if (snapshot.state === 'closed')
    return closureReasonToOpen311(snapshot.closure?.reason ?? 'closed_not_fixed');
  return taskStates[snapshot.state];
}

/**
 * The Open311 status of a report (a GeoReport service request). A converted report
 * follows its task; alone it reads as action scheduled.
 */
export function reportToOpen311(snapshot: ReportSnapshot): Open311Status {
  switch (snapshot.state) {
    case 'received':
      return open('OPEN');
    case 'triaged':
      return open('INVESTIGATING');
    case 'converted':
      return open('ACTION_SCHEDULED');
    case 'linked':
      return closed('DUPLICATE');
    case 'forwarded':
      return closed('INTERNAL_REFERRAL');
    case 'dismissed':
      return closed(
        snapshot.verdict === 'out_of_scope' ? 'NOT_COUNCILS_RESPONSIBILITY' : 'NO_FURTHER_ACTION',
      );
  }
}
