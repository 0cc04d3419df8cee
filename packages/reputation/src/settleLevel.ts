import type { LadderMetric, ReputationConfig } from './ReputationConfigSchema';
import type { LevelChange, ParticipantRecord } from './reputationState';
import { wilsonLowerBound } from './wilsonLowerBound';

const dayMs = 86_400_000;

/** The share of a contribution left after `elapsedMs` with half-life `halfLifeDays`. */
export function decayFactor(elapsedMs: number, halfLifeDays: number): number {
  return elapsedMs <= 0 ? 1 : 2 ** (-elapsedMs / (halfLifeDays * dayMs));
}

/** The difficulty-weighted volume of `record` decayed to `ms`. */
export function volumeAt(record: ParticipantRecord, ms: number, config: ReputationConfig): number {
  return record.volume * decayFactor(ms - record.volumeAt, config.halfLifeDays);
}

/** Trials behind the completion rate: every claim that ended, well or not. */
export function completionTrials(record: {
  accepted: number;
  rejected: number;
  released: number;
}): number {
  return record.accepted + record.rejected + record.released;
}

/** The value of one ladder metric for `record` at `ms`. */
export function ladderMetric(
  record: ParticipantRecord,
  metric: LadderMetric,
  ms: number,
  config: ReputationConfig,
): number {
  const z = config.wilsonZ;
  switch (metric) {
    case 'volume':
      return volumeAt(record, ms, config);
    case 'accepted':
      return record.accepted;
    case 'completionRate':
      return wilsonLowerBound(record.accepted, completionTrials(record), z);
    case 'onTimeRate':
      return wilsonLowerBound(record.onTime, record.accepted, z);
    case 'goodReviewRate':
      return wilsonLowerBound(record.goodRatings, record.ratings, z);
    case 'classicCases':
      return record.classicCases;
  }
}

function meets(
  record: ParticipantRecord,
  level: number,
  ms: number,
  config: ReputationConfig,
  bar: 'promote' | 'demote',
): boolean {
  for (const row of config.ladder.thresholds) {
    if (ladderMetric(record, row.metric, ms, config) < (row[bar][level - 1] ?? 0)) return false;
  }
  return true;
}

/** The level `record` holds at `ms` once decay and lowered quality are counted (never higher). */
export function heldLevel(record: ParticipantRecord, ms: number, config: ReputationConfig): number {
  let level = record.level;
  while (level > 0 && !meets(record, level, ms, config, 'demote')) level -= 1;
  return level;
}

/** Whether probation still caps `record` at `ms`. */
export function onProbation(record: ParticipantRecord, ms: number, config: ReputationConfig) {
  const { days, minTasks } = config.probation;
  return ms - record.since < days * dayMs || record.accepted < minTasks;
}

/** Why a settle step runs: `decay` before an event is applied, the event's own reason after. */
export type SettleReason = 'decay' | 'demotion' | 'approval' | 'promotion';

/**
 * Moves `record` to the level its metrics support at `ms`: down while the demotion
 * bars fail (hysteresis), then up while the promotion bars hold, probation allows it
 * and, for top levels, an approval exists. Appends each change to `out`.
 */
export function settleLevel(
  record: ParticipantRecord,
  ms: number,
  config: ReputationConfig,
  reason: SettleReason,
  cause: { id: string; time: string },
  out: LevelChange[],
): void {
  const from = record.level;
  let level = heldLevel(record, ms, config);
  if (reason !== 'decay') {
    const { approvalFromLevel } = config.ladder;
    const top = config.ladder.thresholds[0]?.promote.length ?? 0;
    const cap = onProbation(record, ms, config) ? config.probation.maxLevel : top;
    record.pendingApproval = null;
    while (level < Math.min(top, cap) && meets(record, level + 1, ms, config, 'promote')) {
      if (approvalFromLevel !== undefined && level + 1 >= approvalFromLevel) {
        if (record.approvedLevel < level + 1) {
          record.pendingApproval = level + 1;
          break;
        }
      }
      level += 1;
    }
  }
  if (level === from) return;
  // A demotion below an approval-gated level forfeits that approval.
  if (level < from) record.approvedLevel = Math.min(record.approvedLevel, level);
  record.level = level;
  const down = level < from;
  out.push({
    participantId: record.id,
    from,
    to: level,
    reason: down
      ? reason === 'decay'
        ? 'decay'
        : 'demotion'
      : reason === 'approval'
        ? 'approval'
        : 'promotion',
    time: cause.time,
    causeEventId: cause.id,
  });
}
