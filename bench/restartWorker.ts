// A child process of engine.restart_1m_events: starts an engine over the PostgreSQL
// store (from its snapshot, or replaying the whole log, or replaying and then writing
// a snapshot, or from its snapshot and then writing the next one, as a running engine
// does periodically, or from its snapshot and then taking in an overturn of an early
// decision that another writer appended, or from its snapshot under an edited policy
// and lifecycle terms or other reputation options) and reports how long that took and
// the process's peak RSS.
import { createEvent, createManualClock, createSequentialIds } from '@quanzi/core';
import { createEngine } from '@quanzi/engine';
import { createPgDriver, createPostgresEventStore } from '@quanzi/store-postgres';
import { circles, editedTiers, policy, start } from '../packages/engine/test/engineFixtures';

/** What the parent passes in the environment. */
export interface RestartWorkerEnv {
  readonly QUANZI_BENCH_URL: string;
  readonly QUANZI_BENCH_SCHEMA: string;
  readonly QUANZI_BENCH_MODE:
    | 'snapshot'
    | 'replay'
    | 'write'
    | 'rewrite'
    | 'overturn'
    | 'edited'
    | 'reputation';
  /** In `reputation` mode, the new half-life (30 days when left out). */
  readonly QUANZI_BENCH_HALF_LIFE_DAYS?: string;
}

/** What the worker reports. */
export interface RestartWorkerReport {
  readonly seconds: number;
  /** CPU seconds of the start, which a busy machine does not inflate as it does wall time. */
  readonly cpuSeconds: number;
  readonly maxRssMB: number;
  /** RSS once started, before any snapshot is written. */
  readonly startedRssMB: number;
  /** After a start alone: the heap still in use after a full collection, what the engine holds. */
  readonly liveHeapMB: number;
  /** After an `overturn` start: seconds of the refresh that took the overturn in. */
  readonly overturnSeconds: number;
  readonly position: number;
  readonly tasks: number;
}

const env = process.env as unknown as RestartWorkerEnv;
const store = await createPostgresEventStore({
  driver: createPgDriver({ connectionString: env.QUANZI_BENCH_URL, max: 1 }),
  schema: env.QUANZI_BENCH_SCHEMA,
});
const began = performance.now();
const cpuBefore = process.cpuUsage();
const edited = env.QUANZI_BENCH_MODE === 'edited';
const engine = await createEngine({
  // A municipality's new tiers and ranking, and new lifecycle terms (a review mode, a
  // lease): every record kept the terms its event recorded, so the snapshot holds.
  circles: edited ? circles.map((circle) => ({ ...circle, review: 'post_review' })) : circles,
  policy: edited ? editedTiers : policy,
  ...(edited ? { lifecycle: { leaseMinutes: 120 } } : {}),
  // A municipality's new half-life: the records stand, reputation is folded again.
  ...(env.QUANZI_BENCH_MODE === 'reputation'
    ? { reputation: { halfLifeDays: Number(env.QUANZI_BENCH_HALF_LIFE_DAYS ?? 30) } }
    : {}),
  store,
  clock: createManualClock(start),
  ids: createSequentialIds('restart'),
  ...(env.QUANZI_BENCH_MODE === 'replay' ? {} : { snapshots: {} }),
});
const seconds = (performance.now() - began) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const startedRssMB = process.memoryUsage().rss / 1024 / 1024;
// After a start alone (the parent passes --expose-gc); a collection before a write
// would change what that write's peak measures.
const startOnly = env.QUANZI_BENCH_MODE === 'snapshot' || env.QUANZI_BENCH_MODE === 'replay';
if (startOnly) (globalThis as { gc?: () => void }).gc?.();
const liveHeapMB = startOnly ? process.memoryUsage().heapUsed / 1024 / 1024 : Number.NaN;
if (env.QUANZI_BENCH_MODE === 'write' || env.QUANZI_BENCH_MODE === 'rewrite')
  await engine.snapshot();
let overturnSeconds = Number.NaN;
if (env.QUANZI_BENCH_MODE === 'overturn') {
  // The log's first acceptance, overturned by an operator's tool: only a fold of
  // reputation from the start of the log takes it in.
  const [accepted] = await store.readAll({ types: ['quanzi.task.accepted'], limit: 1 });
  if (!accepted) throw new Error('no acceptance in the log');
  await store.append({
    circleId: accepted.circleid,
    expectations: [],
    events: [
      createEvent({
        id: `bench-overturn-${process.pid}`,
        type: 'quanzi.decision.overturned',
        time: accepted.time,
        subject: `participant/${accepted.actor}`,
        circleId: accepted.circleid,
        actor: accepted.actor,
        data: { targetEventId: accepted.id, reason: 'Audit' },
      }),
    ],
  });
  const before = performance.now();
  await engine.refresh();
  overturnSeconds = (performance.now() - before) / 1000;
}
const snapshot = engine.getPrivilegedSnapshot();
const report: RestartWorkerReport = {
  seconds,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  // maxRSS is in kilobytes.
  maxRssMB: process.resourceUsage().maxRSS / 1024,
  startedRssMB,
  liveHeapMB,
  overturnSeconds,
  position: snapshot.position,
  tasks: snapshot.tasks.length,
};
process.send?.(report);
await store.close();
