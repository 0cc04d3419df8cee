import type { RunResult } from './TidyRow';

/**
 * The runs as JSON: `{ runs: [{ run, seed, params }], rows: [{ run, step, metric, value }] }`.
 *
 * @example
 * writeFileSync('runs.json', toTidyJson(results));
 */
export function toTidyJson(results: readonly RunResult[]): string {
  const runs = results.map(({ run, seed, params }) => ({ run, seed, params }));
  const rows = results.flatMap((result) => result.rows);
  return `${JSON.stringify({ runs, rows }, null, 2)}\n`;
}
