import type { Locale } from '@quanzi/core';
import { metricUnit, type SummaryRow } from '@quanzi/simulate';
import { displayWidth, padDisplay, padDisplayStart } from './padDisplay';

const headings = {
  metric: { en: 'metric', 'zh-CN': '指标' },
  unit: { en: 'unit', 'zh-CN': '单位' },
  mean: { en: 'mean', 'zh-CN': '均值' },
  interval: { en: '95% interval', 'zh-CN': '95% 置信区间' },
  n: { en: 'runs', 'zh-CN': '次数' },
  none: { en: 'not available', 'zh-CN': '无法估计' },
} as const;

// Three decimals show shares and Gini coefficients; whole counts need none.
const number = (value: number) =>
  Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/\.?0+$/, '');

/**
 * The summary of a simulation as a terminal table: one column per swept parameter,
 * then the metric, its unit, the mean, the 95% interval of the mean (or "not
 * available" for a single run) and the number of runs, padded by display width so
 * Chinese units line up.
 */
export function renderSummary(summary: readonly SummaryRow[], lang: Locale): string {
  const parameters = [...new Set(summary.flatMap((row) => Object.keys(row.params)))];
  const head = [
    ...parameters,
    headings.metric[lang],
    headings.unit[lang],
    headings.mean[lang],
    headings.interval[lang],
    headings.n[lang],
  ];
  const rows = summary.map((row) => [
    ...parameters.map((name) => String(row.params[name] ?? '')),
    row.metric,
    metricUnit(row.metric)?.unit[lang] ?? '',
    number(row.mean),
    row.low === null || row.high === null
      ? headings.none[lang]
      : `${number(row.low)} – ${number(row.high)}`,
    String(row.n),
  ]);
  const widths = head.map((cell, i) =>
    Math.max(displayWidth(cell), ...rows.map((row) => displayWidth(row[i] ?? ''))),
  );
  // Numbers (mean and runs) right-aligned, text left-aligned.
  const numeric = new Set([parameters.length + 2, parameters.length + 4]);
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) =>
        numeric.has(i) ? padDisplayStart(cell, widths[i] ?? 0) : padDisplay(cell, widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}
