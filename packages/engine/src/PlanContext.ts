import {
  type Circle,
  type DomainEvent,
  type IdSource,
  type LocalizedText,
  type Participant,
  QuanziError,
} from '@quanzi/core';
import type { LifecycleConfig } from '@quanzi/lifecycle';
import type { LevelChange, ReputationEventInput } from '@quanzi/reputation';
import type { ParticipantFacts, Policy } from '@quanzi/rules';
import { systemId } from './actorOf';
import type { Refusal } from './CommandOutcome';
import type { CircleMap } from './createCircleMap';
import type { EngineState } from './createEngineState';
import type { DueLevel } from './createLevelWatch';
import type { ReportRecord, TaskRecord } from './EngineRecord';

/** Everything planning a command reads; planning itself writes nothing. */
export interface PlanContext {
  readonly state: EngineState;
  /** The instant the command is applied at. */
  readonly now: string;
  readonly circles: CircleMap;
  readonly ids: IdSource;
  policyFor(circleId: string): Policy;
  lifecycleFor(circleId: string): LifecycleConfig;
  /** The participant with level, tags and credibility from reputation, for the rules. */
  factsOf(participant: Participant): ParticipantFacts;
  /** Participants whose level held now differs from the one their stream records (decay and more). */
  dueLevels(): DueLevel[];
  /** The level changes these events would cause in reputation, without applying them. */
  previewLevels(events: ReadonlyArray<ReputationEventInput>): LevelChange[];
}

/** Events for one stream, appended only if the stream is still at `expectedVersion`. */
export interface PlannedStep {
  readonly streamId: string;
  readonly expectedVersion: number;
  readonly events: ReadonlyArray<DomainEvent>;
  /** Who the events are by, when not the command's sender (category routing). */
  readonly actorId?: string;
}

/** One atomic append a command needs. */
export interface Plan {
  readonly circleId: string;
  readonly steps: ReadonlyArray<PlannedStep>;
  /** Overrides the event time (a tick happens at its own `now`). */
  readonly time?: string;
}

/** The plans of a command, or why it may not happen. */
export type Planned =
  | { readonly ok: true; readonly plans: ReadonlyArray<Plan> }
  | { readonly ok: false; readonly streamId: string; readonly reasons: ReadonlyArray<Refusal> };

const t = (en: string, zh: string): LocalizedText => ({ en, 'zh-CN': zh });

// biome-ignore format: one refusal per line reads as a table
const engineRefusals = {
  participant_suspended: t('This participant is suspended', '该参与者已被停用'),
  not_permitted: t('Only the command center may do this', '只有指挥中心可以执行此操作'),
  already_exists: t('Something with this id already exists', '该编号已存在'),
  proxy_not_allowed: t('Only grid workers, officers and the command center report by proxy', '只有网格员、民警和指挥中心可以代报'),
  wrong_source: t('This source needs a different sender (upstream dispatch, sensor alert or officer)', '该任务来源需要对应的发送者（上级派发、技防告警或民警）'),
  not_a_member: t('That participant is not in this circle', '该参与者不属于本圈子'),
  no_such_decision: t('No standing decision of that kind for that participant on this task', '该任务上没有针对该参与者的此类有效决定'),
  own_decision: t('A second review must come from someone other than the first reviewer', '复核须由首次审核人以外的人进行'),
} as const;

/** A refusal by the engine itself (not the rules or the lifecycle). */
export function refuse(code: keyof typeof engineRefusals): Refusal {
  return { code, message: engineRefusals[code] };
}

/** A refused plan. */
export function denied(streamId: string, ...reasons: Refusal[]): Planned {
  return { ok: false, streamId, reasons };
}

/** One plan in one circle. */
export function planned(circleId: string, ...steps: PlannedStep[]): Planned {
  return { ok: true, plans: [{ circleId, steps }] };
}

function missing(what: 'participant' | 'task' | 'report', id: string, path: string): QuanziError {
  const zh = { participant: '参与者', task: '任务', report: '信息' }[what];
  return new QuanziError({
    code: 'not_found',
    path: [path],
    message: t(`No ${what} "${id}"`, `没有${zh}“${id}”`),
  });
}

/** The participant with this id, or a `not_found` error naming `path`. */
export function participantOf(context: PlanContext, id: string, path = 'actorId'): Participant {
  const record = context.state.participants.get(id);
  if (!record) throw missing('participant', id, path);
  return record.participant;
}

/** The task with this id, or a `not_found` error. */
export function taskOf(context: PlanContext, id: string): TaskRecord {
  const record = context.state.tasks.get(id);
  if (!record) throw missing('task', id, 'taskId');
  return record;
}

/** The report with this id, or a `not_found` error. */
export function reportOf(context: PlanContext, id: string): ReportRecord {
  const record = context.state.reports.get(id);
  if (!record) throw missing('report', id, 'reportId');
  return record;
}

/** The sender, unless it is the host; a suspended sender is refused. */
export function senderOf(context: PlanContext, actorId: string): Participant | Refusal | undefined {
  if (actorId === systemId) return undefined;
  const participant = participantOf(context, actorId);
  return participant.status === 'suspended' ? refuse('participant_suspended') : participant;
}

/** True for a {@link Refusal} returned by {@link senderOf}. */
export function isRefusal(value: Participant | Refusal | undefined): value is Refusal {
  return value !== undefined && 'code' in value && 'message' in value;
}

/** The circle with this id (a `not_found` error otherwise). */
export function circleOf(context: PlanContext, circleId: string): Circle {
  return context.circles.get(circleId);
}
