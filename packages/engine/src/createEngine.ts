import type { AssessmentRow, AssessOptions } from '@quanzi/assessment';
import {
  CircleSchema,
  type Clock,
  claimableTaskStates,
  type EventStore,
  type IdSource,
  isQuanziError,
  type Participant,
  parseInput,
  parseStreamId,
  pseudonymOf,
  QuanziError,
  type StoredEvent,
} from '@quanzi/core';
import {
  createLifecycleConfig,
  type LifecycleConfig,
  type LifecycleConfigInput,
} from '@quanzi/lifecycle';
import {
  createReputationProjection,
  type ReputationConfigInput,
  type ReputationProjection,
  reputationEventTypes,
  restoreReputationProjection,
} from '@quanzi/reputation';
import { createTaskIndex, type Policy, type TaskIndex } from '@quanzi/rules';
import type { z } from 'zod';
import { systemId } from './actorOf';
import { assessCircle } from './assessCircle';
import type { AppliedOutcome, BatchOutcome, CommandOutcome } from './CommandOutcome';
import { commandKeys } from './commandKeys';
import type { Command, CommandInput, HostCommandInput } from './commandSchemas';
import { type CategoryRoute, type CircleMap, createCircleMap } from './createCircleMap';
import { createCommandQueue } from './createCommandQueue';
import { createDuplicateIndex } from './createDuplicateIndex';
import { createEngineState, type EngineState, type EngineStateSeed } from './createEngineState';
import { createLevelWatch } from './createLevelWatch';
import { createMemoryEventStore } from './createMemoryEventStore';
import { createQueries, type EngineQueries } from './createQueries';
import {
  createSnapshotKeeper,
  parseSnapshotOptions,
  type SnapshotOptions,
} from './createSnapshotKeeper';
import { createViewerStore, type EngineSnapshot, type ViewerStore } from './createViewerStore';
import { duplicateProbeOf, indexForDuplicates } from './duplicateProbes';
import type { ReportRecord, TaskRecord } from './EngineRecord';
import { type DecodedSnapshot, snapshotVersionOf } from './engineSnapshot';
import { type CommandRunner, executeCommand } from './executeCommand';
import type { FollowOptions } from './FollowOptions';
import { type DuplicateOptions, defaultDuplicateOptions, findDuplicates } from './findDuplicates';
import { hostIdRefused } from './hostIdRefused';
import { foundElsewhere, onlyServed, servedCirclesOf } from './onlyServed';
import type { PlanContext } from './PlanContext';
import { parseCommand } from './parseCommand';
import { planCommand } from './planCommand';
import { withLevelChanges } from './planLevelChanges';
import { taskFactsOf } from './planTaskCommand';
import { readServedEvents } from './readServedEvents';
import type { Viewer } from './viewAs';
import { withLazyField } from './withLazyField';

/** What {@link createEngine} needs. */
export interface EngineOptions {
  /** Every circle the engine serves; items are placed by their boundaries. */
  readonly circles: ReadonlyArray<z.input<typeof CircleSchema>>;
  /** The policy of every circle without its own entry in `policies`. */
  readonly policy: Policy;
  readonly policies?: Readonly<Record<string, Policy>>;
  /**
   * Lease, warning and rating-window timings. Model and review come from each circle;
   * whether publishers may claim their own tasks comes from the policy
   * (`separationOfDuty.publisherCannotClaim`), the one switch for self-claiming.
   */
  readonly lifecycle?: Omit<LifecycleConfigInput, 'model' | 'review' | 'allowSelfClaim'>;
  readonly reputation?: ReputationConfigInput;
  /** The log; the in-memory store when omitted. */
  readonly store?: EventStore;
  readonly clock: Clock;
  /** Must stay unique across restarts (event ids are unique in a store). */
  readonly ids: IdSource;
  /** Categories that other responsible bodies handle. */
  readonly routes?: ReadonlyArray<CategoryRoute>;
  readonly duplicates?: Partial<DuplicateOptions>;
  /** Plans after a lost race before a command reports a conflict; 3 by default. */
  readonly maxAttempts?: number;
  /**
   * The ids of the circles this instance serves, when several engines share one
   * store (all of `circles` by default). It loads only their streams plus the task
   * streams of the other `circles`, so its boundary participants still discover the
   * neighbours' public tasks; a command for a circle it does not serve throws
   * `unsupported`, and its ticks cover its own circles only.
   */
  readonly serves?: ReadonlyArray<string>;
  /**
   * Restart from snapshots of the projections kept in the store (which must offer
   * `saveSnapshot`/`loadSnapshot`): the engine loads the latest one written under the
   * same circle ids, `serves` and code version, then reads only the events after it;
   * other edits of circles and policies keep it. The lifecycle terms (the `lifecycle`
   * option and what each circle and its policy set of them: `model`, `review`,
   * `separationOfDuty.publisherCannotClaim`) count only for a snapshot holding a task
   * or report whose event recorded none. Under other `reputation` options it keeps the
   * records and folds reputation alone from the log. A snapshot of another
   * configuration, or a damaged one, is ignored: the whole log is replayed. Either way
   * a fresh snapshot is written. With `every`, a snapshot is also written once that many
   * events arrived.
   */
  readonly snapshots?: SnapshotOptions;
}

/** Commands of the hosting application itself; see {@link Engine.host}. */
export interface EngineHost {
  /** Runs one command as the host ({@link systemId}); its `actorId` may be omitted and is ignored. */
  execute<const TCommand extends HostCommandInput>(
    command: TCommand,
  ): Promise<CommandOutcome<TCommand['type']>>;
  /** {@link EngineHost.execute} for each command in order, one outcome per command; nothing throws. */
  applyBatch(commands: ReadonlyArray<unknown>): Promise<BatchOutcome[]>;
}

/** The embeddable facade: commands in, events to the store, projections and viewer-aware queries out. */
export interface Engine extends EngineQueries {
  readonly store: EventStore;
  readonly circles: CircleMap;
  /**
   * Validates, authorizes and applies one command of a participant. Bad input throws a
   * `QuanziError` and changes nothing; a refusal or a conflict is a returned value.
   * A command whose `actorId` is the host's ({@link systemId}) throws `forbidden`:
   * the host acts through {@link Engine.host} only. The command is typed by the
   * command union and the outcome by its type; input from outside (an HTTP body) is
   * checked at run time all the same, so it may be passed as `CommandInput`.
   */
  execute<const TCommand extends CommandInput>(
    command: TCommand,
  ): Promise<CommandOutcome<TCommand['type']>>;
  /** Applies queued offline commands in order, one outcome per command; nothing throws. */
  applyBatch(commands: ReadonlyArray<unknown>): Promise<BatchOutcome[]>;
  /**
   * The hosting application's own channel (registering participants and command
   * centers, administration): commands run as the host whatever `actorId` they
   * carry. Keep it out of reach of end users; it is what makes a command privileged.
   */
  readonly host: EngineHost;
  /** Emits what is due at `now` (the clock's now by default): lease warnings and expiries, SLA breaches. */
  tick(now?: string): Promise<CommandOutcome>;
  /** `useSyncExternalStore`'s subscribe: the listener runs after every change. */
  subscribe(listener: () => void): () => void;
  /**
   * The whole state, unfiltered (every draft, sensitive task and real id), for the
   * host's own code only; a new object after every change, the same one otherwise.
   * Anything shown to a person comes from {@link Engine.view}.
   */
  getPrivilegedSnapshot(): EngineSnapshot;
  /**
   * A store for `useSyncExternalStore` that shows `viewer` only what {@link viewAs}
   * allows, with a stable snapshot identity between changes.
   */
  view(viewer: Viewer): ViewerStore;
  /** Reads what other processes appended to a shared store. */
  refresh(): Promise<void>;
  /**
   * Keeps the engine current with other processes' appends as they commit, through
   * the store's `watch` (PostgreSQL `LISTEN/NOTIFY`) instead of polling `refresh()`;
   * subscribers hear of each change. Resolves to a function that stops following. If
   * the server ends the listening connection, it listens again and reads what was
   * appended meanwhile. A read that fails (the server is down) is tried again every 0.1
   * to 5 s; `onError` hears of each failure, to read or to listen again (see
   * {@link FollowOptions}); the first read is the exception: when
   * it fails, `follow()` stops listening and rejects. Throws `unsupported` for a store
   * that cannot be watched (the in-memory one).
   */
  follow(options?: FollowOptions): Promise<() => Promise<void>>;
  /** Drops every projection and rebuilds it from the whole log. */
  rebuild(): Promise<void>;
  /**
   * Writes a snapshot of the projections at the current position to the store and
   * resolves to that position; a restart with `snapshots` reads it plus the events
   * after it. Throws `unsupported` for a store that cannot keep snapshots.
   */
  snapshot(): Promise<number>;
  /**
   * The circle's assessment (考核) for a period, from its log: staff see every row
   * (anonymous participants under pseudonyms for all but the command center), a
   * participant their own and their teams' rows, the public none.
   */
  assess(
    viewer: Viewer,
    circleId: string,
    options: Pick<AssessOptions, 'formulas' | 'period'>,
  ): Promise<AssessmentRow[]>;
  /** The reputation projection (profiles, levels, leaderboards). */
  readonly reputation: ReputationProjection;
}

const pageSize = 1000;
const overturnTypes = ['quanzi.decision.overturned'];
const reputationTypes = [...reputationEventTypes];
// How many events the reputation dedupes by id between two letting-gos of their ids.
const forgetIdsEvery = 10_000;

/** Thrown by planning while an overturn waits to be folded; `run` catches it, never a caller. */
class OverturnUnfolded extends Error {}

// The host's commands run as the host, whatever actor the caller wrote in them.
const asHostCommand = (input: unknown) =>
  typeof input === 'object' && input !== null && !Array.isArray(input)
    ? { ...input, actorId: systemId }
    : input;

/**
 * Creates an engine over `store` and loads its log.
 *
 * @example
 * const engine = await createEngine({ circles: [xinhua], policy, clock, ids });
 * await engine.execute({ type: 'task.claim', idempotencyKey: 'k1', actorId: 'p7', taskId: 't1' });
 * engine.listTasks(resident); // sensitive tasks never appear
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const circles = createCircleMap(
    options.circles.map((circle, i) => parseInput(CircleSchema, circle, { path: ['circles', i] })),
    options.routes,
  );
  const store = options.store ?? createMemoryEventStore();
  const served = servedCirclesOf(options.serves, circles);
  const duplicateOptions = { ...defaultDuplicateOptions, ...options.duplicates };
  const configs = new Map<string, LifecycleConfig>();
  const policyFor = (circleId: string) => options.policies?.[circleId] ?? options.policy;
  const lifecycleFor = (circleId: string) => {
    let config = configs.get(circleId);
    if (!config) {
      const circle = circles.get(circleId);
      const { document } = policyFor(circleId);
      config = createLifecycleConfig({
        ...options.lifecycle,
        model: document.model ?? circle.model,
        review: circle.review,
        allowSelfClaim: !document.separationOfDuty.publisherCannotClaim,
      });
      configs.set(circleId, config);
    }
    return config;
  };

  let reputation = createReputationProjection(options.reputation);
  let indexes = new Map<string, TaskIndex>();
  const indexOf = (circleId: string) => {
    const index = indexes.get(circleId) ?? createTaskIndex(policyFor(circleId));
    indexes.set(circleId, index);
    return index;
  };
  let duplicateIndex = createDuplicateIndex(duplicateOptions);
  // The credibility each publisher's indexed tasks rank with, to update them when it moves.
  let rankedCredibility = new Map<string, number>();
  const rankWithLiveCredibility = (publisherId: string, time: string) => {
    const credibility = reputation.ruleFacts(publisherId, time).credibility;
    if (rankedCredibility.get(publisherId) === credibility) return credibility;
    rankedCredibility.set(publisherId, credibility);
    for (const index of indexes.values()) index.setPublisherCredibility(publisherId, credibility);
    return credibility;
  };
  const newLevelWatch = (known: Iterable<string> = []) =>
    createLevelWatch(
      { participants: () => state.participants, reputation: () => reputation },
      known,
    );
  let levels = newLevelWatch();
  const indexReport = (report: ReportRecord, time: string) => {
    indexForDuplicates(duplicateIndex, report);
    // A dismissed or converted report moves its reporter's credibility, which ranks their tasks.
    rankWithLiveCredibility(report.report.reporterId, time);
  };
  const indexTask = (record: TaskRecord, time: string) => {
    indexForDuplicates(duplicateIndex, record);
    const index = indexOf(record.task.circleId);
    const credibility = rankWithLiveCredibility(record.task.publisherId, time);
    if (claimableTaskStates.has(record.snapshot.state))
      index.add({ ...taskFactsOf(record), publisherCredibility: credibility });
    else index.remove(record.task.id);
  };
  // Set when the reputation meets an overturn it did not read before its replay (or
  // snapshot): only a fold of reputation from the log's start takes it in.
  let refoldNeeded = false;
  // The reputation keeps no events (the store has them): every so often it also lets go
  // of the ids it skips repeats by, so what it holds follows the state, not the log.
  let appliedSinceForget = 0;
  const onEvent = (event: StoredEvent, current: EngineState, own: boolean) => {
    try {
      // The engine's own appends come from commands it validated; the rest is checked.
      reputation.apply(event, { validated: own });
    } catch (error) {
      const unforeseen = isQuanziError(error) && error.code === 'unsupported';
      if (!unforeseen || event.type !== 'quanzi.decision.overturned') throw error;
      refoldNeeded = true;
    }
    if (++appliedSinceForget >= forgetIdsEvery) {
      reputation.forgetEvents();
      appliedSinceForget = 0;
    }
    levels.noteEvent(event);
    const stream = parseStreamId(event.subject);
    if (stream?.kind === 'report') {
      const report = current.reports.get(stream.id);
      // A `linked` event also changes the original's supporters, never its openness.
      if (report) indexReport(report, event.time);
      return;
    }
    if (stream?.kind !== 'task') return;
    const record = current.tasks.get(stream.id);
    if (record) indexTask(record, event.time);
  };
  // A store that answers for old idempotency keys lets the engine remember only recent ones.
  const recentKeys = store.eventsOfKey ? 10_000 : undefined;
  const newState = (seed?: EngineStateSeed) =>
    createEngineState({ lifecycleFor, onEvent, recentKeys, ...(seed ? { seed } : {}) });
  let state = newState();

  const factsOf = (participant: Participant, now: string) => {
    const { level, tags, credibility } = reputation.ruleFacts(participant.id, now);
    return { participant, level, tags, credibility };
  };
  // Methods read the context's own `now`, so a command's context is two fields over
  // these shared ones rather than a fresh set of closures.
  const contextMethods: Omit<PlanContext, 'state' | 'now'> = {
    circles,
    ids: options.ids,
    policyFor,
    lifecycleFor,
    factsOf(this: PlanContext, participant) {
      return factsOf(participant, this.now);
    },
    dueLevels(this: PlanContext) {
      return levels.dueLevels(this.now);
    },
    // Planned events are built by the engine from validated commands.
    previewLevels: (events) => reputation.previewLevels(events, { validated: true }),
  };
  const contextAt = (now: string): PlanContext =>
    Object.assign(Object.create(contextMethods) as PlanContext, { state, now });

  const listeners = new Set<() => void>();
  let snapshot: EngineSnapshot | undefined;
  const notify = () => {
    snapshot = undefined;
    for (const listener of [...listeners]) listener();
  };

  async function catchUp() {
    const before = state.position;
    // Within one catch-up, positions left out (other circles' reports and people) are read past.
    let after = state.position;
    for (;;) {
      const page = await readServedEvents(store, served, after, pageSize);
      state.apply(page.events);
      after = Math.max(page.through, state.position);
      if (page.done) break;
    }
    if (state.position !== before) snapshot = undefined;
  }

  const snapshotOptions = parseSnapshotOptions(options.snapshots);
  const circleIds = options.circles.map((circle) => circle.id).sort();
  const keeper = createSnapshotKeeper(
    store,
    served === undefined ? 'engine' : `engine:${[...served.served].sort().join(',')}`,
    {
      // Of circles and policies, the fold reads only which circles there are and the
      // lifecycle terms they set, for records whose events recorded none: editing names,
      // boundaries, tiers, categories or rules keeps the snapshot, and so does editing
      // the terms when every record kept its own.
      // In id order: listing the same circles in another order changes nothing.
      records: snapshotVersionOf({
        circles: circleIds,
        serves: options.serves ? [...options.serves].sort() : null,
      }),
      terms: snapshotVersionOf(circleIds.map((id) => lifecycleFor(id))),
      // Other reputation options keep the records: reputation alone is folded again.
      reputation: snapshotVersionOf(reputation.config),
    },
  );
  let snapshotAt = 0;

  /**
   * Empty projections for a replay of the log with these overturns, or a snapshot's
   * records and reputation (indexes are rebuilt by `restore`).
   */
  function resetProjections(
    from:
      | { readonly overturns: ReadonlyArray<StoredEvent> }
      | { readonly seed: EngineStateSeed; readonly reputation: ReputationProjection },
  ) {
    const seed = 'seed' in from ? from.seed : undefined;
    reputation =
      'seed' in from
        ? from.reputation
        : createReputationProjection(options.reputation, { overturns: from.overturns });
    indexes = new Map();
    rankedCredibility = new Map();
    duplicateIndex = createDuplicateIndex(duplicateOptions);
    // After a restore, the first tick checks every participant's level once.
    levels = newLevelWatch(seed?.participants.map((record) => record.participant.id));
    state = newState(seed);
  }

  /** Every overturn event in the part of the log this engine reads, in log order. */
  async function readOverturns(): Promise<StoredEvent[]> {
    const found: StoredEvent[] = [];
    for (let after = 0; ; ) {
      const page = await readServedEvents(store, served, after, pageSize, overturnTypes);
      found.push(...page.events);
      if (page.done) return found;
      after = page.through;
    }
  }

  /**
   * Projections from the whole log. The overturns are read first, so the reputation
   * counts each decision as overturned or not from the start and keeps no events: what
   * a replay holds follows the state, not the log.
   */
  async function replayAll() {
    const overturns = await readOverturns();
    resetProjections({ overturns });
    await catchUp();
  }

  async function rebuildAll() {
    refoldNeeded = false;
    await replayAll();
  }

  /**
   * Folds an overturn the reputation could not: reputation alone is folded again from the
   * log's overturns and the events of the types it reads, up to the state's position; the
   * records, indexes and keys stand, since an overturn changes none of them. The task
   * ranking and the level watch, which read reputation, are brought up to date after it.
   */
  async function refoldReputation() {
    const through = state.position;
    const refolded = createReputationProjection(options.reputation, {
      overturns: await readOverturns(),
    });
    for (let after = 0; after < through; ) {
      const page = await readServedEvents(store, served, after, pageSize, reputationTypes);
      for (const event of page.events) if (event.position <= through) refolded.apply(event);
      if (page.done) break;
      after = page.through;
    }
    refolded.forgetEvents();
    // Only now: a refold that fails on the way is tried again before the next command plans.
    refoldNeeded = false;
    reputation = refolded;
    levels = newLevelWatch(state.participants.keys());
    const now = options.clock.now();
    for (const publisherId of rankedCredibility.keys()) rankWithLiveCredibility(publisherId, now);
    // Overturns committed since the state's position were read above, and are foreseen.
    await catchUp();
  }

  /**
   * Starts from a snapshot: its records, then the indexes rebuilt from them. Without its
   * reputation, an empty one stands in until reputation is folded again.
   */
  function restore(decoded: DecodedSnapshot) {
    resetProjections({
      seed: decoded.seed,
      reputation:
        decoded.reputation === undefined
          ? createReputationProjection(options.reputation)
          : restoreReputationProjection(decoded.reputation, options.reputation),
    });
    for (const report of state.reports.values()) indexReport(report, report.snapshot.updatedAt);
    for (const record of state.tasks.values()) indexTask(record, record.snapshot.updatedAt);
    snapshotAt = decoded.seed.position;
  }

  async function writeSnapshot() {
    const seed: EngineStateSeed = {
      position: state.position,
      participants: [...state.participants.values()],
      tasks: [...state.tasks.values()],
      reports: [...state.reports.values()],
      defaultedTerms: state.defaultedTerms,
    };
    const text = reputation.snapshot();
    await keeper.save(seed, text);
    snapshotAt = seed.position;
    return seed.position;
  }

  /** Whether a periodic snapshot is due. */
  function snapshotDue() {
    const every = snapshotOptions?.every;
    return (
      every !== undefined &&
      store.saveSnapshot !== undefined &&
      state.position - snapshotAt >= every
    );
  }

  /** After new events: an overturn the reputation cannot fold without the log, and the periodic snapshot. */
  async function settle() {
    if (refoldNeeded) {
      await refoldReputation();
      notify();
      // The last snapshot predates the overturn, so a restart from it would fold it again:
      // the next periodic check writes one, outside the barrier this runs behind.
      snapshotAt = Number.NEGATIVE_INFINITY;
      return;
    }
    if (!snapshotDue()) return;
    // A failed periodic snapshot is tried again after the next change; the log is the truth.
    await writeSnapshot().catch(() => undefined);
  }

  async function start() {
    const loaded = snapshotOptions === undefined ? undefined : await keeper.load();
    let rejected = loaded?.rejected ?? false;
    let restored = false;
    if (loaded?.snapshot) {
      try {
        restore(loaded.snapshot);
        await (loaded.snapshot.reputation === undefined ? refoldReputation() : catchUp());
        restored = true;
      } catch (error) {
        // The store failing is no verdict on the snapshot: the start fails, the snapshot stays.
        if (isQuanziError(error) && error.code === 'storage_failure') throw error;
        // A snapshot the log contradicts is not trusted: the whole log is read instead.
        rejected = true;
      }
    }
    if (!restored) await replayAll();
    if (rejected && store.saveSnapshot && state.position > 0) await writeSnapshot();
    await settle();
  }

  function applied(
    command: Command,
    events: ReadonlyArray<StoredEvent>,
    replayed: boolean,
  ): AppliedOutcome {
    // The first task and report the events name, read in one pass over them.
    let taskId: string | undefined;
    let reportId: string | undefined;
    for (const event of events) {
      const stream = parseStreamId(event.subject);
      if (stream?.kind === 'task') taskId ??= stream.id;
      else if (stream?.kind === 'report') reportId ??= stream.id;
    }
    if (command.type !== 'report.submit') reportId = undefined;
    const record = reportId === undefined ? undefined : state.reports.get(reportId);
    const outcome: AppliedOutcome = {
      status: 'applied',
      type: command.type,
      idempotencyKey: command.idempotencyKey,
      replayed,
      events,
      ...(taskId === undefined ? {} : { taskId }),
      ...(reportId === undefined ? {} : { reportId }),
    };
    if (!record) return outcome;
    // The open items near the report are taken now; they are scored when `duplicates`
    // is first read. Probes never change, so the answer is the one the commit saw, and
    // a caller that never reads it (or reads it later) does not hold up the next command.
    const probe = duplicateProbeOf(duplicateIndex, record);
    const candidates = duplicateIndex.candidates(probe);
    return withLazyField(outcome, 'duplicates', () =>
      findDuplicates(probe, candidates, duplicateOptions),
    );
  }

  // This engine's appends in flight. Commands on different tasks append at the same
  // time, and one may come back before another holding a lower position: a catch-up
  // then waits for those first, so it never reads past a position still to commit.
  const appending = new Set<Promise<unknown>>();
  const runnerStore: EventStore = {
    ...store,
    append(request, options) {
      const appended = store.append(request, options);
      const settled: Promise<unknown> = appended.then(
        () => appending.delete(settled),
        () => appending.delete(settled),
      );
      appending.add(settled);
      return appended;
    },
  };

  const runner: CommandRunner = {
    store: runnerStore,
    clock: options.clock,
    ids: options.ids,
    maxAttempts: options.maxAttempts ?? 3,
    state: () => state,
    contextAt,
    plan(command, context) {
      // The reputation has read an overturn it cannot fold: its levels, tags and
      // credibility are from before it. No command plans on them; `run` refolds first.
      if (refoldNeeded) throw new OverturnUnfolded();
      // Level changes join the append of the events that cause them.
      return onlyServed(
        served,
        command,
        withLevelChanges(planCommand(command, context), command.actorId, context),
      );
    },
    async catchUp() {
      await Promise.all([...appending]);
      await catchUp();
    },
    applied,
  };

  // Commands on one task (or report, or of one actor) in order, each planning on the
  // state the previous one left; others at the same time; broad ones alone.
  const serialized = createCommandQueue();

  /** One pass of `command` through the queue; `undefined` when it met an overturn still to fold. */
  async function runOnce(command: Command): Promise<CommandOutcome | undefined> {
    let moved = false;
    try {
      return await serialized(commandKeys(command), async () => {
        const before = state.position;
        try {
          return await executeCommand(runner, command);
        } catch (error) {
          if (error instanceof OverturnUnfolded) return undefined;
          throw error;
        } finally {
          moved = state.position !== before;
          if (moved) notify();
        }
      });
    } finally {
      // Folding reputation again must not overlap other commands: then settle alone.
      // Most commands leave nothing to settle, and skip the wait for it.
      if (moved && (refoldNeeded || snapshotDue()))
        await (refoldNeeded ? serialized(undefined, settle) : settle());
    }
  }

  async function run(input: unknown, asHost: boolean): Promise<CommandOutcome> {
    const command = parseCommand(asHost ? asHostCommand(input) : input);
    if (!asHost && command.actorId === systemId) throw hostIdRefused();
    // A command that met an unfolded overturn (its own catch-up read it, or another
    // command's did) left without planning; it runs again once reputation is folded again.
    // The refold runs alone, after the commands in flight, so it is awaited here, out
    // of the keyed queue: a keyed command waiting for it would wait for itself. Running
    // again is safe: the state and the store answer for the key if anything was written.
    // Retried here rather than answered as a `conflict`: nothing the caller sent was stale.
    try {
      for (;;) {
        if (refoldNeeded) await serialized(undefined, settle);
        const outcome = await runOnce(command);
        if (outcome !== undefined) return outcome;
      }
    } catch (error) {
      throw await foundElsewhere(served, store, command, error);
    }
  }

  const refresh = () =>
    serialized(undefined, async () => {
      const before = state.position;
      await catchUp();
      if (state.position !== before) {
        notify();
        await settle();
      }
    });

  const execute = (input: unknown) => run(input, false);
  const executeAsHost = (input: unknown) => run(input, true);

  async function applyBatch(
    commands: ReadonlyArray<unknown>,
    asHost = false,
  ): Promise<BatchOutcome[]> {
    const outcomes: BatchOutcome[] = [];
    for (const input of commands) {
      try {
        outcomes.push(await run(input, asHost));
      } catch (error) {
        if (!isQuanziError(error)) throw error;
        const fields = (typeof input === 'object' && input !== null ? input : {}) as Record<
          string,
          unknown
        >;
        outcomes.push({
          status: 'error',
          type: typeof fields.type === 'string' ? fields.type : null,
          idempotencyKey: typeof fields.idempotencyKey === 'string' ? fields.idempotencyKey : null,
          error,
        });
      }
    }
    return outcomes;
  }

  const engine: Engine = {
    store,
    circles,
    get reputation() {
      return reputation;
    },
    // The run-time parse decides the outcome's type; the signature only narrows it.
    execute: execute as Engine['execute'],
    applyBatch: (commands) => applyBatch(commands),
    host: Object.freeze({
      execute: executeAsHost as EngineHost['execute'],
      applyBatch: (commands: ReadonlyArray<unknown>) => applyBatch(commands, true),
    }),
    assess: (viewer, circleId, period) =>
      assessCircle(viewer, circleId, period, {
        store,
        circles,
        participants: () => [...state.participants.values()].map((record) => record.participant),
        policyFor,
        pseudonymSalt: () => reputation.config.pseudonymSalt,
      }),
    tick: (now = options.clock.now()) =>
      executeAsHost({ type: 'tick', idempotencyKey: options.ids.next('tick'), now }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    view: (viewer) =>
      createViewerStore(viewer, {
        queries: engine,
        subscribe: engine.subscribe,
        privileged: () => engine.getPrivilegedSnapshot(),
      }),
    getPrivilegedSnapshot() {
      snapshot ??= Object.freeze({
        position: state.position,
        participants: Object.freeze([...state.participants.values()]),
        tasks: Object.freeze([...state.tasks.values()]),
        reports: Object.freeze([...state.reports.values()]),
      });
      return snapshot;
    },
    refresh,
    async follow(options: FollowOptions = {}) {
      if (!store.watch)
        throw new QuanziError({
          code: 'unsupported',
          message: {
            en: 'This store cannot be watched; call refresh() instead',
            'zh-CN': '该存储不支持监听，请改用 refresh()',
          },
        });
      // Notifications that arrive while a refresh runs fold into one more refresh.
      let pending: Promise<void> | undefined;
      let again = false;
      let stopped = false;
      let retry: ReturnType<typeof setTimeout> | undefined;
      // A failed read is tried again after 0.1 s, then twice as long each time, up to 5 s.
      let delay = 100;
      const pull = () => {
        clearTimeout(retry);
        if (stopped) return;
        if (pending) {
          again = true;
          return;
        }
        pending = refresh().then(
          () => {
            delay = 100;
            settled();
          },
          (error: unknown) => {
            // The notification that brought this read comes once: read again later.
            retry = setTimeout(pull, delay);
            delay = Math.min(delay * 2, 5000);
            settled();
            options.onError?.(error);
          },
        );
      };
      const settled = () => {
        pending = undefined;
        if (again) {
          again = false;
          pull();
        }
      };
      const loaded = (circleId: string) =>
        served === undefined || served.served.has(circleId) || served.neighbours.has(circleId);
      // No circle (''): the watch was interrupted, and any circle may have moved meanwhile.
      const unwatch = await store.watch((circleId) => {
        if (circleId === '' || loaded(circleId)) pull();
      }, options.onError);
      const stop = async () => {
        stopped = true;
        clearTimeout(retry);
        await unwatch();
      };
      // What was appended before the watch began is read once now.
      try {
        await refresh();
      } catch (error) {
        await stop();
        throw error;
      }
      return stop;
    },
    rebuild: () =>
      serialized(undefined, async () => {
        await rebuildAll();
        notify();
      }),
    snapshot: () => serialized(undefined, writeSnapshot),
    ...createQueries({
      state: () => state,
      reputation: () => reputation,
      indexOf,
      circles,
      policyFor,
      factsOf,
      now: () => options.clock.now(),
      pseudonymOf: (id) => pseudonymOf(id, reputation.config.pseudonymSalt),
    }),
  };
  await start();
  return engine;
}
