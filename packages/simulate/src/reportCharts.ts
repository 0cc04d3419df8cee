import type { LocalizedText } from '@quanzi/core';

/** A time-series chart of the report: which metrics it plots and how. */
export interface TimeChart {
  readonly id: string;
  readonly title: LocalizedText;
  /** Metric names, or a prefix ending in `.` that selects a family (`level_share.`). */
  readonly metrics: readonly string[];
  /** `lines`: mean with a confidence band per setting; `stack`: stacked shares. */
  readonly kind: 'lines' | 'stack';
}

// biome-ignore format: one chart per line reads as a table of contents
export const timeCharts: readonly TimeChart[] = [
  { id: 'participation', title: { en: 'Participation (share of agents active each day)', 'zh-CN': '参与度（每日活跃人员占比）' }, metrics: ['participation_rate'], kind: 'lines' },
  { id: 'activity', title: { en: 'Tasks claimed and resolved per day', 'zh-CN': '每日认领与解决的任务数' }, metrics: ['tasks_claimed', 'tasks_resolved'], kind: 'lines' },
  { id: 'completion', title: { en: 'Completion', 'zh-CN': '完成率' }, metrics: ['completion_rate'], kind: 'lines' },
  { id: 'response', title: { en: 'Response time (hours)', 'zh-CN': '响应时间（小时）' }, metrics: ['response_hours'], kind: 'lines' },
  { id: 'fairness', title: { en: 'Fairness (Gini of completed tasks)', 'zh-CN': '公平性（完成任务的基尼系数）' }, metrics: ['gini_tasks'], kind: 'lines' },
  { id: 'noise', title: { en: 'Claims on false reports', 'zh-CN': '认领到虚假信息任务的比例' }, metrics: ['noise_claim_share'], kind: 'lines' },
  { id: 'levels', title: { en: 'Level distribution', 'zh-CN': '等级分布' }, metrics: ['level_share.'], kind: 'stack' },
  { id: 'strategies', title: { en: 'Strategies (public-goods game)', 'zh-CN': '策略（公共品博弈）' }, metrics: ['share_cooperators', 'share_defectors', 'share_loners'], kind: 'lines' },
];

/** Metrics compared across sweep settings at the final step. */
export const comparedMetrics: readonly string[] = [
  'participation_rate',
  'tasks_claimed',
  'completion_rate',
  'response_hours',
  'gini_tasks',
  'noise_claim_share',
  'mean_level',
  'share_loners',
];

/** Does `metric` belong to `chart`? */
export function chartHas(chart: TimeChart, metric: string): boolean {
  return chart.metrics.some((name) =>
    name.endsWith('.') ? metric.startsWith(name) : metric === name,
  );
}
