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

// Float rounding in the closed form below may put the crossing a hair late; answering
// a little early is safe, since callers check the level itself when the time comes.
const earlyMs = 2;

/** When the bars of `level` start failing for good: never (∞), always (-∞), or once volume decays. */
function demoteFailsFrom(record: ParticipantRecord, level: number, config: ReputationConfig) {
  let from = Number.POSITIVE_INFINITY;
  for (const row of config.ladder.thresholds) {
    const bar = row.demote[level - 1] ?? 0;
    if (row.metric !== 'volume') {
      // Every other metric stays as it is until the next event.
      if (ladderMetric(record, row.metric, record.volumeAt, config) < bar)
        return Number.NEGATIVE_INFINITY;
      continue;
    }
    if (bar <= 0) continue;
    if (record.volume < bar) return Number.NEGATIVE_INFINITY;
    const crossing =
      record.volumeAt + config.halfLifeDays * dayMs * Math.log2(record.volume / bar) - earlyMs;
    from = Math.min(from, Math.floor(crossing));
  }
  return from;
}

/**
 * An epoch-ms instant at or before which the level `record` holds first falls below
 * `level` by decay alone (no further events), or `null` if it never does. Held levels
 * only fall as time passes, so checking the level at this instant, and again whenever
 * it is not yet lower, finds every fall without looking at the record in between.
 */
export function decayDueAt(
  record: ParticipantRecord,
  level: number,
  config: ReputationConfig,
): number | null {
  if (level <= 0) return null;
  // The held level falls below `level` once the bars of every level from there up to
  // the recorded one fail.
  let due = Number.NEGATIVE_INFINITY;
  for (let l = level; l <= record.level; l += 1)
    due = Math.max(due, demoteFailsFrom(record, l, config));
  if (due === Number.POSITIVE_INFINITY) return null;
  return due === Number.NEGATIVE_INFINITY ? record.volumeAt : due;
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
