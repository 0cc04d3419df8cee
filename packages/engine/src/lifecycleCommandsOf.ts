import type { DomainEvent, StoredEvent } from '@quanzi/core';
import type { LifecycleActor, ReportCommand, TaskCommand } from '@quanzi/lifecycle';

// `undefined`-free optional fields, as lifecycle commands carry them.
const opt = <TKey extends string, TValue>(key: TKey, value: TValue | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [K in TKey]?: TValue };

/**
 * The task commands that produced `events` (one stream, one append, in order).
 * The log keeps events, not commands; replaying these through the lifecycle's own
 * reducer rebuilds the snapshot, so the engine never re-implements a transition.
 * Events that a command emits after its first one (`published` after an approving
 * review, `released` after a rejection) belong to that command and map to nothing.
 */
export function taskCommandsOf(
  events: ReadonlyArray<StoredEvent>,
  actor: LifecycleActor,
): TaskCommand[] {
  const commands: TaskCommand[] = [];
  let previous: StoredEvent | undefined;
  for (const event of events) {
    const base = { actor, at: event.time };
    const e = event as unknown as DomainEvent;
    const command = ((): TaskCommand | undefined => {
      switch (e.type) {
        case 'quanzi.task.published': {
          const approved =
            previous?.type === 'quanzi.task.reviewed' &&
            (previous.data as { decision?: string }).decision === 'approved';
          return approved ? undefined : { type: 'publish', ...base };
        }
        case 'quanzi.task.review_requested':
          return { type: 'publish', ...base };
        case 'quanzi.task.reviewed': {
          const { decision, guidance } = e.data;
          return { type: 'review', ...base, decision, ...opt('guidance', guidance) };
        }
        case 'quanzi.task.claimed':
          return { type: 'claim', ...base };
        case 'quanzi.task.lease_extended':
          return { type: 'extend_lease', ...base };
        case 'quanzi.task.released':
          return e.data.reason === 'released' ? { type: 'release', ...base } : undefined;
        case 'quanzi.task.started':
          return { type: 'start', ...base };
        case 'quanzi.task.work_submitted': {
          const { evidence, note } = e.data;
          return { type: 'submit', ...base, evidence, ...opt('note', note) };
        }
        case 'quanzi.task.followup_reported':
          return { type: 'report_followup', ...base, reportId: e.data.reportId };
        case 'quanzi.task.accepted':
          return { type: 'accept', ...base };
        case 'quanzi.task.rework_requested':
          return { type: 'request_rework', ...base, reasons: e.data.reasons };
        case 'quanzi.task.rejected':
          return {
            type: 'reject',
            ...base,
            claimantId: e.data.claimantId,
            reasons: e.data.reasons,
          };
        case 'quanzi.task.rated': {
          const { participantId, rating, comment } = e.data;
          return { type: 'rate', ...base, participantId, rating, ...opt('comment', comment) };
        }
        case 'quanzi.task.rewarded':
          return {
            type: 'reward',
            ...base,
            participantId: e.data.participantId,
            points: e.data.points,
          };
        case 'quanzi.task.classic_marked': {
          const { participantId, note } = e.data;
          return { type: 'mark_classic', ...base, participantId, ...opt('note', note) };
        }
        case 'quanzi.task.escalated': {
          const { reason, note } = e.data;
          if (reason === 'sla_breached') return undefined;
          return { type: 'escalate', ...base, reason, ...opt('note', note) };
        }
        case 'quanzi.task.resumed':
          return { type: 'resume', ...base };
        case 'quanzi.task.closed': {
          const { reason, duplicateOf, note } = e.data;
          if (reason === 'expired') return undefined;
          const extra = { ...opt('duplicateOf', duplicateOf), ...opt('note', note) };
          return { type: 'close', ...base, reason, ...extra };
        }
        default:
          return undefined;
      }
    })();
    if (command) commands.push(command);
    previous = event;
  }
  return commands;
}

/** The report command that produced `event`, or `undefined` for `received` and unknown types. */
export function reportCommandOf(
  event: StoredEvent,
  actor: LifecycleActor,
): ReportCommand | undefined {
  const base = { actor, at: event.time };
  const e = event as unknown as DomainEvent;
  switch (e.type) {
    case 'quanzi.report.triaged':
      return { type: 'triage', ...base, priority: e.data.priority };
    case 'quanzi.report.converted':
      return { type: 'convert', ...base, taskId: e.data.taskId };
    case 'quanzi.report.linked':
      return { type: 'link', ...base, duplicateOf: e.data.duplicateOf };
    case 'quanzi.report.dismissed': {
      const { verdict, note } = e.data;
      return { type: 'dismiss', ...base, verdict, ...opt('note', note) };
    }
    case 'quanzi.report.forwarded': {
      const { to, note } = e.data;
      return { type: 'forward', ...base, to, ...opt('note', note) };
    }
    case 'quanzi.report.answered':
      return { type: 'answer', ...base, answer: e.data.answer };
    default:
      return undefined;
  }
}
