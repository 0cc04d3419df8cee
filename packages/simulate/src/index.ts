export type { EventSink, SimEvent } from './createTaskRunner';
export { type LoadScenarioOptions, loadScenario } from './loadScenario';
export { type MetricUnit, metricUnit } from './metricUnit';
export type { Progress, ProgressListener } from './Progress';
export { expandGrid, parseSweep, type SweepAxis } from './parseSweep';
export { renderChart } from './renderChart';
export { type ReportInput, renderReport } from './renderReport';
export { type RunOptions, runScenario, stepsOf } from './runScenario';
export { runSweep, type SweepOptions, seedsFor } from './runSweep';
export {
  type Arrival,
  ArrivalSchema,
  type Behaviour,
  BehaviourSchema,
  type Population,
  PopulationSchema,
  type PublicGoods,
  PublicGoodsSchema,
  type Scenario,
  type ScenarioInput,
  ScenarioSchema,
  type Scheme,
  SchemeSchema,
} from './ScenarioSchema';
export { type SummarizeOptions, type SummaryRow, summarize } from './summarize';
export type { ParameterValue, RunResult, TidyRow } from './TidyRow';
export { toTidyCsv } from './toTidyCsv';
export { toTidyJson } from './toTidyJson';
export { withParameters } from './withParameters';
