export {
  type AnalysisOptionsInput,
  AnalysisOptionsSchema,
  analyzeRound,
  type RoundAnalysis,
} from './analyzeRound';
export {
  type ChannelAdapter,
  type ChannelPost,
  type FeedbackQuery,
  matchesQuery,
  type PublishReceipt,
} from './ChannelAdapter';
export {
  type ChannelProfile,
  type ChannelProfileInput,
  ChannelProfileSchema,
  defaultChannelProfiles,
} from './channelProfiles';
export {
  type ChartData,
  type ChartSeries,
  coverageChart,
  optionStanceChart,
  topicEvolutionChart,
  toVegaLite,
  type VegaLiteRow,
  type VegaLiteSpec,
} from './chartSeries';
export { type ClusterOptions, clusterTopics, type Topic } from './clusterTopics';
export { type CollectReport, collectFeedback } from './collectFeedback';
export {
  createFeedbackInbox,
  type DampingPolicy,
  DampingPolicySchema,
  defaultDampingPolicy,
  type FeedbackInbox,
  type IngestReport,
  type IngestSource,
  type RejectReason,
} from './createFeedbackInbox';
export {
  createJsonlChannel,
  type JsonlChannelOptions,
  type TextFilePort,
} from './createJsonlChannel';
export { createMemoryChannel, type MemoryChannel } from './createMemoryChannel';
export {
  createRound,
  type NextRoundInput,
  NextRoundInputSchema,
  type RoundInput,
  RoundInputSchema,
  type RoundPorts,
  startNextRound,
} from './createRound';
export { detectStance, echoStance, type Stance, type StanceMention } from './detectStance';
export {
  evolveTopics,
  type TimedItem,
  type TimeWindow,
  type TopicEvolution,
  type TopicTrack,
  timeWindows,
} from './evolveTopics';
export { type Feedback, type FeedbackEntry, type FeedbackInput, FeedbackSchema } from './feedback';
export {
  type Coverage,
  type CoverageExpectationInput,
  CoverageExpectationSchema,
  type CoverageRow,
  measureCoverage,
  type Voice,
} from './measureCoverage';
export {
  type PublishContext,
  type PublishOutcome,
  publishDecision,
  publishRound,
  type SkippedChannel,
} from './publishRound';
export {
  type Keyphrase,
  type RankOptions,
  rankKeyphrases,
  type TermDocument,
} from './rankKeyphrases';
export { measureLength, type Rendition, type RenditionResult, renderItem } from './renderItem';
export {
  type ChannelId,
  ChannelIdSchema,
  type ConsultationItem,
  type ConsultationItemInput,
  ConsultationItemSchema,
  type Decision,
  DecisionSchema,
  type Option,
  OptionSchema,
  type Publication,
  PublicationSchema,
  type Round,
  RoundSchema,
  type RoundState,
  RoundStateSchema,
} from './round';
export {
  closeRound,
  type DecisionInput,
  DecisionInputSchema,
  recordDecision,
} from './roundTransitions';
export { sampleForReview } from './sampleForReview';
export { type OptionScore, type StanceTally, type StanceVoice, scoreOptions } from './scoreOptions';
export { extractTerms, segmentWords, type TermOptions, type WordToken } from './text';
