import {
  type AppendRequest,
  type AppendResult,
  type Clock,
  createEvent,
  type EventStore,
  type IdSource,
  type NewEvent,
  type StoredEvent,
  type StreamExpectation,
} from '@quanzi/core';
import type { AppliedOutcome, CommandOutcome, Refusal } from './CommandOutcome';
import type { Command } from './commandSchemas';
import type { EngineState } from './createEngineState';
import type { Plan, PlanContext, Planned } from './PlanContext';
import { requestFingerprint } from './requestFingerprint';

/** What running a command needs from the engine. */
export interface CommandRunner {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Attempts after a lost race before the command reports a conflict. */
  readonly maxAttempts: number;
  state(): EngineState;
  contextAt(now: string): PlanContext;
  plan(command: Command, context: PlanContext): Planned;
  /** Reads what other writers appended since the state's position. */
  catchUp(): Promise<void>;
  /** The outcome of applied events (ids, duplicates), fresh or replayed. */
  applied(command: Command, events: ReadonlyArray<StoredEvent>, replayed: boolean): AppliedOutcome;
}

function keyOf(command: Command, plan: Plan, plans: number): string {
  // A command spanning circles (only a tick does) appends once per circle.
  return plans > 1 || command.type === 'tick'
    ? `${command.idempotencyKey}@${plan.circleId}`
    : command.idempotencyKey;
}

function requestOf(
  runner: CommandRunner,
  command: Command,
  plan: Plan,
  key: string,
  hash: string,
  now: string,
): AppendRequest {
  const time = plan.time ?? now;
  const events: NewEvent[] = [];
  // A stream's first step names the version it expects.
  const expectations: StreamExpectation[] = [];
  const expected = new Set<string>();
  for (const step of plan.steps) {
    for (const event of step.events)
      events.push(
        createEvent({
          id: runner.ids.next('evt'),
          type: event.type,
          time,
          subject: step.streamId,
          circleId: plan.circleId,
          actor: step.actorId ?? command.actorId,
          data: event.data,
          idempotencyKey: key,
        }),
      );
    if (expected.has(step.streamId)) continue;
    expected.add(step.streamId);
    expectations.push({ streamId: step.streamId, expectedVersion: step.expectedVersion });
  }
  return {
    circleId: plan.circleId,
    expectations,
    events,
    idempotencyKey: key,
    requestHash: hash,
  };
}

/**
 * The earlier result of a retried command: the store replays the first events for
 * the key (or throws `idempotency_mismatch` when the key came with another command).
 */
async function replayOf(
  runner: CommandRunner,
  command: Command,
  hash: string,
  recorded: ReadonlyArray<StoredEvent>,
) {
  const first = recorded[0];
  if (!first) return undefined;
  const { streamsequence: _s, position: _p, ...event } = first;
  const result = await runner.store.append({
    circleId: first.circleid,
    expectations: [],
    events: [event],
    idempotencyKey: command.idempotencyKey,
    requestHash: hash,
  });
  // With the key known, the store can only replay (or refuse a different request).
  return result.status === 'conflict' ? undefined : runner.applied(command, result.events, true);
}

/** The time the refused item last changed, to tell a stale offline command from a plain refusal. */
function changedAfter(
  state: EngineState,
  streamId: string,
  clientTime: string | undefined,
): boolean {
  if (clientTime === undefined) return false;
  const [kind, id = ''] = streamId.split('/');
  const record =
    kind === 'task' ? state.tasks.get(id) : kind === 'report' ? state.reports.get(id) : undefined;
  return record !== undefined && Date.parse(record.snapshot.updatedAt) > Date.parse(clientTime);
}

function refusedOutcome(
  command: Command,
  streamId: string,
  reasons: ReadonlyArray<Refusal>,
  stale: boolean,
): CommandOutcome {
  const base = { type: command.type, idempotencyKey: command.idempotencyKey, reasons };
  return stale ? { ...base, status: 'conflict', streamId } : { ...base, status: 'denied' };
}

async function appendAll(
  runner: CommandRunner,
  command: Command,
  plans: ReadonlyArray<Plan>,
  hash: string,
  now: string,
) {
  const written: StoredEvent[] = [];
  let replayed = false;
  for (const plan of plans) {
    // Events the engine built from a command it validated: the store need not check them again.
    const result: AppendResult = await runner.store.append(
      requestOf(runner, command, plan, keyOf(command, plan, plans.length), hash, now),
      { validated: true },
    );
    if (result.status === 'conflict') return { conflict: result, events: written, replayed };
    replayed ||= result.status === 'replayed';
    written.push(...result.events);
    // A replay may hand back events another process wrote: only fresh ones are ours.
    const reading = absorb(runner, result.events, result.status === 'appended');
    if (reading) await reading;
  }
  return { conflict: undefined, events: written, replayed };
}

/**
 * Takes freshly written events into the state, reading first whatever others wrote
 * before them; only that read is awaited (a promise per command showed in profiles).
 */
function absorb(
  runner: CommandRunner,
  events: ReadonlyArray<StoredEvent>,
  own: boolean,
): Promise<void> | undefined {
  const state = runner.state();
  if (events.length === 0 || events[0]?.position !== state.position + 1) return runner.catchUp();
  state.apply(events, own);
  return undefined;
}

/**
 * Runs one validated command: plan it on the current state, append its events with
 * the expected stream versions, and take them into the state. A lost race re-reads
 * the log and plans again; a retried idempotency key returns the first result.
 */
export async function executeCommand(
  runner: CommandRunner,
  command: Command,
): Promise<CommandOutcome> {
  // The same key with another fingerprint is a mismatch.
  const hash = requestFingerprint(command);
  let lostRace = false;
  let caughtUp = false;
  for (let attempt = 1; ; attempt += 1) {
    const recorded =
      command.type === 'tick' ? undefined : runner.state().eventsOfKey(command.idempotencyKey);
    if (recorded) {
      const replay = await replayOf(runner, command, hash, recorded);
      if (replay) return replay;
    }
    const now = command.type === 'tick' ? command.now : runner.clock.now();
    const planned = runner.plan(command, runner.contextAt(now));
    if (!planned.ok) {
      // A lost race means the store took this key as new moments ago, and the state has
      // read the log since: neither the store nor the log has more to tell.
      if (lostRace) return refusedOutcome(command, planned.streamId, planned.reasons, true);
      // Refused again by a state that has just read the log: no answer is fresher, and on a
      // busy log every further read would find something new and plan once more in vain.
      if (!caughtUp) {
        // A retry older than the keys the state remembers: the store still knows its events.
        if (
          command.type !== 'tick' &&
          runner.store.eventsOfKey &&
          !runner.state().remembersEveryKey
        ) {
          const stored = await runner.store.eventsOfKey(command.idempotencyKey);
          const replay = await replayOf(runner, command, hash, stored);
          if (replay) return replay;
        }
        // Another writer may have moved on (or run this very command): look once more.
        const before = runner.state().position;
        await runner.catchUp();
        caughtUp = true;
        if (runner.state().position !== before && attempt < runner.maxAttempts) continue;
      }
      const stale = changedAfter(runner.state(), planned.streamId, command.clientTime);
      return refusedOutcome(command, planned.streamId, planned.reasons, stale);
    }
    const result = await appendAll(runner, command, planned.plans, hash, now);
    if (result.conflict === undefined)
      return runner.applied(command, result.events, result.replayed);
    lostRace = true;
    await runner.catchUp();
    if (attempt >= runner.maxAttempts) {
      const { streamId, expectedVersion, actualVersion } = result.conflict;
      const reason: Refusal = {
        code: 'lost_race',
        message: {
          en: `${streamId} changed meanwhile (expected version ${expectedVersion}, found ${actualVersion})`,
          'zh-CN': `${streamId} 已被他人修改（期望版本 ${expectedVersion}，实际 ${actualVersion}）`,
        },
      };
      return refusedOutcome(command, streamId, [reason], true);
    }
  }
}
