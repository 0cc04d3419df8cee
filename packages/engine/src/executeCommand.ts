import {
  type AppendRequest,
  type AppendResult,
  type Clock,
  createEvent,
  type EventStore,
  type IdSource,
  isQuanziError,
  type NewEvent,
  type QuanziError,
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

const noEvents: ReadonlyArray<StoredEvent> = Object.freeze([]);

/** What the store says of a used key: the command's first outcome, or where the key is taken. */
type Earlier =
  | { readonly outcome: CommandOutcome }
  | { readonly taken: ReadonlyMap<string, QuanziError> };

/**
 * The earlier result of a retried command. A key is unique within a circle, as the
 * stores keep it, so `recorded` may hold what one command wrote in each of several
 * circles: the store replays the circle whose request had this fingerprint, and in a
 * circle whose request had another it throws `idempotency_mismatch`, kept here by
 * circle: the command is refused only if it turns out to be for one of those circles.
 */
async function replayOf(
  runner: CommandRunner,
  command: Command,
  hash: string,
  recorded: ReadonlyArray<StoredEvent>,
): Promise<Earlier> {
  const taken = new Map<string, QuanziError>();
  const firsts = new Map<string, StoredEvent>();
  for (const event of recorded) if (!firsts.has(event.circleid)) firsts.set(event.circleid, event);
  for (const [circleId, first] of firsts) {
    const { streamsequence: _s, position: _p, ...event } = first;
    try {
      const result = await runner.store.append({
        circleId,
        expectations: [],
        events: [event],
        idempotencyKey: command.idempotencyKey,
        requestHash: hash,
      });
      // With the key known, the store can only replay (or refuse a different request).
      if (result.status !== 'conflict')
        return { outcome: runner.applied(command, result.events, true) };
    } catch (error) {
      if (!isQuanziError(error) || error.code !== 'idempotency_mismatch') throw error;
      taken.set(circleId, error);
    }
  }
  return { taken };
}

/** What the store says of a key the state may have forgotten: the store keeps them all. */
async function forgottenKey(
  runner: CommandRunner,
  command: Command,
  hash: string,
): Promise<Earlier | undefined> {
  if (command.type === 'tick' || !runner.store.eventsOfKey || runner.state().remembersEveryKey)
    return undefined;
  return replayOf(runner, command, hash, await runner.store.eventsOfKey(command.idempotencyKey));
}

/** The record a stream holds, when the state knows it. */
function recordOf(state: EngineState, streamId: string) {
  const [kind, id = ''] = streamId.split('/');
  if (kind === 'task') return state.tasks.get(id);
  if (kind === 'report') return state.reports.get(id);
  return kind === 'participant' ? state.participants.get(id) : undefined;
}

/** The time the refused item last changed, to tell a stale offline command from a plain refusal. */
function changedAfter(
  state: EngineState,
  streamId: string,
  clientTime: string | undefined,
): boolean {
  if (clientTime === undefined) return false;
  const record = recordOf(state, streamId);
  return (
    record !== undefined &&
    'snapshot' in record &&
    Date.parse(record.snapshot.updatedAt) > Date.parse(clientTime)
  );
}

/** The circle of the item a stream holds, when the state knows it. */
function circleOf(state: EngineState, streamId: string): string | undefined {
  const record = recordOf(state, streamId);
  if (record === undefined) return undefined;
  if (record.entity === 'task') return record.task.circleId;
  return record.entity === 'report' ? record.report.circleId : record.participant.circleId;
}

/**
 * The mismatch a used key means for a command in `circleId`. A command whose circle is
 * unknown (it names nothing that exists) meets the key in every circle it was used in.
 */
function mismatchIn(
  taken: ReadonlyMap<string, QuanziError> | undefined,
  circleId?: string,
): QuanziError | undefined {
  return circleId === undefined ? taken?.values().next().value : taken?.get(circleId);
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
  // Circles where this key came with another request.
  let taken: ReadonlyMap<string, QuanziError> | undefined;
  // What earlier attempts appended in some circles before losing a race in another.
  let written: ReadonlyArray<StoredEvent> = noEvents;
  for (let attempt = 1; ; attempt += 1) {
    const recorded =
      command.type === 'tick' ? undefined : runner.state().eventsOfKey(command.idempotencyKey);
    if (recorded) {
      const earlier = await replayOf(runner, command, hash, recorded);
      if ('outcome' in earlier) return earlier.outcome;
      taken = earlier.taken;
    }
    const now = command.type === 'tick' ? command.now : runner.clock.now();
    let planned: Planned;
    try {
      planned = runner.plan(command, runner.contextAt(now));
    } catch (error) {
      // A used key answers first, also for a command that can no longer be planned.
      const earlier = recorded ? undefined : await forgottenKey(runner, command, hash);
      if (earlier && 'outcome' in earlier) return earlier.outcome;
      throw mismatchIn(earlier?.taken ?? taken) ?? error;
    }
    if (!planned.ok) {
      if (written.length > 0) return runner.applied(command, written, false);
      // A retry older than the keys the state remembers: the store still knows its events.
      if (!recorded && !lostRace && !caughtUp) {
        const earlier = await forgottenKey(runner, command, hash);
        if (earlier && 'outcome' in earlier) return earlier.outcome;
        taken = earlier?.taken ?? taken;
      }
      const mismatch = mismatchIn(taken, circleOf(runner.state(), planned.streamId));
      if (mismatch) throw mismatch;
      // A lost race means the store took this key as new moments ago, and the state has
      // read the log since: neither the store nor the log has more to tell.
      if (lostRace) return refusedOutcome(command, planned.streamId, planned.reasons, true);
      // Refused again by a state that has just read the log: no answer is fresher, and on a
      // busy log every further read would find something new and plan once more in vain.
      if (!caughtUp) {
        // Another writer may have moved on (or run this very command): look once more.
        const before = runner.state().position;
        await runner.catchUp();
        caughtUp = true;
        if (runner.state().position !== before && attempt < runner.maxAttempts) continue;
      }
      const stale = changedAfter(runner.state(), planned.streamId, command.clientTime);
      return refusedOutcome(command, planned.streamId, planned.reasons, stale);
    }
    for (const plan of planned.plans) {
      const mismatch = mismatchIn(taken, plan.circleId);
      if (mismatch) throw mismatch;
    }
    const result = await appendAll(runner, command, planned.plans, hash, now);
    const events = written.length === 0 ? result.events : [...written, ...result.events];
    if (result.conflict === undefined) return runner.applied(command, events, result.replayed);
    // A tick appends circle by circle: what went in before the race was lost stays its own.
    written = events;
    lostRace = true;
    await runner.catchUp();
    if (attempt >= runner.maxAttempts) {
      if (written.length > 0) return runner.applied(command, written, false);
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
