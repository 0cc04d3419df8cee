import type { LocalizedText } from '@quanzi/core';

/** What a simulated metric counts and the range its values can take. */
export interface MetricUnit {
  /** The unit, e.g. `share (0–1)`, `tasks per day`, `hours`. */
  readonly unit: LocalizedText;
  /** The smallest possible value (0 for counts, shares and hours). */
  readonly min?: number;
  /** The largest possible value (1 for shares and Gini coefficients). */
  readonly max?: number;
}

const share: MetricUnit = { unit: { en: 'share (0–1)', 'zh-CN': '比例（0–1）' }, min: 0, max: 1 };
const agents: MetricUnit = { unit: { en: 'agents', 'zh-CN': '人' }, min: 0 };
const tasks: MetricUnit = { unit: { en: 'tasks', 'zh-CN': '件任务' }, min: 0 };

// biome-ignore format: one metric per line reads as a data dictionary
const units: Readonly<Record<string, MetricUnit>> = {
  remaining_agents: agents,
  active_agents: agents,
  participation_rate: share,
  tasks_arrived: tasks,
  tasks_claimed: tasks,
  tasks_resolved: tasks,
  tasks_expired: tasks,
  tasks_open: tasks,
  completion_rate: share,
  noise_claim_share: share,
  points_awarded: { unit: { en: 'points', 'zh-CN': '积分' }, min: 0 },
  collusion_points_share: share,
  gini_tasks: { unit: { en: 'Gini (0–1)', 'zh-CN': '基尼系数（0–1）' }, min: 0, max: 1 },
  gini_points: { unit: { en: 'Gini (0–1)', 'zh-CN': '基尼系数（0–1）' }, min: 0, max: 1 },
  mean_level: { unit: { en: 'level', 'zh-CN': '级' }, min: 0 },
  response_hours: { unit: { en: 'hours', 'zh-CN': '小时' }, min: 0 },
  share_cooperators: share,
  share_defectors: share,
  share_loners: share,
  // Payoffs are gains minus contributions: they can be negative.
  mean_payoff: { unit: { en: 'payoff per agent', 'zh-CN': '人均收益' } },
};

/**
 * The unit and range of a metric the simulator records (`level_share.<n>` included),
 * or `undefined` for a metric it does not know.
 *
 * @example
 * metricUnit('response_hours'); // { unit: { en: 'hours', 'zh-CN': '小时' }, min: 0 }
 */
export function metricUnit(metric: string): MetricUnit | undefined {
  if (metric.startsWith('level_share.')) return share;
  // Own keys only: a metric called `constructor` has no unit.
  return Object.hasOwn(units, metric) ? units[metric] : undefined;
}
