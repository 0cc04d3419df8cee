import type { Scenario } from './ScenarioSchema';
import type { ParameterValue, RunResult } from './TidyRow';

/** One run of a sweep, as sent to a worker: plain data only. */
export interface SweepJob {
  readonly index: number;
  readonly scenario: Scenario;
  readonly seed: number;
  readonly run: string;
  readonly params: Readonly<Record<string, ParameterValue>>;
}

/** A message from a sweep worker. */
export type SweepWorkerMessage =
  | { readonly type: 'progress'; readonly index: number; readonly step: number }
  | { readonly type: 'result'; readonly index: number; readonly result: RunResult }
  | { readonly type: 'error'; readonly index: number; readonly error: unknown };
