import type { Category } from '@quanzi/core';
import {
  type Breakdown,
  type BreakdownPart,
  clampSum,
  eventIdsOf,
  part,
  totalOf,
} from './breakdown';
import type { CircleFacts, Deed } from './collectFacts';
import type { Formula, Metric } from './FormulaSchema';

/** Every number an assessment row carries; each has a {@link Breakdown}. */
export type AssessedField = Metric | 'pay' | 'score';

/** How each field combines its parts. */
export const fieldCombine: Readonly<Record<AssessedField, Breakdown['combine']>> = {
  tasksCompleted: 'sum',
  workload: 'sum',
  completionRate: 'mean',
  onTimeRate: 'mean',
  averageRating: 'mean',
  reworkCount: 'sum',
  classicCases: 'sum',
  points: 'sum',
  pay: 'sum',
  score: 'sum',
};

/** The breakdowns of one participant's numbers, plus their workload by category. */
export interface Measures {
  readonly breakdown: Record<AssessedField, Breakdown>;
  readonly workloadByCategory: Record<string, number>;
}

const sum = (parts: BreakdownPart[]): Breakdown => ({ combine: 'sum', parts });
const mean = (parts: BreakdownPart[]): Breakdown => ({ combine: 'mean', parts });
const round = (x: number) => Math.round(x * 1e6) / 1e6;

function difficultyOf(
  facts: CircleFacts,
  taskId: string,
  formula: Formula,
  categories: Map<string, Category>,
) {
  const task = facts.tasks.get(taskId);
  const category = task?.category ?? 'unknown';
  const difficulty =
    task?.difficulty ??
    categories.get(category)?.defaultDifficulty ??
    formula.workload.defaultDifficulty;
  return { category, difficulty };
}

function workload(
  deeds: Deed[],
  facts: CircleFacts,
  formula: Formula,
  categories: Map<string, Category>,
) {
  const byCategory: Record<string, number> = {};
  const parts = deeds.map((d) => {
    const { category, difficulty } = difficultyOf(facts, d.taskId, formula, categories);
    const base = formula.workload.difficultyWeights[difficulty - 1] ?? 0;
    const weight = formula.workload.categoryWeights[category] ?? 1;
    const share = formula.workload.splitAmongClaimants ? d.amount : 1;
    const amount = round((base * weight) / share);
    byCategory[category] = round((byCategory[category] ?? 0) + amount);
    const how = `${base} × ${weight} / ${share}`;
    return part(
      `task ${d.taskId} (${category}, difficulty ${difficulty}): ${how}`,
      `任务 ${d.taskId}（${category}，难度 ${difficulty}）：${how}`,
      amount,
      [d.eventId],
    );
  });
  return { parts: clampSum(parts, undefined, formula.workload.cap), byCategory };
}

function pay(points: number, eventIds: string[], formula: Formula): BreakdownPart[] {
  const { base, bands, cap, currency } = formula.pay;
  const parts = base > 0 ? [part(`base pay`, `基本报酬`, base, [])] : [];
  let floor = 0;
  for (const band of bands) {
    const top = Math.min(points, band.upToPoints ?? Number.POSITIVE_INFINITY);
    if (top <= floor) break;
    const range = `${floor}–${band.upToPoints ?? '∞'}`;
    const how = `${top - floor} × ${band.perPoint} ${currency}`;
    parts.push(
      part(
        `points ${range}: ${how}`,
        `积分 ${range}：${how}`,
        round((top - floor) * band.perPoint),
        eventIds,
      ),
    );
    floor = top;
  }
  return clampSum(parts, undefined, cap);
}

function score(
  breakdown: Omit<Record<AssessedField, Breakdown>, 'score' | 'pay'>,
  formula: Formula,
) {
  const parts = formula.score.terms.map((term) => {
    const metric = breakdown[term.metric];
    const value = totalOf(metric);
    const raw = (value ?? 0) * term.weight;
    const amount = round(term.cap === undefined ? raw : Math.min(term.cap, raw));
    const shown = value === null ? 'no data' : String(round(value));
    const capNote = term.cap === undefined ? '' : ` (cap ${term.cap})`;
    return part(
      `${term.metric} ${shown} × ${term.weight}${capNote}`,
      `${term.metric} ${value === null ? '无数据' : shown} × ${term.weight}${capNote}`,
      amount,
      eventIdsOf(metric),
    );
  });
  return clampSum(parts, formula.score.min, formula.score.max);
}

const eventPart = (label: string, zh: string) => (d: Deed, amount: number) =>
  part(`${label} ${d.taskId}`, `${zh} ${d.taskId}`, amount, [d.eventId]);

/**
 * Computes one participant's numbers from their deeds in the period under a formula.
 * Every number is the sum or mean of parts that each name their events.
 */
export function measure(
  deeds: Deed[],
  facts: CircleFacts,
  formula: Formula,
  categories: Map<string, Category>,
): Measures {
  const of = (kind: Deed['kind']) => deeds.filter((d) => d.kind === kind);
  const completed = of('completed');
  const rewarded = of('rewarded');
  const work = workload(completed, facts, formula, categories);
  const pointParts = clampSum(
    rewarded.map((d) => eventPart('reward for', '奖励 任务')(d, d.amount)),
    undefined,
    formula.points.cap,
  );
  const outcomes = [...completed, ...of('failed')].sort((a, b) => a.time - b.time);
  const base = {
    tasksCompleted: sum(completed.map((d) => eventPart('accepted', '验收通过')(d, 1))),
    workload: sum(work.parts),
    completionRate: mean(
      outcomes.map((d) =>
        d.kind === 'completed'
          ? eventPart('accepted', '验收通过')(d, 1)
          : eventPart('not completed', '未完成')(d, 0),
      ),
    ),
    onTimeRate: mean(
      completed.map((d) =>
        d.onTime ? eventPart('on time', '按时')(d, 1) : eventPart('late', '超时')(d, 0),
      ),
    ),
    averageRating: mean(of('rated').map((d) => eventPart('rating for', '评分 任务')(d, d.amount))),
    reworkCount: sum(of('rework').map((d) => eventPart('rework on', '返工 任务')(d, 1))),
    classicCases: sum(of('classic').map((d) => eventPart('classic case', '经典案例')(d, 1))),
    points: sum(pointParts),
  };
  const points = totalOf(base.points) ?? 0;
  const breakdown = {
    ...base,
    pay: sum(
      pay(
        points,
        rewarded.map((d) => d.eventId),
        formula,
      ),
    ),
    score: sum(score(base, formula)),
  };
  return { breakdown, workloadByCategory: work.byCategory };
}
