// Engine benchmarks: commands per second through the whole facade (validate,
// authorize, transition, append, project) on the in-memory store, PGlite and
// PostgreSQL, each against the in-memory store measured in the same run.
import {
  CircleSchema,
  createEvent,
  createManualClock,
  createSequentialIds,
  type DomainEvent,
  type EventStore,
  type Participant,
  type ParticipantInput,
  ParticipantSchema,
  type Position,
  parseInput,
  roleOf,
  type Task,
  TaskSchema,
} from '@quanzi/core';
import { createSeededRandom } from '@quanzi/core/prng';
import {
  type CommandInput,
  CommandSchema,
  createEngine,
  createMemoryEventStore,
  type Engine,
} from '@quanzi/engine';
import {
  createLifecycleConfig,
  evolveTask,
  initialTaskSnapshot,
  nextTaskDueAt,
  reduceTask,
  type TaskCommand,
  type TaskSnapshot,
} from '@quanzi/lifecycle';
import {
  createPgDriver,
  createPostgresEventStore,
  type PostgresEventStore,
} from '@quanzi/store-postgres';
// Internal: the engine's state, so the queue and the scan read the very same tasks.
import { createEngineState } from '../packages/engine/src/createEngineState';
import {
  circles,
  people,
  policy,
  registerPeople,
  start,
  xinhuaSpot,
} from '../packages/engine/test/engineFixtures';
import { withThrowawayPostgres } from '../scripts/testPostgres';
import type { BenchCase } from './BenchCase';
import { restartOverLongLog } from './restartBench';
import { inTurns, throughput } from './throughput';

/** An engine on `store` with the fixtures' participants registered (store.bench.ts uses it too). */
export async function benchEngine(
  store: EventStore,
  clock = createManualClock(start),
): Promise<Engine> {
  const engine = await createEngine({ circles, policy, store, clock, ids: createSequentialIds() });
  await registerPeople(engine);
  return engine;
}

export const cycleLength = 9;

/**
 * One task's life plus the intake around it, 9 commands: a report (with duplicate
 * detection), create, publish, a claim, a refused second claim, start, submit with
 * evidence, accept, rate.
 */
function commandsOf(n: number) {
  const id = `t${n}`;
  const at: Position = [xinhuaSpot[0] - (n % 50) * 0.0001, xinhuaSpot[1] + (n % 7) * 0.0001];
  const location = { type: 'Point', coordinates: at };
  const commands = [
    {
      type: 'report.submit',
      actorId: 'r1',
      report: {
        channel: 'mobile',
        category: 'shared_bike_parking',
        text: `小区门口共享单车乱停 ${n}`,
        location,
      },
    },
    {
      type: 'task.create',
      actorId: 'cmd',
      task: {
        id,
        source: { kind: 'officer' },
        category: 'shared_bike_parking',
        title: 'Move the bikes',
        goal: 'Pavement clear',
        location,
      },
    },
    { type: 'task.publish', actorId: 'cmd', taskId: id },
    { type: 'task.claim', actorId: 'q1', taskId: id },
    { type: 'task.claim', actorId: 'q2', taskId: id },
    { type: 'task.start', actorId: 'q1', taskId: id },
    {
      type: 'task.submit',
      actorId: 'q1',
      taskId: id,
      evidence: [{ type: 'image', url: 'https://img.example/done.jpg' }],
    },
    { type: 'task.accept', actorId: 'cmd', taskId: id },
    { type: 'task.rate', actorId: 'cmd', taskId: id, participantId: 'q1', rating: 5 },
  ];
  return commands;
}

/** Runs {@link commandsOf} for the next task on `engine`, one command at a time. */
export function cycle(engine: Engine) {
  let n = 0;
  return async () => {
    n += 1;
    for (const [i, command] of commandsOf(n).entries())
      await engine.execute({ ...command, idempotencyKey: `t${n}:${i}` } as CommandInput);
  };
}

/** Commands/s on `store` and on the in-memory store, in one tinybench run. */
async function againstMemory(store: EventStore, details: Record<string, string | number>) {
  const memory = await benchEngine(createMemoryEventStore());
  const other = await benchEngine(store);
  const rates = await throughput({
    memory: { fn: cycle(memory), opsPerCall: cycleLength },
    other: { fn: cycle(other), opsPerCall: cycleLength },
  });
  return {
    value: rates.other,
    baseline: rates.memory,
    details: { ...details, commandsPerCycle: cycleLength },
  };
}

/**
 * Planning a tick over a long history: `dueTasks` reads the due queue, the baseline
 * scans every task the state holds, as ticks did before the queue.
 */
async function dueQueueVsScan() {
  const history = 3000;
  const clock = createManualClock(start);
  const store = createMemoryEventStore();
  const engine = await benchEngine(store, clock);
  const run = cycle(engine);
  // One accepted task a minute: their rating windows end a minute apart.
  for (let n = 0; n < history; n++) {
    await run();
    clock.advance(60_000);
  }
  const state = createEngineState({ lifecycleFor: () => createLifecycleConfig() });
  state.apply(await store.readAll());
  const windowMs = createLifecycleConfig().ratingWindowHours * 3_600_000;
  // Thirty windows have ended: one percent of the history is due.
  const now = new Date(Date.parse(start) + windowMs + 30 * 60_000).toISOString();
  const scan = () => {
    const nowMs = Date.parse(now);
    return [...state.tasks.values()].filter((record) => {
      const at = nextTaskDueAt(record.snapshot, record.lifecycle);
      return at !== null && Date.parse(at) <= nowMs;
    });
  };
  const due = state.dueTasks(now).length;
  if (due !== scan().length) throw new Error('queue and scan disagree');
  const rates = await throughput({ queue: { fn: () => state.dueTasks(now) }, scan: { fn: scan } });
  return { value: rates.queue, baseline: rates.scan, details: { tasks: state.tasks.size, due } };
}

/**
 * Mean `report.submit` latency (ms) with `open` reports already in the state: a city's
 * intake, a thousand reports a day, spread over 20 km and `open / 1000` days, none
 * triaged yet. The log is appended directly, then an engine starts over it.
 */
async function submitLatency(open: number): Promise<number> {
  const store = createMemoryEventStore();
  const clock = createManualClock(start);
  const perDay = 1000;
  const days = Math.ceil(open / perDay);
  const first = Date.parse(start) - days * 86_400_000;
  const random = createSeededRandom(open);
  const events = [];
  for (let i = 0; i < open; i++) {
    const at = new Date(first + Math.floor((i / open) * days * 86_400_000)).toISOString();
    const coordinates: Position = [
      xinhuaSpot[0] + (random.next() - 0.5) * 0.2,
      xinhuaSpot[1] + (random.next() - 0.5) * 0.2,
    ];
    const report = {
      id: `old${i}`,
      circleId: 'xinhua',
      reporterId: 'r1',
      channel: 'mobile',
      category: 'shared_bike_parking',
      text: `小区门口共享单车乱停 ${i % 97}`,
      media: [],
      location: { type: 'Point', coordinates },
      anonymous: false,
      receivedAt: at,
    };
    events.push(
      createEvent({
        id: `e-old${i}`,
        type: 'quanzi.report.received',
        time: at,
        subject: `report/old${i}`,
        circleId: 'xinhua',
        actor: 'r1',
        data: { report },
      }),
    );
  }
  for (let i = 0; i < events.length; i += 1000)
    await store.append({ circleId: 'xinhua', expectations: [], events: events.slice(i, i + 1000) });
  const engine = await benchEngine(store, clock);
  const submits = 300;
  const began = performance.now();
  for (let n = 0; n < submits; n++) {
    const near: Position = [xinhuaSpot[0] + (n % 13) * 0.0004, xinhuaSpot[1] + (n % 7) * 0.0004];
    await engine.execute({
      type: 'report.submit',
      idempotencyKey: `intake-${n}`,
      actorId: 'r1',
      report: {
        channel: 'mobile',
        category: 'shared_bike_parking',
        text: `小区门口共享单车乱停 ${n}`,
        location: { type: 'Point', coordinates: near },
      },
    });
  }
  return (performance.now() - began) / submits;
}

/**
 * How `report.submit` latency grows with the open reports of a city's history, as
 * the exponent b of latency ∝ open^b between 1k and 100k (0: flat, 1: linear).
 */
async function intakeGrowth() {
  const small = 1_000;
  const large = 100_000;
  // A warm-up run, so the first measurement does not pay for the JIT.
  await submitLatency(small);
  const atSmall = await submitLatency(small);
  const atLarge = await submitLatency(large);
  return {
    value: Math.log(atLarge / atSmall) / Math.log(large / small),
    details: { msAt1k: Number(atSmall.toFixed(3)), msAt100k: Number(atLarge.toFixed(3)) },
  };
}

/**
 * Mean `tick()` time (ms) in a circle of `population` registered volunteers, of whom
 * the same 50 earned a level by one accepted task each: with a one-day half-life their
 * levels decay during the hourly ticks measured, so there is work due at every size.
 */
async function tickTime(population: number): Promise<number> {
  const clock = createManualClock(start);
  const engine = await createEngine({
    circles,
    policy,
    clock,
    ids: createSequentialIds(),
    reputation: {
      halfLifeDays: 1,
      probation: { days: 0, minTasks: 0 },
      ladder: { thresholds: [{ metric: 'volume', promote: [1], demote: [0.5] }] },
    },
  });
  const home = { type: 'Point' as const, coordinates: xinhuaSpot };
  const register = (participant: ParticipantInput) =>
    engine.host.execute({
      type: 'participant.register',
      idempotencyKey: `reg-${participant.id}`,
      participant,
    });
  await register({
    id: 'cmd',
    circleId: 'xinhua',
    kind: 'command',
    displayName: 'Command',
    roles: ['command_center'],
  });
  for (let i = 0; i < population; i++)
    await register({
      id: `v${i}`,
      circleId: 'xinhua',
      kind: 'qualified',
      displayName: `V${i}`,
      home,
    });
  for (let i = 0; i < 50; i++) {
    const taskId = `w${i}`;
    const solver = `v${i * Math.floor(population / 50)}`;
    const steps = [
      {
        type: 'task.create',
        actorId: 'cmd',
        task: {
          id: taskId,
          source: { kind: 'officer' },
          category: 'shared_bike_parking',
          title: 'Move the bikes',
          goal: 'Pavement clear',
          location: home,
        },
      },
      { type: 'task.publish', actorId: 'cmd', taskId },
      { type: 'task.claim', actorId: solver, taskId },
      { type: 'task.start', actorId: solver, taskId },
      { type: 'task.submit', actorId: solver, taskId, evidence: [] },
      { type: 'task.accept', actorId: 'cmd', taskId },
    ];
    for (const [n, command] of steps.entries()) {
      const outcome = await engine.execute({
        ...command,
        idempotencyKey: `${taskId}:${n}`,
      } as CommandInput);
      if (outcome.status !== 'applied') throw new Error(`tick bench: ${JSON.stringify(outcome)}`);
    }
    clock.advance(60_000);
  }
  await engine.tick();
  const ticks = 200;
  let levelEvents = 0;
  const began = performance.now();
  for (let n = 0; n < ticks; n++) {
    clock.advance(3_600_000);
    const outcome = await engine.tick();
    if (outcome.status === 'applied')
      levelEvents += outcome.events.filter(
        (e) => e.type === 'quanzi.participant.level_changed',
      ).length;
  }
  const ms = (performance.now() - began) / ticks;
  if (levelEvents !== 50) throw new Error(`tick bench: ${levelEvents} decays, expected 50`);
  return ms;
}

/** How tick time grows with the participants of a circle: b of time ∝ participants^b, 1k to 10k. */
async function tickGrowth() {
  const small = 1_000;
  const large = 10_000;
  await tickTime(small);
  const atSmall = await tickTime(small);
  const atLarge = await tickTime(large);
  return {
    value: Math.log(atLarge / atSmall) / Math.log(large / small),
    details: { msAt1k: Number(atSmall.toFixed(4)), msAt10k: Number(atLarge.toFixed(4)) },
  };
}

const historyTasks = 10_000;

/**
 * An in-memory engine whose state already holds `historyTasks` published tasks from
 * the month before the measured commands, spread over Xinhua: the log is appended
 * directly, then the engine starts over it.
 */
export async function engineWithHistory(): Promise<Engine> {
  const store = createMemoryEventStore();
  const random = createSeededRandom(14);
  const monthAgo = Date.parse(start) - 30 * 86_400_000;
  const events = [];
  for (let i = 0; i < historyTasks; i++) {
    const at = new Date(monthAgo + Math.floor((i / historyTasks) * 25 * 86_400_000)).toISOString();
    const coordinates: Position = [116.39 + random.next() * 0.0099, 39.9 + random.next() * 0.0099];
    const task = parseInput(TaskSchema, {
      id: `old${i}`,
      circleId: 'xinhua',
      publisherId: 'cmd',
      source: { kind: 'officer' },
      category: 'shared_bike_parking',
      title: 'Move the bikes',
      goal: 'Pavement clear',
      location: { type: 'Point', coordinates },
      createdAt: at,
    });
    const base = { time: at, subject: `task/old${i}`, circleId: 'xinhua', actor: 'cmd' };
    events.push(
      createEvent({ ...base, id: `e-c${i}`, type: 'quanzi.task.created', data: { task } }),
      createEvent({
        ...base,
        id: `e-p${i}`,
        type: 'quanzi.task.published',
        data: { taskId: `old${i}`, approved: true },
      }),
    );
  }
  for (let i = 0; i < events.length; i += 1000)
    await store.append({ circleId: 'xinhua', expectations: [], events: events.slice(i, i + 1000) });
  const engine = await benchEngine(store);
  if (engine.getPrivilegedSnapshot().tasks.length < historyTasks)
    throw new Error('history tasks missing');
  return engine;
}

/**
 * The lean path the engine is compared with, on the same command mix: zod's parse of
 * each command (and of a new task), the policy's decision where the engine asks one,
 * the compiled lifecycle reducer, an append to a memory store and the projection
 * (`evolveTask`) of the appended events. No reputation, indexes, duplicates or
 * idempotency checks beyond the store's.
 */
export function kernelCycle() {
  const store = createMemoryEventStore();
  const circle = parseInput(CircleSchema, circles[0]);
  const config = createLifecycleConfig({ model: 'extended', review: 'pre_review' });
  const participants = new Map(
    people.map((input) => {
      const participant = parseInput(ParticipantSchema, input);
      return [participant.id, participant] as const;
    }),
  );
  const tasks = new Map<string, { snapshot: TaskSnapshot; version: number }>();
  const reports = new Map<string, unknown>();
  const now = start;
  let n = 0;
  const factsOf = (participant: Participant) => ({ participant, level: 0, tags: [] });
  const allowed = (
    action: 'publish' | 'claim' | 'verify',
    actorId: string,
    task: Task,
    snapshot: TaskSnapshot | undefined,
  ) => {
    const participant = participants.get(actorId) as Participant;
    const claimantIds = snapshot?.claims.map((claim) => claim.claimantId) ?? [];
    return policy.decide(
      action,
      factsOf(participant),
      { task, state: snapshot?.state ?? 'draft', claimantIds },
      { now, circle, ...(participant.home ? { position: participant.home.coordinates } : {}) },
    ).allowed;
  };
  async function append(
    subject: string,
    version: number,
    actor: string,
    key: string,
    types: ReadonlyArray<{ type: string; data: unknown }>,
  ) {
    const result = await store.append(
      {
        circleId: 'xinhua',
        expectations: [{ streamId: subject, expectedVersion: version }],
        idempotencyKey: key,
        events: types.map((event) =>
          createEvent({
            id: `${key}-${event.type}`,
            type: event.type,
            time: now,
            subject,
            circleId: 'xinhua',
            actor,
            data: event.data,
          }),
        ),
      },
      // Events it built from input it parsed, as the engine's: the store checks only the circle and the expectations.
      { validated: true },
    );
    if (result.status !== 'appended') throw new Error('kernel append');
    return result.events;
  }
  const taskObjects = new Map<string, Task>();
  async function run(input: unknown) {
    const command = parseInput(CommandSchema, input, { path: [] });
    const key = command.idempotencyKey;
    if (command.type === 'report.submit') {
      const id = `r${n}`;
      const report = {
        id,
        circleId: 'xinhua',
        reporterId: command.actorId,
        channel: command.report.channel,
        category: command.report.category,
        text: command.report.text,
        media: [],
        location: command.report.location,
        anonymous: false,
        receivedAt: now,
      };
      await append(`report/${id}`, 0, command.actorId, key, [
        { type: 'quanzi.report.received', data: { report } },
      ]);
      reports.set(id, report);
      return;
    }
    if (command.type === 'task.create') {
      const task = parseInput(TaskSchema, {
        ...command.task,
        circleId: 'xinhua',
        publisherId: command.actorId,
        createdAt: now,
      });
      if (!allowed('publish', command.actorId, task, undefined)) return;
      const stored = await append(`task/${task.id}`, 0, command.actorId, key, [
        { type: 'quanzi.task.created', data: { task } },
      ]);
      taskObjects.set(task.id, task);
      tasks.set(task.id, { snapshot: initialTaskSnapshot(task), version: stored.length });
      return;
    }
    if (!('taskId' in command)) throw new Error(`kernel: ${command.type}`);
    const task = taskObjects.get(command.taskId) as Task;
    const record = tasks.get(command.taskId) as { snapshot: TaskSnapshot; version: number };
    const actor = {
      id: command.actorId,
      role: roleOf(participants.get(command.actorId) as Participant),
    };
    const base = { actor, at: now };
    let lifecycle: TaskCommand;
    if (command.type === 'task.publish') lifecycle = { type: 'publish', ...base };
    else if (command.type === 'task.claim') {
      if (!allowed('claim', command.actorId, task, record.snapshot)) return;
      lifecycle = { type: 'claim', ...base };
    } else if (command.type === 'task.start') lifecycle = { type: 'start', ...base };
    else if (command.type === 'task.submit')
      lifecycle = { type: 'submit', ...base, evidence: command.evidence };
    else if (command.type === 'task.accept') {
      if (!allowed('verify', command.actorId, task, record.snapshot)) return;
      lifecycle = { type: 'accept', ...base, claimantId: 'q1' };
    } else if (command.type === 'task.rate')
      lifecycle = {
        type: 'rate',
        ...base,
        participantId: command.participantId,
        rating: command.rating,
      };
    else throw new Error(`kernel: ${command.type}`);
    const result = reduceTask(record.snapshot, lifecycle, config);
    if (!result.ok) return;
    const stored = await append(
      `task/${task.id}`,
      record.version,
      command.actorId,
      key,
      result.events,
    );
    let snapshot = record.snapshot;
    for (const event of stored)
      snapshot = evolveTask(snapshot, event as DomainEvent, event.time, config) ?? snapshot;
    tasks.set(task.id, { snapshot, version: record.version + stored.length });
  }
  return async () => {
    n += 1;
    for (const [i, command] of commandsOf(n).entries())
      await run({ ...command, idempotencyKey: `t${n}:${i}` });
  };
}

const cases: BenchCase[] = [
  {
    name: 'engine.intake_growth_exponent',
    unit: 'exponent of report.submit latency from 1k to 100k open reports',
    target: 0.1,
    lowerIsBetter: true,
    run: intakeGrowth,
  },
  {
    name: 'engine.tick_participants_growth_exponent',
    unit: 'exponent of tick() time from 1k to 10k participants',
    target: 0.2,
    lowerIsBetter: true,
    run: tickGrowth,
  },
  {
    name: 'engine.tick_due_queue_vs_scan',
    unit: 'tick plans/s',
    run: dueQueueVsScan,
  },
  {
    name: 'engine.commands_per_s.memory',
    unit: 'commands/s',
    target: 30_000,
    processes: 3,
    async run() {
      const engine = await engineWithHistory();
      const tasks = { memory: { fn: cycle(engine), opsPerCall: cycleLength } };
      const { rates, blocks } = await inTurns(tasks);
      return {
        value: rates.memory,
        details: {
          commandsPerCycle: cycleLength,
          tasksInStateBefore: historyTasks,
          rateByQuarter: blocks.map((r) => Math.round(r.memory)).join(' '),
        },
      };
    },
  },
  {
    name: 'engine.memory_vs_kernel',
    unit: 'commands/s (baseline: lean kernel path, same command mix)',
    target: 0.5,
    processes: 3,
    async run() {
      const engine = await engineWithHistory();
      const tasks = {
        engine: { fn: cycle(engine), opsPerCall: cycleLength },
        kernel: { fn: kernelCycle(), opsPerCall: cycleLength },
      };
      const { rates, blocks } = await inTurns(tasks);
      return {
        value: rates.engine,
        baseline: rates.kernel,
        details: {
          commandsPerCycle: cycleLength,
          tasksInStateBefore: historyTasks,
          ratioByQuarter: blocks.map((r) => (r.engine / r.kernel).toFixed(3)).join(' '),
        },
      };
    },
  },
  {
    name: 'engine.commands_per_s.pglite',
    unit: 'commands/s (baseline: memory store)',
    async run() {
      const store: PostgresEventStore = await createPostgresEventStore(); // embedded, in memory
      try {
        return await againstMemory(store, { store: 'PGlite in memory' });
      } finally {
        await store.close();
      }
    },
  },
  {
    name: 'engine.commands_per_s.postgres',
    unit: 'commands/s (baseline: memory store)',
    async run() {
      return withThrowawayPostgres(async (url) => {
        const store = await createPostgresEventStore({
          driver: createPgDriver({ connectionString: url, max: 1 }),
          schema: `bench_engine_${process.pid}`,
        });
        try {
          return await againstMemory(store, { store: 'PostgreSQL', connections: 1 });
        } finally {
          await store.driver.query(`DROP SCHEMA ${store.tables.schema} CASCADE`);
          await store.close();
        }
      });
    },
  },
  {
    name: 'engine.restart_1m_events',
    unit: 's to start an engine over a 1M-event PostgreSQL log from a snapshot',
    target: 5,
    lowerIsBetter: true,
    run: restartOverLongLog,
  },
];

export default cases;
