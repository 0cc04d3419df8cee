import type { DomainEventType } from '@quanzi/core';
import type { CommandType } from './commandSchemas';

/** What the documentation says about one command besides its payload schema. */
export interface CommandInfo {
  /** Who may send it (the circle's policy and lifecycle have the last word). */
  readonly senders: string;
  /** Every event type it may append. */
  readonly events: ReadonlyArray<DomainEventType>;
  /** Which checks can refuse it: the rules' action, the lifecycle, the engine. */
  readonly checks: string;
}

const staff = 'the command center or an officer of the circle';
const holder = 'a holder of the task (a participant or team that claimed it)';
const lifecycle = 'task lifecycle';

/**
 * Senders, events and checks of every command: the source of `docs/commands.md`
 * together with the command schemas and core's event catalogue.
 */
export const commandCatalogue: { readonly [TType in CommandType]: CommandInfo } = {
  'participant.register': {
    senders:
      'the host (`system`) or the command center; residents and organisations may register themselves',
    events: ['quanzi.participant.registered'],
    checks: 'engine (not_permitted, already_exists)',
  },
  'team.register': {
    senders: 'the host (`system`) or the command center',
    events: ['quanzi.participant.registered', 'quanzi.participant.joined_team'],
    checks: 'engine (not_permitted, already_exists, not_a_member)',
  },
  'participant.certify': {
    senders: 'the host or the command center',
    events: ['quanzi.participant.certified'],
    checks: 'engine',
  },
  'participant.suspend': {
    senders: 'the host or the command center',
    events: ['quanzi.participant.suspended'],
    checks: 'engine',
  },
  'participant.reinstate': {
    senders: 'the host or the command center',
    events: ['quanzi.participant.reinstated'],
    checks: 'engine',
  },
  'report.submit': {
    senders:
      'any active participant; by proxy (`channel: proxy`) only grid workers, officers and the command center',
    events: ['quanzi.report.received', 'quanzi.report.forwarded'],
    checks: 'engine (participant_suspended, proxy_not_allowed, already_exists); category routing',
  },
  'report.prioritize': {
    senders: staff,
    events: ['quanzi.report.triaged'],
    checks: 'report lifecycle',
  },
  'report.convert': {
    senders: staff,
    events: ['quanzi.report.converted', 'quanzi.task.created'],
    checks: 'report lifecycle; rules `publish`',
  },
  'report.link': { senders: staff, events: ['quanzi.report.linked'], checks: 'report lifecycle' },
  'report.dismiss': {
    senders: staff,
    events: ['quanzi.report.dismissed'],
    checks: 'report lifecycle',
  },
  'report.forward': {
    senders: staff,
    events: ['quanzi.report.forwarded'],
    checks: 'report lifecycle',
  },
  'task.create': {
    senders:
      'whoever the policy lets publish; an `upstream` source needs the upstream platform, `sensor` a sensor, `officer` an officer (the command center may send any)',
    events: ['quanzi.task.created'],
    checks: 'rules `publish`; engine (wrong_source, already_exists)',
  },
  'task.review': {
    senders: 'the command center',
    events: ['quanzi.task.reviewed', 'quanzi.task.published'],
    checks: lifecycle,
  },
  'task.publish': {
    senders: 'the publisher or the command center',
    events: ['quanzi.task.published', 'quanzi.task.review_requested'],
    checks: lifecycle,
  },
  'task.claim': {
    senders: 'a participant the policy lets claim (tier, radius, qualifications, scope)',
    events: ['quanzi.task.claimed'],
    checks: 'rules `claim`; task lifecycle',
  },
  'task.extend': { senders: holder, events: ['quanzi.task.lease_extended'], checks: lifecycle },
  'task.release': {
    senders: holder,
    events: ['quanzi.task.released', 'quanzi.participant.level_changed'],
    checks: lifecycle,
  },
  'task.start': { senders: holder, events: ['quanzi.task.started'], checks: lifecycle },
  'task.submit': {
    senders: holder,
    events: [
      'quanzi.task.work_submitted',
      'quanzi.task.followup_reported',
      'quanzi.report.received',
    ],
    checks: lifecycle,
  },
  'task.accept': {
    senders:
      'the command center (the lifecycle judges work by the command center only; the policy’s verifiers must include it)',
    events: ['quanzi.task.accepted', 'quanzi.task.rewarded', 'quanzi.participant.level_changed'],
    checks: 'rules `verify`; task lifecycle',
  },
  'task.reject': {
    senders: 'the command center',
    events: ['quanzi.task.rejected', 'quanzi.task.released', 'quanzi.participant.level_changed'],
    checks: 'rules `verify`; task lifecycle',
  },
  'task.rework': {
    senders: 'the command center',
    events: ['quanzi.task.rework_requested'],
    checks: 'rules `verify`; task lifecycle',
  },
  'task.rate': {
    senders: 'the command center',
    events: ['quanzi.task.rated', 'quanzi.participant.level_changed'],
    checks: lifecycle,
  },
  'task.mark_classic': {
    senders: 'the command center',
    events: ['quanzi.task.classic_marked', 'quanzi.participant.level_changed'],
    checks: lifecycle,
  },
  'task.cancel': {
    senders: 'the publisher (before anyone holds it) or the command center',
    events: ['quanzi.task.closed'],
    checks: lifecycle,
  },
  'task.escalate': {
    senders: `${holder}, or ${staff}`,
    events: ['quanzi.task.escalated'],
    checks: lifecycle,
  },
  'task.overturn': {
    senders: 'the command center of the task’s circle',
    events: ['quanzi.decision.overturned'],
    checks: 'engine (not_permitted, no_such_decision); task lifecycle',
  },
  'task.second_review': {
    senders: `${staff}, other than the first reviewer`,
    events: ['quanzi.review.second_opinion'],
    checks: 'engine (not_permitted, no_such_decision, own_decision)',
  },
  tick: {
    senders: 'the host (`system`), whenever a due time passes (or on a timer)',
    events: [
      'quanzi.task.lease_expiring',
      'quanzi.task.released',
      'quanzi.task.escalated',
      'quanzi.task.closed',
    ],
    checks: 'none: only what is due at `now` happens',
  },
};
