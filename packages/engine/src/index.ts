// The one role derivation lives in core; re-exported for engine users.
export { roleOf } from '@quanzi/core';
export { systemId } from './actorOf';
export type {
  AppliedOutcome,
  BatchOutcome,
  CommandOutcome,
  ConflictOutcome,
  DeniedOutcome,
  ErrorOutcome,
  Refusal,
} from './CommandOutcome';
export {
  AcceptWorkSchema,
  CancelTaskSchema,
  CertifyParticipantSchema,
  ClaimTaskSchema,
  type Command,
  type CommandBody,
  type CommandInput,
  type CommandOf,
  CommandSchema,
  type CommandType,
  ConvertReportSchema,
  CreateTaskSchema,
  DismissReportSchema,
  EscalateTaskSchema,
  ExtendLeaseSchema,
  ForwardReportSchema,
  type HostCommandInput,
  LinkReportSchema,
  MarkClassicSchema,
  OverturnDecisionSchema,
  PrioritizeReportSchema,
  PublishTaskSchema,
  RateWorkSchema,
  RegisterParticipantSchema,
  RegisterTeamSchema,
  ReinstateParticipantSchema,
  RejectWorkSchema,
  ReleaseTaskSchema,
  type ReportDraft,
  ReportDraftSchema,
  RequestReworkSchema,
  ReviewTaskSchema,
  SecondReviewSchema,
  StartTaskSchema,
  SubmitReportSchema,
  SubmitWorkSchema,
  SuspendParticipantSchema,
  type TaskDraft,
  TaskDraftSchema,
  TickSchema,
} from './commandSchemas';
export {
  type CategoryRoute,
  CategoryRouteSchema,
  type CircleMap,
  createCircleMap,
} from './createCircleMap';
export {
  createEngine,
  type Engine,
  type EngineHost,
  type EngineOptions,
} from './createEngine';
export { createMemoryCheckpoints } from './createMemoryCheckpoints';
export { createMemoryEventStore, type MemoryEventStore } from './createMemoryEventStore';
export type {
  EngineQueries,
  NearbyItem,
  ProfileView,
  ReportFilter,
  TaskFilter,
} from './createQueries';
export {
  createSubscription,
  type Subscription,
  type SubscriptionOptions,
} from './createSubscription';
export {
  createViewerStore,
  type EngineSnapshot,
  type ViewerStore,
  type ViewerStoreSources,
} from './createViewerStore';
export type {
  EngineRecord,
  Judgement,
  ParticipantRecord,
  ReportRecord,
  TaskRecord,
} from './EngineRecord';
export type { FollowOptions } from './FollowOptions';
export {
  type DuplicateCandidate,
  type DuplicateOptions,
  type DuplicateProbe,
  defaultDuplicateOptions,
  findDuplicates,
} from './findDuplicates';
export {
  type PublicViewer,
  publicViewer,
  type ViewContext,
  type Viewer,
  viewAs,
} from './viewAs';
