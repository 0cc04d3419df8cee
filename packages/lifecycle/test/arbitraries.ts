import type { ReportInput, TaskInput } from '@quanzi/core';
import {
  type AnyLifecycleDefinition,
  type LifecycleConfigInput,
  type ReportCommand,
  type Route,
  type TaskCommand,
  type TaskState,
  taskDefinition,
} from '@quanzi/lifecycle';
import fc from 'fast-check';
import { at, taskInput } from './fixtures';

// Ids overlap on purpose: the same participant acting in several roles exercises
// the own-work and self-claim checks.
const ids = ['cmd', 'off', 'res', 'q1', 'q2', 'q3', 'system'] as const;
const roles = [
  'command',
  'officer',
  'qualified',
  'resident',
  'upstream',
  'sensor',
  'system',
] as const;

const anyActor = fc.record({ id: fc.constantFrom(...ids), role: fc.constantFrom(...roles) });
const solvers = [
  { id: 'q1', role: 'qualified' },
  { id: 'q2', role: 'qualified' },
  { id: 'q3', role: 'qualified' },
  { id: 'res', role: 'resident' },
] as const;
const center = [{ id: 'cmd', role: 'command' }] as const;
const publishers = [
  { id: 'cmd', role: 'command' },
  { id: 'off', role: 'officer' },
  { id: 'res', role: 'resident' },
  { id: 'q1', role: 'qualified' },
  { id: 'up', role: 'upstream' },
] as const;
const system = [{ id: 'system', role: 'system' }] as const;
type Plausible = ReadonlyArray<{ readonly id: string; readonly role: (typeof roles)[number] }>;

/** Mostly someone who could plausibly send the command, sometimes anyone in any role. */
const actorFor = (plausible: Plausible) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...plausible) },
    { weight: 1, arbitrary: anyActor },
  );
const instant = fc.integer({ min: 0, max: 60 * 24 * 4 }).map(at);
const reasons = fc.constant([{ code: 'incomplete' as const }]);
const participant = fc.constantFrom('q1', 'q2', 'q3', 'res');
const media = fc.constant([{ type: 'image' as const, url: 'https://example.org/p.jpg' }]);

const plausibleFor: Partial<Record<TaskCommand['type'] | ReportCommand['type'], Plausible>> = {
  publish: publishers,
  claim: solvers,
  extend_lease: solvers,
  release: solvers,
  start: solvers,
  submit: solvers,
  report_followup: solvers,
  escalate: [...solvers, ...publishers],
  tick: system,
};

function cmd<TType extends TaskCommand['type'], TExtra extends object>(
  type: TType,
  extra: fc.Arbitrary<TExtra> = fc.constant({} as TExtra),
): fc.Arbitrary<TaskCommand> {
  return fc
    .tuple(actorFor(plausibleFor[type] ?? center), instant, extra)
    .map(([who, when, more]) => ({ type, actor: who, at: when, ...more }) as TaskCommand);
}

const decision = fc.constantFrom('approved', 'returned') as fc.Arbitrary<'approved' | 'returned'>;
const escalation = fc.constantFrom('beyond_capability', 'needs_officer') as fc.Arbitrary<
  'beyond_capability' | 'needs_officer'
>;
const closure = fc.record(
  {
    reason: fc.constantFrom(
      'resolved',
      'closed_not_fixed',
      'duplicate',
      'not_responsible',
      'cancelled',
    ) as fc.Arbitrary<'resolved'>,
    duplicateOf: fc.record({
      kind: fc.constantFrom('task', 'report') as fc.Arbitrary<'task' | 'report'>,
      id: fc.constantFrom('t1', 't2'),
    }),
  },
  { requiredKeys: ['reason'] },
);

/** One arbitrary per task command type. */
const taskCommandArbs: { [TType in TaskCommand['type']]: fc.Arbitrary<TaskCommand> } = {
  publish: cmd('publish'),
  review: cmd('review', fc.record({ decision })),
  claim: cmd('claim'),
  extend_lease: cmd('extend_lease'),
  release: cmd('release'),
  start: cmd('start'),
  submit: cmd('submit', fc.record({ evidence: media })),
  report_followup: cmd('report_followup', fc.record({ reportId: fc.constantFrom('r1', 'r2') })),
  accept: cmd('accept', fc.record({ claimantId: participant })),
  request_rework: cmd('request_rework', fc.record({ claimantId: participant, reasons })),
  reject: cmd('reject', fc.record({ claimantId: participant, reasons })),
  rate: cmd(
    'rate',
    fc.record({ participantId: participant, rating: fc.integer({ min: 1, max: 5 }) }),
  ),
  reward: cmd(
    'reward',
    fc.record({ participantId: participant, points: fc.integer({ min: 0, max: 50 }) }),
  ),
  mark_classic: cmd('mark_classic', fc.record({ participantId: participant })),
  escalate: cmd('escalate', fc.record({ reason: escalation })),
  resume: cmd('resume'),
  close: cmd('close', closure),
  tick: cmd('tick'),
};

/** Any task command. */
export const taskCommandArb: fc.Arbitrary<TaskCommand> = fc.oneof(
  ...Object.values(taskCommandArbs),
);

/**
 * A command for a task in `state`: mostly one the state has a route for (closing
 * rarely, so walks go deep), sometimes any command at all.
 */
export function taskCommandIn(state: TaskState): fc.Arbitrary<TaskCommand> {
  const types = Object.keys(taskDefinition.states[state].on) as TaskCommand['type'][];
  const routed = types.map((type) => ({
    weight: type === 'close' ? 3 : type === 'review' ? 2 : type === 'tick' ? 8 : 6,
    arbitrary: taskCommandArbs[type],
  }));
  return routed.length === 0
    ? taskCommandArb
    : fc.oneof(
        { weight: 4, arbitrary: fc.oneof(...routed) },
        { weight: 1, arbitrary: taskCommandArb },
      );
}

/** Minutes between two commands: mostly a few, now and then two days. */
export const gapArb = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 60 * 48 }) },
);

const scripted = (type: TaskCommand['type'], actor: object, extra: object = {}) =>
  ({ type, actor, at: at(0), ...extra }) as TaskCommand;
/**
 * Where walks start: scripted prefixes that reach the deep states (two holders at
 * work, submitted, rework, accepted), published by someone from `publishers`, so
 * random walks explore all of the table. A step the circle refuses is skipped.
 */
function prefixFor(publisherId: string): fc.Arbitrary<TaskCommand[]> {
  const own = publishers.filter((p) => p.id === publisherId);
  // Mostly the task's own publisher, so resident tasks reach pending review often.
  const publisher = fc.oneof(
    { weight: own.length * 3, arbitrary: fc.constantFrom(...own, publishers[0]) },
    { weight: 1, arbitrary: fc.constantFrom(...publishers) },
  );
  const approve = scripted('review', center[0], { decision: 'approved' });
  const [q1, q2] = [solvers[0], solvers[1]];
  const judge = (type: 'accept' | 'request_rework', who: { id: string }) =>
    scripted(type, center[0], {
      claimantId: who.id,
      ...(type === 'request_rework' && { reasons: [{ code: 'incomplete' }] }),
    });
  const opening = [
    [scripted('publish', center[0])],
    [scripted('claim', q1), scripted('claim', q2), scripted('start', q1)],
    [scripted('submit', q1, { evidence: [] })],
  ];
  // Three ways deeper: both slots through rework to acceptance; one slot accepted
  // while the other still works; one slot handed in while the other is sent back.
  const endings = [
    [
      [judge('request_rework', q1)],
      [scripted('submit', q2, { evidence: [] }), scripted('submit', q1, { evidence: [] })],
      [approve, judge('accept', q1)],
      [judge('accept', q2)],
    ],
    [[approve, judge('accept', q1)]],
    [[scripted('submit', q2, { evidence: [] })], [approve, judge('request_rework', q2)]],
  ];
  return fc
    .tuple(publisher, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 6 }))
    .map(([publisher, ending, depth]) => {
      const steps = [...opening, ...(endings[ending] ?? [])].map((group) =>
        group.map((step) => (step.type === 'publish' ? { ...step, actor: publisher } : step)),
      );
      return steps.slice(0, depth + 1).flat();
    });
}

/**
 * A random walk: first the `prefix`, then `length` commands each drawn for the state
 * the walk is in, each instant a random gap after the last.
 */
export function walk<TSnapshot extends { state: TaskState }>(
  g: fc.GeneratorValue,
  start: TSnapshot,
  prefix: TaskCommand[],
  length: number,
  apply: (snapshot: TSnapshot, command: TaskCommand) => TSnapshot,
): TSnapshot {
  let snapshot = prefix.reduce(apply, start);
  let minutes = 0;
  for (let i = 0; i < length; i += 1) {
    minutes += g(() => gapArb);
    snapshot = apply(snapshot, { ...g(() => taskCommandIn(snapshot.state)), at: at(minutes) });
  }
  return snapshot;
}

/** A circle's lifecycle configuration, with short leases so timers fire often. */
export const configArb: fc.Arbitrary<LifecycleConfigInput> = fc.record({
  model: fc.constantFrom('basic', 'extended'),
  review: fc.constantFrom('pre_review', 'post_review'),
  allowSelfClaim: fc.boolean(),
  leaseMinutes: fc.integer({ min: 30, max: 600 }),
  maxLeaseExtensions: fc.integer({ min: 0, max: 3 }),
  leaseWarningMinutes: fc.integer({ min: 0, max: 29 }),
  ratingWindowHours: fc.integer({ min: 0, max: 48 }),
});

/** A task to start from: publisher, slots, deadline and service level vary. */
export const taskArb = fc
  .record({
    publisherId: fc.constantFrom('cmd', 'off', 'res', 'q1'),
    slots: fc.integer({ min: 1, max: 3 }),
    deadline: fc.option(fc.integer({ min: 0, max: 12 * 60 }).map(at), { nil: undefined, freq: 4 }),
    slaHours: fc.option(fc.integer({ min: 1, max: 72 }), { nil: undefined }),
  })
  .map((overrides) => taskInput(overrides));

/** A task and the scripted prefix a walk over it starts with. */
export const taskStartArb: fc.Arbitrary<[TaskInput, TaskCommand[]]> = taskArb.chain((task) =>
  fc.tuple(fc.constant(task), prefixFor(task.publisherId)),
);

const reportCmd = <TType extends ReportCommand['type'], TExtra extends object>(
  type: TType,
  extra: fc.Arbitrary<TExtra> = fc.constant({} as TExtra),
): fc.Arbitrary<ReportCommand> =>
  fc
    .tuple(actorFor(publishers), instant, extra)
    .map(
      ([who, when, more]) => ({ type, actor: who, at: when, ...more }) as unknown as ReportCommand,
    );

/** Any report command. */
export const reportCommandArb: fc.Arbitrary<ReportCommand> = fc.oneof(
  reportCmd('triage', fc.record({ priority: fc.integer({ min: 1, max: 5 }) })),
  reportCmd('convert', fc.record({ taskId: fc.constant('t1') })),
  reportCmd(
    'link',
    fc.record({
      duplicateOf: fc.record({
        kind: fc.constantFrom('task', 'report') as fc.Arbitrary<'task' | 'report'>,
        id: fc.constantFrom('rep1', 'rep2'),
      }),
    }),
  ),
  reportCmd(
    'dismiss',
    fc.record({
      verdict: fc.constantFrom('false', 'malicious', 'out_of_scope') as fc.Arbitrary<'false'>,
    }),
  ),
  reportCmd('forward', fc.record({ to: fc.constant('Water board') })),
  reportCmd('answer', fc.record({ answer: fc.constant('Thank you') })),
);

/** A report to start from. */
export const reportInput = (reporterId = 'res'): ReportInput => ({
  id: 'rep1',
  circleId: 'xinhua',
  reporterId,
  channel: 'mobile',
  text: 'Three shared bikes block the pavement',
  receivedAt: at(0),
});

/** Every `state:command->target` the definition allows, to measure what a walk covered. */
export function transitionKeys(definition: AnyLifecycleDefinition): Set<string> {
  const keys = new Set<string>();
  for (const [state, node] of Object.entries(definition.states))
    for (const [type, route] of Object.entries(
      node.on as Record<string, Route<string, unknown, unknown, unknown>>,
    ))
      for (const branch of route.branches)
        for (const target of [branch.target].flat()) keys.add(`${state}:${type}->${target}`);
  return keys;
}

/**
 * The branches a set of walks did not take. A branch whose target the slots decide
 * counts as taken when any of its targets was reached: some of its arrows (a release
 * that settles the last open slot as accepted) need rare multi-slot histories.
 */
export function untakenBranches(
  definition: AnyLifecycleDefinition,
  covered: Set<string>,
): string[] {
  const untaken: string[] = [];
  for (const [state, node] of Object.entries(definition.states))
    for (const [type, route] of Object.entries(
      node.on as Record<string, Route<string, unknown, unknown, unknown>>,
    ))
      for (const branch of route.branches) {
        const keys = [branch.target].flat().map((target) => `${state}:${type}->${target}`);
        if (!keys.some((key) => covered.has(key))) untaken.push(keys.join(' | '));
      }
  return untaken;
}
