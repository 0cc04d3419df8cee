import type { RunResult } from './TidyRow';
import { rowsOf } from './toTidyCsv';

/**
 * The runs as JSON: `{ runs: [{ run, seed, params }], rows: [{ run, step, metric, value }] }`.
 *
 * @example
 * writeFileSync('runs.json', toTidyJson(results));
 */
export function toTidyJson(results: readonly RunResult[]): string {
  const runs = results.map(({ run, seed, params }) => ({ run, seed, params }));
  return `${JSON.stringify({ runs, rows: rowsOf(results) }, null, 2)}\n`;
}
