import type { ScoreName } from './applySolverEvent';
import { buildProfile, type ReputationProfile } from './buildProfile';
import type { ReviewerEstimate } from './estimateReviewerQuality';
import { foldReputation } from './foldReputation';
import type { ReputationEvent } from './parseReputationEvent';
import type { ReputationConfig } from './ReputationConfigSchema';
import { blankRecord, type LevelChange } from './reputationState';
import { ladderMetric } from './settleLevel';

/** One number of a profile: its value, the formula, the formula's inputs and the events behind it. */
export interface ScoreExplanation {
  readonly score: ScoreName | 'level' | 'credibility' | 'rankingWeight';
  readonly value: number;
  readonly formula: string;
  readonly inputs: Readonly<Record<string, number>>;
  /** Ids of the events that moved this number, in log order. */
  readonly events: readonly string[];
}

/** Why a participant's profile says what it says. */
export interface ScoreExplanationReport {
  readonly participantId: string;
  readonly at: string;
  readonly scores: readonly ScoreExplanation[];
  readonly levelChanges: readonly LevelChange[];
}

type Context = {
  readonly config: ReputationConfig;
  readonly p: ReputationProfile;
  readonly of: (score: ScoreName) => string[];
};

function bars(config: ReputationConfig, bar: 'promote' | 'demote'): string {
  return config.ladder.thresholds.map((r) => `${r.metric} ≥ [${r[bar].join(', ')}]`).join('; ');
}

function levelScore(
  { config, p }: Context,
  inputs: Record<string, number>,
  changes: readonly LevelChange[],
): ScoreExplanation {
  const { probation, ladder } = config;
  const approval = ladder.approvalFromLevel
    ? `; level ${ladder.approvalFromLevel} and above need approval`
    : '';
  return {
    score: 'level',
    value: p.level.current,
    formula: `highest level whose promotion bars (${bars(config, 'promote')}) were all met at an event, kept while every demotion bar (${bars(config, 'demote')}) holds; probation caps at ${probation.maxLevel} for ${probation.days} days and ${probation.minTasks} tasks${approval}`,
    inputs: {
      ...inputs,
      recorded: p.level.recorded,
      pendingApproval: p.level.pendingApproval ?? 0,
    },
    events: changes.map((c) => c.causeEventId),
  };
}

function solverScores({ config, p, of }: Context): ScoreExplanation[] {
  const s = p.solver;
  const z = config.wilsonZ;
  return [
    {
      score: 'volume',
      value: s.volume,
      formula: `Σ weight(difficulty) × 2^(−(now − accepted at) / ${config.halfLifeDays} days), weights [${config.difficultyWeights.join(', ')}]`,
      inputs: { totalVolume: s.totalVolume, halfLifeDays: config.halfLifeDays },
      events: of('volume'),
    },
    {
      score: 'completionRate',
      value: s.completionRate.lowerBound,
      formula: `Wilson lower bound (z = ${z}) of accepted / (accepted + rejected + released)`,
      inputs: { accepted: s.accepted, rejected: s.rejected, released: s.released },
      events: of('completionRate'),
    },
    {
      score: 'onTimeRate',
      value: s.onTimeRate.lowerBound,
      formula: `Wilson lower bound (z = ${z}) of on-time / accepted`,
      inputs: { onTime: s.onTimeRate.successes, accepted: s.accepted },
      events: of('onTimeRate'),
    },
    {
      score: 'goodReviewRate',
      value: s.goodReviewRate.lowerBound,
      formula: `Wilson lower bound (z = ${z}) of ratings ≥ ${config.goodRatingMin} / ratings`,
      inputs: { good: s.goodReviewRate.successes, ratings: s.goodReviewRate.trials },
      events: of('goodReviewRate'),
    },
    {
      score: 'classicCases',
      value: s.classicCases,
      formula: 'count of classic cases marked by the command center',
      inputs: {},
      events: of('classicCases'),
    },
  ];
}

function credibilityScores({ config, p, of }: Context): ScoreExplanation[] {
  const { prior, priorWeight: w, maliciousWeight: m, minWeight, maxWeight } = config.credibility;
  const credibilityEvents = [...of('reporterCredibility'), ...of('publisherCredibility')];
  return [
    {
      score: 'reporterCredibility',
      value: p.reporter.credibility,
      formula: `(converted + ${prior} × ${w}) / (converted + false + ${m} × malicious + ${w})`,
      inputs: {
        converted: p.reporter.converted,
        false: p.reporter.dismissedFalse,
        malicious: p.reporter.dismissedMalicious,
      },
      events: of('reporterCredibility'),
    },
    {
      score: 'publisherCredibility',
      value: p.publisher.credibility,
      formula: `(approved + ${prior} × ${w}) / (approved + returned + duplicates + ${w})`,
      inputs: {
        approved: p.publisher.approved,
        returned: p.publisher.returned,
        duplicates: p.publisher.duplicates,
      },
      events: of('publisherCredibility'),
    },
    {
      score: 'credibility',
      value: p.credibility,
      formula: 'the same Bayesian average over reporter and publisher outcomes together',
      inputs: { reporter: p.reporter.credibility, publisher: p.publisher.credibility },
      events: credibilityEvents,
    },
    {
      score: 'rankingWeight',
      value: p.rankingWeight,
      formula: `clamp(credibility / ${prior}, ${minWeight}, ${maxWeight})`,
      inputs: { credibility: p.credibility },
      events: credibilityEvents,
    },
  ];
}

function activityScores({ config, p, of }: Context): ScoreExplanation[] {
  const z = config.wilsonZ;
  return [
    {
      score: 'points',
      value: p.points.counted,
      formula: `Σ min(points, ${config.points.dailyCapPerSource} − already counted that day from the same publisher); points for one's own task or decision count 0`,
      inputs: { awarded: p.points.awarded, capped: p.points.capped, selfDealt: p.points.selfDealt },
      events: of('points'),
    },
    {
      score: 'secondReview',
      value: p.reviewer.agreement.lowerBound,
      formula: `Wilson lower bound (z = ${z}) of agreeing second opinions / second opinions`,
      inputs: { agreements: p.reviewer.agreement.successes, overlaps: p.reviewer.agreement.trials },
      events: of('secondReview'),
    },
  ];
}

/**
 * Re-folds the log with a trace for one participant and pairs every number of their
 * profile with its formula and contributing events. The values come from the same
 * fold as the projection's, so an explanation always matches the profile.
 */
export function explainFromLog(
  config: ReputationConfig,
  log: readonly ReputationEvent[],
  overturned: ReadonlySet<string>,
  participantId: string,
  now: { time: string; ms: number },
  estimates: ReadonlyMap<string, ReviewerEstimate>,
): ScoreExplanationReport {
  const events = new Map<ScoreName, string[]>();
  const state = foldReputation(config, log, overturned, (id, score, event) => {
    if (id !== participantId) return;
    const list = events.get(score);
    if (list) list.push(event.id);
    else events.set(score, [event.id]);
  });
  const record = state.participants.get(participantId) ?? blankRecord(participantId, now.ms);
  const context: Context = {
    config,
    p: buildProfile(state, record, now.ms, estimates),
    of: (score) => events.get(score) ?? [],
  };
  const levelChanges = state.levelChanges.filter((c) => c.participantId === participantId);
  const metrics = Object.fromEntries(
    config.ladder.thresholds.map((row) => [
      row.metric,
      ladderMetric(record, row.metric, now.ms, config),
    ]),
  );
  const scores = [
    levelScore(context, metrics, levelChanges),
    ...solverScores(context),
    ...credibilityScores(context),
    ...activityScores(context),
  ];
  return { participantId, at: now.time, scores, levelChanges };
}
