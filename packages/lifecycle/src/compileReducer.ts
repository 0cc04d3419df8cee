import { type DomainEvent, QuanziError } from '@quanzi/core';
import { deny } from './Denial';
import type {
  Branch,
  LifecycleCommandBase,
  LifecycleDefinition,
  LifecycleSnapshotBase,
  Route,
  TransitionResult,
} from './LifecycleDefinition';

/** A pure step function: snapshot + command → next snapshot and events, or a denial. */
export type Reducer<TSnapshot, TCommand, TConfig> = (
  snapshot: TSnapshot,
  command: TCommand,
  config: TConfig,
) => TransitionResult<TSnapshot>;

// biome-ignore lint/suspicious/noExplicitAny: routes are looked up by runtime command type
type AnyRoute = Route<string, any, any, any>;

/** The first refusal among a route's checks, or `undefined` when all pass. */
export function firstDenial<TSnapshot, TCommand, TConfig>(
  route: AnyRoute,
  snapshot: TSnapshot,
  command: TCommand,
  config: TConfig,
) {
  for (const check of route.checks) {
    const denial = check.deny(snapshot, command, config);
    if (denial) return denial;
  }
  return undefined;
}

function tableDisagrees(definition: { id: string }, state: string, target: string): QuanziError {
  return new QuanziError({
    code: 'internal',
    message: {
      en: `The ${definition.id} lifecycle's events lead to "${state}" where its table says "${target}"`,
      'zh-CN': `${definition.id} 生命周期的事件导向“${state}”，而状态表为“${target}”`,
    },
  });
}

/** A branch's possible target states, as a list. */
export function targetsOf(branch: {
  target: string | ReadonlyArray<string>;
}): ReadonlyArray<string> {
  return typeof branch.target === 'string' ? [branch.target] : branch.target;
}

/**
 * Runs a branch: its events, folded through the definition's `evolve`, give the next
 * snapshot, which must be in the branch's target state. The machine and the reducer
 * both call this.
 */
export function applyBranch<TSnapshot extends LifecycleSnapshotBase<string>, TCommand, TConfig>(
  definition: Pick<
    LifecycleDefinition<string, TSnapshot, TCommand & LifecycleCommandBase, TConfig>,
    'id' | 'evolve'
  >,
  branch: Branch<string, TSnapshot, TCommand, TConfig>,
  snapshot: TSnapshot,
  command: TCommand & LifecycleCommandBase,
  config: TConfig,
): { ok: true; snapshot: TSnapshot; events: DomainEvent[] } {
  const events = branch.effect(snapshot, command, config);
  let next: TSnapshot | undefined = snapshot;
  for (const event of events) {
    next = next && definition.evolve(next, event, command.at, config);
  }
  const { target } = branch;
  if (
    next === undefined ||
    (target !== next.state && (typeof target === 'string' || !target.includes(next.state)))
  )
    throw tableDisagrees(definition, next?.state ?? 'undefined', targetsOf(branch).join(' | '));
  return { ok: true, snapshot: next, events };
}

/**
 * Compiles a {@link LifecycleDefinition} into a reducer: one table lookup by state
 * and command type, the checks, the first matching branch. No actor, no
 * allocation beyond the next snapshot, which is why it is the fast path.
 */
export function compileReducer<
  TState extends string,
  TSnapshot extends LifecycleSnapshotBase<TState>,
  TCommand extends LifecycleCommandBase,
  TConfig,
>(
  definition: LifecycleDefinition<TState, TSnapshot, TCommand, TConfig>,
): Reducer<TSnapshot, TCommand, TConfig> {
  const table = new Map<string, Map<string, AnyRoute>>();
  for (const [state, node] of Object.entries(definition.states) as [string, { on: object }][])
    table.set(state, new Map(Object.entries(node.on) as [string, AnyRoute][]));
  return (snapshot, command, config) => {
    const route = table.get(snapshot.state)?.get(command.type);
    if (!route) return { ok: false, reason: deny('not_in_this_state') };
    const denial = firstDenial(route, snapshot, command, config);
    if (denial) return { ok: false, reason: denial };
    for (const branch of route.branches) {
      if (branch.when && !branch.when.test(snapshot, command, config)) continue;
      return applyBranch(definition, branch, snapshot, command, config);
    }
    return { ok: false, reason: deny('not_in_this_state') };
  };
}
