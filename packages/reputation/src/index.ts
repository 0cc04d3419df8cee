export { levelMovingTypes, type ScoreName } from './applySolverEvent';
export type { LevelStatus, ReputationProfile, SolverMetrics } from './buildProfile';
export {
  type CircleReputationHealth,
  createReputationProjection,
  type LevelChangeData,
  type ReputationProjection,
  type ReputationProjectionOptions,
  restoreReputationProjection,
  type TrustOptions,
} from './createReputationProjection';
export {
  type EstimateOptions,
  estimateReviewerQuality,
  type ReviewerEstimate,
} from './estimateReviewerQuality';
export type { ScoreExplanation, ScoreExplanationReport } from './explainScore';
export type { RecurringPairFinding, ReputationFinding, SelfDealingFinding } from './findingsOf';
export {
  type LeaderboardEntry,
  type LeaderboardOptions,
  LeaderboardOptionsSchema,
} from './leaderboardOf';
export {
  type ReputationEventInput,
  type ReputationEventType,
  reputationEventTypes,
} from './parseReputationEvent';
export {
  planSecondReview,
  type SecondReviewInput,
  SecondReviewInputSchema,
  type SecondReviewPlan,
} from './planSecondReview';
export {
  defaultReputationConfig,
  type LadderMetric,
  LadderMetricSchema,
  LadderThresholdSchema,
  type ReputationConfig,
  type ReputationConfigInput,
  ReputationConfigSchema,
} from './ReputationConfigSchema';
export { type ReplayOptions, replayReputation } from './replayReputation';
export type { LevelChange, PairKind } from './reputationState';
export type { RuleFacts } from './ruleFactsOf';
export { type Rate, wilsonLowerBound } from './wilsonLowerBound';
