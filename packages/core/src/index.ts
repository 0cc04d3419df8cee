export type { AuditedEventStore, VerifyAuditOptions } from './AuditedEventStore';
export type {
  AuditChainFailure,
  AuditCheckpointFailureReason,
  AuditFailureReason,
  AuditVerification,
} from './AuditVerification';
export {
  type AuditEntry,
  type AuditHead,
  auditEntry,
  chainHash,
  genesisHash,
  nextAuditEntry,
} from './auditChain';
export type { AuditCheckpoint, AuditKey } from './auditCheckpoint';
export { bilingualMessage } from './bilingualMessage';
export { type Clock, createManualClock, type ManualClock } from './Clock';
export { canonicalJson } from './canonicalJson';
export {
  type Category,
  CategorySchema,
  type Difficulty,
  DifficultySchema,
  defaultCategories,
} from './category';
export {
  checkDocumentLimits,
  type DocumentLimits,
  defaultMaxDocumentBytes,
  defaultMaxDocumentDepth,
} from './checkDocumentLimits';
export {
  type Circle,
  type CircleModel,
  CircleModelSchema,
  CircleSchema,
  IdSchema,
  InstantSchema,
  type ReviewMode,
  ReviewModeSchema,
} from './circle';
export { type Coarseness, coarsenPosition } from './coarsenPosition';
export { type CompiledSchema, compileSchema, notPassed } from './compileSchema';
export { anchorOf, distanceMeters, haversineMeters } from './distanceMeters';
export {
  type ClosureReason,
  ClosureReasonSchema,
  type DismissVerdict,
  DismissVerdictSchema,
  type DomainEvent,
  type DomainEventData,
  type DomainEventType,
  type DuplicateRef,
  DuplicateRefSchema,
  domainEventSchemas,
  isDomainEvent,
  type LifecycleTerms,
  LifecycleTermsSchema,
  type WorkReason,
  WorkReasonSchema,
} from './domainEvents';
export type {
  AppendOptions,
  AppendRequest,
  AppendResult,
  EventStore,
  ProjectionSnapshot,
  ReadAllOptions,
  StreamExpectation,
} from './EventStore';
export { errorHttpStatus } from './errorHttpStatus';
export {
  type CreateEventInput,
  createEvent,
  type EventEnvelope,
  EventEnvelopeSchema,
  type NewEvent,
  type StoredEvent,
  StoredEventSchema,
} from './event';
export { foreignStreamError } from './foreignStreamError';
export {
  type Boundary,
  BoundarySchema,
  type LineString,
  LineStringSchema,
  type MultiPolygon,
  MultiPolygonSchema,
  type Point,
  PointSchema,
  type Polygon,
  PolygonSchema,
  type Position,
  PositionSchema,
  type TaskGeometry,
  TaskGeometrySchema,
} from './geometry';
export { hash53 } from './hash53';
export { createSequentialIds, type IdSource } from './IdSource';
export { fromEpoch, later, plusMinutes, toEpoch } from './instant';
export {
  type Locale,
  type LocalizedText,
  LocalizedTextSchema,
  locales,
  localize,
} from './LocalizedText';
export { parseAppendRequest } from './parseAppendRequest';
export { parseCheckpoint } from './parseCheckpoint';
export {
  errorFromIssues,
  type ParseOptions,
  type ParseResult,
  parseInput,
  safeParseInput,
} from './parseInput';
export {
  type Participant,
  type ParticipantInput,
  type ParticipantKind,
  ParticipantKindSchema,
  ParticipantSchema,
  PrivacyPreferencesSchema,
  type Qualification,
  QualificationSchema,
  type Role,
  RoleSchema,
} from './participant';
export { type ActorRole, ActorRoleSchema, isStaff, roleOf } from './participantRole';
export { type PlainTextOptions, plainText } from './plainText';
export { type PluralForms, plural } from './plural';
export { pseudonymOf } from './pseudonymOf';
export { publicSchemas } from './publicSchemas';
export {
  type FieldPath,
  formatPath,
  isQuanziError,
  QuanziError,
  type QuanziErrorCode,
  type QuanziErrorOptions,
  type QuanziIssue,
  quanziErrorCodes,
} from './QuanziError';
export type { Random } from './Random';
export { ReadAllOptionsSchema } from './ReadAllOptionsSchema';
export {
  type Channel,
  ChannelSchema,
  type Media,
  MediaSchema,
  ProxySubjectSchema,
  type Report,
  type ReportInput,
  ReportSchema,
} from './report';
export type { SubscriptionCheckpoints } from './SubscriptionCheckpoints';
export { type Sensitivity, SensitivitySchema } from './sensitivity';
export { type ParsedStreamId, parseStreamId, type StreamKind, streamIdOf } from './streamId';
export { type Task, type TaskInput, TaskSchema, type TaskSource, TaskSourceSchema } from './task';
export {
  claimableTaskStates,
  isOpenForClaims,
  judgeableTaskStates,
  type TaskState,
  TaskStateSchema,
} from './taskState';
