import {
  type DomainEvent,
  type DomainEventData,
  type LifecycleTerms,
  type Participant,
  QuanziError,
  type Report,
  type StoredEvent,
  type Task,
} from '@quanzi/core';
import {
  createLifecycleConfig,
  createReportSnapshot,
  createTaskSnapshot,
  evolveReport,
  evolveTask,
  type LifecycleConfig,
  type LifecycleConfigInput,
  nextTaskDueAt,
  type ReportSnapshot,
  type TaskSnapshot,
} from '@quanzi/lifecycle';
import TinyQueue from 'tinyqueue';

/** One standing judgement of a slot, and the event that made it: what an overturn reverses. */
export interface Judgement {
  readonly eventId: string;
  readonly type:
    | 'quanzi.task.accepted'
    | 'quanzi.task.rewarded'
    | 'quanzi.task.rated'
    | 'quanzi.task.classic_marked';
  readonly participantId: string;
  /** Who judged: the first reviewer, for a second opinion. */
  readonly actor: string;
}

/** A task as the engine keeps it: the task, its lifecycle snapshot and its stream version. */
export interface TaskRecord {
  readonly entity: 'task';
  readonly task: Task;
  readonly snapshot: TaskSnapshot;
  readonly version: number;
  /** The judgements that stand (not overturned), in log order. */
  readonly judgements: ReadonlyArray<Judgement>;
  /** The lifecycle terms the task was created under; later configuration does not change them. */
  readonly lifecycle: LifecycleConfig;
}

/** A report with its lifecycle snapshot and stream version. */
export interface ReportRecord {
  readonly entity: 'report';
  readonly report: Report;
  readonly snapshot: ReportSnapshot;
  readonly version: number;
  /** The lifecycle terms the report was received under. */
  readonly lifecycle: LifecycleConfig;
}

/** A participant or team with its stream version. */
export interface ParticipantRecord {
  readonly entity: 'participant';
  readonly participant: Participant;
  readonly version: number;
  /** The level last recorded in the log by a `quanzi.participant.level_changed` event. */
  readonly level: number;
}

/** Anything a viewer can be shown. */
export type EngineRecord = TaskRecord | ReportRecord | ParticipantRecord;

/** What the engine's state needs to know from outside. */
export interface EngineStateOptions {
  /** The terms for entities whose creation event predates recorded terms. */
  lifecycleFor(circleId: string): LifecycleConfig;
  /** Called for every event after the state took it in (reputation, indexes). */
  onEvent?(event: StoredEvent, state: EngineState): void;
}

/**
 * The engine's in-memory projection of the log: participants, tasks and reports
 * with their lifecycle snapshots, and which events each idempotency key wrote.
 * Live commands and a full rebuild go through the same {@link EngineState.apply}.
 */
export interface EngineState {
  readonly participants: ReadonlyMap<string, ParticipantRecord>;
  readonly tasks: ReadonlyMap<string, TaskRecord>;
  readonly reports: ReadonlyMap<string, ReportRecord>;
  /** The global position of the last event taken in. */
  readonly position: number;
  /** The events an idempotency key wrote, if it wrote any. */
  eventsOfKey(key: string): ReadonlyArray<StoredEvent> | undefined;
  /** Takes in stored events in log order; already seen positions are skipped. */
  apply(events: ReadonlyArray<StoredEvent>): void;
  /**
   * Tasks with a timed step (lease warning or expiry, SLA, deadline, end of the
   * rating window) due at or before `now`, by due time then id. Reads a queue kept
   * as events arrive, so a tick costs what is due, not what was ever created.
   */
  dueTasks(now: string): TaskRecord[];
}

function disagreement(event: StoredEvent): QuanziError {
  return new QuanziError({
    code: 'internal',
    message: {
      en: `The log disagrees with the lifecycle at event ${event.id} (${event.subject}); was the log edited, or written by an incompatible version?`,
      'zh-CN': `日志与生命周期在事件 ${event.id}（${event.subject}）处不一致；日志是否被修改，或由不兼容的版本写入？`,
    },
  });
}

/** The standing judgements after `event`: a judgement adds one per slot, an overturn removes its target. */
function judgementsAfter(
  judgements: ReadonlyArray<Judgement>,
  event: StoredEvent,
): ReadonlyArray<Judgement> {
  const e = event as unknown as DomainEvent;
  const made = (type: Judgement['type'], participantIds: readonly string[]) => [
    ...judgements,
    ...participantIds.map((participantId) => ({
      eventId: event.id,
      type,
      participantId,
      actor: event.actor,
    })),
  ];
  switch (e.type) {
    case 'quanzi.task.accepted':
      return made(e.type, e.data.claimantIds);
    case 'quanzi.task.rewarded':
    case 'quanzi.task.rated':
    case 'quanzi.task.classic_marked':
      return made(e.type, [e.data.participantId]);
    case 'quanzi.decision.overturned':
      return judgements.filter((judgement) => judgement.eventId !== e.data.targetEventId);
    default:
      return judgements;
  }
}

/** A task's next timed step, as of one version of it; later versions supersede it. */
interface DueEntry {
  atMs: number;
  taskId: string;
  version: number;
}

/** Creates an empty engine state. */
export function createEngineState(options: EngineStateOptions): EngineState {
  const participants = new Map<string, ParticipantRecord>();
  const tasks = new Map<string, TaskRecord>();
  const reports = new Map<string, ReportRecord>();
  const keys = new Map<string, StoredEvent[]>();
  let position = 0;

  function changeParticipant(
    id: string,
    version: number,
    change: (p: Participant) => Participant,
    level?: number,
  ) {
    const record = participants.get(id);
    if (record)
      participants.set(id, {
        ...record,
        participant: change(record.participant),
        version,
        level: level ?? record.level,
      });
  }

  function applyParticipant(event: StoredEvent) {
    const id = event.subject.slice('participant/'.length);
    const e = event as unknown as DomainEvent;
    const v = event.sequence;
    switch (e.type) {
      case 'quanzi.participant.registered': {
        participants.set(id, {
          entity: 'participant',
          participant: e.data.participant,
          version: v,
          level: 0,
        });
        return;
      }
      case 'quanzi.participant.certified':
        return changeParticipant(id, v, (p) => ({
          ...p,
          qualifications: [...p.qualifications, e.data.qualification],
        }));
      case 'quanzi.participant.suspended':
        return changeParticipant(id, v, (p) => ({ ...p, status: 'suspended' }));
      case 'quanzi.participant.reinstated':
        return changeParticipant(id, v, (p) => ({ ...p, status: 'active' }));
      case 'quanzi.participant.joined_team':
        return changeParticipant(id, v, (p) => ({ ...p, teamIds: [...p.teamIds, e.data.teamId] }));
      case 'quanzi.participant.level_changed':
        return changeParticipant(id, v, (p) => p, e.data.to);
      default:
        return changeParticipant(id, v, (p) => p);
    }
  }

  // Nearly every entity was created under the circle's current terms, so a replay
  // reuses that object and validates only terms that differ; a log edited by hand
  // fails there with the lifecycle's own error naming the field.
  function termsOf(terms: LifecycleTerms | undefined, event: StoredEvent): LifecycleConfig {
    const current = options.lifecycleFor(event.circleid);
    if (terms === undefined) return current;
    const keys = Object.keys(current) as Array<keyof LifecycleConfig>;
    const same =
      Object.keys(terms).length === keys.length && keys.every((key) => terms[key] === current[key]);
    return same ? current : createLifecycleConfig(terms as LifecycleConfigInput);
  }

  function applyTask(event: StoredEvent) {
    const id = event.subject.slice('task/'.length);
    if (event.type === 'quanzi.task.created') {
      const { task, lifecycle } = event.data as DomainEventData<'quanzi.task.created'>;
      schedule({
        entity: 'task',
        task,
        snapshot: createTaskSnapshot(task),
        version: event.sequence,
        lifecycle: termsOf(lifecycle, event),
        judgements: [],
      });
      return;
    }
    const record = tasks.get(id);
    const snapshot =
      record && evolveTask(record.snapshot, event as DomainEvent, event.time, record.lifecycle);
    if (!record || !snapshot) throw disagreement(event);
    const judgements = judgementsAfter(record.judgements, event);
    schedule({ ...record, snapshot, version: event.sequence, judgements });
  }

  // Superseded entries stay in the queue until they come due and are dropped then:
  // cheaper than finding them on every change.
  const due = new TinyQueue<DueEntry>([], (a, b) => a.atMs - b.atMs);
  function schedule(record: TaskRecord) {
    tasks.set(record.task.id, record);
    const at = nextTaskDueAt(record.snapshot, record.lifecycle);
    if (at !== null)
      due.push({ atMs: Date.parse(at), taskId: record.task.id, version: record.version });
  }

  function applyReport(event: StoredEvent) {
    const id = event.subject.slice('report/'.length);
    if (event.type === 'quanzi.report.received') {
      const { report, lifecycle } = event.data as DomainEventData<'quanzi.report.received'>;
      reports.set(id, {
        entity: 'report',
        report,
        snapshot: createReportSnapshot(report),
        version: event.sequence,
        lifecycle: termsOf(lifecycle, event),
      });
      return;
    }
    const record = reports.get(id);
    const snapshot = record && evolveReport(record.snapshot, event as DomainEvent, event.time);
    if (!record || !snapshot) throw disagreement(event);
    reports.set(id, { ...record, snapshot, version: event.sequence });
    const { duplicateOf } = event.data as { duplicateOf?: { kind: string; id: string } };
    const original = duplicateOf?.kind === 'report' ? reports.get(duplicateOf.id) : undefined;
    // The duplicate's `linked` event is the whole record of support: the original
    // takes it in too, unless it is itself settled as a duplicate or dismissed.
    const supported = original && evolveReport(original.snapshot, event as DomainEvent, event.time);
    if (original && supported)
      reports.set(original.report.id, { ...original, snapshot: supported });
  }

  const state: EngineState = {
    participants,
    tasks,
    reports,
    get position() {
      return position;
    },
    eventsOfKey: (key) => keys.get(key),
    dueTasks(now) {
      const nowMs = Date.parse(now);
      const current: DueEntry[] = [];
      while (due.length > 0 && (due.peek() as DueEntry).atMs <= nowMs) {
        const entry = due.pop() as DueEntry;
        if (tasks.get(entry.taskId)?.version === entry.version) current.push(entry);
      }
      // Finding due work changes nothing: the tick's own events supersede these
      // entries once they are applied, and a tick that fails finds them again.
      for (const entry of current) due.push(entry);
      return current
        .sort((a, b) => a.atMs - b.atMs || (a.taskId < b.taskId ? -1 : 1))
        .map((entry) => tasks.get(entry.taskId) as TaskRecord);
    },
    apply(events) {
      for (const event of events) {
        if (event.position <= position) continue;
        if (event.subject.startsWith('task/')) applyTask(event);
        else if (event.subject.startsWith('report/')) applyReport(event);
        else if (event.subject.startsWith('participant/')) applyParticipant(event);
        position = event.position;
        const key = event.idempotencykey;
        if (key !== undefined) keys.set(key, [...(keys.get(key) ?? []), event]);
        options.onEvent?.(event, state);
      }
    },
  };
  return state;
}
