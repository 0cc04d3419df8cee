import type { Locale, LocalizedText } from '@quanzi/core';
import type { TopicEvolution } from './evolveTopics';
import type { Coverage } from './measureCoverage';
import type { OptionScore } from './scoreOptions';

/** One line or bar group of a chart. */
export interface ChartSeries {
  readonly name: string;
  readonly points: ReadonlyArray<{ readonly x: string; readonly y: number }>;
}

/**
 * Data for one chart, independent of any plotting library: a kind, bilingual
 * titles, and named series of `{ x, y }` points.
 */
export interface ChartData {
  readonly kind: 'line' | 'bar';
  readonly title: LocalizedText;
  readonly xLabel: LocalizedText;
  readonly yLabel: LocalizedText;
  readonly series: readonly ChartSeries[];
}

/**
 * Topic evolution as a line chart: authors per time window, one line per topic.
 *
 * @example
 * topicEvolutionChart(analysis.evolution).series[0].points; // [{ x: '2026-11-29T00:00:00.000Z', y: 4 }, …]
 */
export function topicEvolutionChart(evolution: TopicEvolution): ChartData {
  return {
    kind: 'line',
    title: { en: 'Topics over time', 'zh-CN': '话题演化' },
    xLabel: { en: 'Window start', 'zh-CN': '时间窗口' },
    yLabel: { en: 'Authors', 'zh-CN': '发言人数' },
    series: evolution.tracks.map((track) => ({
      name: track.label,
      points: evolution.windows.map((w, i) => ({ x: w.start, y: track.authors[i] ?? 0 })),
    })),
  };
}

/** Support and concern per option as a grouped bar chart (authors). */
export function optionStanceChart(options: readonly OptionScore[]): ChartData {
  const bar = (name: string, pick: (o: OptionScore) => number): ChartSeries => ({
    name,
    points: options.map((o) => ({ x: o.label.en, y: pick(o) })),
  });
  return {
    kind: 'bar',
    title: { en: 'Stance by option', 'zh-CN': '各方案支持与关切' },
    xLabel: { en: 'Option', 'zh-CN': '方案' },
    yLabel: { en: 'Authors', 'zh-CN': '人数' },
    series: [
      bar('support', (o) => o.supporters),
      bar('concern', (o) => o.concerned),
      bar('mixed', (o) => o.mixed),
    ],
  };
}

/** Heard against expected share per group, as a grouped bar chart; the gaps are the missing voices. */
export function coverageChart(coverage: Coverage, by: 'areas' | 'groups' = 'groups'): ChartData {
  const rows = coverage[by];
  return {
    kind: 'bar',
    title:
      by === 'groups'
        ? { en: 'Voices by group', 'zh-CN': '各群体发声占比' }
        : { en: 'Voices by area', 'zh-CN': '各区域发声占比' },
    xLabel: by === 'groups' ? { en: 'Group', 'zh-CN': '群体' } : { en: 'Area', 'zh-CN': '区域' },
    yLabel: { en: 'Share', 'zh-CN': '占比' },
    series: [
      { name: 'heard', points: rows.map((r) => ({ x: r.id, y: r.share })) },
      { name: 'expected', points: rows.map((r) => ({ x: r.id, y: r.expectedShare })) },
    ],
  };
}

/** One inline data row of a {@link VegaLiteSpec}. */
export interface VegaLiteRow {
  x: string;
  y: number;
  series: string;
}

/**
 * A Vega-Lite specification as plain JSON with its data inline; its shape is
 * assignable to vega-lite's `TopLevelSpec` without a cast.
 */
export interface VegaLiteSpec {
  $schema: string;
  title: string;
  data: { values: VegaLiteRow[] };
  mark: { type: 'line'; point: boolean } | { type: 'bar' };
  encoding: {
    x: { field: 'x'; type: 'temporal' | 'nominal'; title: string };
    y: { field: 'y'; type: 'quantitative'; title: string };
    color: { field: 'series'; type: 'nominal'; title: null };
    xOffset?: { field: 'series' };
  };
}

/**
 * Turns chart data into a Vega-Lite spec with inline data, the form the
 * simulate report's renderer draws to SVG in Node and any browser embeds.
 *
 * @example
 * await renderChart(toVegaLite(topicEvolutionChart(analysis.evolution), 'zh-CN'));
 */
export function toVegaLite(chart: ChartData, locale: Locale = 'zh-CN'): VegaLiteSpec {
  const values = chart.series.flatMap((s) =>
    s.points.map((p) => ({ x: p.x, y: p.y, series: s.name })),
  );
  const line = chart.kind === 'line';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: chart.title[locale],
    data: { values },
    mark: line ? { type: 'line', point: true } : { type: 'bar' },
    encoding: {
      x: { field: 'x', type: line ? 'temporal' : 'nominal', title: chart.xLabel[locale] },
      y: { field: 'y', type: 'quantitative', title: chart.yLabel[locale] },
      color: { field: 'series', type: 'nominal', title: null },
      ...(line ? {} : { xOffset: { field: 'series' } }),
    },
  };
}
