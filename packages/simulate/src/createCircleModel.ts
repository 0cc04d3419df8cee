import { createReputationProjection } from '@quanzi/reputation';
import { arrivalTask } from './arrivalTask';
import { createAgentActions } from './createAgentActions';
import { createDayCounters } from './createDayCounters';
import { createTaskBoard } from './createTaskBoard';
import { drawPointInCircle } from './drawPointInCircle';
import { drawPoisson } from './drawPoisson';
import { weeklyRates } from './hourlyRate';
import { commandActor, type RunContext, type SimulationModel } from './RunContext';

/**
 * A circle of agents on the real SDK. Every hour: tasks arrive (Poisson, with
 * the daily and weekly rhythm), residents report (malicious ones falsely), the
 * command center converts reports to tasks, idle agents look for claimable tasks
 * near home through the policy's nearby index, claim and work them through the
 * lifecycle, the center accepts or returns the work and rewards it; reputation
 * turns the events into levels and credibility. Every day agents may churn and
 * decayed levels fall.
 */
export function createCircleModel(context: RunContext): SimulationModel {
  const { scenario, streams } = context;
  const reputation = createReputationProjection(context.reputation);
  const counters = createDayCounters(context);
  const board = createTaskBoard(context, counters);
  const actions = createAgentActions(context, board, counters, reputation);
  const arrivalRates = scenario.arrivals.map((arrival) => weeklyRates(arrival.ratePerDay, arrival));
  const weekOffset =
    ((new Date(scenario.start).getUTCDay() + 6) % 7) * 24 + new Date(scenario.start).getUTCHours();
  let sequence = 0;

  const arrive = (step: number) => {
    const at = context.instantAt(step);
    const hour = (weekOffset + step) % 168;
    for (const [a, arrival] of scenario.arrivals.entries()) {
      const count = drawPoisson(streams.arrivals, arrivalRates[a]?.[hour] ?? 0);
      for (let k = 0; k < count; k++) {
        const location = drawPointInCircle(
          streams.arrivals,
          scenario.circle.center,
          scenario.circle.radiusMeters,
        );
        const task = arrivalTask(context, arrival, `t${++sequence}`, location, at);
        board.publish(
          {
            task,
            sham: false,
            reporter: -1,
            colluder: -1,
            publishedStep: step,
            credibility: undefined,
          },
          commandActor,
          step,
        );
      }
    }
  };

  return {
    advance(step) {
      board.tickDue(step);
      actions.finishWork(step);
      arrive(step);
      actions.report(step, (weekOffset + step) % 168);
      if (step % 24 === 9) actions.publishStaged(step);
      actions.seek(step, (weekOffset + step) % 168);
      if (step % 24 === 23) actions.endOfDay(step);
    },
    sample(step) {
      counters.sample(step, actions.solvers);
    },
  };
}
