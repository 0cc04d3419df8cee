// Runs every bench/*.bench.ts (or those whose case names start with the given
// filter) and merges the results into bench/results.json.
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

const here = import.meta.dirname;
const filter = process.argv[2] ?? '';
const resultsFile = join(here, 'results.json');
const previous: ResultRow[] = (() => {
  try {
    return JSON.parse(readFileSync(resultsFile, 'utf8')) as ResultRow[];
  } catch {
    return [];
  }
})();
const rows = new Map(previous.map((row) => [row.name, row]));

const files = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .sort();
for (const file of files) {
  const cases = (await import(pathToFileURL(join(here, file)).href)).default as BenchCase[];
  for (const benchCase of cases) {
    if (!benchCase.name.startsWith(filter)) continue;
    const result = await benchCase.run();
    const ratio = result.baseline ? result.value / result.baseline : null;
    const measure = ratio ?? result.value;
    const target = benchCase.target ?? null;
    const met =
      target === null ? null : benchCase.lowerIsBetter ? measure <= target : measure >= target;
    const row: ResultRow = {
      name: benchCase.name,
      unit: benchCase.unit,
      value: result.value,
      baseline: result.baseline ?? null,
      ratio,
      target,
      met,
      ...(result.details ? { details: result.details } : {}),
      measuredAt: new Date().toISOString(),
    };
    rows.set(row.name, row);
    const shown =
      ratio === null ? `${result.value.toPrecision(4)} ${row.unit}` : `ratio ${ratio.toFixed(1)}`;
    console.log(
      `${row.name}: ${shown}${target === null ? '' : ` (target ${target}: ${met ? 'met' : 'NOT met'})`}`,
    );
  }
}
const sorted = [...rows.values()].sort((a, b) => a.name.localeCompare(b.name));
writeFileSync(resultsFile, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`Wrote ${resultsFile}`);
