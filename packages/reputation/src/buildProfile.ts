import type { ParticipantKind } from '@quanzi/core';
import { pseudonymOf } from '@quanzi/core';
import {
  allOutcomes,
  credibilityOf,
  credibilityTag,
  publisherOutcomes,
  rankingWeightOf,
  reporterOutcomes,
} from './credibility';
import type { ReviewerEstimate } from './estimateReviewerQuality';
import type { LadderMetric, ReputationConfig } from './ReputationConfigSchema';
import type { ParticipantRecord, ReputationState } from './reputationState';
import { completionTrials, heldLevel, ladderMetric, onProbation, volumeAt } from './settleLevel';
import { type Rate, rateOf } from './wilsonLowerBound';

/** A solver's record: counts, rates with their Wilson lower bounds, and volume. */
export interface SolverMetrics {
  readonly accepted: number;
  readonly rejected: number;
  readonly released: number;
  /** Difficulty-weighted volume decayed to the asked instant. */
  readonly volume: number;
  /** Difficulty-weighted volume without decay. */
  readonly totalVolume: number;
  /** Accepted tasks per category (domain). */
  readonly byCategory: Readonly<Record<string, number>>;
  readonly completionRate: Rate;
  readonly onTimeRate: Rate;
  readonly goodReviewRate: Rate;
  readonly classicCases: number;
  /** Accepted work that earned nothing: the solver published or verified it. */
  readonly selfDealt: number;
  /** Accepted work withheld because it sat in a recurring pair (when policy says so). */
  readonly neutralised: number;
}

/** Where a participant stands on the ladder at the asked instant. */
export interface LevelStatus {
  /** The level rules should use now: the recorded level after any decay since. */
  readonly current: number;
  /** The level as of the participant's last event. */
  readonly recorded: number;
  /** A top level the participant qualifies for, waiting for command-center approval. */
  readonly pendingApproval: number | null;
  readonly onProbation: boolean;
  /** What the next level needs that is not met yet. */
  readonly next: {
    readonly level: number;
    readonly missing: ReadonlyArray<{ metric: LadderMetric; value: number; needed: number }>;
  } | null;
}

/** Everything reputation knows about one participant, as of one instant. */
export interface ReputationProfile {
  readonly participantId: string;
  readonly kind: ParticipantKind | null;
  readonly displayName: string | null;
  readonly anonymous: boolean;
  /** The stable name shown instead of the participant in public lists. */
  readonly pseudonym: string;
  readonly level: LevelStatus;
  readonly solver: SolverMetrics;
  /** For a team: its members and their summed record, next to the team's own `solver`. */
  readonly team: { readonly memberIds: readonly string[]; readonly members: SolverMetrics } | null;
  readonly teamIds: readonly string[];
  readonly reporter: {
    readonly reports: number;
    readonly converted: number;
    readonly linked: number;
    readonly dismissedFalse: number;
    readonly dismissedMalicious: number;
    readonly outOfScope: number;
    readonly selfVerified: number;
    readonly credibility: number;
  };
  readonly publisher: {
    readonly published: number;
    readonly approved: number;
    readonly returned: number;
    readonly duplicates: number;
    readonly credibility: number;
  };
  /** Reporter and publisher outcomes together. */
  readonly credibility: number;
  /** How strongly this participant's published tasks rank for solvers (1 = neutral). */
  readonly rankingWeight: number;
  readonly points: {
    readonly awarded: number;
    readonly counted: number;
    readonly capped: number;
    readonly selfDealt: number;
  };
  readonly reviewer: {
    readonly decisions: number;
    readonly overturned: number;
    /** How often a second reviewer and this one agreed. */
    readonly agreement: Rate;
    readonly estimate: ReviewerEstimate | null;
  };
  readonly tags: readonly string[];
}

const solverCounters = [
  'accepted',
  'rejected',
  'released',
  'onTime',
  'ratings',
  'goodRatings',
  'classicCases',
  'totalVolume',
  'selfDealt',
  'neutralised',
] as const;

function countersOf(records: readonly ParticipantRecord[], ms: number, state: ReputationState) {
  const sum = {
    ...(Object.fromEntries(solverCounters.map((key) => [key, 0])) as Record<
      (typeof solverCounters)[number],
      number
    >),
    volume: 0,
    byCategory: {} as Record<string, number>,
  };
  for (const record of records) {
    for (const key of solverCounters) sum[key] += record[key];
    sum.volume += volumeAt(record, ms, state.config);
    for (const [category, count] of record.byCategory)
      sum.byCategory[category] = (sum.byCategory[category] ?? 0) + count;
  }
  return sum;
}

/** Solver metrics of one record, or of several summed (a team's members). */
export function solverMetrics(
  records: readonly ParticipantRecord[],
  ms: number,
  state: ReputationState,
): SolverMetrics {
  const c = countersOf(records, ms, state);
  const z = state.config.wilsonZ;
  return {
    accepted: c.accepted,
    rejected: c.rejected,
    released: c.released,
    volume: c.volume,
    totalVolume: c.totalVolume,
    byCategory: c.byCategory,
    completionRate: rateOf(c.accepted, completionTrials(c), z),
    onTimeRate: rateOf(c.onTime, c.accepted, z),
    goodReviewRate: rateOf(c.goodRatings, c.ratings, z),
    classicCases: c.classicCases,
    selfDealt: c.selfDealt,
    neutralised: c.neutralised,
  };
}

function levelStatus(record: ParticipantRecord, ms: number, state: ReputationState): LevelStatus {
  const config = state.config;
  const current = heldLevel(record, ms, config);
  const top = config.ladder.thresholds[0]?.promote.length ?? 0;
  const missing = config.ladder.thresholds
    .map((row) => ({
      metric: row.metric,
      value: ladderMetric(record, row.metric, ms, config),
      needed: row.promote[current] ?? Number.POSITIVE_INFINITY,
    }))
    .filter((row) => row.value < row.needed);
  return {
    current,
    recorded: record.level,
    pendingApproval: record.pendingApproval,
    onProbation: onProbation(record, ms, config),
    next: current < top ? { level: current + 1, missing } : null,
  };
}

/** The tags rules see: domains, classic cases, credibility and probation. */
export function tagsOf(record: ParticipantRecord, ms: number, config: ReputationConfig): string[] {
  const tags: string[] = [];
  for (const [category, count] of [...record.byCategory].sort())
    if (count >= config.domainTagMinTasks) tags.push(`domain:${category}`);
  if (record.classicCases > 0) tags.push('classic_case');
  const reporter = credibilityTag(reporterOutcomes(record, config), config);
  if (reporter) tags.push(`${reporter}_reporter`);
  const publisher = credibilityTag(publisherOutcomes(record), config);
  if (publisher)
    tags.push(publisher === 'positive' ? 'standardised_publisher' : 'disorderly_publisher');
  if (onProbation(record, ms, config)) tags.push('probation');
  return tags;
}

/** Builds the profile of `record` at `ms`; `estimates` holds the reviewers' Dawid–Skene estimates. */
export function buildProfile(
  state: ReputationState,
  record: ParticipantRecord,
  ms: number,
  estimates: ReadonlyMap<string, ReviewerEstimate>,
): ReputationProfile {
  const config = state.config;
  const members = [...record.memberIds].sort().map((id) => state.participants.get(id));
  const credibility = credibilityOf(allOutcomes(record, config), config);
  return {
    participantId: record.id,
    kind: record.kind,
    displayName: record.displayName,
    anonymous: record.anonymous,
    pseudonym: pseudonymOf(record.id, config.pseudonymSalt),
    level: levelStatus(record, ms, state),
    solver: solverMetrics([record], ms, state),
    team:
      record.kind === 'team' || record.memberIds.size > 0
        ? {
            memberIds: [...record.memberIds].sort(),
            members: solverMetrics(
              members.filter((m) => m !== undefined),
              ms,
              state,
            ),
          }
        : null,
    teamIds: [...record.teamIds].sort(),
    reporter: {
      reports: record.reports,
      converted: record.converted,
      linked: record.linked,
      dismissedFalse: record.dismissedFalse,
      dismissedMalicious: record.dismissedMalicious,
      outOfScope: record.outOfScope,
      selfVerified: record.selfVerified,
      credibility: credibilityOf(reporterOutcomes(record, config), config),
    },
    publisher: {
      published: record.published,
      approved: record.approved,
      returned: record.returned,
      duplicates: record.duplicates,
      credibility: credibilityOf(publisherOutcomes(record), config),
    },
    credibility,
    rankingWeight: rankingWeightOf(credibility, config),
    points: {
      awarded: record.pointsAwarded,
      counted: record.pointsCounted,
      capped: record.pointsCapped,
      selfDealt: record.pointsSelfDealt,
    },
    reviewer: {
      decisions: record.decisions,
      overturned: record.overturnedDecisions,
      agreement: rateOf(record.agreements, record.secondReviews, config.wilsonZ),
      estimate: estimates.get(record.id) ?? null,
    },
    tags: tagsOf(record, ms, config),
  };
}
