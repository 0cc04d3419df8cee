// PostgreSQL store benchmarks: appends on PGlite vs PostgreSQL, and contended claims
// on PostgreSQL with 8 connections vs 1. Uses DATABASE_URL, or boots a throwaway server.
import { createEvent, type NewEvent } from '@quanzi/core';
import {
  createPgDriver,
  createPostgresEventStore,
  type PostgresEventStore,
} from '@quanzi/store-postgres';
import { withThrowawayPostgres } from '../scripts/testPostgres';
import type { BenchCase } from './BenchCase';
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
  const rates = await throughput({
    engine: { fn: cycle(await benchEngine(store)), opsPerCall: cycleLength },
    oneStatement: {
      fn: () =>
        bare.query(
          `INSERT INTO ${table} (circle_id, stream_id, type, data) VALUES ($1, $2, $3, $4)`,
          [
            circleId,
            `task/t${n % 100}`,
            'quanzi.task.claimed',
            JSON.stringify({ n: n++, note: '小区门口共享单车' }),
          ],
        ),
    },
  });
  await bare.exec(`DROP SCHEMA ${schemaName('bare')} CASCADE`);
  await bare.close();
  await store.driver.query(`DROP SCHEMA ${store.tables.schema} CASCADE`);
  await store.close();
  return {
    value: rates.engine,
    baseline: rates.oneStatement,
    details: { connections: 1, commandsPerCycle: cycleLength, baseline: 'one INSERT per command' },
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
    run: () => withThrowawayPostgres(commandsVsOneStatement),
  },
];

export default cases;
