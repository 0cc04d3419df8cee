// Engine benchmarks: commands per second through the whole facade (validate,
// authorize, transition, append, project) on the in-memory store, PGlite and
// PostgreSQL, each against the in-memory store measured in the same run.
import {
  createEvent,
  createManualClock,
  createSeededRandom,
  createSequentialIds,
  type EventStore,
  type ParticipantInput,
  type Position,
} from '@quanzi/core';
import {
  type CommandInput,
  createEngine,
  createMemoryEventStore,
  type Engine,
} from '@quanzi/engine';
import { createLifecycleConfig, nextTaskDueAt } from '@quanzi/lifecycle';
import {
  createPgDriver,
  createPostgresEventStore,
  type PostgresEventStore,
} from '@quanzi/store-postgres';
// Internal: the engine's state, so the queue and the scan read the very same tasks.
import { createEngineState } from '../packages/engine/src/createEngineState';
import { circles, people, policy, start, xinhuaSpot } from '../packages/engine/test/engineFixtures';
import { withThrowawayPostgres } from '../scripts/testPostgres';
import type { BenchCase } from './BenchCase';
import { throughput } from './throughput';

/** An engine on `store` with the fixtures' participants registered; store.bench.ts uses it too. */
export async function benchEngine(
  store: EventStore,
  clock = createManualClock(start),
): Promise<Engine> {
  const engine = await createEngine({ circles, policy, store, clock, ids: createSequentialIds() });
  for (const participant of people)
    await engine.host.execute({
      type: 'participant.register',
      idempotencyKey: `reg-${participant.id}`,
      participant,
    });
  return engine;
}

export const cycleLength = 9;

/**
 * One task's life plus the intake around it, 9 commands: a report (with duplicate
 * detection), create, publish, a claim, a refused second claim, start, submit with
 * evidence, accept, rate.
 */
export function cycle(engine: Engine) {
  let n = 0;
  return async () => {
    n += 1;
    const id = `t${n}`;
    const k = (step: string) => `${id}:${step}`;
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
    for (const [i, command] of commands.entries())
      await engine.execute({ ...command, idempotencyKey: k(String(i)) } as CommandInput);
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
    async run() {
      const engine = await benchEngine(createMemoryEventStore());
      const rates = await throughput({ memory: { fn: cycle(engine), opsPerCall: cycleLength } });
      return { value: rates.memory, details: { commandsPerCycle: cycleLength } };
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
];

export default cases;
