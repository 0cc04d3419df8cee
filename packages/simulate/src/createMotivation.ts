import type { ReputationProjection } from '@quanzi/reputation';
import { behaviourAt } from './createAgents';
import type { RunContext } from './RunContext';

/** How keen each agent is, kept in step with their points and level. */
export interface Motivation {
  /** Agents who look for tasks. */
  readonly solvers: readonly number[];
  /** Chance per average hour that agent `i` looks for work. */
  readonly propensity: Float64Array;
  /** The exponent recent points and the level add to participation (and take from churn). */
  drive(i: number): number;
  /** Recomputes agent `i`'s propensity. */
  refresh(i: number): void;
  /** Sets agent `i`'s level (from reputation) and refreshes them. */
  setLevel(participantId: string, level: number): void;
}

const claimantKinds = new Set(['resident', 'organisation', 'qualified', 'team']);

/**
 * Tracks motivation and subscribes reputation to the run's events: every level a
 * reputation event settles is copied to the agent, so rules see it on the next claim.
 */
export function createMotivation(
  context: RunContext,
  reputation: ReputationProjection,
): Motivation {
  const { agents, scenario } = context;
  const { scheme } = scenario;
  const byId = new Map(agents.participants.map((participant, i) => [participant.id, i]));
  const solvers = agents.participants.flatMap((participant, i) =>
    claimantKinds.has(participant.kind) && behaviourAt(scenario, agents, i).participation > 0
      ? [i]
      : [],
  );
  const propensity = new Float64Array(agents.count);
  const drive = (i: number) => {
    const b = behaviourAt(scenario, agents, i);
    const points = (agents.recentPoints[i] ?? 0) / scheme.pointsScale;
    return b.pointsResponse * points + b.levelResponse * (agents.level[i] ?? 0);
  };
  const refresh = (i: number) => {
    propensity[i] = behaviourAt(scenario, agents, i).participation * Math.exp(drive(i));
  };
  const setLevel = (participantId: string, level: number) => {
    const i = byId.get(participantId);
    if (i === undefined) return;
    agents.level[i] = level;
    refresh(i);
  };
  for (const i of solvers) refresh(i);
  context.sinks.push((event) => {
    for (const change of reputation.apply(event)) setLevel(change.participantId, change.to);
  });
  return { solvers, propensity, drive, refresh, setLevel };
}
