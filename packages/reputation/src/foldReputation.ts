import { toEpoch } from '@quanzi/core';
import { applyReputationEvent } from './applyReputationEvent';
import type { Trace } from './applySolverEvent';
import type { ReputationEvent } from './parseReputationEvent';
import type { ReputationConfig } from './ReputationConfigSchema';
import { createReputationState, type ReputationState, recordOf } from './reputationState';

/**
 * The events that overturn decisions have taken out of the log. Walking backwards,
 * an overturn counts unless a later counting overturn reverses it, so overturning an
 * overturn puts the original decision back.
 */
export function overturnedIds(log: readonly ReputationEvent[]): Set<string> {
  const out = new Set<string>();
  for (let i = log.length - 1; i >= 0; i -= 1) {
    const event = log[i] as ReputationEvent;
    if (event.type === 'quanzi.decision.overturned' && !out.has(event.id))
      out.add(event.data.targetEventId);
  }
  return out;
}

/**
 * Applies one event unless it was overturned; an overturned decision instead counts
 * against whoever made it.
 */
export function stepReputation(
  state: ReputationState,
  event: ReputationEvent,
  overturned: ReadonlySet<string>,
  trace?: Trace,
): void {
  const ms = toEpoch(event.time);
  if (overturned.size > 0 && overturned.has(event.id))
    recordOf(state, event.actor, ms).overturnedDecisions += 1;
  else applyReputationEvent(state, event, ms, trace);
}

/** Builds the state of `log` from nothing: the one definition every projection agrees with. */
export function foldReputation(
  config: ReputationConfig,
  log: readonly ReputationEvent[],
  overturned: ReadonlySet<string> = overturnedIds(log),
  trace?: Trace,
): ReputationState {
  const state = createReputationState(config);
  for (const event of log) stepReputation(state, event, overturned, trace);
  return state;
}
