import { parseInput } from '@quanzi/core';
import { projectionOver, type ReputationProjection } from './createReputationProjection';
import { foldReputation } from './foldReputation';
import {
  parseReputationEvent,
  type ReputationEvent,
  type ReputationEventInput,
} from './parseReputationEvent';
import { type ReputationConfigInput, ReputationConfigSchema } from './ReputationConfigSchema';

/**
 * Recomputes reputation from a whole log in one pass: overturned decisions are found
 * first and left out, so each is folded once. The result is a projection that can keep
 * taking events and equals applying the same events one by one.
 *
 * @example
 * const reputation = replayReputation(await store.readAll(), policy.reputation);
 */
export function replayReputation(
  events: Iterable<ReputationEventInput>,
  config: ReputationConfigInput = {},
): ReputationProjection {
  const parsed = parseInput(ReputationConfigSchema, config, { code: 'invalid_policy' });
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
  return projectionOver(parsed, log, foldReputation(parsed, log));
}
