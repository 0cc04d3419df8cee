export { type AssessmentRow, type AssessOptions, assess } from './assess';
export type { Breakdown, BreakdownPart } from './breakdown';
export { type CircleHealth, type CircleHealthOptions, circleHealth } from './circleHealth';
export type { AssessableEvent } from './collectFacts';
export {
  type Area,
  type AreaCoverage,
  AreaSchema,
  AreasSchema,
  type GroupCoverage,
} from './coverageOf';
export { csvSafeText } from './csvSafeText';
export { type Explanation, explain } from './explain';
export { csvColumns, type ExportedRow, toCsv, toJson } from './exportRows';
export {
  type Formula,
  type FormulaInput,
  FormulaSchema,
  type Honour,
  HonourSchema,
  type Metric,
  MetricSchema,
  ScoreTermSchema,
} from './FormulaSchema';
export type { CategoryDiversity } from './fairnessAndDiversityOf';
export { effectiveCount, gini, topShare } from './gini';
export {
  createFormulaSet,
  type FormulaSet,
  formulaFor,
  type LoadFormulaOptions,
  loadFormula,
} from './loadFormula';
export type { AssessedField } from './measure';
export type { Outcomes } from './outcomesOf';
export type { Rank } from './rankRows';
export {
  inPeriod,
  type Period,
  type PeriodSpec,
  PeriodSpecSchema,
  resolvePeriod,
  splitPeriod,
} from './resolvePeriod';
export {
  type Percentiles,
  percentiles,
  type ReportResponsiveness,
  type Responsiveness,
} from './responsivenessOf';
export type { ActivityBucket, RetentionCohort } from './sustainabilityOf';
