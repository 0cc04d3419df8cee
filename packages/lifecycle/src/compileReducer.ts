import type { DomainEvent } from '@quanzi/core';
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

/**
 * Runs a branch's effect and stamps the result with the target state and the
 * command's instant. The machine and the reducer both call this.
 */
export function applyBranch<TSnapshot extends LifecycleSnapshotBase<string>, TCommand, TConfig>(
  branch: Branch<string, TSnapshot, TCommand, TConfig>,
  snapshot: TSnapshot,
  command: TCommand & LifecycleCommandBase,
  config: TConfig,
): { ok: true; snapshot: TSnapshot; events: DomainEvent[] } {
  const result = branch.effect(snapshot, command, config);
  // Effects build a fresh object, so stamping it in place is safe and saves a second copy.
  const next = (result.snapshot === snapshot ? { ...snapshot } : result.snapshot) as {
    state: string;
    updatedAt: string;
  };
  next.state = branch.target;
  next.updatedAt = command.at;
  return { ok: true, snapshot: next as TSnapshot, events: result.events };
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
      return applyBranch(branch, snapshot, command, config);
    }
    return { ok: false, reason: deny('not_in_this_state') };
  };
}
