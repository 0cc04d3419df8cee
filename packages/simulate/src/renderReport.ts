import type { Locale } from '@quanzi/core';
import type { TopLevelSpec } from 'vega-lite';
import { metricUnit } from './metricUnit';
import { renderChart } from './renderChart';
import { chartHas, comparedMetrics, type TimeChart, timeCharts } from './reportCharts';
import { type SummaryRow, summarize } from './summarize';
import type { ParameterValue, RunResult } from './TidyRow';

/** What {@link renderReport} needs. */
export interface ReportInput {
  readonly title: string;
  readonly description?: string;
  readonly results: readonly RunResult[];
  /** Language of headings and chart titles; English by default. */
  readonly lang?: Locale;
}

const words = {
  runs: { en: 'runs', 'zh-CN': '次运行' },
  day: { en: 'day', 'zh-CN': '天' },
  sweep: {
    en: 'Sweep comparison (final day, mean and 95% CI)',
    'zh-CN': '参数扫描对比（最后一天，均值与95%置信区间）',
  },
  table: { en: 'Final values across seeds', 'zh-CN': '各随机种子的最终值' },
  metric: { en: 'metric', 'zh-CN': '指标' },
  setting: { en: 'setting', 'zh-CN': '设置' },
  mean: { en: 'mean', 'zh-CN': '均值' },
  ci: { en: '95% CI', 'zh-CN': '95%置信区间' },
  unit: { en: 'unit', 'zh-CN': '单位' },
  notAvailable: { en: 'not available (1 run)', 'zh-CN': '无法估计（仅 1 次运行）' },
} as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function settingOf(params: Readonly<Record<string, ParameterValue>>): string {
  const entries = Object.entries(params);
  return entries.length
    ? entries.map(([key, value]) => `${key}=${String(value)}`).join(', ')
    : 'baseline';
}

const round = (value: number) => Math.round(value * 1e4) / 1e4;
// A missing bound stays missing: Vega-Lite leaves the band out instead of drawing it at 0.
const roundOrNull = (value: number | null) => (value === null ? null : round(value));
const unitTitle = (metric: string | undefined, lang: Locale) =>
  (metric === undefined ? undefined : metricUnit(metric)?.unit[lang]) ?? null;
const legend = { orient: 'bottom', columns: 1, labelLimit: 600 } as const;

function timeSpec(chart: TimeChart, rows: readonly SummaryRow[], lang: Locale): TopLevelSpec {
  const values = rows.map((row) => ({
    day: row.step / 24,
    setting: settingOf(row.params),
    metric: row.metric,
    series: `${settingOf(row.params)} · ${row.metric}`,
    mean: round(row.mean),
    low: roundOrNull(row.low),
    high: roundOrNull(row.high),
  }));
  const yTitle = unitTitle(rows[0]?.metric, lang);
  const x = { field: 'day', type: 'quantitative', title: words.day[lang] } as const;
  if (chart.kind === 'stack')
    return {
      title: chart.title[lang],
      data: { values },
      facet: { field: 'setting', type: 'nominal', title: null },
      columns: 2,
      spec: {
        width: 320,
        height: 180,
        mark: 'area',
        encoding: {
          x,
          y: { field: 'mean', type: 'quantitative', stack: 'zero', title: yTitle },
          color: { field: 'metric', type: 'nominal', title: null },
        },
      },
    };
  return {
    title: chart.title[lang],
    width: 640,
    height: 220,
    data: { values },
    encoding: { x, color: { field: 'series', type: 'nominal', title: null, legend } },
    layer: [
      {
        mark: { type: 'area', opacity: 0.2 },
        encoding: {
          y: { field: 'low', type: 'quantitative', title: yTitle },
          y2: { field: 'high' },
        },
      },
      { mark: 'line', encoding: { y: { field: 'mean', type: 'quantitative' } } },
    ],
  };
}

function sweepSpec(rows: readonly SummaryRow[], lang: Locale): TopLevelSpec {
  const values = rows.map((row) => ({
    setting: settingOf(row.params),
    metric: `${row.metric} (${unitTitle(row.metric, lang) ?? '—'})`,
    mean: round(row.mean),
    low: roundOrNull(row.low),
    high: roundOrNull(row.high),
  }));
  return {
    title: words.sweep[lang],
    data: { values },
    facet: { field: 'metric', type: 'nominal', title: null },
    columns: 3,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 200,
      height: 160,
      encoding: {
        x: {
          field: 'setting',
          type: 'nominal',
          title: null,
          axis: { labelAngle: -30, labelLimit: 300 },
        },
      },
      layer: [
        {
          mark: 'rule',
          encoding: {
            y: { field: 'low', type: 'quantitative', title: null },
            y2: { field: 'high' },
          },
        },
        {
          mark: { type: 'point', filled: true },
          encoding: { y: { field: 'mean', type: 'quantitative' } },
        },
      ],
    },
  };
}

function finalTable(rows: readonly SummaryRow[], lang: Locale): string {
  const head = [words.metric, words.unit, words.setting, words.mean, words.ci]
    .map((word) => `<th>${word[lang]}</th>`)
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr><td>${escapeHtml(row.metric)}</td><td>${unitTitle(row.metric, lang) ?? '—'}</td><td>${escapeHtml(settingOf(row.params))}</td><td>${round(row.mean)}</td><td>${row.low === null || row.high === null ? words.notAvailable[lang] : `${round(row.low)} – ${round(row.high)}`}</td></tr>`,
    )
    .join('\n');
  return `<h2>${words.table[lang]}</h2>\n<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/**
 * A self-contained HTML report of runs or a sweep: charts of participation,
 * completion, response time, fairness, claims on false reports, level distribution
 * and strategy shares over time (mean and 95% CI across seeds), a sweep comparison
 * and a table of final values. Charts are inline SVG rendered in Node by Vega-Lite,
 * so the file opens offline with no scripts.
 *
 * @example
 * writeFileSync('report.html', await renderReport({ title: scenario.name, results }));
 */
export async function renderReport(input: ReportInput): Promise<string> {
  const lang = input.lang ?? 'en';
  const summary = summarize(input.results);
  const final = summarize(input.results, { steps: 'last' });
  const specs = timeCharts
    .map((chart) => ({ chart, rows: summary.filter((row) => chartHas(chart, row.metric)) }))
    .filter(({ rows }) => rows.length > 0)
    .map(({ chart, rows }) => timeSpec(chart, rows, lang));
  const settings = new Set(input.results.map((result) => JSON.stringify(result.params)));
  const compared = final.filter((row) => comparedMetrics.includes(row.metric));
  if (settings.size > 1 && compared.length > 0) specs.push(sweepSpec(compared, lang));
  const svgs = await Promise.all(specs.map(renderChart));
  const description = input.description ? `<p>${escapeHtml(input.description)}</p>` : '';
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px}figure{margin:1.5rem 0}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}</style>
</head><body>
<h1>${escapeHtml(input.title)}</h1>
${description}<p>${input.results.length} ${words.runs[lang]}</p>
${svgs.map((svg) => `<figure>${svg}</figure>`).join('\n')}
${finalTable(final, lang)}
</body></html>
`;
}
