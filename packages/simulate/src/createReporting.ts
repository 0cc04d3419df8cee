import type { DomainEvent, Report } from '@quanzi/core';
import type { ReputationProjection } from '@quanzi/reputation';
import { arrivalTask } from './arrivalTask';
import { participantAt } from './createAgents';
import type { TaskBoard } from './createTaskBoard';
import { drawPointInCircle } from './drawPointInCircle';
import { drawPoisson } from './drawPoisson';
import { weeklyRates } from './hourlyRate';
import { commandActor, type RunContext } from './RunContext';
import type { Arrival } from './ScenarioSchema';

/**
 * Residents report what they see (Poisson, with their activity rhythm); malicious
 * ones report what is not there. The command center converts every report into a
 * task; when the scheme weights credibility, the task carries the reporter's
 * credibility from reputation, which the nearby ranking uses.
 */
export function createReporting(
  context: RunContext,
  board: TaskBoard,
  reputation: ReputationProjection,
) {
  const { agents, scenario, streams, runner } = context;
  const rates = scenario.populations.map((population) =>
    weeklyRates(population.behaviour.reportsPerDay, population.behaviour),
  );
  const totalRate = scenario.arrivals.reduce((sum, arrival) => sum + arrival.ratePerDay, 0);
  let sequence = 0;

  // A report's category follows the arrival rates; with all rates 0, each is as likely.
  const pickArrival = (): Arrival | undefined => {
    const { arrivals } = scenario;
    if (totalRate === 0) return arrivals[streams.reports.int(0, Math.max(0, arrivals.length - 1))];
    let left = streams.reports.next() * totalRate;
    for (const arrival of arrivals) {
      left -= arrival.ratePerDay;
      if (left < 0) return arrival;
    }
    return arrivals[0];
  };

  const fileReport = (i: number, step: number) => {
    const arrival = pickArrival();
    if (!arrival) return;
    const at = context.instantAt(step);
    const reporterId = participantAt(agents, i).id;
    const { center, radiusMeters } = scenario.circle;
    const location = drawPointInCircle(streams.reports, center, radiusMeters);
    const reportId = `r${++sequence}`;
    const report: Report = {
      id: reportId,
      circleId: context.circle.id,
      reporterId,
      channel: 'mobile',
      category: arrival.category,
      text: arrival.category,
      media: [],
      location: { type: 'Point', coordinates: location },
      anonymous: false,
      receivedAt: at,
    };
    const credibility = scenario.scheme.credibilityWeighting
      ? reputation.profile(reporterId, at).reporter.credibility
      : undefined;
    runner.emit(
      { type: 'quanzi.report.received', data: { report } } as DomainEvent,
      reporterId,
      at,
    );
    const taskId = `t-${reportId}`;
    runner.emit(
      { type: 'quanzi.report.converted', data: { reportId, taskId } },
      commandActor.id,
      at,
    );
    const task = arrivalTask(context, arrival, taskId, location, at, { kind: 'report', reportId });
    const sham = agents.malicious[i] === 1;
    const entry = { task, sham, reporter: i, colluder: -1, publishedStep: step, credibility };
    board.publish(entry, commandActor, step);
  };

  return {
    /** Files the reports of the hour `step` (`hourOfWeek` from Monday 00:00). */
    report(step: number, hourOfWeek: number) {
      let first = 0;
      for (const [p, population] of scenario.populations.entries()) {
        const count = drawPoisson(
          streams.reports,
          population.count * (rates[p]?.[hourOfWeek] ?? 0),
        );
        for (let k = 0; k < count; k++) {
          const i = first + streams.reports.int(0, population.count - 1);
          if (agents.churned[i] === 0) fileReport(i, step);
        }
        first += population.count;
      }
    },
  };
}
