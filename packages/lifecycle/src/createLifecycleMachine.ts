import type { DomainEvent } from '@quanzi/core';
import {
  type Actor,
  type AnyStateMachine,
  createActor,
  createMachine,
  enqueueActions,
  type MetaObject,
  type StateMachine,
  type StateSchema,
} from 'xstate';
import { applyBranch, firstDenial, targetsOf } from './compileReducer';
import type {
  AnyLifecycleDefinition,
  Branch,
  LifecycleCommandBase,
  LifecycleDefinition,
  LifecycleSnapshotBase,
  Route,
} from './LifecycleDefinition';

/** The context of a lifecycle machine: the plain snapshot and the circle's configuration. */
export interface LifecycleMachineContext<TSnapshot, TConfig> {
  snapshot: TSnapshot;
  config: TConfig;
}

/** The xstate machine built from a lifecycle definition: context `{ snapshot, config }`, emits domain events. */
export type LifecycleMachine<
  TSnapshot,
  TCommand extends LifecycleCommandBase,
  TConfig,
> = StateMachine<
  LifecycleMachineContext<TSnapshot, TConfig>,
  TCommand,
  Record<string, never>,
  never,
  never,
  never,
  never,
  string,
  string,
  LifecycleMachineContext<TSnapshot, TConfig>,
  unknown,
  DomainEvent,
  MetaObject,
  StateSchema
>;

// biome-ignore lint/suspicious/noExplicitAny: the machine config is assembled at run time
type AnyBranch = Branch<string, any, any, any>;
// biome-ignore lint/suspicious/noExplicitAny: the machine config is assembled at run time
type AnyRoute = Route<string, any, any, any>;
// biome-ignore lint/suspicious/noExplicitAny: guard and action arguments from xstate
type Args = { context: LifecycleMachineContext<any, any>; event: any };

/** `checks → if condition`: the label a transition carries into diagrams. */
function describeBranch(route: AnyRoute, branch: AnyBranch): string | undefined {
  const checks = route.checks.map((check) => check.name).join(', ');
  const condition = branch.when ? `if ${branch.when.name}` : '';
  return [checks, condition].filter(Boolean).join(' → ') || undefined;
}

/** The state `branch`'s events lead to from the actor's snapshot. */
function evolvedState(definition: AnyLifecycleDefinition, branch: AnyBranch, args: Args) {
  const { context, event } = args;
  return applyBranch(definition, branch, context.snapshot, event, context.config).snapshot.state;
}

/**
 * One xstate transition per target a branch may reach. A branch with several
 * targets lets the snapshot decide (the last open slot settles a multi-slot task),
 * so each transition's guard also asks which state the events lead to.
 */
function toTransitions(
  definition: AnyLifecycleDefinition,
  source: string,
  route: AnyRoute,
  branch: AnyBranch,
) {
  const targets = targetsOf(branch);
  return targets.map((target) => ({
    // An internal self-transition keeps xstate from re-entering the state.
    target: target === source ? undefined : target,
    description: describeBranch(route, branch),
    guard: (args: Args) =>
      firstDenial(route, args.context.snapshot, args.event, args.context.config) === undefined &&
      (branch.when?.test(args.context.snapshot, args.event, args.context.config) ?? true) &&
      (targets.length === 1 || evolvedState(definition, branch, args) === target),
    actions: enqueueActions(({ context, event, enqueue }) => {
      const result = applyBranch(definition, branch, context.snapshot, event, context.config);
      enqueue.assign({ snapshot: result.snapshot });
      for (const emitted of result.events) enqueue.emit(emitted);
    }),
  }));
}

/**
 * Builds the xstate v5 machine of a {@link LifecycleDefinition}: one state node per
 * state, one guarded transition per branch, the effect as an action that assigns the
 * next snapshot and emits the domain events. Start it with {@link createLifecycleActor}.
 */
export function createLifecycleMachine<
  TState extends string,
  TSnapshot extends LifecycleSnapshotBase<TState>,
  TCommand extends LifecycleCommandBase,
  TConfig,
>(
  definition: LifecycleDefinition<TState, TSnapshot, TCommand, TConfig>,
): LifecycleMachine<TSnapshot, TCommand, TConfig> {
  const states: Record<string, object> = {};
  for (const [state, node] of Object.entries((definition as AnyLifecycleDefinition).states)) {
    const on: Record<string, object[]> = {};
    for (const [type, route] of Object.entries(node.on as Record<string, AnyRoute>))
      on[type] = route.branches.flatMap((branch) =>
        toTransitions(definition as AnyLifecycleDefinition, state, route, branch),
      );
    states[state] = { description: node.description, on };
  }
  return createMachine({
    id: definition.id,
    initial: definition.initial,
    context: ({ input }: { input: LifecycleMachineContext<TSnapshot, TConfig> }) => input,
    states,
  } as never) as LifecycleMachine<TSnapshot, TCommand, TConfig>;
}

/**
 * Starts an actor of a lifecycle machine at a persisted snapshot (any state, not
 * only the initial one). Listen with `actor.on('*', …)` for the domain events.
 *
 * @example
 * const actor = createLifecycleActor(taskMachine, snapshot, config);
 * actor.on('*', (event) => log.push(event));
 * actor.send({ type: 'claim', actor: { id: 'p1', role: 'qualified' }, at });
 */
export function createLifecycleActor<
  TSnapshot extends LifecycleSnapshotBase<string>,
  TCommand extends LifecycleCommandBase,
  TConfig,
>(
  machine: LifecycleMachine<TSnapshot, TCommand, TConfig>,
  snapshot: TSnapshot,
  config: TConfig,
): Actor<LifecycleMachine<TSnapshot, TCommand, TConfig>> {
  const resolved = (machine as AnyStateMachine).resolveState({
    value: snapshot.state,
    context: { snapshot, config },
  });
  return createActor(machine, { snapshot: resolved } as never).start() as never;
}
