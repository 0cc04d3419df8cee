import { type ClosureReason, ClosureReasonSchema } from '@quanzi/core';
import type { CircleFacts } from './collectFacts';
import { inPeriod, type Period } from './resolvePeriod';
import { round4 } from './responsivenessOf';

/** How things ended: closure reasons, and whether reports led anywhere visible. */
export interface Outcomes {
  /** Tasks closed in the period, by reason. */
  readonly closures: Readonly<Record<ClosureReason, number>>;
  readonly tasksClosed: number;
  /** Share of closed tasks closed as `resolved`. */
  readonly resolvedShare: number | null;
  readonly reportsReceived: number;
  /** Share of the period's reports turned into a task (by the period's end). */
  readonly conversionRate: number | null;
  /** Share of the period's reports that got a public answer — low means "show" crowdsourcing. */
  readonly publicAnswerShare: number | null;
  /** Reports with no response at all by the period's end. */
  readonly unanswered: number;
}

const share = (part: number, whole: number) => (whole === 0 ? null : round4(part / whole));

/** The period's {@link Outcomes}. */
export function outcomesOf(facts: CircleFacts, period: Period): Outcomes {
  const closures = Object.fromEntries(ClosureReasonSchema.options.map((r) => [r, 0])) as Record<
    ClosureReason,
    number
  >;
  let tasksClosed = 0;
  for (const task of facts.tasks.values())
    if (task.closed && inPeriod(task.closed.time, period)) {
      closures[task.closed.reason] += 1;
      tasksClosed += 1;
    }
  const reports = [...facts.reports.values()].filter((r) => inPeriod(r.received.time, period));
  return {
    closures,
    tasksClosed,
    resolvedShare: share(closures.resolved, tasksClosed),
    reportsReceived: reports.length,
    conversionRate: share(reports.filter((r) => r.converted).length, reports.length),
    publicAnswerShare: share(reports.filter((r) => r.answered).length, reports.length),
    unanswered: reports.filter((r) => !r.firstResponse).length,
  };
}
