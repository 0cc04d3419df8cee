import { type Breakdown, eventIdsOf, part, totalOf } from './breakdown';
import { type AssessedField, fieldCombine, type Measures } from './measure';

const memberPart = (id: string, b: Breakdown) =>
  part(`member ${id}`, `成员 ${id}`, totalOf(b) ?? 0, eventIdsOf(b));

/** A team member as the team's rows name them: an id, or a pseudonym for anonymous members. */
export type TeamMember = readonly [shownAs: string, measures: Measures];

/**
 * A team's numbers from its members' (the team itself counts as a member when it
 * claims as one): sums add one part per member, rates and ratings pool every
 * member's outcomes, and the score is the members' mean score.
 */
export function teamMeasures(members: readonly TeamMember[]): Measures {
  const breakdown = {} as Record<AssessedField, Breakdown>;
  for (const [field, combine] of Object.entries(fieldCombine) as [
    AssessedField,
    Breakdown['combine'],
  ][]) {
    const of = members.map(([id, m]) => [id, m.breakdown[field]] as const);
    breakdown[field] =
      field === 'score'
        ? { combine: 'mean', parts: of.map(([id, b]) => memberPart(id, b)) }
        : combine === 'mean'
          ? { combine, parts: of.flatMap(([, b]) => b.parts) }
          : { combine, parts: of.map(([id, b]) => memberPart(id, b)) };
  }
  const workloadByCategory: Record<string, number> = {};
  for (const [, m] of members)
    for (const [category, workload] of Object.entries(m.workloadByCategory))
      workloadByCategory[category] = (workloadByCategory[category] ?? 0) + workload;
  return { breakdown, workloadByCategory };
}
