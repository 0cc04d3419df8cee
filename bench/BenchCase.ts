/** What one benchmark reports: the measured path, the path it is compared with, and their ratio. */
export interface BenchResult {
  /** Throughput (or other measure) of the path under test. */
  value: number;
  /** The same measure for the comparison path, taken in the same run; omit for absolute measures. */
  baseline?: number;
  /** Free-form facts worth keeping with the number (sizes, medians). */
  details?: Record<string, number | string>;
}

/** One named benchmark in a `bench/*.bench.ts` file's default export. */
export interface BenchCase {
  /** Stable dotted name, e.g. `rules.compiled_vs_json_rules_engine`. */
  name: string;
  /** Unit of `value` and `baseline`, e.g. `decisions/s`. */
  unit: string;
  /** The ratio (value / baseline) the issue asks for, or an upper bound when `lowerIsBetter`. */
  target?: number;
  lowerIsBetter?: boolean;
  /**
   * Measure in this many fresh processes and keep the median: for tight loops whose
   * speed depends on the JIT's choices in each process, not only on the machine.
   */
  processes?: number;
  run(): Promise<BenchResult> | BenchResult;
}
