import { type Report, streamIdOf } from '@quanzi/core';
import { initialReportSnapshot, type ReportCommand, transitionReport } from '@quanzi/lifecycle';
import { actorOf, systemId } from './actorOf';
import type { ReportDraft } from './commandSchemas';
import { ownReport } from './ownReport';
import type { PlanContext, PlannedStep } from './PlanContext';

/**
 * The steps that receive a new report: `received`, and `forwarded` (on the command
 * center's behalf) when its category is routed to another responsible body.
 */
export function receiveReport(
  context: PlanContext,
  reporterId: string,
  draft: ReportDraft,
  circleId: string,
): { report: Report; steps: PlannedStep[] } {
  const { id, circleId: _named, ...fields } = draft;
  const circle = context.circles.get(circleId);
  const report = ownReport({
    ...fields,
    id: id ?? context.ids.next('report'),
    circleId: circle.id,
    reporterId,
    receivedAt: context.now,
  });
  const streamId = streamIdOf.report(report.id);
  const lifecycle = context.lifecycleFor(circle.id);
  const steps: PlannedStep[] = [
    {
      streamId,
      expectedVersion: 0,
      events: [{ type: 'quanzi.report.received', data: { report, lifecycle } }],
    },
  ];
  const to = context.circles.routeOf(report.category, circle.id);
  if (to !== undefined) {
    const forward: ReportCommand = {
      type: 'forward',
      actor: actorOf(systemId, undefined, 'report'),
      at: context.now,
      to,
    };
    const result = transitionReport(initialReportSnapshot(report), forward, lifecycle);
    if (result.ok)
      steps.push({ streamId, expectedVersion: 1, events: result.events, actorId: systemId });
  }
  return { report, steps };
}
