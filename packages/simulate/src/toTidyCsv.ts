import { stringify } from 'csv-stringify/sync';
import { metricUnit } from './metricUnit';
import type { RunResult } from './TidyRow';

/**
 * The tidy rows of one or more runs as CSV, ready for R, pandas or a spreadsheet: one
 * column per swept parameter (named by its scenario path, sorted), then `seed`,
 * `hour` (hours since the start), `metric`, `unit` (e.g. `share (0–1)`, `hours`) and
 * `value`. A run without a parameter another run swept leaves that cell empty.
 *
 * @example
 * writeFileSync('runs.csv', toTidyCsv(results));
 * // game.multiplier,seed,hour,metric,unit,value
 * // 3,1,24,participation_rate,share (0–1),0.42
 */
export function toTidyCsv(results: readonly RunResult[]): string {
  const params = [...new Set(results.flatMap((result) => Object.keys(result.params)))].sort();
  const rows = results.flatMap((result) => {
    const settings = params.map((name) => result.params[name] ?? '');
    return result.rows.map((row) => [
      ...settings,
      result.seed,
      row.step,
      row.metric,
      metricUnit(row.metric)?.unit.en ?? '',
      row.value,
    ]);
  });
  return stringify(rows, {
    header: true,
    columns: [...params, 'seed', 'hour', 'metric', 'unit', 'value'],
    cast: { boolean: (value) => String(value) },
  });
}
