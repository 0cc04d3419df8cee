// Runs every bench/*.bench.ts (or those whose case names start with the given
// filter) and merges the results into bench/results.json. Each file runs in its own
// process: code shared between benches (the rules' fact builders, say) would
// otherwise carry type feedback from earlier files, and a ratio would depend on
// which benches happened to run before it.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchCase } from './BenchCase';

interface ResultRow {
  name: string;
  unit: string;
  value: number;
  baseline: number | null;
  ratio: number | null;
  target: number | null;
  met: boolean | null;
  details?: Record<string, number | string>;
  measuredAt: string;
}

/** What a child process reports for one case. */
interface Measured {
  row: ResultRow;
  processes: number;
  lowerIsBetter: boolean;
}

const here = import.meta.dirname;
const [filter = '', childFile] = process.argv.slice(2);
const resultsFile = join(here, 'results.json');
const rowMarker = 'BENCH_ROW ';

/** Child: runs the matching cases of one file and prints each result as a marked line. */
async function runFile(file: string) {
  const cases = (await import(pathToFileURL(join(here, file)).href)).default as BenchCase[];
  for (const benchCase of cases) {
    if (!benchCase.name.startsWith(filter)) continue;
    const result = await benchCase.run();
    const row: ResultRow = {
      name: benchCase.name,
      unit: benchCase.unit,
      value: result.value,
      baseline: result.baseline ?? null,
      ratio: result.baseline ? result.value / result.baseline : null,
      target: benchCase.target ?? null,
      met: null,
      ...(result.details ? { details: result.details } : {}),
      measuredAt: new Date().toISOString(),
    };
    const measured: Measured = {
      row,
      processes: benchCase.processes ?? 1,
      lowerIsBetter: benchCase.lowerIsBetter ?? false,
    };
    console.log(rowMarker + JSON.stringify(measured));
  }
}

function spawnFile(file: string, caseFilter: string): Measured[] {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, import.meta.filename, caseFilter, file],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const lines = child.stdout.split('\n');
  for (const line of lines) if (line !== '' && !line.startsWith(rowMarker)) console.log(line);
  if (child.status !== 0) process.exit(child.status ?? 1);
  return lines
    .filter((line) => line.startsWith(rowMarker))
    .map((line) => JSON.parse(line.slice(rowMarker.length)) as Measured);
}

const measureOf = (row: ResultRow) => row.ratio ?? row.value;

/** Parent: one process per file, more for cases that ask for it; the median wins. */
function runAll() {
  const rows = new Map<string, ResultRow>();
  try {
    for (const row of JSON.parse(readFileSync(resultsFile, 'utf8')) as ResultRow[])
      rows.set(row.name, row);
  } catch {
    // No results yet: start a fresh file.
  }
  const files = readdirSync(here)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort();
  for (const file of files) {
    for (const first of spawnFile(file, filter)) {
      const runs = [first.row];
      for (let n = 1; n < first.processes; n++)
        runs.push(...spawnFile(file, first.row.name).map((again) => again.row));
      const sorted = [...runs].sort((a, b) => measureOf(a) - measureOf(b));
      const median = sorted[Math.floor(sorted.length / 2)] as ResultRow;
      const measure = measureOf(median);
      const row: ResultRow = {
        ...median,
        met:
          median.target === null
            ? null
            : first.lowerIsBetter
              ? measure <= median.target
              : measure >= median.target,
        ...(runs.length > 1
          ? {
              details: {
                ...median.details,
                processes: runs.map((run) => Number(measureOf(run).toPrecision(4))).join(' '),
              },
            }
          : {}),
      };
      rows.set(row.name, row);
      const shown =
        row.ratio === null
          ? `${row.value.toPrecision(4)} ${row.unit}`
          : `ratio ${row.ratio.toFixed(1)}${runs.length > 1 ? ` (median of ${runs.length} processes)` : ''}`;
      const verdict =
        row.target === null ? '' : ` (target ${row.target}: ${row.met ? 'met' : 'NOT met'})`;
      console.log(`${row.name}: ${shown}${verdict}`);
    }
  }
  const sorted = [...rows.values()].sort((a, b) => a.name.localeCompare(b.name));
  writeFileSync(resultsFile, `${JSON.stringify(sorted, null, 2)}\n`);
  console.log(`Wrote ${resultsFile}`);
}

if (childFile === undefined) runAll();
else await runFile(childFile);
