import { type AssessmentRow, type CircleHealth, explain } from '@quanzi/assessment';
import type { LocalizedText, Participant, StoredEvent } from '@quanzi/core';
import type { Engine } from '@quanzi/engine';
import type { Policy } from '@quanzi/rules';
import { district } from './district';

/** A denial reason and how many people it stopped. */
export interface ReasonCount {
  readonly code: string;
  readonly message: LocalizedText;
  readonly count: number;
}

/**
 * Why most of a category's tasks wait unclaimed: who may claim one of them now, and
 * why the policy refuses the others.
 */
export interface UnclaimedCategory {
  readonly category: string;
  readonly tasks: number;
  /** Tasks still published with nobody claiming them at the end. */
  readonly unclaimed: number;
  /** Qualified participants and officers asked. */
  readonly asked: number;
  /** Display names of those the policy lets claim such a task now. */
  readonly allowed: readonly string[];
  /** Denial reasons, most frequent first; one person may have several. */
  readonly reasons: readonly ReasonCount[];
}

/** Why a staff member completed nothing. */
export interface IdleStaff {
  readonly displayName: string;
  /**
   * `no_open_work`: no task of the period was open to them (level, qualification or
   * distance); `no_claims`: tasks were open to them and they claimed none (low activity);
   * `nothing_accepted`: they claimed work but none was accepted.
   */
  readonly cause: 'no_open_work' | 'no_claims' | 'nothing_accepted';
  readonly openTasks: number;
  readonly claims: number;
  /** The reason that closed most tasks to them. */
  readonly mainReason?: LocalizedText;
}

/** One side of a pay inversion: the numbers and how they were made. */
export interface PaySide {
  readonly displayName: string;
  readonly score: number;
  readonly points: number;
  readonly pay: number;
  readonly currency: string;
  readonly tasksCompleted: number;
  /** How pay was made from points, from `explain(row, 'pay')` of `@quanzi/assessment`. */
  readonly payParts: ReadonlyArray<{ readonly label: LocalizedText; readonly amount: number }>;
}

/** The explanations a chief needs next to the alarming figures. */
export interface DistrictExplanations {
  /** Categories with the most SLA breaches, with their causes. */
  readonly slaByCategory: ReadonlyArray<{
    category: string;
    breaches: number;
    tracked: number;
    unclaimed: number;
    late: number;
  }>;
  readonly unclaimedCategories: readonly UnclaimedCategory[];
  readonly idleStaff: readonly IdleStaff[];
  /** The widest inversion: a higher score paid less than a lower one. */
  readonly payInversion?: { readonly higher: PaySide; readonly lower: PaySide };
}

/** What {@link explainDistrict} reads. */
export interface ExplainInput {
  readonly engine: Engine;
  readonly events: readonly StoredEvent[];
  readonly now: string;
  readonly policy: Policy;
  readonly health: CircleHealth;
  readonly assessment: readonly AssessmentRow[];
  readonly byCategory: ReadonlyArray<{
    category: string;
    total: number;
    outcomes: Record<string, number>;
  }>;
}

function tally(messages: Iterable<{ code: string; message: LocalizedText }>): ReasonCount[] {
  const counts = new Map<string, ReasonCount>();
  for (const { code, message } of messages) {
    const seen = counts.get(code);
    counts.set(code, { code, message, count: (seen?.count ?? 0) + 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/**
 * Explains the figures a chief would question, from what the library computes: SLA
 * breach causes from `circleHealth`, the policy's denial reasons for categories nobody
 * claimed, why idle staff did nothing, and `explain` breakdowns for a pay inversion.
 * Decisions are the policy's at the end of the run, as each person stands then.
 */
export function explainDistrict(input: ExplainInput): DistrictExplanations {
  const { engine, policy, health, now } = input;
  const snapshot = engine.getPrivilegedSnapshot();
  const people = snapshot.participants.map(({ participant }) => participant);
  const solvers = people.filter((p) => p.kind === 'qualified' || p.kind === 'officer');
  const factsOf = (participant: Participant) => {
    const profile = engine.reputation.profile(participant.id, now);
    return { participant, level: profile.level.current, tags: profile.tags };
  };
  const decideClaim = (participant: Participant, task: (typeof snapshot.tasks)[number]['task']) =>
    policy.decide(
      'claim',
      factsOf(participant),
      { task, state: 'published', claimantIds: [] },
      { now, circle: district },
    );

  const slaByCategory = Object.entries(health.responsiveness.byCategory)
    .filter(([, r]) => r.slaBreaches > 0)
    .map(([category, r]) => ({
      category,
      breaches: r.slaBreaches,
      tracked: r.slaTracked,
      ...r.slaBreachCauses,
    }))
    .sort((a, b) => b.breaches - a.breaches || a.category.localeCompare(b.category))
    .slice(0, 3);

  const unclaimedCategories = input.byCategory
    .filter(({ total, outcomes }) => (outcomes.published ?? 0) >= Math.max(3, total / 2))
    .flatMap(({ category, total, outcomes }) => {
      const waiting = snapshot.tasks.find(
        ({ task: t, snapshot: s }) => t.category === category && s.state === 'published',
      )?.task;
      if (!waiting) return [];
      const decisions = solvers.map((p) => ({ p, decision: decideClaim(p, waiting) }));
      return [
        {
          category,
          tasks: total,
          unclaimed: outcomes.published ?? 0,
          asked: solvers.length,
          allowed: decisions.filter((d) => d.decision.allowed).map((d) => d.p.displayName),
          reasons: tally(decisions.flatMap((d) => d.decision.reasons)),
        },
      ];
    });

  const claims = new Map<string, number>();
  for (const event of input.events)
    if (event.type === 'quanzi.task.claimed') {
      const { claimantId } = event.data as { claimantId: string };
      claims.set(claimantId, (claims.get(claimantId) ?? 0) + 1);
    }
  const byId = new Map(people.map((p) => [p.id, p]));
  const idleStaff = input.assessment
    .filter((row) => row.tasksCompleted === 0)
    .flatMap((row): IdleStaff[] => {
      const participant = byId.get(row.participantId);
      if (!participant) return [];
      const decisions = snapshot.tasks.map(({ task }) => decideClaim(participant, task));
      const openTasks = decisions.filter((d) => d.allowed).length;
      const made = claims.get(participant.id) ?? 0;
      const main = tally(decisions.flatMap((d) => d.reasons))[0];
      const cause = made > 0 ? 'nothing_accepted' : openTasks === 0 ? 'no_open_work' : 'no_claims';
      return [
        {
          displayName: row.displayName,
          cause,
          openTasks,
          claims: made,
          ...(main ? { mainReason: main.message } : {}),
        },
      ];
    });

  return { slaByCategory, unclaimedCategories, idleStaff, ...payInversionOf(input.assessment) };
}

const sideOf = (row: AssessmentRow): PaySide => ({
  displayName: row.displayName,
  score: row.score,
  points: row.points,
  pay: row.pay,
  currency: row.currency,
  tasksCompleted: row.tasksCompleted,
  payParts: explain(row, 'pay').parts.map(({ label, amount }) => ({ label, amount })),
});

// The pair with the widest score gap among those where the higher score is paid less.
function payInversionOf(rows: readonly AssessmentRow[]) {
  let best: [AssessmentRow, AssessmentRow] | undefined;
  for (const a of rows)
    for (const b of rows)
      if (
        a.score > b.score &&
        a.pay < b.pay &&
        (!best || a.score - b.score > best[0].score - best[1].score)
      )
        best = [a, b];
  return best ? { payInversion: { higher: sideOf(best[0]), lower: sideOf(best[1]) } } : {};
}
