// Replay speed of @quanzi/reputation over a synthetic circle log, and the cost of one
// incremental update against recomputing the whole log for it.
import { createEvent } from '@quanzi/core';
import { replayReputation } from '@quanzi/reputation';
import type { BenchCase } from './BenchCase';

const start = Date.parse('2026-01-01T00:00:00Z');
const solvers = 2_000;
const publishers = 300;

/**
 * A deterministic circle history: each task is created, claimed, started, submitted,
 * accepted or rejected, rated, rewarded and closed; every fourth comes from a report.
 */
export function syntheticLog(count: number) {
  const events: ReturnType<typeof createEvent>[] = [];
  let n = 0;
  const push = (type: string, actor: string, data: unknown) => {
    n += 1;
    events.push(
      createEvent({
        id: `e${n}`,
        type,
        time: new Date(start + n * 30_000).toISOString(),
        subject: 'bench',
        circleId: 'bench',
        actor,
        data,
      }),
    );
  };
  for (let t = 0; events.length < count; t += 1) {
    const taskId = `t${t}`;
    const solver = `s${(t * 7919) % solvers}`;
    const publisher = `pub${(t * 104_729) % publishers}`;
    const verifier = `v${t % 20}`;
    const leaseUntil = new Date(start + n * 30_000 + 3_600_000).toISOString();
    if (t % 4 === 0) {
      push('quanzi.report.received', `r${t % 500}`, {
        report: { id: `rep${t}`, reporterId: `r${t % 500}` },
      });
      push('quanzi.report.converted', verifier, { reportId: `rep${t}`, taskId });
    }
    push('quanzi.task.created', publisher, {
      task: {
        id: taskId,
        publisherId: publisher,
        category: t % 3 ? 'litter' : 'patrol_area',
        difficulty: 1 + (t % 5),
      },
    });
    push('quanzi.task.claimed', solver, { taskId, claimantId: solver, leaseUntil });
    push('quanzi.task.started', solver, { taskId, claimantId: solver });
    push('quanzi.task.work_submitted', solver, { taskId, claimantId: solver, evidence: [] });
    if (t % 10 === 9)
      push('quanzi.task.rejected', verifier, {
        taskId,
        claimantId: solver,
        reasons: [{ code: 'incomplete' }],
      });
    else {
      push('quanzi.task.accepted', verifier, {
        taskId,
        claimantIds: [solver],
        onTime: t % 6 !== 0,
      });
      push('quanzi.task.rated', verifier, { taskId, participantId: solver, rating: 1 + (t % 5) });
      push('quanzi.task.rewarded', verifier, { taskId, participantId: solver, points: 10 });
    }
    push('quanzi.task.closed', verifier, { taskId, reason: 'resolved' });
  }
  return events.slice(0, count);
}

/**
 * Median of `runs` timed calls after one warm-up, as operations per wall-clock second
 * and per CPU second (the machine may be shared, so both are kept). Each call replays
 * up to a million events, so tinybench's minimum iteration count would take too long.
 */
function measure(fn: () => unknown, opsPerCall: number, runs = 3) {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const usage = process.cpuUsage();
    fn();
    const used = process.cpuUsage(usage);
    wall.push((opsPerCall * 1000) / (performance.now() - started));
    cpu.push((opsPerCall * 1e6) / (used.user + used.system));
  }
  const median = (values: number[]) =>
    values.sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;
  return { wall: median(wall), cpu: median(cpu) };
}

const cases: BenchCase[] = [
  {
    name: 'reputation.replay_events_per_s',
    unit: 'events/s',
    target: 1_000_000,
    run: () => {
      const events = syntheticLog(1_000_000);
      const trusted = measure(() => replayReputation(events, {}, { trusted: true }), events.length);
      const validated = measure(() => replayReputation(events), events.length, 1);
      return {
        value: trusted.wall,
        details: {
          events: events.length,
          solvers,
          publishers,
          path: 'replayReputation(events, config, { trusted: true })',
          eventsPerCpuSecond: Math.round(trusted.cpu),
          validatedEventsPerSecond: Math.round(validated.wall),
        },
      };
    },
  },
  {
    name: 'reputation.incremental_vs_full_recompute',
    unit: 'events/s',
    run: () => {
      const history = syntheticLog(100_000);
      const next = history.slice(-1000);
      const projection = replayReputation(history, {}, { trusted: true });
      let i = 0;
      // Each new event gets a fresh id so deduplication never short-cuts it.
      const fresh = () => {
        i += 1;
        const template = next[i % next.length] as (typeof next)[number];
        return { ...template, id: `x${i}` };
      };
      const batch = 20_000;
      const incremental = measure(() => {
        for (let k = 0; k < batch; k += 1) projection.apply(fresh());
      }, batch);
      const full = measure(() => replayReputation([...history, fresh()], {}, { trusted: true }), 1);
      return {
        value: incremental.wall,
        baseline: full.wall,
        details: {
          historyEvents: history.length,
          incremental: 'projection.apply(event), validated',
          full: 'replayReputation(history + event)',
        },
      };
    },
  },
];

export default cases;
