import { type CircleFacts, isStaffMember } from './collectFacts';
import { effectiveCount, gini, topShare } from './gini';
import { inPeriod, type Period } from './resolvePeriod';

/** Who solves one category's tasks. */
export interface CategoryDiversity {
  readonly tasksCompleted: number;
  readonly solvers: number;
  /** The effective number of solvers: equal to `solvers` when they share evenly, 1 when one does all. */
  readonly effectiveSolvers: number;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

function completionsInPeriod(facts: CircleFacts, period: Period) {
  const per = new Map<string, { tasks: number; points: number; categories: Map<string, number> }>();
  for (const [id, deeds] of facts.deeds) {
    if (isStaffMember(facts, id)) continue;
    const entry = { tasks: 0, points: 0, categories: new Map<string, number>() };
    for (const d of deeds) {
      if (!inPeriod(d.time, period)) continue;
      if (d.kind === 'rewarded') entry.points += d.amount;
      if (d.kind !== 'completed') continue;
      entry.tasks += 1;
      const category = facts.tasks.get(d.taskId)?.category ?? 'unknown';
      entry.categories.set(category, (entry.categories.get(category) ?? 0) + 1);
    }
    per.set(id, entry);
  }
  // Registered members of the crowd who did nothing still count: their zero is the point.
  for (const p of facts.participants.values())
    if (!isStaffMember(facts, p.id) && p.kind !== 'team' && !per.has(p.id))
      per.set(p.id, { tasks: 0, points: 0, categories: new Map() });
  return per;
}

/**
 * Fairness (Gini of tasks and points, share of the top `k`) and diversity (who
 * solves what, by category and role) over the crowd: every registered non-staff
 * participant, active or not, plus anyone unregistered who did work.
 */
export function fairnessAndDiversityOf(facts: CircleFacts, period: Period, topK: number) {
  const per = completionsInPeriod(facts, period);
  const tasks = [...per.values()].map((e) => e.tasks);
  const points = [...per.values()].map((e) => e.points);
  const shareOf = (values: number[]) => {
    const s = topShare(values, topK);
    return s === null ? null : round(s);
  };
  const solversBy = new Map<string, number[]>();
  const byRole: Record<string, number> = {};
  for (const [id, entry] of per) {
    for (const [category, n] of entry.categories)
      solversBy.set(category, [...(solversBy.get(category) ?? []), n]);
    const roles = facts.participants.get(id)?.roles ?? [];
    for (const role of roles.length > 0 ? roles : ['none'])
      byRole[role] = (byRole[role] ?? 0) + entry.tasks;
  }
  const byCategory: Record<string, CategoryDiversity> = {};
  for (const [category, counts] of [...solversBy].sort(([a], [b]) => a.localeCompare(b)))
    byCategory[category] = {
      tasksCompleted: counts.reduce((a, b) => a + b, 0),
      solvers: counts.length,
      effectiveSolvers: round(effectiveCount(counts)),
    };
  return {
    fairness: {
      participants: per.size,
      giniTasks: round(gini(tasks)),
      giniPoints: round(gini(points)),
      topK,
      topKTaskShare: shareOf(tasks),
      topKPointShare: shareOf(points),
    },
    diversity: { byCategory, tasksByRole: byRole },
  };
}
