import { type CircleFacts, isStaffMember } from './collectFacts';
import { inPeriod, type Period, splitPeriod } from './resolvePeriod';

/** Participation in one bucket (week or month) of the period. */
export interface ActivityBucket {
  readonly label: string;
  readonly from: string;
  readonly to: string;
  /** Participants who caused any event in the bucket. */
  readonly active: number;
  /** Active for the first time ever. */
  readonly new: number;
  /** Active in the previous bucket and in this one. */
  readonly retained: number;
  /** Active in the previous bucket but not in this one. */
  readonly churned: number;
  /** `churned / previous bucket's active`; `null` for the first bucket or after an empty one. */
  readonly churnRate: number | null;
}

/** Everyone first active in one bucket, and the share of them active in each later bucket. */
export interface RetentionCohort {
  readonly cohort: string;
  readonly size: number;
  /** `retention[k]`: share active `k` buckets after joining (`retention[0]` is 1). */
  readonly retention: readonly number[];
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Active participants per bucket, retention and churn, and cohorts by first
 * activity. Staff (officers, command center, upstream, sensors) are not counted.
 */
export function sustainabilityOf(facts: CircleFacts, period: Period, unit: 'week' | 'month') {
  const buckets = splitPeriod(period, unit);
  const crowd = [...facts.activity].filter(([id]) => !isStaffMember(facts, id));
  const activeIn = buckets.map(
    (bucket) =>
      new Set(
        crowd.filter(([, times]) => times.some((t) => inPeriod(t, bucket))).map(([id]) => id),
      ),
  );
  // A reduce, not Math.min(...times): a long-active participant can have more
  // timestamps than a call takes arguments.
  const firstSeen = crowd.map(
    ([id, times]) =>
      [id, times.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY)] as const,
  );
  const firstIn = buckets.map(
    (bucket) => new Set(firstSeen.filter(([, first]) => inPeriod(first, bucket)).map(([id]) => id)),
  );
  const rows: ActivityBucket[] = buckets.map((bucket, i) => {
    const active = activeIn[i] ?? new Set<string>();
    const previous = activeIn[i - 1];
    const retained = previous ? [...previous].filter((id) => active.has(id)).length : 0;
    const churned = previous ? previous.size - retained : 0;
    return {
      label: bucket.label,
      from: bucket.from,
      to: bucket.to,
      active: active.size,
      new: firstIn[i]?.size ?? 0,
      retained,
      churned,
      churnRate: previous && previous.size > 0 ? round(churned / previous.size) : null,
    };
  });
  const cohorts: RetentionCohort[] = buckets.map((bucket, i) => {
    const members = [...(firstIn[i] ?? [])];
    return {
      cohort: bucket.label,
      size: members.length,
      retention: activeIn
        .slice(i)
        .map((active) =>
          members.length === 0
            ? 0
            : round(members.filter((id) => active.has(id)).length / members.length),
        ),
    };
  });
  return { buckets: rows, cohorts };
}
