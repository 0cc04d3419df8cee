/** One observation in long ("tidy") form: a run, a step, a metric and its value. */
export interface TidyRow {
  readonly run: string;
  readonly step: number;
  readonly metric: string;
  readonly value: number;
}

/** A value of a swept scenario parameter. */
export type ParameterValue = string | number | boolean | null;

/** Everything one run produced. */
export interface RunResult {
  /** Stable label, e.g. `game.multiplier=3|seed=2`. */
  readonly run: string;
  readonly seed: number;
  /** The swept parameters this run used (empty for a plain batch). */
  readonly params: Readonly<Record<string, ParameterValue>>;
  /** The tidy rows, recorded every `sampleEveryHours` steps and at the end. */
  readonly rows: readonly TidyRow[];
}
