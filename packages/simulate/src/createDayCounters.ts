import { gini, percentiles } from '@quanzi/assessment';
import type { BoardTask } from './createTaskBoard';
import type { RunContext } from './RunContext';

/** What happened since the last sample, and the tidy rows it turns into. */
export interface DayCounters {
  arrived(entry: BoardTask): void;
  claimed(entry: BoardTask, agent: number, step: number): void;
  closed(entry: BoardTask, reason: string, step: number): void;
  rewarded(entry: BoardTask, points: number): void;
  /** Records the period's metrics as of `step` and starts a new period. */
  sample(step: number, solvers: readonly number[]): void;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** Counters for one run of a circle. */
export function createDayCounters(context: RunContext): DayCounters {
  const { agents, record } = context;
  let arrived = 0;
  let claims = 0;
  let shamClaims = 0;
  let resolved = 0;
  let closedReal = 0;
  let expired = 0;
  let points = 0;
  let collusionPoints = 0;
  let totalPoints = 0;
  let responseHours: number[] = [];
  let active = new Set<number>();
  let open = 0;
  let available: number | undefined;
  return {
    arrived() {
      arrived += 1;
      open += 1;
    },
    claimed(entry, agent, step) {
      claims += 1;
      active.add(agent);
      if (entry.sham) shamClaims += 1;
      if (entry.firstClaimStep < 0) {
        entry.firstClaimStep = step;
        responseHours.push(step - entry.publishedStep);
      }
    },
    closed(entry, reason) {
      open -= 1;
      if (reason === 'expired') expired += 1;
      if (entry.sham) return;
      closedReal += 1;
      if (reason === 'resolved') resolved += 1;
    },
    rewarded(entry, amount) {
      points += amount;
      totalPoints += amount;
      if (entry.colluder >= 0) collusionPoints += amount;
    },
    sample(step, solvers) {
      const remaining = solvers.filter((i) => agents.churned[i] === 0);
      const levels = new Map<number, number>();
      let levelSum = 0;
      for (const i of remaining) {
        const level = agents.level[i] ?? 0;
        levels.set(level, (levels.get(level) ?? 0) + 1);
        levelSum += level;
      }
      const rows: Array<[string, number]> = [
        ['remaining_agents', remaining.length],
        ['active_agents', active.size],
        // Everyone active in the period was still there when it began.
        ['participation_rate', share(active.size, available ?? solvers.length)],
        ['tasks_arrived', arrived],
        ['tasks_claimed', claims],
        ['tasks_resolved', resolved],
        ['tasks_expired', expired],
        ['tasks_open', open],
        ['completion_rate', share(resolved, closedReal)],
        ['noise_claim_share', share(shamClaims, claims)],
        ['points_awarded', points],
        ['collusion_points_share', share(collusionPoints, totalPoints)],
        ['gini_tasks', gini(solvers.map((i) => agents.accepted[i] ?? 0))],
        ['gini_points', gini(solvers.map((i) => agents.points[i] ?? 0))],
        ['mean_level', share(levelSum, remaining.length)],
      ];
      const response = percentiles(responseHours).p50;
      if (response !== null) rows.push(['response_hours', response]);
      for (const level of [...levels.keys()].sort((a, b) => a - b))
        rows.push([`level_share.${level}`, share(levels.get(level) ?? 0, remaining.length)]);
      for (const [metric, value] of rows) record(step, metric, value);
      available = remaining.length;
      arrived = claims = shamClaims = resolved = closedReal = expired = points = 0;
      responseHours = [];
      active = new Set();
    },
  };
}
