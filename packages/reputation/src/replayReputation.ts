import { parseInput } from '@quanzi/core';
import { projectionOver, type ReputationProjection } from './createReputationProjection';
import { foldReputation } from './foldReputation';
import {
  parseReputationEvent,
  type ReputationEvent,
  type ReputationEventInput,
  toReputationEvent,
} from './parseReputationEvent';
import { type ReputationConfigInput, ReputationConfigSchema } from './ReputationConfigSchema';

/** Options of {@link replayReputation}. */
export interface ReplayOptions {
  /**
   * The events come straight from an `EventStore`: validated on append, each id once,
   * in log order. Neither validation nor deduplication is repeated, which replays
   * several times faster; malformed or repeated events then give undefined results
   * instead of a `QuanziError`.
   */
  readonly trusted?: boolean;
}

/**
 * Recomputes reputation from a whole log in one pass: overturned decisions are found
 * first and left out, so each is folded once. The result is a projection that can keep
 * taking events and equals applying the same events one by one.
 *
 * @example
 * const reputation = replayReputation(await store.readAll(), policy.reputation, { trusted: true });
 */
export function replayReputation(
  events: Iterable<ReputationEventInput>,
  config: ReputationConfigInput = {},
  options: ReplayOptions = {},
): ReputationProjection {
  const parsed = parseInput(ReputationConfigSchema, config, { code: 'invalid_policy' });
  if (options.trusted) {
    const log = Array.from(events, toReputationEvent);
    return projectionOver(parsed, log, null, foldReputation(parsed, log));
  }
  const seen = new Set<string>();
  const log: ReputationEvent[] = [];
  let i = 0;
  for (const input of events) {
    const event = parseReputationEvent(input, [i]);
    i += 1;
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    log.push(event);
  }
  return projectionOver(parsed, log, seen, foldReputation(parsed, log));
}
