import { InstantSchema, ParticipantKindSchema, pseudonymOf, toEpoch } from '@quanzi/core';
import * as z from 'zod/mini';
import { allOutcomes, credibilityOf } from './credibility';
import { LadderMetricSchema } from './ReputationConfigSchema';
import type { ParticipantRecord, ReputationState } from './reputationState';
import { heldLevel, ladderMetric } from './settleLevel';

/** What a leaderboard ranks by: a ladder metric, the level, credibility or counted points. */
export const LeaderboardOptionsSchema = z.strictObject({
  now: InstantSchema,
  metric: z.union([LadderMetricSchema, z.enum(['level', 'credibility', 'points'])]),
  limit: z._default(z.number().check(z.int(), z.gte(1), z.lte(10_000)), 20),
  /** Only these kinds of participant, e.g. `['qualified', 'team']`. */
  kinds: z.optional(z.array(ParticipantKindSchema)),
});

/** Options of a leaderboard. */
export type LeaderboardOptions = z.input<typeof LeaderboardOptionsSchema>;

/** One row of a leaderboard; an anonymous participant shows only their pseudonym. */
export interface LeaderboardEntry {
  readonly rank: number;
  /** Null when the participant chose anonymity. */
  readonly participantId: string | null;
  /** The display name, or the pseudonym of an anonymous participant. */
  readonly name: string;
  readonly anonymous: boolean;
  readonly value: number;
  readonly level: number;
}

function metricValue(
  record: ParticipantRecord,
  metric: z.infer<typeof LeaderboardOptionsSchema>['metric'],
  ms: number,
  state: ReputationState,
): number {
  const config = state.config;
  if (metric === 'level') return heldLevel(record, ms, config);
  if (metric === 'points') return record.pointsCounted;
  if (metric === 'credibility') {
    const outcomes = allOutcomes(record, config);
    return outcomes.positive + outcomes.negative > 0 ? credibilityOf(outcomes, config) : 0;
  }
  return ladderMetric(record, metric, ms, config);
}

/** Ranks participants with a positive value for `options.metric`, highest first. */
export function leaderboardOf(
  state: ReputationState,
  options: z.infer<typeof LeaderboardOptionsSchema>,
): LeaderboardEntry[] {
  const ms = toEpoch(options.now);
  const rows: Array<{ record: ParticipantRecord; value: number; name: string }> = [];
  for (const record of state.participants.values()) {
    if (options.kinds && (record.kind === null || !options.kinds.includes(record.kind))) continue;
    const value = metricValue(record, options.metric, ms, state);
    if (value <= 0) continue;
    const name = record.anonymous
      ? pseudonymOf(record.id, state.config.pseudonymSalt)
      : (record.displayName ?? record.id);
    rows.push({ record, value, name });
  }
  // Ties break on the shown name, so the order reveals nothing about hidden ids.
  rows.sort((a, b) => b.value - a.value || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return rows.slice(0, options.limit).map((row, i) => ({
    rank: i + 1,
    participantId: row.record.anonymous ? null : row.record.id,
    name: row.name,
    anonymous: row.record.anonymous,
    value: row.value,
    level: heldLevel(row.record, ms, state.config),
  }));
}
