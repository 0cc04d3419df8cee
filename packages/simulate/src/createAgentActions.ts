import type { Position } from '@quanzi/core';
import type { ReputationProjection } from '@quanzi/reputation';
import { arrivalTask } from './arrivalTask';
import { behaviourAt, participantAt } from './createAgents';
import type { DayCounters } from './createDayCounters';
import { createMotivation } from './createMotivation';
import { createReporting } from './createReporting';
import type { TaskBoard } from './createTaskBoard';
import { actorOf, createWork } from './createWork';
import { weeklyRates } from './hourlyRate';
import type { RunContext } from './RunContext';

/** What agents do each hour and day. */
export interface AgentActions {
  /** Agents who look for tasks. */
  readonly solvers: readonly number[];
  seek(step: number, hourOfWeek: number): void;
  finishWork(step: number): void;
  report(step: number, hourOfWeek: number): void;
  /** Colluding pairs stage tasks for each other. */
  publishStaged(step: number): void;
  endOfDay(step: number): void;
}

/** The agents' behaviour in a circle, on the board, the policy and reputation. */
export function createAgentActions(
  context: RunContext,
  board: TaskBoard,
  counters: DayCounters,
  reputation: ReputationProjection,
): AgentActions {
  const { agents, scenario, streams, runner } = context;
  const { scheme } = scenario;
  const motivation = createMotivation(context, reputation);
  const work = createWork(context, board, counters);
  const reporting = createReporting(context, board, reputation);
  // Activity relative to the mean hour, for each hour of the week.
  const activity = scenario.populations.map((population) => weeklyRates(24, population.behaviour));
  const stagedOf = new Map<number, string>();
  const weights = { credibility: scheme.credibilityWeighting ? scheme.credibilityWeight : 0 };

  const nearby = (i: number, step: number) => {
    const facts = { participant: participantAt(agents, i), level: agents.level[i] ?? 0, tags: [] };
    const now = context.instantAt(step);
    const options = { now, circle: context.circle, limit: 3, weights };
    const page = board.index.claimableNear(facts, agents.homes[i] as Position, options);
    const reach = behaviourAt(scenario, agents, i).travelRadiusMeters;
    return page.items.find((item) => item.distanceMeters <= reach);
  };

  // A colluder claims what their partner staged first; everyone else takes the best nearby.
  const seekOne = (i: number, step: number) => {
    const staged = stagedOf.get(agents.partner[i] ?? -1);
    const own = staged === undefined ? undefined : board.get(staged);
    if (own && board.isOpen(own) && work.claim(i, own, step)) return;
    const found = nearby(i, step);
    const entry = found && board.get(found.task.task.id);
    if (entry) work.claim(i, entry, step);
  };

  return {
    solvers: motivation.solvers,
    seek(step, hourOfWeek) {
      for (const i of motivation.solvers) {
        if (agents.churned[i] === 1 || work.busy[i] === 1) continue;
        const rhythm = activity[agents.population[i] ?? 0]?.[hourOfWeek] ?? 0;
        if (streams.agents.next() < (motivation.propensity[i] ?? 0) * rhythm) seekOne(i, step);
      }
    },
    finishWork: work.finishWork,
    report: reporting.report,
    publishStaged(step) {
      const arrival = scenario.arrivals[0];
      if (!arrival) return;
      const at = context.instantAt(step);
      for (let i = 0; i < agents.count; i++) {
        const partner = agents.partner[i] ?? -1;
        // One of each pair publishes, once a day, a task placed at the partner's home.
        if (partner < i || agents.churned[i] === 1) continue;
        const publisher = participantAt(agents, i);
        const home = agents.homes[partner] as Position;
        const base = arrivalTask(context, arrival, `s${step}-${i}`, home, at, { kind: 'resident' });
        const task = { ...base, publisherId: publisher.id };
        const entry = {
          task,
          sham: false,
          reporter: -1,
          colluder: i,
          publishedStep: step,
          credibility: undefined,
        };
        if (board.publish(entry, actorOf(publisher), step)) stagedOf.set(i, task.id);
      }
    },
    endOfDay(step) {
      const at = context.instantAt(step + 1);
      for (const change of reputation.dueLevelChanges(at)) {
        runner.emit({ type: 'quanzi.participant.level_changed', data: change }, 'system', at);
        motivation.setLevel(change.participantId, change.to);
      }
      const fade = Math.exp(-1 / scheme.pointsMemoryDays);
      for (const i of motivation.solvers) {
        agents.recentPoints[i] = (agents.recentPoints[i] ?? 0) * fade;
        motivation.refresh(i);
        if (agents.churned[i] === 1 || work.busy[i] === 1) continue;
        const hazard =
          behaviourAt(scenario, agents, i).churnPerDay * Math.exp(-motivation.drive(i));
        if (streams.agents.next() < hazard) agents.churned[i] = 1;
      }
    },
  };
}
