import type { Participant } from '@quanzi/core';
import { roleOf, streamIdOf } from '@quanzi/core';
import { type ReportCommand, transitionReport } from '@quanzi/lifecycle';
import { actorOf } from './actorOf';
import type { CommandOf } from './commandSchemas';
import {
  denied,
  isRefusal,
  type PlanContext,
  type Planned,
  type PlannedStep,
  planned,
  refuse,
  reportOf,
  senderOf,
} from './PlanContext';
import { newTaskStep } from './planTaskCommand';
import { receiveReport } from './receiveReport';

/** Report intake and triage commands. */
export type ReportCommandInput = CommandOf<
  | 'report.submit'
  | 'report.prioritize'
  | 'report.convert'
  | 'report.link'
  | 'report.dismiss'
  | 'report.forward'
>;

const proxyRoles: ReadonlySet<string> = new Set(['command', 'officer']);

function planSubmit(context: PlanContext, command: CommandOf<'report.submit'>): Planned {
  const sender = senderOf(context, command.actorId);
  const streamId = streamIdOf.report(command.report.id ?? 'new');
  if (isRefusal(sender)) return denied(streamId, sender);
  if (sender && command.report.proxyFor && !isProxy(sender))
    return denied(streamId, refuse('proxy_not_allowed'));
  if (command.report.id !== undefined && context.state.reports.has(command.report.id))
    return denied(streamId, refuse('already_exists'));
  const named = command.report.circleId ?? sender?.circleId ?? '';
  const circle = context.circles.home(command.report.location, named);
  const { report, steps } = receiveReport(context, command.actorId, command.report, circle.id);
  return planned(report.circleId, ...steps);
}

function isProxy(sender: Participant): boolean {
  return sender.roles.includes('grid_worker') || proxyRoles.has(roleOf(sender));
}

function lifecycleCommand(
  command: ReportCommandInput,
  at: string,
  actor: ReportCommand['actor'],
): ReportCommand {
  const base = { actor, at };
  switch (command.type) {
    case 'report.prioritize':
      return { type: 'triage', ...base, priority: command.priority };
    case 'report.link':
      return { type: 'link', ...base, duplicateOf: command.duplicateOf };
    case 'report.dismiss':
      return {
        type: 'dismiss',
        ...base,
        verdict: command.verdict,
        ...(command.note ? { note: command.note } : {}),
      };
    case 'report.forward':
      return {
        type: 'forward',
        ...base,
        to: command.to,
        ...(command.note ? { note: command.note } : {}),
      };
    default:
      throw new TypeError(`Not a triage command: ${command.type}`);
  }
}

/** Plans report intake (with routing) and triage: prioritize, convert, link, dismiss, forward. */
export function planReportCommand(context: PlanContext, command: ReportCommandInput): Planned {
  if (command.type === 'report.submit') return planSubmit(context, command);
  const record = reportOf(context, command.reportId);
  const streamId = streamIdOf.report(record.report.id);
  const sender = senderOf(context, command.actorId);
  if (isRefusal(sender)) return denied(streamId, sender);
  if (command.type === 'report.link' && command.duplicateOf.kind === 'report')
    reportOf(context, command.duplicateOf.id);
  const actor = actorOf(command.actorId, sender, 'report');
  const config = record.lifecycle;
  const taskId =
    command.type === 'report.convert' ? (command.task.id ?? context.ids.next('task')) : '';
  const lifecycle =
    command.type === 'report.convert'
      ? ({ type: 'convert', actor, at: context.now, taskId } as const)
      : lifecycleCommand(command, context.now, actor);
  const result = transitionReport(record.snapshot, lifecycle, config);
  if (!result.ok) return denied(streamId, result.reason);
  const step: PlannedStep = { streamId, expectedVersion: record.version, events: result.events };
  if (command.type !== 'report.convert') return planned(record.report.circleId, step);
  const { id: _id, circleId: _circle, ...draft } = command.task;
  const created = newTaskStep(context, sender, {
    ...draft,
    id: taskId,
    circleId: record.report.circleId,
    publisherId: command.actorId,
    source: { kind: 'report', reportId: record.report.id },
    reportIds: [record.report.id],
    createdAt: context.now,
  });
  if (!('streamId' in created)) return denied(streamId, ...created);
  return planned(record.report.circleId, step, created);
}
