import fc from 'fast-check';
import type { ReputationEventInput, ReputationProjection } from '../src/index';
import { createLogBuilder } from './logBuilder';

const solvers = ['s0', 's1', 's2', 'team'] as const;
const publishers = ['cmd', 'r0', 'r1', 's0'] as const;
const verifiers = ['cmd', 'v0', 's1'] as const;

const op = fc.oneof(
  fc.record({
    kind: fc.constant('task' as const),
    publisher: fc.constantFrom(...publishers),
    difficulty: fc.integer({ min: 1, max: 5 }),
    category: fc.constantFrom('litter', 'patrol_area'),
  }),
  fc.record({
    kind: fc.constant('accept' as const),
    solvers: fc.subarray([...solvers], { minLength: 1 }),
    verifier: fc.constantFrom(...verifiers),
    onTime: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('reject' as const), solver: fc.constantFrom(...solvers) }),
  fc.record({
    kind: fc.constant('release' as const),
    solver: fc.constantFrom(...solvers),
    reason: fc.constantFrom('released' as const, 'expired' as const, 'rejected' as const),
  }),
  fc.record({
    kind: fc.constant('rate' as const),
    solver: fc.constantFrom(...solvers),
    rating: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({
    kind: fc.constant('reward' as const),
    solver: fc.constantFrom(...solvers),
    points: fc.integer({ min: 0, max: 80 }),
  }),
  fc.record({ kind: fc.constant('classic' as const), solver: fc.constantFrom(...solvers) }),
  fc.record({
    kind: fc.constant('review' as const),
    decision: fc.constantFrom('approved' as const, 'returned' as const),
  }),
  fc.record({
    kind: fc.constant('report' as const),
    reporter: fc.constantFrom('r0', 'r1', 's2'),
    outcome: fc.constantFrom(
      'convert' as const,
      'false' as const,
      'malicious' as const,
      'out_of_scope' as const,
      'self' as const,
    ),
  }),
  fc.record({
    kind: fc.constant('opinion' as const),
    first: fc.constantFrom(...verifiers),
    second: fc.constantFrom(...verifiers),
    agrees: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('overturn' as const), back: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), back: fc.nat() }),
  fc.record({
    kind: fc.constant('approve' as const),
    solver: fc.constantFrom(...solvers),
    to: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 60 }) }),
);

/** One generated step of circle life. */
export type LogOp = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** A short random circle history: tasks, outcomes, reports, rewards, overturns, repeats. */
export const arbitraryOps = fc.array(op, { minLength: 1, maxLength: 60 });

/** Turns generated steps into a valid event log (repeats deliver an earlier event again). */
export function buildLog(ops: readonly LogOp[]) {
  const log = createLogBuilder();
  log.register({ id: 'team', kind: 'team', memberIds: ['s0', 's1'] });
  log.register({ id: 's2', privacy: { anonymous: true, contactable: false } });
  let task = 0;
  const taskId = () => `t${Math.max(task, 1)}`;
  for (const o of ops) {
    const n = log.events.length;
    switch (o.kind) {
      case 'task':
        task += 1;
        log.task(taskId(), o.publisher, { difficulty: o.difficulty, category: o.category });
        break;
      case 'accept':
        log.accept(taskId(), o.solvers, { actor: o.verifier, onTime: o.onTime });
        break;
      case 'reject':
        log.reject(taskId(), o.solver);
        break;
      case 'release':
        log.release(taskId(), o.solver, o.reason);
        break;
      case 'rate':
        log.rate(taskId(), o.solver, o.rating);
        break;
      case 'reward':
        log.reward(taskId(), o.solver, o.points);
        break;
      case 'classic':
        log.classic(taskId(), o.solver);
        break;
      case 'review':
        log.review(taskId(), o.decision);
        break;
      case 'report': {
        const reportId = `rep${n}`;
        log.report(reportId, o.reporter);
        if (o.outcome === 'convert') log.convert(reportId, taskId());
        else if (o.outcome === 'self') log.convert(reportId, taskId(), o.reporter);
        else log.dismiss(reportId, o.outcome);
        break;
      }
      case 'opinion':
        log.secondOpinion(taskId(), o.first, o.second, o.agrees);
        break;
      case 'overturn':
        if (n > 0) log.overturn((log.events[o.back % n] as ReputationEventInput).id);
        break;
      case 'repeat':
        if (n > 0) log.events.push(log.events[o.back % n] as ReputationEventInput);
        break;
      case 'approve':
        log.approve(o.solver, o.to - 1, o.to);
        break;
      case 'wait':
        log.wait(o.days);
        break;
    }
  }
  return log;
}

/** Everything a projection answers, for comparing two projections. */
export function snapshotOf(reputation: ReputationProjection, now: string) {
  return {
    participants: reputation.participants(),
    profiles: reputation.participants().map((id) => reputation.profile(id, now)),
    levelChanges: reputation.levelChanges(),
    due: reputation.dueLevelChanges(now),
    findings: reputation.findings(),
    health: reputation.circleHealth(),
  };
}

/**
 * The reference for overturns: the log with every effective overturn target and every
 * overturn removed, walking backwards so an overturned overturn restores its target.
 */
export function effectiveEvents(events: readonly ReputationEventInput[]) {
  const unique = uniqueEvents(events);
  const removed = new Set<string>();
  for (const event of [...unique].reverse()) {
    if (event.type === 'quanzi.decision.overturned' && !removed.has(event.id))
      removed.add((event.data as { targetEventId: string }).targetEventId);
  }
  return unique.filter((e) => !removed.has(e.id) && e.type !== 'quanzi.decision.overturned');
}

/** The first delivery of each event id, as an `EventStore` would hold them. */
export function uniqueEvents(events: readonly ReputationEventInput[]) {
  return events.filter((e, i) => events.findIndex((f) => f.id === e.id) === i);
}
