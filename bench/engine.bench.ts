// Engine benchmarks: commands per second through the whole facade (validate,
// authorize, transition, append, project) on the in-memory store, PGlite and
// PostgreSQL, each against the in-memory store measured in the same run.
import {
  createManualClock,
  createSequentialIds,
  type EventStore,
  type Position,
} from '@quanzi/core';
import { createEngine, createMemoryEventStore, type Engine } from '@quanzi/engine';
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

async function benchEngine(store: EventStore, clock = createManualClock(start)): Promise<Engine> {
  const engine = await createEngine({ circles, policy, store, clock, ids: createSequentialIds() });
  for (const participant of people)
    await engine.execute({
      type: 'participant.register',
      idempotencyKey: `reg-${participant.id}`,
      actorId: 'system',
      participant,
    });
  return engine;
}

const cycleLength = 9;

/**
 * One task's life plus the intake around it, 9 commands: a report (with duplicate
 * detection), create, publish, a claim, a refused second claim, start, submit with
 * evidence, accept, rate.
 */
function cycle(engine: Engine) {
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
      await engine.execute({ ...command, idempotencyKey: k(String(i)) });
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

const cases: BenchCase[] = [
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
