import {
  type DomainEvent,
  type DomainEventData,
  type LifecycleTerms,
  QuanziError,
  type StoredEvent,
} from '@quanzi/core';
import {
  createLifecycleConfig,
  createReportSnapshot,
  evolveReport,
  evolveTask,
  initialReportSnapshot,
  initialTaskSnapshot,
  type LifecycleConfig,
  type LifecycleConfigInput,
} from '@quanzi/lifecycle';
import { createDueQueue } from './createDueQueue';
import { createKeyIndex } from './createKeyIndex';
import type { Judgement, ParticipantRecord, ReportRecord, TaskRecord } from './EngineRecord';
import { evolveParticipant } from './evolveParticipant';
import { judgementsAfter } from './judgementsAfter';

/** What the engine's state needs to know from outside. */
export interface EngineStateOptions {
  /** The terms for entities whose creation event predates recorded terms. */
  lifecycleFor(circleId: string): LifecycleConfig;
  /** Called for every event after the state took it in (reputation, indexes). */
  onEvent?(event: StoredEvent, state: EngineState, own: boolean): void;
  /** Records to start from (a snapshot's) instead of an empty state. */
  readonly seed?: EngineStateSeed;
  /**
   * How many of the latest idempotency keys to remember; all when omitted. Older keys
   * are the store's to answer (`EventStore.eventsOfKey`).
   */
  readonly recentKeys?: number;
}

/** The records of an engine state at a log position: what a snapshot holds. */
export interface EngineStateSeed {
  readonly position: number;
  readonly participants: ReadonlyArray<ParticipantRecord>;
  readonly tasks: ReadonlyArray<TaskRecord>;
  readonly reports: ReadonlyArray<ReportRecord>;
  /**
   * Whether a record took its circle's current terms because its creation event
   * recorded none: such records change with the lifecycle configuration, the others not.
   */
  readonly defaultedTerms?: boolean;
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
  /**
   * The events an idempotency key wrote, if this state saw it write any (only the
   * latest keys when `recentKeys` bounds them, none before a seed's position).
   */
  eventsOfKey(key: string): ReadonlyArray<StoredEvent> | undefined;
  /**
   * Whether {@link EngineState.eventsOfKey} knows every key the log holds: the state
   * was built from the first event and forgot none. Otherwise a key it does not know
   * may still be the store's.
   */
  readonly remembersEveryKey: boolean;
  /** See {@link EngineStateSeed.defaultedTerms}. */
  readonly defaultedTerms: boolean;
  /**
   * Takes in stored events in log order; already seen positions are skipped. `own`
   * says the engine itself just appended them (from commands it validated), so
   * what reads them downstream may skip its schema checks.
   */
  apply(events: ReadonlyArray<StoredEvent>, own?: boolean): void;
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

// Shared by every new task (most never get a judgement); lists are replaced, never changed.
const noJudgements: ReadonlyArray<Judgement> = Object.freeze([]);

/** Creates an empty engine state. */
export function createEngineState(options: EngineStateOptions): EngineState {
  const participants = new Map<string, ParticipantRecord>();
  const tasks = new Map<string, TaskRecord>();
  const reports = new Map<string, ReportRecord>();
  const keys = createKeyIndex(options.recentKeys);
  let position = options.seed?.position ?? 0;
  let defaultedTerms = options.seed?.defaultedTerms ?? false;

  function applyParticipant(event: StoredEvent) {
    const id = event.subject.slice('participant/'.length);
    const record = evolveParticipant(participants.get(id), event);
    if (record) participants.set(id, record);
  }

  // Nearly every entity was created under the circle's current terms, so a replay
  // reuses that object and validates only terms that differ; a log edited by hand
  // fails there with the lifecycle's own error naming the field.
  function termsOf(terms: LifecycleTerms | undefined, event: StoredEvent): LifecycleConfig {
    const current = options.lifecycleFor(event.circleid);
    if (terms === undefined) {
      defaultedTerms = true;
      return current;
    }
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
        snapshot: initialTaskSnapshot(task),
        version: event.streamsequence,
        lifecycle: termsOf(lifecycle, event),
        judgements: noJudgements,
      });
      return;
    }
    const record = tasks.get(id);
    const snapshot =
      record && evolveTask(record.snapshot, event as DomainEvent, event.time, record.lifecycle);
    if (!record || !snapshot) throw disagreement(event);
    const judgements = judgementsAfter(record.judgements, event);
    schedule({ ...record, snapshot, version: event.streamsequence, judgements });
  }

  const due = createDueQueue();
  function schedule(record: TaskRecord) {
    tasks.set(record.task.id, record);
    due.schedule(record);
  }

  function applyReport(event: StoredEvent, own: boolean) {
    const id = event.subject.slice('report/'.length);
    if (event.type === 'quanzi.report.received') {
      const { report, lifecycle } = event.data as DomainEventData<'quanzi.report.received'>;
      reports.set(id, {
        entity: 'report',
        report,
        // The engine's own report was built from a validated command; others are checked.
        snapshot: own ? initialReportSnapshot(report) : createReportSnapshot(report),
        version: event.streamsequence,
        lifecycle: termsOf(lifecycle, event),
      });
      return;
    }
    const record = reports.get(id);
    const snapshot = record && evolveReport(record.snapshot, event as DomainEvent, event.time);
    if (!record || !snapshot) throw disagreement(event);
    reports.set(id, { ...record, snapshot, version: event.streamsequence });
    const { duplicateOf } = event.data as { duplicateOf?: { kind: string; id: string } };
    const original = duplicateOf?.kind === 'report' ? reports.get(duplicateOf.id) : undefined;
    // The duplicate's `linked` event is the whole record of support: the original
    // takes it in too, unless it is itself settled as a duplicate or dismissed.
    const supported = original && evolveReport(original.snapshot, event as DomainEvent, event.time);
    if (original && supported)
      reports.set(original.report.id, { ...original, snapshot: supported });
  }

  for (const record of options.seed?.participants ?? [])
    participants.set(record.participant.id, record);
  for (const record of options.seed?.tasks ?? []) schedule(record);
  for (const record of options.seed?.reports ?? []) reports.set(record.report.id, record);

  const state: EngineState = {
    participants,
    tasks,
    reports,
    get position() {
      return position;
    },
    eventsOfKey: (key) => keys.eventsOf(key),
    get remembersEveryKey() {
      return options.seed === undefined && !keys.forgot;
    },
    get defaultedTerms() {
      return defaultedTerms;
    },
    dueTasks: (now) => due.dueTasks(now, (taskId) => tasks.get(taskId)),
    apply(events, own = false) {
      for (const event of events) {
        if (event.position <= position) continue;
        if (event.subject.startsWith('task/')) applyTask(event);
        else if (event.subject.startsWith('report/')) applyReport(event, own);
        else if (event.subject.startsWith('participant/')) applyParticipant(event);
        position = event.position;
        keys.add(event);
        options.onEvent?.(event, state, own);
      }
    },
  };
  return state;
}
