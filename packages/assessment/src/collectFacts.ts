import type {
  Channel,
  ClosureReason,
  DomainEventData,
  DomainEventType,
  Participant,
  Point,
  TaskGeometry,
} from '@quanzi/core';
import { isStaff, toEpoch } from '@quanzi/core';

/** The parts of an event envelope assessment reads; a store's `StoredEvent` fits. */
export interface AssessableEvent {
  readonly id: string;
  readonly type: string;
  readonly time: string;
  readonly actor: string;
  readonly data: unknown;
}

/** A moment something happened, and the event that says so. */
export interface Moment {
  readonly time: number;
  readonly eventId: string;
}

/** What the log says about one task. */
export interface TaskFacts {
  readonly id: string;
  readonly category: string;
  readonly difficulty: number | undefined;
  readonly slaHours: number | undefined;
  readonly deadline: number | undefined;
  readonly location: TaskGeometry;
  readonly created: Moment;
  published?: Moment;
  firstClaim?: Moment;
  accepted?: Moment;
  closed?: Moment & { reason: ClosureReason };
  readonly holders: Set<string>;
}

/** What the log says about one report. */
export interface ReportFacts {
  readonly id: string;
  readonly category: string | undefined;
  readonly reporterId: string;
  readonly location: Point | undefined;
  readonly channel: Channel;
  readonly received: Moment;
  firstResponse?: Moment;
  converted?: Moment;
  answered?: Moment;
}

/** Something a participant did or received that assessment counts. */
export interface Deed {
  readonly kind: 'completed' | 'failed' | 'rated' | 'rework' | 'rewarded' | 'classic';
  readonly eventId: string;
  readonly taskId: string;
  readonly time: number;
  /** Rating for `rated`, points for `rewarded`, number of claimants for `completed`, else 1. */
  readonly amount: number;
  readonly onTime?: boolean;
}

/** The projection of a log that assessment and circle health read. */
export interface CircleFacts {
  readonly tasks: Map<string, TaskFacts>;
  readonly reports: Map<string, ReportFacts>;
  readonly participants: Map<string, Participant>;
  /** Team id → member ids, from registrations and `joined_team` events. */
  readonly teams: Map<string, Set<string>>;
  readonly deeds: Map<string, Deed[]>;
  /** Participant id → times (ms) of every event they caused. */
  readonly activity: Map<string, number[]>;
}

type Data<T extends DomainEventType> = DomainEventData<T>;
type Handler = (facts: CircleFacts, event: AssessableEvent, time: number) => void;
const on = <T extends DomainEventType>(handle: (f: CircleFacts, d: Data<T>, m: Moment) => void) =>
  ((facts, event, time) =>
    handle(facts, event.data as Data<T>, { time, eventId: event.id })) as Handler;

function pushTo<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addMember(facts: CircleFacts, teamId: string, memberId: string) {
  const members = facts.teams.get(teamId) ?? new Set<string>();
  members.add(memberId);
  facts.teams.set(teamId, members);
}

function register(facts: CircleFacts, participant: Participant) {
  facts.participants.set(participant.id, participant);
  if (participant.kind === 'team' && !facts.teams.has(participant.id))
    facts.teams.set(participant.id, new Set());
  for (const teamId of participant.teamIds) addMember(facts, teamId, participant.id);
  for (const memberId of participant.memberIds) addMember(facts, participant.id, memberId);
}

function respond(facts: CircleFacts, reportId: string, moment: Moment) {
  const report = facts.reports.get(reportId);
  if (report && !report.firstResponse) report.firstResponse = moment;
  return report;
}

function deed(
  facts: CircleFacts,
  who: string,
  kind: Deed['kind'],
  taskId: string,
  m: Moment,
  amount = 1,
  onTime?: boolean,
) {
  pushTo(facts.deeds, who, { kind, taskId, eventId: m.eventId, time: m.time, amount, onTime });
}

const handlers: Partial<Record<DomainEventType, Handler>> = {
  'quanzi.participant.registered': on<'quanzi.participant.registered'>((f, d) =>
    register(f, d.participant),
  ),
  'quanzi.participant.joined_team': on<'quanzi.participant.joined_team'>((f, d) =>
    addMember(f, d.teamId, d.participantId),
  ),
  'quanzi.report.received': on<'quanzi.report.received'>((f, { report }, received) => {
    f.reports.set(report.id, {
      id: report.id,
      category: report.category,
      reporterId: report.reporterId,
      location: report.location,
      channel: report.channel,
      received,
    });
  }),
  'quanzi.report.triaged': on<'quanzi.report.triaged'>((f, d, m) => respond(f, d.reportId, m)),
  'quanzi.report.linked': on<'quanzi.report.linked'>((f, d, m) => respond(f, d.reportId, m)),
  'quanzi.report.dismissed': on<'quanzi.report.dismissed'>((f, d, m) => respond(f, d.reportId, m)),
  'quanzi.report.forwarded': on<'quanzi.report.forwarded'>((f, d, m) => respond(f, d.reportId, m)),
  'quanzi.report.converted': on<'quanzi.report.converted'>((f, d, m) => {
    const report = respond(f, d.reportId, m);
    if (report && !report.converted) report.converted = m;
  }),
  'quanzi.report.answered': on<'quanzi.report.answered'>((f, d, m) => {
    const report = respond(f, d.reportId, m);
    if (report && !report.answered) report.answered = m;
  }),
  'quanzi.task.created': on<'quanzi.task.created'>((f, { task }, created) => {
    f.tasks.set(task.id, {
      id: task.id,
      category: task.category,
      difficulty: task.difficulty,
      slaHours: task.slaHours,
      deadline: task.deadline === undefined ? undefined : toEpoch(task.deadline),
      location: task.location,
      created,
      holders: new Set(),
    });
  }),
  'quanzi.task.published': on<'quanzi.task.published'>((f, d, m) => {
    const task = f.tasks.get(d.taskId);
    if (task && !task.published) task.published = m;
  }),
  'quanzi.task.claimed': on<'quanzi.task.claimed'>((f, d, m) => {
    const task = f.tasks.get(d.taskId);
    if (!task) return;
    task.firstClaim ??= m;
    task.holders.add(d.claimantId);
  }),
  'quanzi.task.released': on<'quanzi.task.released'>((f, d, m) => {
    f.tasks.get(d.taskId)?.holders.delete(d.claimantId);
    // A release after a rejection was already counted by the rejection itself.
    if (d.reason !== 'rejected') deed(f, d.claimantId, 'failed', d.taskId, m);
  }),
  'quanzi.task.rejected': on<'quanzi.task.rejected'>((f, d, m) => {
    f.tasks.get(d.taskId)?.holders.delete(d.claimantId);
    deed(f, d.claimantId, 'failed', d.taskId, m);
  }),
  'quanzi.task.rework_requested': on<'quanzi.task.rework_requested'>((f, d, m) => {
    for (const holder of f.tasks.get(d.taskId)?.holders ?? [])
      deed(f, holder, 'rework', d.taskId, m);
  }),
  'quanzi.task.accepted': on<'quanzi.task.accepted'>((f, d, m) => {
    const task = f.tasks.get(d.taskId);
    if (task) {
      task.accepted ??= m;
      task.holders.clear();
    }
    const claimants = [...new Set(d.claimantIds)];
    for (const id of claimants) deed(f, id, 'completed', d.taskId, m, claimants.length, d.onTime);
  }),
  'quanzi.task.rated': on<'quanzi.task.rated'>((f, d, m) =>
    deed(f, d.participantId, 'rated', d.taskId, m, d.rating),
  ),
  'quanzi.task.rewarded': on<'quanzi.task.rewarded'>((f, d, m) =>
    deed(f, d.participantId, 'rewarded', d.taskId, m, d.points),
  ),
  'quanzi.task.classic_marked': on<'quanzi.task.classic_marked'>((f, d, m) =>
    deed(f, d.participantId, 'classic', d.taskId, m),
  ),
  'quanzi.task.closed': on<'quanzi.task.closed'>((f, d, m) => {
    const task = f.tasks.get(d.taskId);
    if (task && !task.closed) task.closed = { ...m, reason: d.reason };
  }),
};

function overturnedIds(events: readonly AssessableEvent[], until: number): Set<string> {
  const ids = new Set<string>();
  for (const event of events)
    if (event.type === 'quanzi.decision.overturned' && toEpoch(event.time) < until)
      ids.add((event.data as Data<'quanzi.decision.overturned'>).targetEventId);
  return ids;
}

/**
 * Projects a log onto the facts assessment needs, reading only events before
 * `until` (ms) and leaving out decisions that were overturned before then — so an
 * old period re-run later sees exactly the log it saw then. Events are taken in
 * time order (ties keep log order); they are trusted as a store returns them.
 */
export function collectFacts(
  events: readonly AssessableEvent[],
  until: number,
  participants: readonly Participant[] = [],
): CircleFacts {
  const facts: CircleFacts = {
    tasks: new Map(),
    reports: new Map(),
    participants: new Map(),
    teams: new Map(),
    deeds: new Map(),
    activity: new Map(),
  };
  const skip = overturnedIds(events, until);
  const times = events.map((event) => toEpoch(event.time));
  let order = events.map((_, i) => i);
  // Stores return their log in time order; sort only a log that is not.
  if (times.some((t, i) => i > 0 && t < (times[i - 1] ?? t)))
    order = order.sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0) || a - b);
  for (const i of order) {
    const event = events[i] as AssessableEvent;
    const time = times[i] ?? Number.NaN;
    if (!(time < until) || skip.has(event.id)) continue;
    if (event.actor !== 'system') pushTo(facts.activity, event.actor, time);
    handlers[event.type as DomainEventType]?.(facts, event, time);
  }
  for (const participant of participants) register(facts, participant);
  return facts;
}

/** True for officers, the command center, upstream platforms and sensors (core's `isStaff`): not the crowd. */
export function isStaffMember(facts: CircleFacts, participantId: string): boolean {
  const participant = facts.participants.get(participantId);
  return participant !== undefined && isStaff(participant);
}
