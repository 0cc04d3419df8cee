import type { DomainEvent } from '@quanzi/core';
import type { ReportSnapshot } from './ReportSnapshot';

/** The event's change to the report, without the stamp; `undefined` when it cannot apply. */
function change(s: ReportSnapshot, e: DomainEvent): Partial<ReportSnapshot> | undefined {
  // A settled report only takes answers to its reporter.
  if (e.type !== 'quanzi.report.answered' && s.state !== 'received' && s.state !== 'triaged')
    return undefined;
  switch (e.type) {
    case 'quanzi.report.triaged':
      return { priority: e.data.priority, state: 'triaged' };
    case 'quanzi.report.converted':
      return { taskId: e.data.taskId, state: 'converted' };
    case 'quanzi.report.linked':
      return { duplicateOf: e.data.duplicateOf, state: 'linked' };
    case 'quanzi.report.dismissed':
      return { verdict: e.data.verdict, note: e.data.note ?? null, state: 'dismissed' };
    case 'quanzi.report.forwarded':
      return { forwardedTo: e.data.to, note: e.data.note ?? null, state: 'forwarded' };
    case 'quanzi.report.answered':
      return { answer: e.data.answer };
    default:
      return undefined;
  }
}

/** States in which a report still gathers supporters: it is not itself a settled duplicate or dismissal. */
const gathersSupport: ReadonlySet<ReportSnapshot['state']> = new Set([
  'received',
  'triaged',
  'converted',
]);

/**
 * The report's snapshot after an event at `at`: the `evolve` half of the report
 * decider and the only place a report snapshot changes. Besides the report's own
 * events it takes another report's `linked` event that names it as the original:
 * the duplicate becomes one of its supporters (how many people saw the same thing).
 * Returns `undefined` when the event cannot happen to this report.
 *
 * @example
 * const next = evolveReport(snapshot, storedEvent, storedEvent.time);
 */
export function evolveReport(
  snapshot: ReportSnapshot,
  event: DomainEvent,
  at: string,
): ReportSnapshot | undefined {
  const reportId = (event.data as { reportId?: string }).reportId;
  if (reportId !== snapshot.reportId) {
    if (event.type !== 'quanzi.report.linked' || reportId === undefined) return undefined;
    const { duplicateOf } = event.data;
    const supports = duplicateOf.kind === 'report' && duplicateOf.id === snapshot.reportId;
    if (!supports || !gathersSupport.has(snapshot.state)) return undefined;
    if (snapshot.supporterIds.includes(reportId)) return snapshot;
    return { ...snapshot, supporterIds: snapshot.supporterIds.concat([reportId]) };
  }
  const changed = change(snapshot, event);
  return changed && { ...snapshot, ...changed, updatedAt: at };
}
