import { type Category, toEpoch } from '@quanzi/core';
import { quantileSorted } from 'simple-statistics';
import type { CircleFacts, ReportFacts, TaskFacts } from './collectFacts';
import { inPeriod, type Period } from './resolvePeriod';

/** Median and 90th percentile (linear interpolation, as spreadsheets' PERCENTILE.INC). */
export interface Percentiles {
  readonly n: number;
  readonly p50: number | null;
  readonly p90: number | null;
}

/** How fast a category's tasks were taken up and closed, and how many broke their SLA. */
export interface Responsiveness {
  /** Tasks created in the period. */
  readonly tasks: number;
  /** Hours from publication (or creation) to the first claim. */
  readonly firstResponseHours: Percentiles;
  /** Hours from publication (or creation) to acceptance or closure. */
  readonly closeHours: Percentiles;
  /** Tasks with a deadline or SLA. */
  readonly slaTracked: number;
  /** Tracked tasks finished after their due time, or still open past it at the period's end. */
  readonly slaBreaches: number;
  /**
   * Why they broke it: `unclaimed` — nobody had claimed the task by its due time;
   * `late` — claimed in time, but finished after it (or still open at the period's end).
   */
  readonly slaBreachCauses: { readonly unclaimed: number; readonly late: number };
  readonly slaBreachRate: number | null;
}

const hour = 3_600_000;
/** Rounds a reported hour count or share to 4 decimals. */
export const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** The p50 and p90 of `values`. */
export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length === 0 ? null : round4(quantileSorted(sorted, p)));
  return { n: sorted.length, p50: at(0.5), p90: at(0.9) };
}

function dueOf(task: TaskFacts, start: number, categories: Map<string, Category>) {
  if (task.deadline !== undefined) return task.deadline;
  const sla = task.slaHours ?? categories.get(task.category)?.slaHours;
  return sla === undefined ? undefined : start + sla * hour;
}

function responsiveness(
  tasks: TaskFacts[],
  period: Period,
  categories: Map<string, Category>,
): Responsiveness {
  const end = toEpoch(period.to);
  const first: number[] = [];
  const close: number[] = [];
  let tracked = 0;
  let breaches = 0;
  let unclaimed = 0;
  for (const task of tasks) {
    const start = (task.published ?? task.created).time;
    if (task.firstClaim) first.push((task.firstClaim.time - start) / hour);
    const finished = (task.accepted ?? task.closed)?.time;
    if (finished !== undefined) close.push((finished - start) / hour);
    const due = dueOf(task, start, categories);
    if (due === undefined) continue;
    tracked += 1;
    if ((finished ?? end) <= due) continue;
    breaches += 1;
    if (!task.firstClaim || task.firstClaim.time > due) unclaimed += 1;
  }
  return {
    tasks: tasks.length,
    firstResponseHours: percentiles(first),
    closeHours: percentiles(close),
    slaTracked: tracked,
    slaBreaches: breaches,
    slaBreachCauses: { unclaimed, late: breaches - unclaimed },
    slaBreachRate: tracked === 0 ? null : round4(breaches / tracked),
  };
}

/** How fast reports got a first response (triage, conversion, link, dismissal, forward or answer). */
export interface ReportResponsiveness {
  readonly received: number;
  readonly firstResponseHours: Percentiles;
}

function reportResponsiveness(reports: ReportFacts[]): ReportResponsiveness {
  const hours = reports.flatMap((r) =>
    r.firstResponse ? [(r.firstResponse.time - r.received.time) / hour] : [],
  );
  return { received: reports.length, firstResponseHours: percentiles(hours) };
}

/** Groups items by a key, keys sorted, and summarises each group. */
function byKey<TItem, TOut>(
  items: TItem[],
  key: (item: TItem) => string,
  of: (group: TItem[]) => TOut,
) {
  const out: Record<string, TOut> = {};
  for (const k of [...new Set(items.map(key))].sort())
    out[k] = of(items.filter((i) => key(i) === k));
  return out;
}

/**
 * Responsiveness over the tasks created in the period, overall and by category, and
 * over the reports received in it, overall and by category (`uncategorised` if none).
 */
export function responsivenessOf(
  facts: CircleFacts,
  period: Period,
  categories: Map<string, Category>,
) {
  const created = [...facts.tasks.values()].filter((t) => inPeriod(t.created.time, period));
  const reports = [...facts.reports.values()].filter((r) => inPeriod(r.received.time, period));
  return {
    overall: responsiveness(created, period, categories),
    byCategory: byKey(
      created,
      (t) => t.category,
      (group) => responsiveness(group, period, categories),
    ),
    reports: {
      ...reportResponsiveness(reports),
      byCategory: byKey(reports, (r) => r.category ?? 'uncategorised', reportResponsiveness),
    },
  };
}
