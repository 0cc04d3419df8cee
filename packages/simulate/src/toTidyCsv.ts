import { stringify } from 'csv-stringify/sync';
import type { RunResult, TidyRow } from './TidyRow';

/** The rows of runs, or the rows themselves. */
export function rowsOf(input: readonly RunResult[] | readonly TidyRow[]): readonly TidyRow[] {
  return input.flatMap((item) => ('rows' in item ? item.rows : [item]));
}

/**
 * The tidy rows of one or more runs as CSV with the columns `run,step,metric,value`.
 *
 * @example
 * writeFileSync('runs.csv', toTidyCsv(results));
 */
export function toTidyCsv(input: readonly RunResult[] | readonly TidyRow[]): string {
  return stringify(
    rowsOf(input).map((row) => [row.run, row.step, row.metric, row.value]),
    { header: true, columns: ['run', 'step', 'metric', 'value'] },
  );
}
