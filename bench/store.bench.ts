// PostgreSQL store benchmarks: appends on PGlite vs PostgreSQL, and contended claims
// on PostgreSQL with 8 connections vs 1. Uses DATABASE_URL, or boots a throwaway server.
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEvent, createManualClock, createSequentialIds, type NewEvent } from '@quanzi/core';
import { type CommandInput, createEngine } from '@quanzi/engine';
import {
  createPgDriver,
  createPostgresEventStore,
  type PostgresEventStore,
  type SqlExecutor,
} from '@quanzi/store-postgres';
import {
  circles,
  people,
  policy,
  registerPeople,
  start,
  volunteers,
  xinhuaSpot,
} from '../packages/engine/test/engineFixtures';
import { withThrowawayPostgres } from '../scripts/testPostgres';
import type { BenchCase } from './BenchCase';
import type { ClaimWorkerEnv, ClaimWorkerReport } from './claimContendedWorker';
import { benchEngine, cycle, cycleLength } from './engine.bench';
import { throughput } from './throughput';

const time = '2026-11-29T08:00:00Z';
const circleId = 'bench';

const schemaName = (label: string) => `bench_${label}_${process.pid}`;

function thing(n: number): NewEvent {
  return createEvent({
    id: `e${n}`,
    type: 'quanzi.bench.recorded',
    time,
    subject: `stream/${n % 100}`,
    circleId,
    actor: 'p1',
    data: { n, note: '小区门口共享单车' },
  });
}

function claimed(n: number, taskId: string, claimantId: string): NewEvent {
  return createEvent({
    id: `c${n}`,
    type: 'quanzi.task.claimed',
    time,
    subject: `task/${taskId}`,
    circleId,
    actor: claimantId,
    data: { taskId, claimantId, leaseUntil: '2026-11-29T10:00:00Z' },
  });
}

async function publishTasks(store: PostgresEventStore, count: number, slots: number) {
  const events = Array.from({ length: count }, (_, i) => [
    createEvent({
      id: `t${i}.created`,
      type: 'quanzi.task.created',
      time,
      subject: `task/t${i}`,
      circleId,
      actor: 'cmd',
      data: {
        task: {
          ...{ id: `t${i}`, circleId, publisherId: 'cmd', source: { kind: 'officer' } },
          ...{ category: 'patrol', title: `Task ${i}`, goal: 'Safe street', slots },
          ...{ steps: [], compliance: [], requiredQualifications: [], rewardPoints: 0 },
          ...{ reportIds: [], location: { type: 'Point', coordinates: [116.4, 39.9] } },
          createdAt: time,
        },
      },
    }),
    createEvent({
      id: `t${i}.published`,
      type: 'quanzi.task.published',
      time,
      subject: `task/t${i}`,
      circleId,
      actor: 'cmd',
      data: { taskId: `t${i}` },
    }),
  ]);
  await store.append({ circleId, expectations: [], events: events.flat() });
}

/** Claim attempts per second: `lanes` connections each walking every task, so each task is contended by all. */
async function claimRate(url: string, lanes: number, label: string): Promise<number> {
  const store = await createPostgresEventStore({
    driver: createPgDriver({ connectionString: url, max: lanes }),
    schema: schemaName(label),
  });
  const tasks = 150;
  await publishTasks(store, tasks, 3);
  let attempts = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let t = 0; t < tasks; t += 1)
        for (let c = 0; c < 8 / lanes; c += 1) {
          const who = `p${lane * (8 / lanes) + c}`;
          await store.append({
            circleId,
            expectations: [],
            events: [claimed(attempts, `t${t}`, who)],
            idempotencyKey: `${t}:${who}`,
          });
          attempts += 1;
        }
    }),
  );
  const rate = attempts / ((performance.now() - started) / 1000);
  await store.driver.query(`DROP SCHEMA ${store.tables.schema} CASCADE`);
  await store.close();
  return rate;
}

/** CPU ms a server process on this machine has used so far (Linux), or undefined. */
function processCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * CPU ms per operation of `fn` (which does `ops` operations on `driver`'s one
 * connection) in this process and in the server process serving it: where the time
 * goes, independently of what else runs on the machine.
 */
async function cpuPerCall(driver: SqlExecutor, ops: number, fn: () => Promise<unknown>) {
  const [row] = await driver.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const pid = row?.pid ?? 0;
  const calls = Math.ceil(1800 / ops);
  const server = processCpuMs(pid);
  const client = process.cpuUsage();
  for (let i = 0; i < calls; i += 1) await fn();
  const used = process.cpuUsage(client);
  const serverAfter = processCpuMs(pid);
  const per = (ms: number) => Number((ms / (calls * ops)).toFixed(3));
  return {
    client: per((used.user + used.system) / 1000),
    server:
      server === undefined || serverAfter === undefined ? undefined : per(serverAfter - server),
  };
}

/**
 * Engine commands/s on PostgreSQL (one connection, the engine bench's 9-command task
 * cycle) over the floor any append pays: one INSERT of an event row per command, in
 * autocommit, one round trip, on the same server and connection count.
 */
async function commandsVsOneStatement(url: string) {
  const store = await createPostgresEventStore({
    driver: createPgDriver({ connectionString: url, max: 1 }),
    schema: schemaName('engine'),
  });
  const bare = createPgDriver({ connectionString: url, max: 1 });
  const table = `${schemaName('bare')}.events`;
  await bare.exec(`CREATE SCHEMA ${schemaName('bare')};
    CREATE TABLE ${table} (circle_id text NOT NULL, position bigint GENERATED ALWAYS AS IDENTITY,
      stream_id text NOT NULL, type text NOT NULL, data json, PRIMARY KEY (circle_id, position))`);
  let n = 0;
  const insert = () =>
    bare.query(`INSERT INTO ${table} (circle_id, stream_id, type, data) VALUES ($1, $2, $3, $4)`, [
      circleId,
      `task/t${n % 100}`,
      'quanzi.task.claimed',
      JSON.stringify({ n: n++, note: '小区门口共享单车' }),
    ]);
  const engineCycle = cycle(await benchEngine(store));
  const rates = await throughput({
    engine: { fn: engineCycle, opsPerCall: cycleLength },
    oneStatement: { fn: insert },
  });
  const engineCpu = await cpuPerCall(store.driver, cycleLength, engineCycle);
  const bareCpu = await cpuPerCall(bare, 1, insert);
  await bare.exec(`DROP SCHEMA ${schemaName('bare')} CASCADE`);
  await bare.close();
  await store.driver.query(`DROP SCHEMA ${store.tables.schema} CASCADE`);
  await store.close();
  return {
    value: rates.engine,
    baseline: rates.oneStatement,
    details: {
      connections: 1,
      commandsPerCycle: cycleLength,
      baseline: 'one INSERT per command',
      engineClientCpuMs: engineCpu.client,
      engineServerCpuMs: engineCpu.server ?? 'server not on this machine',
      bareClientCpuMs: bareCpu.client,
      bareServerCpuMs: bareCpu.server ?? 'server not on this machine',
      // 8 volunteers at once, each claiming, starting and submitting its own tasks.
      ...(await poolRates(url)),
    },
  };
}

const claimProcesses = 8;
const contendedTasks = 150;
/** Tasks of the untimed round before: the engine's code runs warm, as in a server process. */
const warmupTasks = 150;

/** The claimants of the contended engine bench, one per process. */
const claimants = volunteers(claimProcesses);

/** An engine on a new PostgreSQL store with `tasks` one-slot tasks t0… published and the volunteers registered. */
async function engineWithTasks(url: string, schema: string, connections: number, tasks: number) {
  const store = await createPostgresEventStore({
    driver: createPgDriver({ connectionString: url, max: connections }),
    schema,
  });
  const engine = await createEngine({
    circles,
    policy,
    store,
    clock: createManualClock(start),
    ids: createSequentialIds('seed'),
  });
  await registerPeople(engine, [...people, ...claimants]);
  for (let t = 0; t < tasks; t += 1) {
    const task = {
      id: `t${t}`,
      source: { kind: 'officer' },
      category: 'shared_bike_parking',
      title: 'Move the bikes',
      goal: 'Pavement clear',
      location: { type: 'Point', coordinates: xinhuaSpot },
      slots: 1,
    };
    for (const command of [
      { type: 'task.create', actorId: 'cmd', task },
      { type: 'task.publish', actorId: 'cmd', taskId: task.id },
    ]) {
      const input = { ...command, idempotencyKey: `${command.type}-${t}` } as CommandInput;
      const outcome = await engine.execute(input);
      if (outcome.status !== 'applied') throw new Error(`seeding ${task.id}: ${outcome.status}`);
    }
  }
  return { store, engine };
}

/** Publishes the one-slot tasks both sides race for: through an engine, and as bare rows. */
async function seedContendedTasks(url: string, schema: string) {
  const tasks = warmupTasks + contendedTasks;
  const { store } = await engineWithTasks(url, schema, 1, tasks);
  await store.driver.exec(`CREATE TABLE ${schema}.bare_tasks (
      task_id text PRIMARY KEY, state text NOT NULL, claimant_id text);
    INSERT INTO ${schema}.bare_tasks (task_id, state)
      SELECT 't' || n, 'published' FROM generate_series(0, ${tasks - 1}) AS n`);
  return store;
}

/** Starts a round in every worker at once; resolves to their reports and the round's seconds. */
async function claimRound(children: ReadonlyArray<ChildProcess>, tasks: number, mode: string) {
  const started = performance.now();
  const reports = await Promise.all(
    children.map((child) => {
      const report = new Promise<ClaimWorkerReport>((resolve, reject) => {
        child.once('message', (message) => resolve(message as ClaimWorkerReport));
        child.once('exit', (code) => code !== 0 && reject(new Error(`worker exited ${code}`)));
      });
      child.send('start');
      return report;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const won = reports.reduce((sum, r) => sum + r.won, 0);
  // One slot per task: anything but one winner each would make the rate meaningless.
  if (won !== tasks) throw new Error(`${mode}: ${won} claims won of ${tasks}`);
  return { reports, seconds };
}

/**
 * Forks the claim processes; once their engines have loaded the log, they race through
 * an untimed warm-up round and then the timed one together. Returns the timed round's
 * attempts/s and client CPU per attempt.
 */
async function raceClaims(url: string, schema: string, mode: ClaimWorkerEnv['QUANZI_BENCH_MODE']) {
  const children = Array.from({ length: claimProcesses }, (_, worker) => {
    const env: ClaimWorkerEnv = {
      QUANZI_BENCH_URL: url,
      QUANZI_BENCH_SCHEMA: schema,
      QUANZI_BENCH_MODE: mode,
      QUANZI_BENCH_WORKER: String(worker),
      QUANZI_BENCH_WARMUP_TASKS: String(warmupTasks),
      QUANZI_BENCH_TASKS: String(contendedTasks),
    };
    return fork(join(import.meta.dirname, 'claimContendedWorker.ts'), {
      execArgv: ['--conditions=quanzi-source', '--import', 'tsx'],
      env: { ...process.env, ...env },
    });
  });
  // Engines load the log before they are ready: only the claims are timed.
  await Promise.all(
    children.map((child) => new Promise((resolve) => child.once('message', resolve))),
  );
  await claimRound(children, warmupTasks, mode);
  const { reports, seconds } = await claimRound(children, contendedTasks, mode);
  const attempts = reports.reduce((sum, r) => sum + r.attempts, 0);
  const cpuMs = reports.reduce((sum, r) => sum + r.cpuMs, 0);
  return { rate: attempts / seconds, clientCpuMsPerAttempt: Number((cpuMs / attempts).toFixed(3)) };
}

/**
 * Engine claim attempts/s from 8 processes (an engine each, on one shared PostgreSQL
 * store) over the bare conditional `UPDATE … WHERE state = 'published' RETURNING`
 * from 8 processes on the same server, each process trying every one-slot task.
 */
async function claimsContendedVsBare(url: string) {
  const schema = schemaName('contended_engine');
  const store = await seedContendedTasks(url, schema);
  try {
    const engine = await raceClaims(url, schema, 'engine');
    const bare = await raceClaims(url, schema, 'bare');
    return {
      value: engine.rate,
      baseline: bare.rate,
      details: {
        claimingProcesses: claimProcesses,
        tasks: contendedTasks,
        warmupTasks,
        slots: 1,
        engineClientCpuMsPerAttempt: engine.clientCpuMsPerAttempt,
        bareClientCpuMsPerAttempt: bare.clientCpuMsPerAttempt,
      },
    };
  } finally {
    await store.driver.query(`DROP SCHEMA ${schema} CASCADE`);
    await store.close();
  }
}

/**
 * Commands/s of one engine whose 8 volunteers each claim, start and submit their own
 * tasks at the same time (commands on different tasks run concurrently), on a
 * store pool of `connections`.
 */
async function laneRate(url: string, connections: number, round: number) {
  const perLane = 12;
  const schema = schemaName(`pool${connections}_${round}`);
  const { store, engine } = await engineWithTasks(url, schema, connections, 8 * perLane);
  const started = performance.now();
  await Promise.all(
    claimants.map(async ({ id: actorId }, lane) => {
      for (let t = lane * perLane; t < (lane + 1) * perLane; t += 1)
        for (const type of ['task.claim', 'task.start', 'task.submit'] as const) {
          const evidence = [{ type: 'image', url: 'https://img.example/done.jpg' }];
          const outcome = await engine.execute({
            type,
            actorId,
            taskId: `t${t}`,
            idempotencyKey: `${type}-${t}`,
            ...(type === 'task.submit' ? { evidence } : {}),
          } as CommandInput);
          if (outcome.status !== 'applied') throw new Error(`${type} t${t}: ${outcome.status}`);
        }
    }),
  );
  const rate = (8 * perLane * 3) / ((performance.now() - started) / 1000);
  await store.driver.query(`DROP SCHEMA ${schema} CASCADE`);
  await store.close();
  return Math.round(rate);
}

/** {@link laneRate} on pools of 8 and of 1, alternated twice (the later runs have a warmer JIT), best of each. */
async function poolRates(url: string) {
  const pool8: number[] = [];
  const pool1: number[] = [];
  for (let round = 0; round < 2; round += 1) {
    pool1.push(await laneRate(url, 1, round));
    pool8.push(await laneRate(url, 8, round));
  }
  return {
    concurrentCommandsPerSPool8: Math.max(...pool8),
    concurrentCommandsPerSPool1: Math.max(...pool1),
  };
}

/**
 * Reads of one circle (each asks `settled_position()` how far every append has ended)
 * per second over reads of the whole log's tail (which do not), while `holders`
 * connections of other clients sit in open transactions that have read the store's
 * partitioned tables: thousands of rows in `pg_locks`, none of them an append's.
 */
async function filteredReadsVsTailReads(url: string) {
  const holders = 150;
  const store = await createPostgresEventStore({
    driver: createPgDriver({ connectionString: url, max: 1 }),
    schema: schemaName('settled'),
  });
  await store.append({ circleId, expectations: [], events: [thing(0)] });
  const others = createPgDriver({ connectionString: url, max: holders });
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let open = 0;
  const transactions = Array.from({ length: holders }, () =>
    others.transaction(async (tx) => {
      for (const table of [store.tables.events, store.tables.taskView, store.tables.streams])
        await tx.query(`SELECT count(*) FROM ${table}`);
      open += 1;
      await released;
    }),
  );
  while (open < holders) await new Promise((resolve) => setTimeout(resolve, 10));
  const [locks] = await store.driver.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM pg_locks',
  );
  const rates = await throughput({
    filtered: { fn: () => store.readAll({ after: 0, circleId }) },
    tail: { fn: () => store.readAll({ after: 0 }) },
  });
  release();
  await Promise.all(transactions);
  await others.close();
  await store.driver.query(`DROP SCHEMA ${store.tables.schema} CASCADE`);
  await store.close();
  return {
    value: rates.filtered,
    baseline: rates.tail,
    details: { openTransactions: holders, locksHeld: locks?.n ?? 0 },
  };
}

const cases: BenchCase[] = [
  {
    name: 'store.appends_per_s.pglite_vs_postgres',
    unit: 'appends/s',
    async run() {
      return withThrowawayPostgres(async (url) => {
        const pglite = await createPostgresEventStore(); // embedded, in memory
        const postgres = await createPostgresEventStore({
          driver: createPgDriver({ connectionString: url, max: 1 }),
          schema: schemaName('appends'),
        });
        let n = 0;
        const append = (store: PostgresEventStore) => () =>
          store.append({ circleId, expectations: [], events: [thing(n++)] });
        const rates = await throughput({
          pglite: { fn: append(pglite) },
          postgres: { fn: append(postgres) },
        });
        await postgres.driver.query(`DROP SCHEMA ${postgres.tables.schema} CASCADE`);
        await Promise.all([postgres.close(), pglite.close()]);
        return { value: rates.pglite, baseline: rates.postgres, details: { connections: 1 } };
      });
    },
  },
  {
    name: 'store.claims_contended_per_s.postgres',
    unit: 'claim attempts/s',
    async run() {
      return withThrowawayPostgres(async (url) => {
        const contended = await claimRate(url, 8, 'contended');
        const single = await claimRate(url, 1, 'single');
        return {
          value: contended,
          baseline: single,
          details: { connections: 8, baselineConnections: 1, tasks: 150, slots: 3, claimants: 8 },
        };
      });
    },
  },
  {
    name: 'engine.commands_vs_one_statement.postgres',
    unit: 'commands/s (baseline: one-statement appends/s)',
    target: 0.5,
    // The machine is shared: three runs in fresh processes, the median kept, all three shown.
    processes: 3,
    run: () => withThrowawayPostgres(commandsVsOneStatement),
  },
  {
    name: 'engine.claims_contended_vs_bare.postgres',
    unit: 'claim attempts/s (baseline: bare conditional UPDATE attempts/s)',
    target: 0.4,
    processes: 3,
    run: () => withThrowawayPostgres(claimsContendedVsBare),
  },
  {
    name: 'store.filtered_reads_vs_tail_reads.postgres',
    unit: "reads/s (baseline: reads of the whole log's tail/s)",
    run: () => withThrowawayPostgres(filteredReadsVsTailReads),
  },
];

export default cases;
