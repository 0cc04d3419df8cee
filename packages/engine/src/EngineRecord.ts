import type { Participant, Report, Task } from '@quanzi/core';
import type { LifecycleConfig, ReportSnapshot, TaskSnapshot } from '@quanzi/lifecycle';

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
