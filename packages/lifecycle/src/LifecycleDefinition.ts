import type { DomainEvent } from '@quanzi/core';
import type { Denial } from './Denial';

/** What every lifecycle snapshot carries: its state and when it last changed. */
export interface LifecycleSnapshotBase<TState extends string> {
  readonly state: TState;
  readonly updatedAt: string;
}

/** What every lifecycle command carries: its `type` and the instant it happened. */
export interface LifecycleCommandBase {
  readonly type: string;
  readonly at: string;
}

/** A permission check: `undefined` lets the step through, a {@link Denial} refuses it. */
export interface Check<TSnapshot, TCommand, TConfig> {
  /** Shown in diagrams, e.g. `isClaimant`. */
  readonly name: string;
  readonly deny: (snapshot: TSnapshot, command: TCommand, config: TConfig) => Denial | undefined;
}

/** One way a permitted command can go: an optional condition, the target and the effect. */
export interface Branch<TState extends string, TSnapshot, TCommand, TConfig> {
  /** A condition picking this branch (not a permission: it never explains a refusal). */
  readonly when?: {
    readonly name: string;
    readonly test: (snapshot: TSnapshot, command: TCommand, config: TConfig) => boolean;
  };
  /**
   * The state the events lead to, or the states they may lead to when the snapshot
   * decides (a multi-slot task moves on once its last open slot is settled);
   * {@link LifecycleDefinition.evolve} must arrive at one of them.
   */
  readonly target: TState | ReadonlyArray<TState>;
  /** The `decide` half: the events this branch emits. */
  readonly effect: (snapshot: TSnapshot, command: TCommand, config: TConfig) => DomainEvent[];
}

/**
 * How one command is handled in one state: every check must pass, then the first
 * branch whose condition holds is taken.
 */
export interface Route<TState extends string, TSnapshot, TCommand, TConfig> {
  readonly checks: ReadonlyArray<Check<TSnapshot, TCommand, TConfig>>;
  readonly branches: ReadonlyArray<Branch<TState, TSnapshot, TCommand, TConfig>>;
}

/** The routes of one state, by command type, each typed with its own command. */
export type RoutesByCommand<
  TState extends string,
  TSnapshot,
  TCommand extends LifecycleCommandBase,
  TConfig,
> = {
  readonly [TType in TCommand['type']]?: Route<
    TState,
    TSnapshot,
    Extract<TCommand, { type: TType }>,
    TConfig
  >;
};

/**
 * The single declarative source of a lifecycle, as a decider: states, the commands
 * each state accepts, their checks and branches, the events each branch emits
 * (`decide`), and {@link LifecycleDefinition.evolve}, the one function that applies
 * an event to a snapshot. The xstate machine (`createLifecycleMachine` of
 * `@quanzi/lifecycle/xstate`), the
 * compiled reducer ({@link compileReducer}) and every replay of a log are built from
 * it, so they cannot drift apart.
 */
export interface LifecycleDefinition<
  TState extends string,
  TSnapshot extends LifecycleSnapshotBase<TState>,
  TCommand extends LifecycleCommandBase,
  TConfig,
> {
  readonly id: string;
  readonly initial: TState;
  /**
   * The snapshot after one event at instant `at`, or `undefined` when the event
   * cannot happen to it. The only place a snapshot changes.
   */
  readonly evolve: (
    snapshot: TSnapshot,
    event: DomainEvent,
    at: string,
    config: TConfig,
  ) => TSnapshot | undefined;
  readonly states: {
    readonly [TKey in TState]: {
      readonly description: string;
      readonly on: RoutesByCommand<TState, TSnapshot, TCommand, TConfig>;
    };
  };
}

/** Any lifecycle definition, for code that walks one without knowing its types. */
// biome-ignore lint/suspicious/noExplicitAny: a definition of unknown shape
export type AnyLifecycleDefinition = LifecycleDefinition<string, any, any, any>;

/** The outcome of one step: the next snapshot and its events, or the reason it was refused. */
export type TransitionResult<TSnapshot> =
  | { readonly ok: true; readonly snapshot: TSnapshot; readonly events: DomainEvent[] }
  | { readonly ok: false; readonly reason: Denial };
