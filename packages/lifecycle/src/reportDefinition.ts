import type { ActorRole } from '@quanzi/core';
import { type DenialCode, deny } from './Denial';
import { domainEvent as event, optionalField as optional } from './domainEvent';
import { evolveReport } from './evolveReport';
import type { LifecycleConfig } from './LifecycleConfig';
import type { Check, LifecycleDefinition, Route } from './LifecycleDefinition';
import type { ReportCommand, ReportCommandOf } from './ReportCommand';
import type { ReportSnapshot, ReportState } from './ReportSnapshot';

type ReportRoute<TType extends ReportCommand['type']> = Route<
  ReportState,
  ReportSnapshot,
  ReportCommandOf<TType>,
  LifecycleConfig
>;

function check<TCommand extends ReportCommand = ReportCommand>(
  name: string,
  allowed: (snapshot: ReportSnapshot, command: TCommand) => boolean,
  code: DenialCode,
): Check<ReportSnapshot, TCommand, LifecycleConfig> {
  return {
    name,
    deny: (snapshot, command) => (allowed(snapshot, command) ? undefined : deny(code)),
  };
}

const roleIn = (...roles: ActorRole[]) =>
  check(`role ${roles.join('/')}`, (_, c) => roles.includes(c.actor.role), 'role_not_allowed');
const triager = roleIn('command', 'officer');
const notOwnReport = check('not own report', (s, c) => c.actor.id !== s.reporterId, 'own_report');
const notSelfLink = check<ReportCommandOf<'link'>>(
  'not itself',
  (s, c) => c.duplicateOf.kind !== 'report' || c.duplicateOf.id !== s.reportId,
  'duplicate_of_itself',
);

const ref = (s: ReportSnapshot) => ({ reportId: s.reportId });

/** A route judged by the command center or an officer, never by the reporter. */
function judged<TType extends ReportCommand['type']>(
  target: ReportState,
  effect: ReportRoute<TType>['branches'][number]['effect'],
  extra: ReportRoute<TType>['checks'] = [],
): ReportRoute<TType> {
  return { checks: [triager, notOwnReport, ...extra], branches: [{ target, effect }] };
}

const link = judged<'link'>(
  'linked',
  (s, c) => [event('quanzi.report.linked', { ...ref(s), duplicateOf: c.duplicateOf })],
  [notSelfLink],
);
const dismiss = judged<'dismiss'>('dismissed', (s, c) => [
  event('quanzi.report.dismissed', { ...ref(s), verdict: c.verdict, ...optional('note', c.note) }),
]);
const forward = judged<'forward'>('forwarded', (s, c) => [
  event('quanzi.report.forwarded', { ...ref(s), to: c.to, ...optional('note', c.note) }),
]);
const answerIn = (state: ReportState): ReportRoute<'answer'> => ({
  checks: [triager],
  branches: [
    {
      target: state,
      effect: (s, c) => [event('quanzi.report.answered', { ...ref(s), answer: c.answer })],
    },
  ],
});

/**
 * The report lifecycle as one table: received → triaged → converted to a task,
 * linked as a duplicate, dismissed with a verdict, or forwarded to another body.
 * `reportMachine` and `transitionReport` are both built from it.
 */
export const reportDefinition: LifecycleDefinition<
  ReportState,
  ReportSnapshot,
  ReportCommand,
  LifecycleConfig
> = {
  id: 'report',
  initial: 'received',
  evolve: (snapshot, e, at) => evolveReport(snapshot, e, at),
  states: {
    received: {
      description: 'Sent in, not yet looked at',
      on: {
        triage: judged<'triage'>('triaged', (s, c) => [
          event('quanzi.report.triaged', { ...ref(s), priority: c.priority }),
        ]),
        link,
        dismiss,
        forward,
        answer: answerIn('received'),
      },
    },
    triaged: {
      description: 'Verified and prioritised by the command center',
      on: {
        convert: judged<'convert'>('converted', (s, c) => [
          event('quanzi.report.converted', { ...ref(s), taskId: c.taskId }),
        ]),
        link,
        dismiss,
        forward,
        answer: answerIn('triaged'),
      },
    },
    converted: {
      description: 'Became a task',
      on: { answer: answerIn('converted') },
    },
    linked: {
      description: 'A duplicate of another report or task',
      on: { answer: answerIn('linked') },
    },
    dismissed: {
      description: 'False, malicious or out of scope',
      on: { answer: answerIn('dismissed') },
    },
    forwarded: { description: 'Sent to another body', on: { answer: answerIn('forwarded') } },
  },
};
