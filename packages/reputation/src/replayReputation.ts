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
   * Skip validation because the events come from an `EventStore`, which validated
   * each one on append. Replays several times faster; malformed events then give
   * undefined results instead of a `QuanziError`.
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
  const seen = new Set<string>();
  const log: ReputationEvent[] = [];
  let i = 0;
  for (const input of events) {
    const event = options.trusted ? toReputationEvent(input) : parseReputationEvent(input, [i]);
    i += 1;
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    log.push(event);
  }
  return projectionOver(parsed, log, seen, foldReputation(parsed, log));
}
