import {
  type DomainEvent,
  type Participant,
  roleOf,
  streamIdOf,
  type Task,
  toEpoch,
} from '@quanzi/core';
import { reduceTask, type TaskCommand, tickTask } from '@quanzi/lifecycle';
import type { Action, TaskFacts } from '@quanzi/rules';
import { actorOf, systemId } from './actorOf';
import type { Refusal } from './CommandOutcome';
import type { CommandOf } from './commandSchemas';
import type { TaskRecord } from './EngineRecord';
import { ownTask } from './ownTask';
import {
  denied,
  isRefusal,
  type Plan,
  type PlanContext,
  type Planned,
  type PlannedStep,
  planned,
  refuse,
  reportOf,
  senderOf,
  taskOf,
} from './PlanContext';
import { receiveReport } from './receiveReport';

/** Commands that act on an existing task. */
export type TaskLifecycleCommand = CommandOf<
  | 'task.review'
  | 'task.publish'
  | 'task.claim'
  | 'task.extend'
  | 'task.release'
  | 'task.start'
  | 'task.submit'
  | 'task.accept'
  | 'task.reject'
  | 'task.rework'
  | 'task.rate'
  | 'task.mark_classic'
  | 'task.cancel'
  | 'task.escalate'
>;

/** The rules' view of a task record. */
export function taskFactsOf(record: TaskRecord): TaskFacts {
  const { task, snapshot } = record;
  return { task, state: snapshot.state, claimantIds: snapshot.claims.map((c) => c.claimantId) };
}

/** Asks the circle's policy whether `sender` may do `action` to the task. */
export function decide(
  context: PlanContext,
  action: Action,
  sender: Participant,
  facts: TaskFacts,
  position = sender.home?.coordinates,
): ReadonlyArray<Refusal> {
  const circle = context.circles.get(facts.task.circleId);
  const decision = context.policyFor(circle.id).decide(action, context.factsOf(sender), facts, {
    now: context.now,
    circle,
    ...(position ? { position } : {}),
  });
  return decision.allowed ? [] : decision.reasons;
}

/**
 * The step creating a task, if the sender may publish it. Shared by `task.create`
 * and `report.convert`, so both obey the same publishing rules. `fields` are a
 * validated draft and the engine's own additions (see {@link ownTask}).
 */
export function newTaskStep(
  context: PlanContext,
  sender: Participant | undefined,
  fields: Task,
): PlannedStep | ReadonlyArray<Refusal> {
  const task = ownTask(fields);
  if (context.state.tasks.has(task.id)) return [refuse('already_exists')];
  if (sender) {
    const reasons = decide(context, 'publish', sender, { task, state: 'draft', claimantIds: [] });
    if (reasons.length > 0) return reasons;
  }
  const lifecycle = context.lifecycleFor(task.circleId);
  const events = [{ type: 'quanzi.task.created', data: { task, lifecycle } } as const];
  return { streamId: streamIdOf.task(task.id), expectedVersion: 0, events };
}

const sourceSenders = {
  upstream: new Set(['upstream', 'command']),
  sensor: new Set(['sensor', 'command']),
  officer: new Set(['officer', 'command']),
} as const;

function planCreate(context: PlanContext, command: CommandOf<'task.create'>): Planned {
  const { id, circleId, ...draft } = command.task;
  const taskId = id ?? context.ids.next('task');
  const streamId = streamIdOf.task(taskId);
  const sender = senderOf(context, command.actorId);
  if (isRefusal(sender)) return denied(streamId, sender);
  const { kind } = draft.source;
  if (
    sender &&
    kind in sourceSenders &&
    !sourceSenders[kind as keyof typeof sourceSenders].has(roleOf(sender))
  )
    return denied(streamId, refuse('wrong_source'));
  if (draft.source.kind === 'report') reportOf(context, draft.source.reportId);
  const reportIds =
    draft.source.kind === 'report'
      ? [draft.source.reportId, ...(draft.reportIds ?? [])]
      : draft.reportIds;
  const circle = context.circles.home(draft.location, circleId ?? sender?.circleId ?? '');
  const step = newTaskStep(context, sender, {
    ...draft,
    reportIds: [...new Set(reportIds)],
    id: taskId,
    circleId: circle.id,
    publisherId: command.actorId,
    createdAt: context.now,
  });
  return 'streamId' in step ? planned(circle.id, step) : denied(streamId, ...step);
}

type Base = Pick<TaskCommand, 'actor' | 'at'>;

/** The slots a judgement names, or every slot waiting for judgement when it names none. */
function judgedSlots(record: TaskRecord, claimantId: string | undefined): string[] {
  if (claimantId !== undefined) return [claimantId];
  const waiting = record.snapshot.claims.filter((claim) => claim.phase === 'submitted');
  // Nothing handed in: one command naming nobody, which the lifecycle refuses with its reason.
  return waiting.length > 0 ? waiting.map((claim) => claim.claimantId) : [''];
}

/** The lifecycle commands an engine command sends, in order (a judgement may cover several slots). */
function lifecycleCommands(
  command: TaskLifecycleCommand,
  base: Base,
  record: TaskRecord,
): TaskCommand[] {
  const note = 'note' in command && command.note !== undefined ? { note: command.note } : {};
  switch (command.type) {
    case 'task.review':
      return [
        {
          type: 'review',
          ...base,
          decision: command.decision,
          ...(command.guidance ? { guidance: command.guidance } : {}),
        },
      ];
    case 'task.publish':
      return [{ type: 'publish', ...base }];
    case 'task.claim':
      return [{ type: 'claim', ...base }];
    case 'task.extend':
      return [{ type: 'extend_lease', ...base }];
    case 'task.release':
      return [{ type: 'release', ...base }];
    case 'task.start':
      return [{ type: 'start', ...base }];
    case 'task.submit':
      return [{ type: 'submit', ...base, evidence: command.evidence, ...note }];
    case 'task.accept':
      return judgedSlots(record, command.claimantId).map((claimantId) => ({
        type: 'accept',
        ...base,
        claimantId,
      }));
    case 'task.reject': {
      const [claimantId = ''] = judgedSlots(record, command.claimantId);
      return [{ type: 'reject', ...base, claimantId, reasons: command.reasons }];
    }
    case 'task.rework':
      return judgedSlots(record, command.claimantId).map((claimantId) => ({
        type: 'request_rework',
        ...base,
        claimantId,
        reasons: command.reasons,
      }));
    case 'task.rate':
      return [
        {
          type: 'rate',
          ...base,
          participantId: command.participantId,
          rating: command.rating,
          ...(command.comment ? { comment: command.comment } : {}),
        },
      ];
    case 'task.mark_classic':
      return [{ type: 'mark_classic', ...base, participantId: command.participantId, ...note }];
    case 'task.cancel':
      return [{ type: 'close', ...base, reason: 'cancelled', ...note }];
    case 'task.escalate':
      return [{ type: 'escalate', ...base, reason: command.reason, ...note }];
  }
}

const ruleOf: Partial<Record<TaskLifecycleCommand['type'], Action>> = {
  'task.claim': 'claim',
  'task.accept': 'verify',
  'task.reject': 'verify',
  'task.rework': 'verify',
};

function planLifecycle(context: PlanContext, command: TaskLifecycleCommand): Planned {
  const record = taskOf(context, command.taskId);
  const streamId = streamIdOf.task(record.task.id);
  const sender = senderOf(context, command.actorId);
  if (isRefusal(sender)) return denied(streamId, sender);
  const action = ruleOf[command.type];
  if (sender && action) {
    const position = command.type === 'task.claim' ? command.at?.coordinates : undefined;
    const reasons = decide(
      context,
      action,
      sender,
      taskFactsOf(record),
      position ?? sender.home?.coordinates,
    );
    if (reasons.length > 0) return denied(streamId, ...reasons);
  }
  const base: Base = { actor: actorOf(command.actorId, sender, 'task'), at: context.now };
  const config = record.lifecycle;
  const commands = lifecycleCommands(command, base, record);
  const reportSteps: PlannedStep[] = [];
  const followUps = command.type === 'task.submit' ? command.followUpReports : [];
  for (const draft of followUps) {
    // Follow-ups stay in the task's circle: one append never spans two circles.
    const received = receiveReport(context, command.actorId, draft, record.task.circleId);
    reportSteps.push(...received.steps);
    commands.push({ type: 'report_followup', ...base, reportId: received.report.id });
  }
  let snapshot = record.snapshot;
  let events: DomainEvent[] = [];
  for (const next of commands) {
    // Built above from a validated command: the compiled reducer, without re-parsing it.
    const result = reduceTask(snapshot, next, config);
    if (!result.ok) return denied(streamId, result.reason);
    ({ snapshot } = result);
    events = [...events, ...result.events];
  }
  return planned(
    record.task.circleId,
    { streamId, expectedVersion: record.version, events },
    ...reportSteps,
  );
}

/** Plans task creation from any source and every step of a task's life. */
export function planTaskCommand(
  context: PlanContext,
  command: CommandOf<'task.create'> | TaskLifecycleCommand,
): Planned {
  return command.type === 'task.create'
    ? planCreate(context, command)
    : planLifecycle(context, command);
}

/**
 * Plans a tick: every task whose next timed step is due at `now`, one append per circle.
 * A task that changed after `now` is left to a tick at a later instant: its history
 * stays in time order.
 */
export function planTick(context: PlanContext, now: string): Planned {
  const byCircle = new Map<string, PlannedStep[]>();
  const at = toEpoch(now);
  for (const record of context.state.dueTasks(now)) {
    if (toEpoch(record.snapshot.updatedAt) > at) continue;
    const { events } = tickTask(record.snapshot, now, record.lifecycle);
    if (events.length === 0) continue;
    const steps = byCircle.get(record.task.circleId) ?? [];
    steps.push({
      streamId: streamIdOf.task(record.task.id),
      expectedVersion: record.version,
      events,
      actorId: systemId,
    });
    byCircle.set(record.task.circleId, steps);
  }
  for (const step of levelSteps(context)) {
    const steps = byCircle.get(step.circleId) ?? [];
    steps.push(step.step);
    byCircle.set(step.circleId, steps);
  }
  const plans: Plan[] = [...byCircle].map(([circleId, steps]) => ({ circleId, steps, time: now }));
  return { ok: true, plans };
}

/**
 * Levels that moved without an event of theirs: every participant whose level as
 * reputation projects it now differs from the level last recorded in their stream.
 * Work recorded since their last event cannot have raised it (a command appends the
 * promotion it earns), so a fall here is decay; a rise is a level a command could not
 * record in its own append (a participant of another circle, an overturn).
 */
function levelSteps(context: PlanContext): Array<{ circleId: string; step: PlannedStep }> {
  const out: Array<{ circleId: string; step: PlannedStep }> = [];
  for (const { record, to } of context.dueLevels()) {
    const data = {
      participantId: record.participant.id,
      from: record.level,
      to,
      reason: to > record.level ? ('promotion' as const) : ('decay' as const),
    };
    out.push({
      circleId: record.participant.circleId,
      step: {
        streamId: streamIdOf.participant(record.participant.id),
        expectedVersion: record.version,
        events: [{ type: 'quanzi.participant.level_changed', data }],
        actorId: systemId,
      },
    });
  }
  return out;
}
