// Re-exported so lifecycle users need not import core for the role and state vocabulary.
export {
  type ActorRole,
  ActorRoleSchema,
  type TaskState,
  TaskStateSchema,
} from '@quanzi/core';
export { type LifecycleActor, LifecycleActorSchema } from './actor';
export { compileReducer, type Reducer } from './compileReducer';
export { type Denial, type DenialCode, denialCodes } from './Denial';
export { evolveReport } from './evolveReport';
export { evolveTask, taskStateOfSlots } from './evolveTask';
export {
  createLifecycleConfig,
  type LifecycleConfig,
  type LifecycleConfigInput,
  LifecycleConfigSchema,
} from './LifecycleConfig';
export type {
  AnyLifecycleDefinition,
  Branch,
  Check,
  LifecycleCommandBase,
  LifecycleDefinition,
  LifecycleSnapshotBase,
  Route,
  TransitionResult,
} from './LifecycleDefinition';
export { type ReportCommand, type ReportCommandOf, ReportCommandSchema } from './ReportCommand';
export {
  createReportSnapshot,
  initialReportSnapshot,
  parseReportSnapshot,
  type ReportSnapshot,
  ReportSnapshotSchema,
  type ReportState,
  ReportStateSchema,
} from './ReportSnapshot';
export { reportDefinition } from './reportDefinition';
export { type TaskCommand, type TaskCommandOf, TaskCommandSchema } from './TaskCommand';
export {
  type Claim,
  type ClaimPhase,
  ClaimSchema,
  createTaskSnapshot,
  EvidenceSchema,
  initialTaskSnapshot,
  parseTaskSnapshot,
  type TaskSnapshot,
  TaskSnapshotSchema,
} from './TaskSnapshot';
export { taskDefinition } from './taskDefinition';
export { nextTaskDueAt } from './taskDue';
export { reduceReport, transitionReport } from './transitionReport';
export { reduceTask, systemActor, tickTask, transitionTask } from './transitionTask';
