export { type BuiltInCode, builtInCodes, type DenyRule } from './builtInRules';
export {
  type Condition,
  ConditionSchema,
  type FactCondition,
  type FactId,
  FactIdSchema,
  type TopLevelCondition,
  TopLevelConditionSchema,
} from './ConditionSchema';
export type { CompileMode } from './compileCondition';
export type { Decision, Policy } from './createPolicy';
export {
  createTaskIndex,
  type NearbyOptions,
  NearbyOptionsSchema,
  type NearbyPage,
  type TaskIndex,
} from './createTaskIndex';
export type { Reason, Unlock } from './explainDenial';
export type {
  CircleView,
  ContextView,
  DecisionContext,
  DecisionFacts,
  ParticipantFacts,
  ParticipantView,
  ResolvedCategory,
  TaskFacts,
  TaskView,
} from './facts';
export { type LoadPolicyOptions, loadPolicy } from './loadPolicy';
export { type OperatorName, operatorNames } from './operators';
export {
  type Action,
  ActionSchema,
  type Audience,
  AudienceSchema,
  actions,
  type CustomRule,
  CustomRuleSchema,
  type PolicyCategory,
  PolicyCategorySchema,
  type PolicyDocument,
  PolicySchema,
  type Tier,
  TierSchema,
} from './PolicySchema';
export type { NearbyTask, RankingWeights } from './rankNearby';
