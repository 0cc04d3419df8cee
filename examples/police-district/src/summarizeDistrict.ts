import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AssessmentRow, assess, type CircleHealth, circleHealth } from '@quanzi/assessment';
import { loadFormula } from '@quanzi/assessment/files';
import type { ClosureReason } from '@quanzi/core';
import { auxiliaryRoles } from './district';
import { districtPolicy } from './districtPolicy';
import { type DistrictExplanations, explainDistrict } from './explainDistrict';
import type { DistrictRun } from './runDistrict';

const formulaFile = join(import.meta.dirname, '..', '..', 'formulas', 'auxiliary-staff.v1.yaml');

/** What the demo prints and charts about one run. */
export interface DistrictSummary {
  readonly from: string;
  readonly to: string;
  readonly commands: number;
  readonly refused: number;
  readonly events: number;
  /** Tasks by source (upstream, report, officer, sensor). */
  readonly bySource: Readonly<Record<string, number>>;
  /** Per category: how many tasks and where they ended up. */
  readonly byCategory: ReadonlyArray<{
    category: string;
    total: number;
    outcomes: Record<string, number>;
  }>;
  readonly health: CircleHealth;
  /** The assessment of auxiliary staff (patrol members, volunteers, assistants…). */
  readonly assessment: readonly AssessmentRow[];
  readonly levelChanges: ReadonlyArray<{
    participantId: string;
    from: number;
    to: number;
    time: string;
    reason: string;
  }>;
  /** Final level → number of qualified participants. */
  readonly levels: Readonly<Record<string, number>>;
  /** What explains the figures a chief would question. */
  readonly explanations: DistrictExplanations;
}

// A task's outcome: its closure reason once closed, else the state it is in.
const outcomeOf = (state: string, closure: ClosureReason | undefined) => closure ?? state;

/** Tasks by category and outcome, circle health, the assessment and level changes of one run. */
export function summarizeDistrict(run: DistrictRun, from: string): DistrictSummary {
  // The run's clock stops at the start of its last hour; the period ends with that hour.
  const to = new Date(Date.parse(run.now) + 3_600_000).toISOString();
  const period = { kind: 'custom' as const, from, to };
  const formula = loadFormula(readFileSync(formulaFile, 'utf8'), {
    source: 'auxiliary-staff.v1.yaml',
  });
  const snapshot = run.engine.getPrivilegedSnapshot();
  const bySource: Record<string, number> = {};
  const categories = new Map<
    string,
    { category: string; total: number; outcomes: Record<string, number> }
  >();
  for (const { task, snapshot: s } of snapshot.tasks) {
    bySource[task.source.kind] = (bySource[task.source.kind] ?? 0) + 1;
    const entry = categories.get(task.category) ?? {
      category: task.category,
      total: 0,
      outcomes: {},
    };
    const outcome = outcomeOf(s.state, s.closure?.reason);
    entry.total += 1;
    entry.outcomes[outcome] = (entry.outcomes[outcome] ?? 0) + 1;
    categories.set(task.category, entry);
  }
  const staff = new Set(
    snapshot.participants
      .filter(({ participant }) => participant.roles.some((role) => auxiliaryRoles.has(role)))
      .map(({ participant }) => participant.id),
  );
  const levels: Record<string, number> = {};
  for (const id of staff) {
    const level = run.engine.reputation.profile(id, run.now).level.current;
    levels[level] = (levels[level] ?? 0) + 1;
  }
  const health = circleHealth(run.events, { period });
  const assessment = assess(run.events, { formulas: [formula], period }).filter((row) =>
    staff.has(row.participantId),
  );
  const byCategory = [...categories.values()].sort((a, b) => b.total - a.total);
  const explanations = explainDistrict({
    ...run,
    policy: districtPolicy(),
    health,
    assessment,
    byCategory,
  });
  return {
    from,
    to,
    commands: run.commands,
    refused: run.refused,
    events: run.events.length,
    bySource,
    byCategory,
    health,
    assessment,
    levelChanges: run.engine.reputation
      .levelChanges()
      .map(({ participantId, from: a, to, time, reason }) => ({
        participantId,
        from: a,
        to,
        time,
        reason,
      })),
    levels,
    explanations,
  };
}
