import { QuanziError } from '@quanzi/core';
import { metricUnit } from './metricUnit';
import { studentTQuantile } from './studentTQuantile';
import type { ParameterValue, RunResult } from './TidyRow';

/** Mean and confidence interval of one metric at one step across the seeds of one setting. */
export interface SummaryRow {
  /** The swept parameters of this group (empty for a plain batch). */
  readonly params: Readonly<Record<string, ParameterValue>>;
  readonly step: number;
  readonly metric: string;
  /** Number of runs (seeds) in the group. */
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (0 for a single run). */
  readonly sd: number;
  /**
   * Lower and upper bound of the Student-t confidence interval of the mean, clamped to
   * the metric's range (a share stays within 0–1, a count or a duration above 0);
   * `null` when there is one run only: no interval can be estimated from one value.
   */
  readonly low: number | null;
  readonly high: number | null;
}

/** Options for {@link summarize}. */
export interface SummarizeOptions {
  /** Confidence level of the interval, 0.95 by default. */
  readonly level?: number;
  /** Only these metrics; all when omitted. */
  readonly metrics?: readonly string[];
  /** `last` keeps each run's final step only (what sweep comparisons plot). */
  readonly steps?: 'all' | 'last';
}

interface Group {
  params: Readonly<Record<string, ParameterValue>>;
  values: Map<string, { step: number; metric: string; values: number[] }>;
}

function groupRuns(results: readonly RunResult[], options: SummarizeOptions): Group[] {
  const groups = new Map<string, Group>();
  const wanted = options.metrics ? new Set(options.metrics) : undefined;
  for (const result of results) {
    const key = JSON.stringify(result.params);
    const group = groups.get(key) ?? { params: result.params, values: new Map() };
    groups.set(key, group);
    const lastStep = result.rows.reduce((max, row) => Math.max(max, row.step), 0);
    for (const row of result.rows) {
      if (wanted && !wanted.has(row.metric)) continue;
      if (options.steps === 'last' && row.step !== lastStep) continue;
      const cell = `${row.step}\u0000${row.metric}`;
      const entry = group.values.get(cell) ?? { step: row.step, metric: row.metric, values: [] };
      group.values.set(cell, entry);
      entry.values.push(row.value);
    }
  }
  return [...groups.values()];
}

function describe(metric: string, values: readonly number[], level: number) {
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const variance =
    n > 1 ? values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1) : 0;
  const sd = Math.sqrt(variance);
  if (n < 2) return { n, mean, sd, low: null, high: null };
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  // A symmetric interval can cross a bound the measure cannot: a share below 0 says nothing.
  const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY } =
    metricUnit(metric) ?? {};
  return { n, mean, sd, low: Math.max(min, mean - half), high: Math.min(max, mean + half) };
}

/**
 * Mean, standard deviation and a Student-t confidence interval of every metric at
 * every step, across the seeds of each parameter setting; the interval is clamped to
 * the metric's range ({@link metricUnit}) and `null` for a single run. Groups keep the order in
 * which their settings first appear in `results`.
 *
 * @example
 * const final = summarize(results, { steps: 'last', metrics: ['completion_rate'] });
 */
export function summarize(
  results: readonly RunResult[],
  options: SummarizeOptions = {},
): SummaryRow[] {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1))
    throw new QuanziError({
      code: 'invalid_input',
      path: ['level'],
      message: {
        en: `Confidence level ${level} must lie between 0 and 1`,
        'zh-CN': `置信水平 ${level} 必须介于 0 和 1 之间`,
      },
    });
  return groupRuns(results, options).flatMap((group) =>
    [...group.values.values()].map(({ step, metric, values }) => ({
      params: group.params,
      step,
      metric,
      ...describe(metric, values, level),
    })),
  );
}
