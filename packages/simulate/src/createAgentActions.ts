import type { DomainEvent, Participant, Position, Report } from '@quanzi/core';
import type { LifecycleActor } from '@quanzi/lifecycle';
import type { ReputationProjection } from '@quanzi/reputation';
import { arrivalTask } from './createCircleModel';
import type { DayCounters } from './createDayCounters';
import type { BoardTask, TaskBoard } from './createTaskBoard';
import { drawPointInCircle } from './drawPointInCircle';
import { drawPoisson } from './drawPoisson';
import { weeklyRates } from './hourlyRate';
import { commandActor, type RunContext } from './RunContext';
import type { Arrival, Population } from './ScenarioSchema';

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

interface Job {
  readonly agent: number;
  readonly taskId: string;
  readonly reworks: number;
}

const claimantKinds = new Set(['resident', 'organisation', 'qualified', 'team']);
const evidence = [{ type: 'image', url: 'https://example.org/evidence.jpg' }] as const;
const poorQuality = [{ code: 'poor_quality' }] as const;

function actorOf(participant: Participant): LifecycleActor {
  const role =
    participant.kind === 'qualified' || participant.kind === 'team' ? 'qualified' : 'resident';
  return { id: participant.id, role };
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
  const behaviourOf = (i: number) =>
    (scenario.populations[agents.population[i] ?? 0] as Population).behaviour;
  const who = (i: number) => agents.participants[i] as Participant;
  const byId = new Map(agents.participants.map((participant, i) => [participant.id, i]));
  const solvers = agents.participants.flatMap((participant, i) =>
    claimantKinds.has(participant.kind) && behaviourOf(i).participation > 0 ? [i] : [],
  );
  const propensity = new Float64Array(agents.count);
  // Activity relative to the mean hour, and reports per agent, for each hour of the week.
  const activity = scenario.populations.map((population) => weeklyRates(24, population.behaviour));
  const reportRates = scenario.populations.map((population) =>
    weeklyRates(population.behaviour.reportsPerDay, population.behaviour),
  );
  const busy = new Uint8Array(agents.count);
  const wheel = new Map<number, Job[]>();
  const stagedOf = new Map<number, string>();
  const totalRate = scenario.arrivals.reduce((sum, arrival) => sum + arrival.ratePerDay, 0);
  let reportSequence = 0;

  const motivation = (i: number) => {
    const b = behaviourOf(i);
    return (
      b.pointsResponse * ((agents.recentPoints[i] ?? 0) / scheme.pointsScale) +
      b.levelResponse * (agents.level[i] ?? 0)
    );
  };
  const refresh = (i: number) => {
    propensity[i] = behaviourOf(i).participation * Math.exp(motivation(i));
  };
  for (const i of solvers) refresh(i);

  context.sinks.push((event) => {
    for (const change of reputation.apply(event)) {
      const i = byId.get(change.participantId);
      if (i === undefined) continue;
      agents.level[i] = change.to;
      refresh(i);
    }
  });

  const schedule = (job: Job, step: number, entry: BoardTask) => {
    const hours = Math.max(
      1,
      entry.task.difficulty ??
        context.policy.categories.get(entry.task.category)?.defaultDifficulty ??
        1,
    );
    const bucket = wheel.get(step + hours);
    if (bucket) bucket.push(job);
    else wheel.set(step + hours, [job]);
  };

  const claim = (i: number, entry: BoardTask, step: number) => {
    const actor = actorOf(who(i));
    if (!board.send(entry, actor, { type: 'claim' }, step)) return false;
    counters.claimed(entry, i, step);
    board.send(entry, actor, { type: 'start' }, step);
    busy[i] = 1;
    schedule({ agent: i, taskId: entry.task.id, reworks: 0 }, step, entry);
    return true;
  };

  const nearby = (i: number, step: number) => {
    const participant = who(i);
    const page = board.index.claimableNear(
      { participant, level: agents.level[i] ?? 0, tags: [] },
      agents.homes[i] as Position,
      {
        now: context.instantAt(step),
        circle: context.circle,
        limit: 3,
        weights: { credibility: scheme.credibilityWeighting ? scheme.credibilityWeight : 0 },
      },
    );
    const radius = behaviourOf(i).travelRadiusMeters;
    return page.items.find((item) => item.distanceMeters <= radius);
  };

  const seekOne = (i: number, step: number) => {
    const partnerTask = stagedOf.get(agents.partner[i] ?? -1);
    const own = partnerTask === undefined ? undefined : board.get(partnerTask);
    if (own?.snapshot.state === 'published' && claim(i, own, step)) return;
    const found = nearby(i, step);
    const entry = found && board.get(found.task.task.id);
    if (entry) claim(i, entry, step);
  };

  const accept = (job: Job, entry: BoardTask, step: number) => {
    const participantId = who(job.agent).id;
    const rating = streams.review.next() < (agents.skill[job.agent] ?? 0) ? 5 : 3;
    board.send(entry, commandActor, { type: 'accept' }, step);
    board.send(entry, commandActor, { type: 'rate', participantId, rating }, step);
    const points = entry.task.rewardPoints;
    if (board.send(entry, commandActor, { type: 'reward', participantId, points }, step)) {
      agents.points[job.agent] = (agents.points[job.agent] ?? 0) + points;
      agents.recentPoints[job.agent] = (agents.recentPoints[job.agent] ?? 0) + points;
      counters.rewarded(entry, points);
    }
    agents.accepted[job.agent] = (agents.accepted[job.agent] ?? 0) + 1;
    board.send(entry, commandActor, { type: 'close', reason: 'resolved' }, step);
  };

  const review = (job: Job, entry: BoardTask, step: number) => {
    const at = context.instantAt(step);
    if (entry.sham) {
      board.send(
        entry,
        commandActor,
        { type: 'close', reason: 'cancelled', note: 'false report' },
        step,
      );
      if (entry.reporter >= 0 && entry.task.source.kind === 'report')
        runner.emit(
          {
            type: 'quanzi.report.dismissed',
            data: { reportId: entry.task.source.reportId, verdict: 'malicious' },
          },
          commandActor.id,
          at,
        );
      return false;
    }
    if (streams.review.next() < (agents.skill[job.agent] ?? 0)) {
      accept(job, entry, step);
      return false;
    }
    if (
      job.reworks < 2 &&
      board.send(entry, commandActor, { type: 'request_rework', reasons: [...poorQuality] }, step)
    ) {
      schedule({ ...job, reworks: job.reworks + 1 }, step, entry);
      return true;
    }
    const claimantId = who(job.agent).id;
    board.send(
      entry,
      commandActor,
      { type: 'reject', claimantId, reasons: [...poorQuality] },
      step,
    );
    return false;
  };

  const finishOne = (job: Job, step: number) => {
    const entry = board.get(job.taskId);
    const actor = actorOf(who(job.agent));
    // The lease may have lapsed meanwhile: then the submission is refused and the agent moves on.
    const submitted =
      entry && board.send(entry, actor, { type: 'submit', evidence: [...evidence] }, step);
    busy[job.agent] = entry && submitted && review(job, entry, step) ? 1 : 0;
  };

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
    const reporterId = who(i).id;
    const location = drawPointInCircle(
      streams.reports,
      scenario.circle.center,
      scenario.circle.radiusMeters,
    );
    const reportId = `r${++reportSequence}`;
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
    const credibility = scheme.credibilityWeighting
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
    board.publish(
      {
        task,
        sham: agents.malicious[i] === 1,
        reporter: i,
        colluder: -1,
        publishedStep: step,
        credibility,
      },
      commandActor,
      step,
    );
  };

  return {
    solvers,
    seek(step, hourOfWeek) {
      const random = streams.agents;
      for (const i of solvers) {
        if (agents.churned[i] === 1 || busy[i] === 1) continue;
        const p = (propensity[i] ?? 0) * (activity[agents.population[i] ?? 0]?.[hourOfWeek] ?? 0);
        if (random.next() < p) seekOne(i, step);
      }
    },
    finishWork(step) {
      const jobs = wheel.get(step);
      wheel.delete(step);
      for (const job of jobs ?? []) finishOne(job, step);
    },
    report(step, hourOfWeek) {
      let first = 0;
      for (const [p, population] of scenario.populations.entries()) {
        const rate = population.count * (reportRates[p]?.[hourOfWeek] ?? 0);
        const count = drawPoisson(streams.reports, rate);
        for (let k = 0; k < count; k++) {
          const i = first + streams.reports.int(0, population.count - 1);
          if (agents.churned[i] === 0) fileReport(i, step);
        }
        first += population.count;
      }
    },
    publishStaged(step) {
      const arrival = scenario.arrivals[0];
      if (!arrival) return;
      const at = context.instantAt(step);
      for (let i = 0; i < agents.count; i++) {
        const partner = agents.partner[i] ?? -1;
        // One of each pair publishes, once a day, a task placed at the partner's home.
        if (partner < i || agents.churned[i] === 1) continue;
        const publisher = who(i);
        const home = agents.homes[partner] as Position;
        const source = { kind: 'resident' } as const;
        const base = arrivalTask(context, arrival, `s${step}-${i}`, home, at, source);
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
        const i = byId.get(change.participantId);
        if (i !== undefined) agents.level[i] = change.to;
      }
      const fade = Math.exp(-1 / scheme.pointsMemoryDays);
      const random = streams.agents;
      for (const i of solvers) {
        agents.recentPoints[i] = (agents.recentPoints[i] ?? 0) * fade;
        refresh(i);
        if (agents.churned[i] === 1 || busy[i] === 1) continue;
        if (random.next() < behaviourOf(i).churnPerDay * Math.exp(-motivation(i)))
          agents.churned[i] = 1;
      }
    },
  };
}
